/**
 * The journey panel: everything the canvas does with a blueprint, as forms, so the keyboard (and a
 * screen reader) can do it too: start a blueprint (blank, a sample, or an imported template), name and
 * order its stages and lanes, add, edit and move cards, add personas and set their emotion per stage,
 * and save the journey as a template file.
 * @module
 */
import {
	CHANNELS,
	EMOTIONS,
	LANE_KINDS,
	SAMPLE_IDS,
	cellOf,
	extractServiceDesign,
	isCardKind,
	isChannel,
	isEmotion,
	isLaneKind,
	parseTemplate,
	sampleTemplate,
	templateOf,
	type BlueprintShape,
	type CardKind,
	type Channel,
	type LaneKind,
	type SampleId,
	MAX_TEXT,
} from '@cyd/model'
import { useState } from 'react'
import { useValue, type Editor, type TLShapeId } from 'tldraw'
import { useI18n } from '../i18n/I18n'
import type { Say } from '../i18n/say'
import type { RoomApi } from '../api'
import { CommitInput, Field } from '../forms'
import { ActorOptions, CardKindOptions, LaneOptions, StageOptions, useNewCardKind } from '../options'
import { ProposeButton } from '../OutcomePanel'
import { stakeholdersOnPage } from '../stakeholders/actions'
import { savePicture } from '../picture'
import { mayChangeStructureHere } from '../structure'
import { isolateKeys, useNarrowScreen } from '../WorkshopUi'
import {
	addBlueprint,
	addCard,
	addLane,
	addPersona,
	addStage,
	blueprintOf,
	blueprintsOnPage,
	cardsIn,
	deleteShape,
	isCard,
	isPersona,
	moveCard,
	moveGridItem,
	removeGridItem,
	renameItem,
	setEmotion,
	setLaneKind,
	setTitle,
	updateCard,
	updatePersona,
} from './actions'

type Start = 'blank' | SampleId

