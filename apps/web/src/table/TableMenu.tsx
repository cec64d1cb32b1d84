/**
 * The facilitator's settings for the table, shown in the middle of the table where no dock reaches:
 * leaving the table layout (first, in plain sight), the seats and their names, the view lock, whether
 * the board's lock holds the table, a QR code for phones, and the table's link for another screen.
 * @module
 */
import { MAX_SEATS, MIN_SEATS, type Affiliation, type WorkshopState } from '@cyd/model'
import { useEffect, useId, useState, type CSSProperties, type FormEvent } from 'react'
import type { RoomApi } from '../api'
import { LanguagePicker, useI18n, useT } from '../i18n/I18n'
import { isolateKeys } from '../WorkshopUi'
import type { Rect } from './layout'
import { PhoneCode, TableLink } from './PhoneCode'

/** The widest the menu grows; below about twice its column width it is one column. */
const MENU_WIDTH = 760

export function TableMenu({ api, state, free, onClose, onLeave }: { api: RoomApi; state: WorkshopState; free: Rect; onClose(): void; onLeave(): void }) {
	const t = useT()
	const { language } = useI18n()
	const table = state.table
	const ids = { count: useId(), heading: useId(), lock: useId(), covers: useId() }
	const seats = table?.seats ?? []
	const [count, setCount] = useState(Math.max(MIN_SEATS, seats.length || 4))
	const [names, setNames] = useState<string[]>(() => Array.from({ length: MAX_SEATS }, (_, i) => seats[i]?.name ?? ''))
	// Each seat is a resident's or an organisation's, so it counts in the balance of voice ('none': not said).
	const [affiliations, setAffiliations] = useState<SeatAffiliation[]>(() => Array.from({ length: MAX_SEATS }, (_, i) => seats[i]?.affiliation ?? 'none'))
	const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null)
	// The boxes follow a tap at once; the workshop's state (from the server) has the last word.
	const [viewLocked, setViewLocked] = useState(table?.viewLocked ?? false)
	useEffect(() => setViewLocked(table?.viewLocked ?? false), [table?.viewLocked])
	const [covers, setCovers] = useState(state.lockCoversTable)
	useEffect(() => setCovers(state.lockCoversTable), [state.lockCoversTable])
	const failed = (error: unknown) => setSaid({ ok: false, text: t('table.setup.error', { reason: error instanceof Error ? error.message : String(error) }) })
	const save = (viewLocked: boolean) => {
		const body = Array.from({ length: count }, (_, i) => ({
			...(seats[i] ? { id: seats[i]!.id } : {}),
			name: names[i]?.trim() || t('table.setup.seat', { n: i + 1 }),
			affiliation: affiliations[i] === 'none' || affiliations[i] === undefined ? null : affiliations[i]!,
		}))
		api.setTable(body, viewLocked).then(() => setSaid({ ok: true, text: t('table.setup.saved') }), failed)
	}
	const submit = (e: FormEvent) => {
		e.preventDefault()
		save(table?.viewLocked ?? false)
	}
	const width = Math.min(MENU_WIDTH, free.right - free.left)
	const style: CSSProperties = { left: (free.left + free.right - width) / 2, top: free.top, width, maxHeight: free.bottom - free.top }
	return (
		<section id="table-menu" className="table-menu" style={style} aria-labelledby={ids.heading} lang={language} {...isolateKeys}>
			<div className="table-menu-head">
				<h2 id={ids.heading}>{t('table.menuHeading')}</h2>
				<button type="button" className="button primary" onClick={onLeave}>
					{t('table.leave')}
				</button>
				<button type="button" className="button small" onClick={onClose} aria-label={t('table.close')}>
					×
				</button>
			</div>
			<div className="table-menu-columns">
				<div>
					{!table && <p>{t('table.noSeats')}</p>}
					<form onSubmit={submit}>
						<h3>{t('table.setup.heading')}</h3>
						<p className="hint">{t('table.setup.intro')}</p>
						<div className="field">
							<label htmlFor={ids.count}>{t('table.setup.count')}</label>
							<select id={ids.count} value={count} onChange={(e) => setCount(Number(e.target.value))}>
								{Array.from({ length: MAX_SEATS - MIN_SEATS + 1 }, (_, i) => MIN_SEATS + i).map((n) => (
									<option key={n} value={n}>
										{n}
									</option>
								))}
							</select>
						</div>
						{Array.from({ length: count }, (_, i) => (
							<SeatName
								key={i}
								n={i + 1}
								value={names[i] ?? ''}
								onChange={(v) => setNames((all) => all.map((x, j) => (j === i ? v : x)))}
								affiliation={affiliations[i] ?? 'none'}
								onAffiliation={(a) => setAffiliations((all) => all.map((x, j) => (j === i ? a : x)))}
							/>
						))}
						<button type="submit" className="button">
							{t('table.setup.save')}
						</button>
						{said && (
							<p role={said.ok ? 'status' : 'alert'} className={said.ok ? 'hint' : 'error'}>
								{said.text}
							</p>
						)}
					</form>
				</div>
				<div>
					<LanguagePicker id="table-language" />
					{table && (
						<div className="field checkbox">
							<input
								id={ids.lock}
								type="checkbox"
								checked={viewLocked}
								onChange={(e) => {
									setViewLocked(e.target.checked)
									save(e.target.checked)
								}}
							/>
							<label htmlFor={ids.lock}>{t('table.lockView')}</label>
						</div>
					)}
					<div className="field checkbox">
						<input
							id={ids.covers}
							type="checkbox"
							checked={covers}
							onChange={(e) => {
								setCovers(e.target.checked)
								api.setLocked(state.locked, e.target.checked).catch(failed)
							}}
						/>
						<label htmlFor={ids.covers}>{t('table.lockCovers')}</label>
					</div>
					<h3>{t('table.elsewhere.heading')}</h3>
					<TableLink api={api} />
					<h3>{t('table.phone.heading')}</h3>
					<PhoneCode api={api} seat={null} />
				</div>
			</div>
		</section>
	)
}

type SeatAffiliation = Affiliation | 'none'

function SeatName({ n, value, onChange, affiliation, onAffiliation }: { n: number; value: string; onChange(v: string): void; affiliation: SeatAffiliation; onAffiliation(a: SeatAffiliation): void }) {
	const t = useT()
	const id = useId()
	return (
		<div className="field">
			<label htmlFor={id}>{t('table.setup.seat', { n })}</label>
			<input id={id} maxLength={60} value={value} placeholder={t('table.setup.seat', { n })} onChange={(e) => onChange(e.target.value)} />
			<label htmlFor={`${id}-aff`} className="visually-hidden">
				{t('table.setup.seatAffiliation', { n })}
			</label>
			<select id={`${id}-aff`} value={affiliation} onChange={(e) => onAffiliation(e.target.value as SeatAffiliation)}>
				{(['none', 'resident', 'organisation'] as const).map((a) => (
					<option key={a} value={a}>
						{t(`table.setup.aff.${a}`)}
					</option>
				))}
			</select>
		</div>
	)
}
