/**
 * The stakeholder panel: everything the stakeholder map does on the canvas, as forms, so the keyboard
 * (and a screen reader) can do it too: add a map (rings or grid), add stakeholders and community
 * assets and place them, make typed relationships between two cards, and show or hide kinds of flow.
 * @module
 */
import {
	ASSET_KINDS,
	FLOWS,
	isAssetKind,
	isFlow,
	isStakeholderKind,
	ringAt,
	type AssetKind,
	type Flow,
	type MapLayout,
	type MapShape,
	type StakeholderKind,
	MAX_TEXT,
} from '@cyd/model'
import { useState } from 'react'
import { useValue, type Editor, type TLArrowBinding, type TLShapeId } from 'tldraw'
import type { RoomApi } from '../api'
import { CommitInput, Field } from '../forms'
import { StakeholderKindOptions } from '../options'
import { ProposeButton } from '../OutcomePanel'
import { useT } from '../i18n/I18n'
import type { Say } from '../i18n/say'
import { deleteShape } from '../journey/actions'
import { mapShapes, savePicture } from '../picture'
import { mayChangeStructureHere } from '../structure'
import { isolateKeys } from '../WorkshopUi'
import {
	addAsset,
	addMap,
	addRelationship,
	addStakeholder,
	assetsOnPage,
	cardsActedBy,
	flowOf,
	isAsset,
	isStakeholder,
	mapsOnPage,
	moveToPlacement,
	placeInRing,
	stakeholdersOnPage,
	updateRelationship,
	updateStakeholder,
} from './actions'
import { FlowLegend, hiddenFlows } from './shapes'

const NEW = 'new'

/** Ask before deleting a stakeholder that journey steps name as their actor; the steps stay. */
export function confirmDeleteStakeholder(editor: Editor, id: TLShapeId, ask: (count: number, name: string) => boolean): boolean {
	const shape = editor.getShape(id)
	if (!isStakeholder(shape)) return true
	const count = cardsActedBy(editor, id).length
	return count === 0 || ask(count, shape.props.name)
}

export function StakeholderPanel({ editor, readOnly, api, onClose }: { editor: Editor; readOnly: boolean; api?: RoomApi; onClose(): void }) {
	const t = useT()
	// Kept as a message and said in the language chosen when shown.
	const [notice, setNotice] = useState<Say | null>(null)
	const say = (message: Say) => setNotice(() => message)
	const [layout, setLayout] = useState<MapLayout>('rings')
	const maps = useValue('cyd.maps', () => mapsOnPage(editor), [editor])
	const map = maps[0]
	return (
		<aside id="stakeholder-panel" className="panel" aria-labelledby="stakeholder-heading" {...isolateKeys}>
			<div className="panel-head">
				<h2 id="stakeholder-heading">{t('map.heading')}</h2>
				<button type="button" className="button small" onClick={onClose} aria-label={t('map.close')}>
					×
				</button>
			</div>
			<p role="status" className="hint" data-testid="map-status">
				{notice?.(t)}
			</p>
			{readOnly && <p className="hint">{t('journey.viewOnly')}</p>}
			<details open={maps.length === 0}>
				<summary>{t('map.addHeading')}</summary>
				<Field label={t('map.layout')}>
					{(id) => (
						<select id={id} value={layout} onChange={(e) => setLayout(e.currentTarget.value as MapLayout)}>
							<option value="rings">{t('map.rings')}</option>
							<option value="grid">{t('map.grid')}</option>
						</select>
					)}
				</Field>
				<button
					type="button"
					className="button"
					disabled={readOnly}
					onClick={() => {
						addMap(editor, layout, { title: '', rings: [t('map.ring.0'), t('map.ring.1'), t('map.ring.2')] })
						say((t) => t('map.added'))
					}}
				>
					{t('map.add')}
				</button>
			</details>
			{maps.map((m, i) => (
				<MapForm key={m.id} editor={editor} map={m} n={i + 1} readOnly={readOnly} />
			))}
			<StakeholderForm editor={editor} map={map} readOnly={readOnly} api={api} onNotice={say} />
			<AssetForm editor={editor} map={map} readOnly={readOnly} onNotice={say} />
			<RelationshipForm editor={editor} readOnly={readOnly} api={api} onNotice={say} />
			<FlowFilter />
		</aside>
	)
}