export function JourneyPanel({ editor, readOnly, api, onClose }: { editor: Editor; readOnly: boolean; api?: RoomApi; onClose(): void }) {
	const { t, language } = useI18n()
	// Kept as messages and said in the language chosen when shown.
	const [notice, setNotice] = useState<Say | null>(null)
	const [error, setError] = useState<Say | null>(null)
	const [startFrom, setStart] = useState<Start>('blank')
	// The title, stages and lanes are the board's structure: the facilitator's unless opened to everyone.
	const structureLocked = !useValue('cyd.mayChangeStructure', () => mayChangeStructureHere(editor), [editor])
	const narrow = useNarrowScreen()
	const [chosen, setChosen] = useState<TLShapeId | null>(null)
	const selectedId = useValue('cyd.journeySelection', () => editor.getOnlySelectedShapeId(), [editor])
	const blueprints = useValue('cyd.blueprints', () => blueprintsOnPage(editor), [editor])
	// The blueprint of what is selected on the canvas, else the one picked here, else the first.
	const selectedBlueprint = useValue('cyd.selectedBlueprint', () => (selectedId ? blueprintOf(editor, editor.getShape(selectedId)) : undefined), [editor, selectedId])
	const blueprint = selectedBlueprint ?? blueprints.find((b) => b.id === chosen) ?? blueprints[0]
	const say = (message: Say) => {
		setError(null)
		setNotice(() => message)
	}

	const labels = {
		title: t('journey.newTitle'),
		stage: (n: number) => t('journey.stageN', { n }),
		lane: (kind: LaneKind) => t(`journey.lane.${kind}`),
	}
	const onAdd = () => {
		const id = addBlueprint(editor, startFrom === 'blank' ? labels : sampleTemplate(startFrom, language))
		setChosen(id)
		say((t) => t('journey.added'))
	}
	const onImport = async (file: File | undefined) => {
		if (!file) return
		let parsed: unknown
		try {
			parsed = JSON.parse(await file.text())
		} catch {
			parsed = undefined
		}
		const result = parseTemplate(parsed)
		if (!result.ok) {
			const reason = parsed === undefined ? null : result.error
			setNotice(null)
			const failed: Say = (t) => t('journey.importFailed', { reason: reason ?? t('journey.notJson') })
			setError(() => failed)
			return
		}
		setChosen(addBlueprint(editor, result.template))
		say((t) => t('journey.imported'))
	}
	const onSave = () => {
		if (!blueprint) return
		const journey = extractServiceDesign(editor.store.allRecords()).journeys.find((j) => j.id === blueprint.id)
		if (!journey) return
		const blob = new Blob([JSON.stringify(templateOf(journey), null, 2)], { type: 'application/json' })
		const a = document.createElement('a')
		a.href = URL.createObjectURL(blob)
		a.download = `${(journey.title || 'journey').replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}.cyd-journey.json`
		a.click()
		URL.revokeObjectURL(a.href)
		say((t) => t('journey.saved'))
	}

	const start = (open: boolean) => (
		<details open={open}>
			<summary>{t('journey.start')}</summary>
			{!blueprint && <p>{t('journey.none')}</p>}
			<Field label={t('journey.startFrom')}>
				{(id) => (
					<select id={id} value={startFrom} onChange={(e) => setStart(e.currentTarget.value as Start)}>
						<option value="blank">{t('journey.start.blank')}</option>
						{SAMPLE_IDS.map((s) => (
							<option key={s} value={s}>
								{t(`journey.start.${s}`)}
							</option>
						))}
					</select>
				)}
			</Field>
			<div className="button-row">
				<button type="button" className="button" disabled={readOnly} onClick={onAdd}>
					{t('journey.add')}
				</button>
			</div>
			<Field label={t('journey.import')}>
				{(id) => <input id={id} type="file" accept="application/json,.json" disabled={readOnly} onChange={(e) => void onImport(e.currentTarget.files?.[0])} />}
			</Field>
		</details>
	)

	// What most people do comes first (cards, personas); the blueprint's own structure after it.
	return (
		<aside id="journey-panel" className="panel" aria-labelledby="journey-heading" {...isolateKeys}>
			<div className="panel-head">
				<h2 id="journey-heading">{t('journey.heading')}</h2>
				<button type="button" className="button small" onClick={onClose} aria-label={t('journey.close')}>
					×
				</button>
			</div>
			<p role="alert" className="error">
				{error?.(t)}
			</p>
			<p role="status" className="hint" data-testid="journey-status">
				{notice?.(t)}
			</p>
			{readOnly && <p className="hint">{t('journey.viewOnly')}</p>}

			{blueprint ? (
				<>
					{blueprints.length > 1 && (
						<Field label={t('journey.which')}>
							{(id) => (
								<select
									id={id}
									value={blueprint.id}
									onChange={(e) => {
										const next = e.currentTarget.value as TLShapeId
										setChosen(next)
										editor.select(next)
									}}
								>
									{blueprints.map((b) => (
										<option key={b.id} value={b.id}>
											{b.props.title || t('journey.untitled')}
										</option>
									))}
								</select>
							)}
						</Field>
					)}
					<CardForm editor={editor} blueprint={blueprint} selectedId={selectedId} readOnly={readOnly} api={api} onNotice={say} />
					<Personas editor={editor} blueprint={blueprint} readOnly={readOnly} onNotice={say} open={!narrow} />
					{structureLocked && !readOnly && <p className="hint">{t('journey.structureLocked')}</p>}
					<details open={!narrow}>
						<summary>{t('journey.which')}</summary>
						<Field label={t('journey.title')}>
							{(id) => <CommitInput key={blueprint.id} id={id} value={blueprint.props.title} disabled={readOnly || structureLocked} onCommit={(title) => setTitle(editor, blueprint.id, title)} />}
						</Field>
						<div className="button-row">
							<button type="button" className="button small" onClick={onSave}>
								{t('journey.save')}
							</button>
							{(['svg', 'png'] as const).map((format) => (
								<button
									key={format}
									type="button"
									className="button small"
									onClick={() => void savePicture(editor, [blueprint.id], format, blueprint.props.title || t('journey.untitled')).then(() => say((t) => t('picture.saved')))}
								>
									{t(`picture.${format}`)}
								</button>
							))}
						</div>
					</details>
					<GridList editor={editor} blueprint={blueprint} axis="stages" readOnly={readOnly || structureLocked} open={!narrow && !structureLocked} />
					<GridList editor={editor} blueprint={blueprint} axis="lanes" readOnly={readOnly || structureLocked} open={!narrow && !structureLocked} />
					{start(false)}
				</>
			) : (
				start(true)
			)}
		</aside>
	)
}

