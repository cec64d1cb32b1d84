/**
 * The calls of "My contribution", equal standing and personal data, typed from the server's routes
 * (`hc<ApiRoutes>`): a person's own contribution, receipts (downloaded or printed with the session),
 * participation codes, one's own data, and the facilitator's rate, retention, needs and monitoring.
 * @module
 */
import { hc, type ClientResponse } from 'hono/client'
import type { ApiRoutes } from '@cyd/server/api'
import type { MonitoringAnswers } from '@cyd/model'

/** A refusal from the server: its status and its `error` message. */
export class RecognitionError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message)
		this.name = 'ApiError'
	}
}

const BASE = typeof window === 'undefined' ? 'http://localhost/api' : new URL('/api', window.location.href).href

type Body<R> = R extends ClientResponse<infer T, infer _S, infer _F> ? T : never
async function ok<R extends ClientResponse<unknown, number, string>>(res: R): Promise<Body<R>> {
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { error?: unknown } | null
		throw new RecognitionError(res.status, typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`)
	}
	return (res.status === 204 ? null : await res.json()) as Body<R>
}

/** Site-wide: participation codes (no session; the code is the key). */
const site = hc<ApiRoutes>(BASE)
export const newParticipationCode = async () => ok(await site.participation.$post())
export const participationTotal = async (code: string) => ok(await site.participation[':code'].$get({ param: { code } }))
export const deleteParticipationCode = async (code: string) => ok(await site.participation[':code'].$delete({ param: { code } }))

export class RecognitionApi {
	private readonly room
	private readonly param: { id: string }

	constructor(
		readonly roomId: string,
		private readonly session: string,
	) {
		this.room = hc<ApiRoutes>(BASE, { headers: { Authorization: `Bearer ${session}` } }).rooms[':id']
		this.param = { id: roomId }
	}

	mine = async () => ok(await this.room.contribution.$get({ param: this.param, query: {} }))
	rate = async () => ok(await this.room.contribution.rate.$get({ param: this.param }))
	setRate = async (creditsPerHour: number) => ok(await this.room.contribution.rate.$put({ param: this.param, json: { creditsPerHour } }))
	addToCode = async (code: string) => ok(await this.room.participation.$post({ param: this.param, json: { code } }))
	tablePhones = async () => ok(await this.room.table.phones.$get({ param: this.param }))
	needs = async () => ok(await this.room.people.needs.$get({ param: this.param }))
	monitoring = async () => ok(await this.room.monitoring.$get({ param: this.param }))
	monitored = async () => ok(await this.room.monitoring.mine.$get({ param: this.param, query: {} }))
	answerMonitoring = async (answers: MonitoringAnswers) => ok(await this.room.monitoring.$post({ param: this.param, json: { answers } }))
	privacy = async () => ok(await this.room.privacy.$get({ param: this.param }))
	setRetention = async (retentionDays: number) => ok(await this.room.privacy.$put({ param: this.param, json: { retentionDays } }))
	eraseMe = async () => ok(await this.room.me.data.$delete({ param: this.param }))
	/** The room's people (the facilitator's balance of voice lists them). */
	people = async () => (await ok(await this.room.balance.$get({ param: this.param }))).people.map((p) => ({ id: p.id, name: p.name, role: p.role }))
	erasePerson = async (person: string) => ok(await this.room.people[':person'].data.$delete({ param: { ...this.param, person } }))

	/** A file from the room's API fetched with the session (a plain link would carry none). */
	private async fetchFile(path: string, query: Record<string, string>): Promise<Response> {
		const res = await fetch(`/api/rooms/${this.roomId}${path}?${new URLSearchParams(query)}`, { headers: { Authorization: `Bearer ${this.session}` } })
		if (!res.ok) await ok(res as unknown as ClientResponse<unknown, number, string>)
		return res
	}

	/** Saves a response as a file; answers its name. */
	private async save(res: Response, fallback: string): Promise<string> {
		const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback
		const a = document.createElement('a')
		a.href = URL.createObjectURL(await res.blob())
		a.download = name
		a.click()
		setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
		return name
	}

	/** Downloads my receipt as a PDF in a language. */
	downloadReceipt = async (language: 'en' | 'cy') => this.save(await this.fetchFile('/contribution/receipt', { format: 'pdf', language }), 'receipt.pdf')
	/** Downloads everything the room keeps of one person, as JSON (the facilitator's). */
	downloadPersonData = async (person: string) => this.save(await this.fetchFile(`/people/${encodeURIComponent(person)}/data`, {}), `person-${person}.json`)
	/** Downloads everything the room keeps of me, as JSON. */
	downloadMyData = async () => this.save(await this.fetchFile('/me/data', {}), 'my-data.json')

	/** Opens printable receipts (mine, or every seat's for the facilitator) in a new window. */
	async printReceipts(which: 'mine' | 'seats', language: 'en' | 'cy', target: Window | null): Promise<void> {
		const res = which === 'mine' ? await this.fetchFile('/contribution/receipt', { format: 'html', language }) : await this.fetchFile('/contribution/seats', { language })
		const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' }))
		if (target) target.location.href = url
		else window.open(url, '_blank', 'noopener')
		setTimeout(() => URL.revokeObjectURL(url), 60_000)
	}
}

export type MyContribution = Awaited<ReturnType<RecognitionApi['mine']>>
export type ParticipationTotal = Awaited<ReturnType<typeof participationTotal>>
