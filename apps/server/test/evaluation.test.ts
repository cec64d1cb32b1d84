/**
 * The end-of-session evaluation against a real server: opened by the facilitator, answered once per
 * person (or per seat, from the touch table), totals for the facilitator, refusals, the answers stored
 * apart from who answered, and the trend across a series.
 */
import { describe, expect, it } from 'vitest'
import type { EvaluationTotals, EvaluationTrendPoint, WorkshopState } from '@cyd/model'
import { pdfText } from '../../../packages/export/src/test-support/pdf-text.js'
import { callApi, createRoom, joinAs, linkToken, serverForFile, type TestServer } from './helpers.js'

let server: TestServer
serverForFile((started) => (server = started))

const api = (room: string, session: string | null, method: string, path: string, body?: unknown) => callApi(server.url, room, session, method, path, body)
async function refused(response: Promise<Response>, status: number, error: RegExp) {
	const r = await response
	const body = (await r.json()) as { error: string }
	expect(r.status, body.error).toBe(status)
	expect(body.error).toMatch(error)
}

async function room(title = 'Repairs') {
	const id = await createRoom(server.url, title)
	const facilitator = await joinAs(server.url, id, 'facilitator', 'Fran')
	return { id, facilitator }
}

describe('the evaluation', () => {
	it('takes one anonymous answer per person while open, and totals them for the facilitator', async () => {
		const { id, facilitator } = await room()
		const ann = await joinAs(server.url, id, 'participant', 'Ann')
		const bob = await joinAs(server.url, id, 'participant', 'Bob')
		const cai = await joinAs(server.url, id, 'observer', 'Cai')
		const expert = await joinAs(server.url, id, 'expert', 'Dr Evans')
		await refused(api(id, ann, 'POST', '/evaluation/answers', { scores: { listened: 4 } }), 409, /not open/)
		await refused(api(id, ann, 'PUT', '/evaluation', { open: true }), 403, /only facilitator/)
		expect(await (await api(id, facilitator, 'PUT', '/evaluation', { open: true })).json()).toEqual({ open: true, public: false })
		expect(await (await api(id, ann, 'GET', '/evaluation/mine')).json()).toEqual({ open: true, answered: false })

		expect((await api(id, ann, 'POST', '/evaluation/answers', { scores: { listened: 5, understood: 4, again: 5 }, change: 'More time in small groups' })).status).toBe(204)
		expect((await api(id, bob, 'POST', '/evaluation/answers', { scores: { listened: 2, understood: 4 }, change: '' })).status).toBe(204)
		expect((await api(id, cai, 'POST', '/evaluation/answers', { scores: { listened: 4, again: 3 }, change: '  Start on time  ' })).status).toBe(204)
		expect((await api(id, expert, 'POST', '/evaluation/answers', { scores: {} })).status).toBe(204)
		expect(await (await api(id, ann, 'GET', '/evaluation/mine')).json()).toEqual({ open: true, answered: true })
		await refused(api(id, ann, 'POST', '/evaluation/answers', { scores: { listened: 1 } }), 409, /already answered/)

		const totals = (await (await api(id, facilitator, 'GET', '/evaluation')).json()) as EvaluationTotals
		expect(totals).toEqual({
			open: true,
			public: false,
			responses: 4,
			statements: {
				listened: { counts: [0, 1, 0, 1, 1], answered: 3, mean: 3.67 },
				understood: { counts: [0, 0, 0, 2, 0], answered: 2, mean: 4 },
				again: { counts: [0, 0, 1, 0, 1], answered: 2, mean: 4 },
			},
			changes: ['More time in small groups', 'Start on time'],
		})
		await refused(api(id, ann, 'GET', '/evaluation'), 403, /only facilitator/)

		// Closed, it takes no more answers.
		const late = await joinAs(server.url, id, 'participant', 'Late')
		await api(id, facilitator, 'PUT', '/evaluation', { open: false, public: true })
		await refused(api(id, late, 'POST', '/evaluation/answers', { scores: { listened: 3 } }), 409, /not open/)
		expect(((await (await api(id, facilitator, 'GET', '/evaluation')).json()) as EvaluationTotals).public).toBe(true)
	})

	it('refuses bad answers with the field named, and stores nothing', async () => {
		const { id, facilitator } = await room()
		const ann = await joinAs(server.url, id, 'participant', 'Ann')
		const steward = await joinAs(server.url, id, 'steward', 'Siân')
		await api(id, facilitator, 'PUT', '/evaluation', { open: true })
		const bad: Array<[unknown, RegExp]> = [
			[{ scores: { listened: 6 } }, /scores.listened: a whole number from 1 to 5/],
			[{ scores: { listened: 2.5 } }, /scores.listened/],
			[{ scores: { listened: '5' } }, /scores.listened/],
			[{ scores: { happy: 5 } }, /scores: only listened, understood, again/],
			[{ scores: { again: 3 }, change: 'x'.repeat(1001) }, /change: at most 1000 characters/],
			[{}, /scores/],
		]
		for (const [body, error] of bad) await refused(api(id, ann, 'POST', '/evaluation/answers', body), 400, error)
		await refused(api(id, facilitator, 'POST', '/evaluation/answers', { scores: { listened: 5 } }), 403, /facilitator does not answer/)
		await refused(api(id, steward, 'POST', '/evaluation/answers', { scores: { listened: 5 } }), 403, /only facilitator or participant or expert or observer/)
		await refused(api(id, facilitator, 'POST', '/evaluation/answers', { scores: { listened: 5 }, seat: 'nobody' }), 404, /no such seat/)
		await refused(api(id, facilitator, 'PUT', '/evaluation', { open: 'yes' }), 400, /open must be true or false/)
		expect(((await (await api(id, facilitator, 'GET', '/evaluation')).json()) as EvaluationTotals).responses).toBe(0)
		expect(await (await api(id, ann, 'GET', '/evaluation/mine')).json()).toEqual({ open: true, answered: false })
	})

	it('the touch table answers once for each seat', async () => {
		const { id, facilitator } = await room()
		const set = await api(id, facilitator, 'PUT', '/table', { seats: [{ name: 'Gwen' }, { name: 'Huw' }] })
		expect(set.status).toBe(200)
		const [one, two] = ((await set.json()) as WorkshopState).table!.seats.map((s) => s.id)
		await api(id, facilitator, 'PUT', '/evaluation', { open: true })
		expect((await api(id, facilitator, 'POST', '/evaluation/answers', { scores: { listened: 5 }, seat: one })).status).toBe(204)
		await refused(api(id, facilitator, 'POST', '/evaluation/answers', { scores: { listened: 5 }, seat: one }), 409, /already answered/)
		expect(await (await api(id, facilitator, 'GET', `/evaluation/mine?seat=${one}`)).json()).toEqual({ open: true, answered: true })
		expect(await (await api(id, facilitator, 'GET', `/evaluation/mine?seat=${two}`)).json()).toEqual({ open: true, answered: false })
		expect((await api(id, facilitator, 'POST', '/evaluation/answers', { scores: { listened: 3 }, seat: two })).status).toBe(204)
		expect(((await (await api(id, facilitator, 'GET', '/evaluation')).json()) as EvaluationTotals).statements.listened.counts).toEqual([0, 0, 1, 0, 1])
	})

	it('shows the means of every session of a series, oldest first', async () => {
		const first = await room('Session 1')
		const second = await room('Session 2')
		expect((await api(second.id, second.facilitator, 'POST', '/series', { previous: `${server.url}/r/${first.id}#join=${linkToken(first.id, 'facilitator')}` })).status).toBe(201)
		for (const [r, score] of [
			[first, 2],
			[second, 4],
		] as const) {
			await api(r.id, r.facilitator, 'PUT', '/evaluation', { open: true })
			const p = await joinAs(server.url, r.id, 'participant', 'Ann')
			expect((await api(r.id, p, 'POST', '/evaluation/answers', { scores: { listened: score, again: score } })).status).toBe(204)
		}
		const trend = (await (await api(second.id, second.facilitator, 'GET', '/series/evaluation')).json()) as EvaluationTrendPoint[]
		expect(trend).toEqual([
			{ room: first.id, title: 'Session 1', responses: 1, means: { listened: 2, understood: null, again: 2 } },
			{ room: second.id, title: 'Session 2', responses: 1, means: { listened: 4, understood: null, again: 4 } },
		])
	})

	it('shows the totals in the HTML, Markdown and PDF reports, and on the public page only when the facilitator chooses, without what people wrote', async () => {
		const { id, facilitator } = await room('Repairs')
		await api(id, facilitator, 'PUT', '/evaluation', { open: true })
		// Answered in the order Zed, Ann, Bob; what they would change sorts the other way round.
		for (const [name, score, change] of [
			['Zed', 2, 'Start on time'],
			['Ann', 5, 'Less <b>waiting</b>'],
			['Bob', 4, 'Chairs for everyone'],
		] as const) {
			const p = await joinAs(server.url, id, 'participant', name)
			expect((await api(id, p, 'POST', '/evaluation/answers', { scores: { listened: score }, change })).status).toBe(204)
		}
		const report = await (await api(id, facilitator, 'GET', '/export?format=html')).text()
		expect(report).toContain('<h2 id="evaluation">How people found the session</h2>')
		expect(report).toContain('3 people answered the evaluation, anonymously.')
		expect(report).toContain('<th scope="row">I was listened to</th><td class="num">0</td><td class="num">1</td><td class="num">0</td><td class="num">1</td><td class="num">1</td><td class="num">3</td><td class="num">3.67</td>')
		expect(report).toContain('<ul class="list"><li>Chairs for everyone</li><li>Less &lt;b&gt;waiting&lt;/b&gt;</li><li>Start on time</li></ul>')
		for (const name of ['Zed', 'Ann', 'Bob']) expect(report.slice(report.indexOf('id="evaluation"'), report.indexOf('id="contributors"'))).not.toContain(name)
		const welsh = await (await api(id, facilitator, 'GET', '/export?format=html&language=cy')).text()
		expect(welsh).toContain('Sut oedd y sesiwn i bobl')
		expect(welsh).toContain('<th scope="row">Gwrandawyd arna i</th>')

		const markdown = await (await api(id, facilitator, 'GET', '/export?format=md')).text()
		expect(markdown).toContain('## How people found the session')
		expect(markdown).toContain('| **I was listened to** | 0 | 1 | 0 | 1 | 1 | 3 | 3\\.67 |')
		expect(markdown).toContain('### What people would change')
		expect(markdown).toContain('- Chairs for everyone\n- Less \\<b\\>waiting\\</b\\>\n- Start on time')
		const welshMarkdown = await (await api(id, facilitator, 'GET', '/export?format=md&language=cy')).text()
		expect(welshMarkdown).toContain('Atebodd 3 pherson y gwerthusiad, yn ddienw.')

		const squeeze = (text: string) => text.replace(/\s+/g, '')
		const pdf = pdfText(new Uint8Array(await (await api(id, facilitator, 'GET', '/export?format=pdf')).arrayBuffer()))
		expect(pdf).toContain('How people found the session')
		expect(pdf).toContain('What people would change')
		const text = squeeze(pdf.join(''))
		expect(text).toContain(squeeze('3 people answered the evaluation, anonymously.'))
		expect(text).toContain('3.67')
		const at = ['Chairs for everyone', 'Less <b>waiting</b>', 'Start on time'].map((c) => text.indexOf(squeeze(c)))
		expect(at.every((i) => i >= 0)).toBe(true)
		expect([...at].sort((a, b) => a - b)).toEqual(at)
		const welshPdf = pdfText(new Uint8Array(await (await api(id, facilitator, 'GET', '/export?format=pdf&language=cy')).arrayBuffer()))
		expect(welshPdf).toContain('Sut oedd y sesiwn i bobl')

		const { url } = (await (await api(id, facilitator, 'POST', '/publish')).json()) as { url: string }
		const page = () => fetch(url).then((r) => r.text())
		expect(await page()).not.toContain('id="evaluation"')
		await api(id, facilitator, 'PUT', '/evaluation', { public: true })
		const shown = await page()
		expect(shown).toContain('<h2 id="evaluation">How people found the session</h2>')
		expect(shown).toContain('<td class="num">3.67</td>')
		expect(shown).not.toContain('waiting')
		expect(shown).not.toContain('What people would change')
	})
})