function GridList({ editor, blueprint, axis, readOnly, open }: { editor: Editor; blueprint: BlueprintShape; axis: 'stages' | 'lanes'; readOnly: boolean; open: boolean }) {
	const { t } = useI18n()
	const items = blueprint.props[axis]
	const isStages = axis === 'stages'
	const remove = (id: string, name: string) => {
		const count = cardsIn(editor, blueprint.id, axis, id).length
		if (count > 0 && !window.confirm(t('journey.confirmRemove', { name, count }))) return
		removeGridItem(editor, blueprint.id, axis, id)
	}
	return (
		<details open={open}>
			<summary>{t(isStages ? 'journey.stages' : 'journey.lanes')}</summary>
			<ol className="grid-list">
				{items.map((item, i) => {
					const name = item.name || t(isStages ? 'journey.stageN' : 'journey.laneN', { n: i + 1 })
					const lane = isStages ? null : blueprint.props.lanes[i]!
					return (
						<li key={item.id} className="grid-item">
							<CommitInput
								aria-label={t(isStages ? 'journey.stageName' : 'journey.laneName', { n: i + 1 })}
								value={item.name}
								disabled={readOnly}
								onCommit={(value) => renameItem(editor, blueprint.id, axis, item.id, value)}
							/>
							{lane && (
								<select
									aria-label={t('journey.laneKindOf', { n: i + 1 })}
									value={lane.kind}
									disabled={readOnly}
									onChange={(e) => isLaneKind(e.currentTarget.value) && setLaneKind(editor, blueprint.id, lane.id, e.currentTarget.value)}
								>
									{LANE_KINDS.map((k) => (
										<option key={k} value={k}>
											{t(`journey.laneKind.${k}`)}
										</option>
									))}
								</select>
							)}
							<span className="grid-item-buttons">
								<button
									type="button"
									className="button small"
									disabled={readOnly || i === 0}
									aria-label={t(isStages ? 'journey.earlier' : 'journey.up', { name })}
									onClick={() => moveGridItem(editor, blueprint.id, axis, item.id, -1)}
								>
									{isStages ? '←' : '↑'}
								</button>
								<button
									type="button"
									className="button small"
									disabled={readOnly || i === items.length - 1}
									aria-label={t(isStages ? 'journey.later' : 'journey.down', { name })}
									onClick={() => moveGridItem(editor, blueprint.id, axis, item.id, 1)}
								>
									{isStages ? '→' : '↓'}
								</button>
								<button type="button" className="button small" disabled={readOnly || items.length <= 1} aria-label={t('journey.remove', { name })} onClick={() => remove(item.id, name)}>
									×
								</button>
							</span>
						</li>
					)
				})}
			</ol>
			<div className="button-row">
				<button
					type="button"
					className="button small"
					disabled={readOnly}
					onClick={() =>
						isStages ? addStage(editor, blueprint.id, t('journey.stageN', { n: items.length + 1 })) : addLane(editor, blueprint.id, t('journey.newLane'), 'other')
					}
				>
					{t(isStages ? 'journey.addStage' : 'journey.addLane')}
				</button>
			</div>
		</details>
	)
}

const NEW = 'new'