function MapForm({ editor, map, n, readOnly: viewOnly }: { editor: Editor; map: MapShape; n: number; readOnly: boolean }) {
	const t = useT()
	// The map's title and rings are the board's structure: the facilitator's unless opened to everyone.
	const structureLocked = !useValue('cyd.mayChangeStructure', () => mayChangeStructureHere(editor), [editor])
	const readOnly = viewOnly || structureLocked
	const title = map.props.title || t(map.props.layout === 'rings' ? 'map.rings' : 'map.grid')
	const set = (props: Partial<MapShape['props']>) => editor.updateShape({ id: map.id, type: map.type, props })
	return (
		<details>
			<summary>{t('map.mapN', { n, layout: t(map.props.layout === 'rings' ? 'map.rings' : 'map.grid') })}</summary>
			{structureLocked && !viewOnly && <p className="hint">{t('map.structureLocked')}</p>}
			<Field label={t('journey.title')}>{(id) => <CommitInput id={id} value={map.props.title} disabled={readOnly} onCommit={(title) => set({ title })} />}</Field>
			{map.props.layout === 'rings' &&
				map.props.rings.map((label, i) => (
					<Field key={i} label={t('map.ringLabel', { n: i + 1 })}>
						{(id) => (
							<CommitInput
								id={id}
								value={label}
								disabled={readOnly}
								onCommit={(value) => set({ rings: map.props.rings.map((l, j) => (j === i ? value : l)) })}
							/>
						)}
					</Field>
				))}
			<div className="button-row">
				{(['svg', 'png'] as const).map((format) => (
					<button key={format} type="button" className="button small" onClick={() => void savePicture(editor, mapShapes(editor, map.id), format, title)}>
						{t(`picture.${format}`)}
					</button>
				))}
			</div>
		</details>
	)
}