function CardForm({
	editor,
	blueprint,
	selectedId,
	readOnly,
	api,
	onNotice,
}: {
	editor: Editor
	blueprint: BlueprintShape
	selectedId: TLShapeId | null
	readOnly: boolean
	api?: RoomApi
	onNotice(message: Say): void
}) {
	const { t } = useI18n()
	const narrow = useNarrowScreen()
	const { stages, lanes } = blueprint.props
	const cards = useValue(
		'cyd.journeyCards',
		() =>
			editor
				.getSortedChildIdsForParent(blueprint.id)
				.map((id) => editor.getShape(id))
				.filter(isCard),
		[editor, blueprint.id]
	)
	const selected = cards.find((c) => c.id === selectedId)
	const stakeholders = useValue('cyd.journeyActors', () => stakeholdersOnPage(editor), [editor])
	const [draft, setDraft] = useState<{ stage: string; lane: string; kind: CardKind | ''; channel: Channel; text: string; actor: string }>({
		stage: stages[0]?.id ?? '',
		lane: lanes[0]?.id ?? '',
		kind: '',
		channel: 'other',
		text: '',
		actor: '',
	})
	const nameOf = (list: ReadonlyArray<{ id: string; name: string }>, id: string) => list.find((x) => x.id === id)?.name ?? ''
	const labelOf = (stage: string, lane: string, text: string) =>
		t('journey.cardLabel', { stage: nameOf(stages, stage), lane: nameOf(lanes, lane), text: text.slice(0, 40) || t('journey.emptyCard') })
	// The form shows the selected card's cell (as displayed) and fields, or the draft of a new one.
	const cell = selected ? cellOf(blueprint.props, selected.props) : null
	const stage = cell?.stage ?? (stages.some((s) => s.id === draft.stage) ? draft.stage : (stages[0]?.id ?? ''))
	const lane = cell?.lane ?? (lanes.some((l) => l.id === draft.lane) ? draft.lane : (lanes[0]?.id ?? ''))
	const newKind = useNewCardKind(lanes.find((l) => l.id === lane)?.kind ?? 'other')
	const kind = selected?.props.kind ?? (draft.kind || newKind)
	const channel = selected?.props.channel ?? draft.channel

	const setCell = (next: { stage: string; lane: string }) => {
		if (!selected) return setDraft((d) => ({ ...d, ...next }))
		moveCard(editor, selected.id, next)
		const movedTo = { stage: nameOf(stages, next.stage), lane: nameOf(lanes, next.lane) }
		onNotice((t) => t('journey.cardMoved', movedTo))
	}
	const onAdd = () => {
		const id = addCard(editor, blueprint.id, { stage, lane, kind, channel, text: draft.text, actor: draft.actor })
		if (!id) return
		setDraft((d) => ({ ...d, text: '', actor: '' }))
		const addedTo = { stage: nameOf(stages, stage), lane: nameOf(lanes, lane) }
		onNotice((t) => t('journey.cardAdded', addedTo))
	}

	// Which card, its words and its cell first, then the button: adding a card is the common task. On a
	// phone the rest (kind, channel, who acts) folds away, so the button is in sight; the order is the same.
	const more = (
		<>
			<div className="field-pair">
				<Field label={t('journey.kind')}>
					{(id) => (
						<select
							id={id}
							value={kind}
							disabled={readOnly}
							onChange={(e) => {
								const value = e.currentTarget.value
								if (!isCardKind(value)) return
								if (selected) updateCard(editor, selected.id, { kind: value })
								else setDraft((d) => ({ ...d, kind: value }))
							}}
						>
							<CardKindOptions current={selected?.props.kind} />
						</select>
					)}
				</Field>
				<Field label={t('journey.channel')}>
					{(id) => (
						<select
							id={id}
							value={channel}
							disabled={readOnly}
							onChange={(e) => {
								const value = e.currentTarget.value
								if (!isChannel(value)) return
								if (selected) updateCard(editor, selected.id, { channel: value })
								else setDraft((d) => ({ ...d, channel: value }))
							}}
						>
							{CHANNELS.map((c) => (
								<option key={c} value={c}>
									{t(`journey.channel.${c}`)}
								</option>
							))}
						</select>
					)}
				</Field>
			</div>
			<Field label={t('journey.actor')}>
				{(id) => (
					<select
						id={id}
						value={selected ? (stakeholders.some((x) => x.id === selected.props.actor) ? selected.props.actor : '') : draft.actor}
						disabled={readOnly}
						onChange={(e) => {
							const actor = e.currentTarget.value
							if (selected) updateCard(editor, selected.id, { actor })
							else setDraft((d) => ({ ...d, actor }))
						}}
					>
						<ActorOptions stakeholders={stakeholders.map((x) => ({ id: x.id, name: x.props.name }))} />
					</select>
				)}
			</Field>
		</>
	)
	return (
		<details open>
			<summary>{t('journey.cards')}</summary>
			<Field label={t('journey.card')}>
				{(id) => (
					<select
						id={id}
						data-testid="journey-card-select"
						value={selected?.id ?? NEW}
						onChange={(e) => {
							const value = e.currentTarget.value
							if (value === NEW) editor.selectNone()
							else editor.select(value as TLShapeId)
						}}
					>
						<option value={NEW}>{t('journey.newCard')}</option>
						{cards.map((c) => (
							<option key={c.id} value={c.id}>
								{labelOf(c.props.stage, c.props.lane, c.props.text)}
							</option>
						))}
					</select>
				)}
			</Field>
			<Field label={t('journey.text')}>
				{(id) =>
					selected ? (
						<CommitInput key={selected.id} id={id} multiline value={selected.props.text} disabled={readOnly} onCommit={(text) => updateCard(editor, selected.id, { text })} />
					) : (
						<textarea id={id} rows={3} maxLength={MAX_TEXT} value={draft.text} disabled={readOnly} onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })} />
					)
				}
			</Field>
			<div className="field-pair">
				<Field label={t('journey.stage')}>
					{(id) => (
						<select id={id} value={stage} disabled={readOnly} onChange={(e) => setCell({ stage: e.currentTarget.value, lane })}>
							<StageOptions stages={stages} />
						</select>
					)}
				</Field>
				<Field label={t('journey.lane')}>
					{(id) => (
						<select id={id} value={lane} disabled={readOnly} onChange={(e) => setCell({ stage, lane: e.currentTarget.value })}>
							<LaneOptions lanes={lanes} />
						</select>
					)}
				</Field>
			</div>
			{narrow ? (
				<details className="card-more">
					<summary>{t('journey.cardMore')}</summary>
					{more}
				</details>
			) : (
				more
			)}
			<div className="button-row">
				{selected ? (
					<>
						<button type="button" className="button small" disabled={readOnly} onClick={() => deleteShape(editor, selected.id)}>
							{t('journey.deleteCard')}
						</button>
						<ProposeButton api={api} item={selected.id} />
					</>
				) : (
					<button type="button" className="button" disabled={readOnly || !stage || !lane} onClick={onAdd}>
						{t('journey.addCard')}
					</button>
				)}
			</div>
		</details>
	)
}