function StakeholderForm({ editor, map, readOnly, api, onNotice }: { editor: Editor; map: MapShape | undefined; readOnly: boolean; api?: RoomApi; onNotice(m: Say): void }) {
	const t = useT()
	const stakeholders = useValue('cyd.stakeholders', () => stakeholdersOnPage(editor), [editor])
	const selectedId = useValue('cyd.mapSelection', () => editor.getOnlySelectedShapeId(), [editor])
	const selected = stakeholders.find((s) => s.id === selectedId)
	const [draft, setDraft] = useState<{ name: string; kind: StakeholderKind; notes: string; ring: 0 | 1 | 2 }>({ name: '', kind: 'resident', notes: '', ring: 1 })
	const ringOf = (id: TLShapeId): number | null => {
		const center = editor.getShapePageBounds(id)?.center
		if (!map || !center) return null
		return ringAt(map.props, editor.getPointInShapeSpace(map, center))
	}
	const set = (props: Parameters<typeof updateStakeholder>[2]) => selected && updateStakeholder(editor, selected.id, props)
	// The board asks first when journey steps name this stakeholder (see RoomView's delete handler).
	const onDelete = () => selected && editor.deleteShapes([selected.id])
	return (
		<details open>
			<summary>{t('map.stakeholders')}</summary>
			<Field label={t('map.stakeholder')}>
				{(id) => (
					<select id={id} value={selected?.id ?? NEW} onChange={(e) => (e.currentTarget.value === NEW ? editor.selectNone() : editor.select(e.currentTarget.value as TLShapeId))}>
						<option value={NEW}>{t('map.newStakeholder')}</option>
						{stakeholders.map((s) => (
							<option key={s.id} value={s.id}>
								{s.props.name || t('map.unnamed')}
							</option>
						))}
					</select>
				)}
			</Field>
			<Field label={t('journey.personaName')}>
				{(id) =>
					selected ? (
						<CommitInput key={selected.id} id={id} value={selected.props.name} disabled={readOnly} onCommit={(name) => set({ name })} />
					) : (
						<input id={id} type="text" maxLength={MAX_TEXT} value={draft.name} disabled={readOnly} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
					)
				}
			</Field>
			<Field label={t('journey.kind')}>
				{(id) => (
					<select
						id={id}
						value={selected?.props.kind ?? draft.kind}
						disabled={readOnly}
						onChange={(e) => {
							const kind = e.currentTarget.value
							if (!isStakeholderKind(kind)) return
							if (selected) set({ kind })
							else setDraft({ ...draft, kind })
						}}
					>
						<StakeholderKindOptions />
					</select>
				)}
			</Field>
			{map?.props.layout === 'rings' && (
				<Field label={t('map.ring')}>
					{(id) => (
						<select
							id={id}
							value={selected ? (ringOf(selected.id) ?? '') : draft.ring}
							disabled={readOnly}
							onChange={(e) => {
								const ring = Number(e.currentTarget.value) as 0 | 1 | 2
								if (selected) placeInRing(editor, selected.id, map, ring)
								else setDraft({ ...draft, ring })
							}}
						>
							{selected && ringOf(selected.id) === null && <option value="">{t('map.offMap')}</option>}
							{([0, 1, 2] as const).map((r) => (
								<option key={r} value={r}>
									{map.props.rings[r] || t(`map.ring.${r}`)}
								</option>
							))}
						</select>
					)}
				</Field>
			)}
			{selected && (
				<>
					<Level label={t('map.axis.influence')} value={selected.props.influence} disabled={readOnly} onChange={(influence) => (map && !selected.props.manual ? moveToPlacement(editor, selected.id, map, { influence, interest: map.props.layout === 'rings' ? influence : selected.props.interest }) : set({ influence }))} />
					<Level label={t('map.axis.interest')} value={selected.props.interest} disabled={readOnly} onChange={(interest) => (map && !selected.props.manual ? moveToPlacement(editor, selected.id, map, { interest, influence: map.props.layout === 'rings' ? interest : selected.props.influence }) : set({ interest }))} />
					<label className="check">
						<input type="checkbox" checked={selected.props.manual} disabled={readOnly} onChange={(e) => set({ manual: e.currentTarget.checked })} />
						{t('map.setByHand')}
					</label>
				</>
			)}
			<Field label={t('map.notes')}>
				{(id) =>
					selected ? (
						<CommitInput key={selected.id} id={id} multiline value={selected.props.notes} disabled={readOnly} onCommit={(notes) => set({ notes })} />
					) : (
						<textarea id={id} rows={2} maxLength={MAX_TEXT} value={draft.notes} disabled={readOnly} onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })} />
					)
				}
			</Field>
			<div className="button-row">
				{selected ? (
					<>
						<button type="button" className="button small" disabled={readOnly} onClick={onDelete}>
							{t('map.deleteStakeholder')}
						</button>
						<ProposeButton api={api} item={selected.id} />
					</>
				) : (
					<button
						type="button"
						className="button"
						disabled={readOnly || !draft.name.trim()}
						onClick={() => {
							const closeness = [5 / 6, 1 / 2, 1 / 6][draft.ring]!
							const id = addStakeholder(editor, { name: draft.name.trim(), kind: draft.kind, notes: draft.notes }, map, {
								influence: Math.round(closeness * 100) / 100,
								interest: Math.round(closeness * 100) / 100,
							})
							editor.select(id)
							setDraft({ ...draft, name: '', notes: '' })
							const name = draft.name.trim()
							onNotice((t) => t('map.stakeholderAdded', { name }))
						}}
					>
						{t('map.addStakeholder')}
					</button>
				)}
			</div>
		</details>
	)
}

/** Influence or interest as a slider in steps of 5%. */
function Level({ label, value, disabled, onChange }: { label: string; value: number; disabled: boolean; onChange(value: number): void }) {
	return (
		<Field label={label}>
			{(id) => (
				<input
					id={id}
					type="range"
					min={0}
					max={100}
					step={5}
					value={Math.round(value * 100)}
					disabled={disabled}
					aria-valuetext={`${Math.round(value * 100)}%`}
					onChange={(e) => onChange(Number(e.currentTarget.value) / 100)}
				/>
			)}
		</Field>
	)
}