function Personas({ editor, blueprint, readOnly, onNotice, open }: { editor: Editor; blueprint: BlueprintShape; readOnly: boolean; onNotice(message: Say): void; open: boolean }) {
	const { t } = useI18n()
	const personas = useValue(
		'cyd.journeyPersonas',
		() =>
			editor
				.getSortedChildIdsForParent(blueprint.id)
				.map((id) => editor.getShape(id))
				.filter(isPersona)
				.sort((a, b) => a.props.order - b.props.order),
		[editor, blueprint.id]
	)
	const [draft, setDraft] = useState({ name: '', story: '', needs: '' })
	return (
		<details open={open}>
			<summary>{t('journey.personas')}</summary>
			{personas.map((persona) => (
				<fieldset key={persona.id} className="persona-form">
					<legend>{persona.props.name || t('journey.persona')}</legend>
					<Field label={t('journey.personaName')}>
						{(id) => <CommitInput id={id} value={persona.props.name} disabled={readOnly} onCommit={(name) => updatePersona(editor, persona.id, { name })} />}
					</Field>
					<Field label={t('journey.story')}>
						{(id) => <CommitInput id={id} multiline value={persona.props.story} disabled={readOnly} onCommit={(story) => updatePersona(editor, persona.id, { story })} />}
					</Field>
					<Field label={t('journey.needsLabel')}>
						{(id) => <CommitInput id={id} multiline value={persona.props.needs} disabled={readOnly} onCommit={(needs) => updatePersona(editor, persona.id, { needs })} />}
					</Field>
					{blueprint.props.stages.map((stage, i) => (
						<Field key={stage.id} label={t('journey.emotionAt', { name: persona.props.name, stage: stage.name || t('journey.stageN', { n: i + 1 }) })}>
							{(id) => (
								<select
									id={id}
									value={persona.props.emotions[stage.id] ?? ''}
									disabled={readOnly}
									onChange={(e) => {
										const value = Number(e.currentTarget.value)
										setEmotion(editor, persona.id, stage.id, isEmotion(value) ? value : null)
									}}
								>
									<option value="">{t('journey.emotion.none')}</option>
									{EMOTIONS.map((v) => (
										<option key={v} value={v}>
											{t(`journey.emotion.${v}`)}
										</option>
									))}
								</select>
							)}
						</Field>
					))}
					<button type="button" className="button small" disabled={readOnly} onClick={() => deleteShape(editor, persona.id)}>
						{t('journey.deletePersona')}
					</button>
				</fieldset>
			))}
			<fieldset className="persona-form">
				<legend>{t('journey.newPersona')}</legend>
				<Field label={t('journey.personaName')}>
					{(id) => <input id={id} type="text" maxLength={MAX_TEXT} value={draft.name} disabled={readOnly} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />}
				</Field>
				<Field label={t('journey.story')}>
					{(id) => <textarea id={id} rows={2} maxLength={MAX_TEXT} value={draft.story} disabled={readOnly} onChange={(e) => setDraft({ ...draft, story: e.currentTarget.value })} />}
				</Field>
				<Field label={t('journey.needsLabel')}>
					{(id) => <textarea id={id} rows={2} maxLength={MAX_TEXT} value={draft.needs} disabled={readOnly} onChange={(e) => setDraft({ ...draft, needs: e.currentTarget.value })} />}
				</Field>
				<button
					type="button"
					className="button"
					disabled={readOnly || !draft.name.trim()}
					onClick={() => {
						if (addPersona(editor, blueprint.id, { ...draft, name: draft.name.trim() })) {
							setDraft({ name: '', story: '', needs: '' })
							onNotice((t) => t('journey.personaAdded'))
						}
					}}
				>
					{t('journey.addPersona')}
				</button>
			</fieldset>
		</details>
	)
}