function AssetForm({ editor, map, readOnly, onNotice }: { editor: Editor; map: MapShape | undefined; readOnly: boolean; onNotice(m: Say): void }) {
	const t = useT()
	const assets = useValue('cyd.assets', () => assetsOnPage(editor), [editor])
	const selectedId = useValue('cyd.assetSelection', () => editor.getOnlySelectedShapeId(), [editor])
	const selected = assets.find((a) => a.id === selectedId)
	const [draft, setDraft] = useState<{ name: string; kind: AssetKind; description: string; holder: string }>({ name: '', kind: 'place', description: '', holder: '' })
	const set = (props: Partial<typeof draft>) => selected && editor.updateShape({ id: selected.id, type: selected.type, props })
	const text = (key: 'name' | 'description' | 'holder', label: string, multiline = false) => (
		<Field label={label}>
			{(id) =>
				selected ? (
					<CommitInput key={selected.id} id={id} multiline={multiline} value={selected.props[key]} disabled={readOnly} onCommit={(value) => set({ [key]: value })} />
				) : (
					<input id={id} type="text" maxLength={MAX_TEXT} value={draft[key]} disabled={readOnly} onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })} />
				)
			}
		</Field>
	)
	return (
		<details>
			<summary>{t('map.assets')}</summary>
			<Field label={t('map.asset')}>
				{(id) => (
					<select id={id} value={selected?.id ?? NEW} onChange={(e) => (e.currentTarget.value === NEW ? editor.selectNone() : editor.select(e.currentTarget.value as TLShapeId))}>
						<option value={NEW}>{t('map.newAsset')}</option>
						{assets.map((a) => (
							<option key={a.id} value={a.id}>
								{a.props.name || t('map.unnamed')}
							</option>
						))}
					</select>
				)}
			</Field>
			{text('name', t('journey.personaName'))}
			<Field label={t('journey.kind')}>
				{(id) => (
					<select
						id={id}
						value={selected?.props.kind ?? draft.kind}
						disabled={readOnly}
						onChange={(e) => {
							const kind = e.currentTarget.value
							if (!isAssetKind(kind)) return
							if (selected) set({ kind })
							else setDraft({ ...draft, kind })
						}}
					>
						{ASSET_KINDS.map((k) => (
							<option key={k} value={k}>
								{t(`map.assetKind.${k}`)}
							</option>
						))}
					</select>
				)}
			</Field>
			{text('description', t('map.description'), true)}
			{text('holder', t('map.holder'))}
			<div className="button-row">
				{selected ? (
					<button type="button" className="button small" disabled={readOnly} onClick={() => deleteShape(editor, selected.id)}>
						{t('map.deleteAsset')}
					</button>
				) : (
					<button
						type="button"
						className="button"
						disabled={readOnly || !draft.name.trim()}
						onClick={() => {
							editor.select(addAsset(editor, { ...draft, name: draft.name.trim() }, map))
							setDraft({ name: '', kind: draft.kind, description: '', holder: '' })
							onNotice((t) => t('map.assetAdded'))
						}}
					>
						{t('map.addAsset')}
					</button>
				)}
			</div>
		</details>
	)
}

function RelationshipForm({ editor, readOnly, api, onNotice }: { editor: Editor; readOnly: boolean; api?: RoomApi; onNotice(m: Say): void }) {
	const t = useT()
	const ends = useValue('cyd.ends', () => [...stakeholdersOnPage(editor), ...assetsOnPage(editor)], [editor])
	const selectedId = useValue('cyd.arrowSelection', () => editor.getOnlySelectedShapeId(), [editor])
	const selected = useValue(
		'cyd.selectedRelationship',
		() => {
			const arrow = selectedId ? editor.getShape(selectedId) : undefined
			if (arrow?.type !== 'arrow') return null
			const bindings = editor.getBindingsFromShape<TLArrowBinding>(arrow, 'arrow')
			const end = (terminal: 'start' | 'end') => bindings.find((b) => b.props.terminal === terminal)?.toId
			const props = arrow.props as { arrowheadStart: string }
			return { id: arrow.id, from: end('start'), to: end('end'), flow: flowOf(arrow), both: props.arrowheadStart !== 'none' }
		},
		[editor, selectedId]
	)
	const [draft, setDraft] = useState<{ from: string; to: string; flow: Flow; direction: 'one-way' | 'both'; label: string }>({ from: '', to: '', flow: 'information', direction: 'one-way', label: '' })
	const nameOf = (id: string | undefined) => {
		const shape = id ? editor.getShape(id as TLShapeId) : undefined
		return isStakeholder(shape) || isAsset(shape) ? shape.props.name : '?'
	}
	const from = draft.from || ends[0]?.id || ''
	const to = draft.to || ends[1]?.id || ''
	const endSelect = (label: string, value: string, key: 'from' | 'to') => (
		<Field label={label}>
			{(id) => (
				<select id={id} value={value} disabled={readOnly} onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}>
					{ends.map((s) => (
						<option key={s.id} value={s.id}>
							{s.props.name || t('map.unnamed')}
						</option>
					))}
				</select>
			)}
		</Field>
	)
	const flowSelect = (value: Flow, onChange: (flow: Flow) => void) => (
		<Field label={t('map.flow')}>
			{(id) => (
				<select id={id} value={value} disabled={readOnly} onChange={(e) => isFlow(e.currentTarget.value) && onChange(e.currentTarget.value)}>
					{FLOWS.map((f) => (
						<option key={f} value={f}>
							{t(`map.flow.${f}`)}
						</option>
					))}
				</select>
			)}
		</Field>
	)
	const directionSelect = (both: boolean, onChange: (d: 'one-way' | 'both') => void) => (
		<Field label={t('map.direction')}>
			{(id) => (
				<select id={id} value={both ? 'both' : 'one-way'} disabled={readOnly} onChange={(e) => onChange(e.currentTarget.value === 'both' ? 'both' : 'one-way')}>
					<option value="one-way">{t('map.oneWay')}</option>
					<option value="both">{t('map.bothWays')}</option>
				</select>
			)}
		</Field>
	)
	return (
		<details open>
			<summary>{t('map.relationships')}</summary>
			{selected ? (
				<>
					<p>{t('map.relationshipSelected', { from: nameOf(selected.from), to: nameOf(selected.to) })}</p>
					{flowSelect(selected.flow, (flow) => updateRelationship(editor, selected.id, { flow }))}
					{directionSelect(selected.both, (direction) => updateRelationship(editor, selected.id, { direction }))}
					<div className="button-row">
						<button type="button" className="button small" disabled={readOnly} onClick={() => editor.deleteShapes([selected.id])}>
							{t('map.deleteRelationship')}
						</button>
						<ProposeButton api={api} item={selected.id} />
					</div>
				</>
			) : ends.length < 2 ? (
				<p className="hint">{t('map.needTwo')}</p>
			) : (
				<>
					{endSelect(t('map.from'), from, 'from')}
					{endSelect(t('map.to'), to, 'to')}
					{flowSelect(draft.flow, (flow) => setDraft({ ...draft, flow }))}
					{directionSelect(draft.direction === 'both', (direction) => setDraft({ ...draft, direction }))}
					<Field label={t('map.label')}>
						{(id) => <input id={id} type="text" maxLength={200} value={draft.label} disabled={readOnly} onChange={(e) => setDraft({ ...draft, label: e.currentTarget.value })} />}
					</Field>
					<button
						type="button"
						className="button"
						disabled={readOnly || !from || !to || from === to}
						onClick={() => {
							addRelationship(editor, from as TLShapeId, to as TLShapeId, draft.flow, draft.direction, draft.label)
							setDraft({ ...draft, label: '' })
							const names = { from: nameOf(from), to: nameOf(to) }
							const flow = draft.flow
							onNotice((t) => t('map.relationshipAdded', { ...names, flow: t(`map.flow.${flow}`) }))
						}}
					>
						{t('map.addRelationship')}
					</button>
				</>
			)}
		</details>
	)
}

/** The legend, with a switch per kind of flow to show or hide its arrows on this screen. */
function FlowFilter() {
	const t = useT()
	const hidden = useValue('cyd.hiddenFlowsPanel', () => hiddenFlows.get(), [])
	return (
		<details>
			<summary>{t('map.legend')}</summary>
			<FlowLegend />
			<fieldset className="flow-filter">
				<legend>{t('map.showFlows')}</legend>
				{FLOWS.map((flow) => (
					<label key={flow} className="check">
						<input
							type="checkbox"
							checked={!hidden.has(flow)}
							onChange={(e) => {
								const next = new Set(hidden)
								if (e.currentTarget.checked) next.delete(flow)
								else next.add(flow)
								hiddenFlows.set(next)
							}}
						/>
						{t(`map.flow.${flow}`)}
					</label>
				))}
			</fieldset>
		</details>
	)
}
