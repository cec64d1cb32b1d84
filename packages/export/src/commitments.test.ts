import { DOMParser, type Document, type Element } from '@xmldom/xmldom'
import { describe, expect, it } from 'vitest'
import { designAtom, escapeXml } from './atom.js'
import { designCsv } from './csv.js'
import { filterAgreed } from './filter.js'
import { designHtml } from './html.js'
import { designMarkdown } from './markdown.js'
import { designPdf } from './pdf.js'
import { buildReport } from './report.js'
import { ACTION_TEXT, DROPPED_REASON, HOSTILE, STEWARD, WELSH, fixtureDesign } from './test-support/fixture.js'
import { pdfText } from './test-support/pdf-text.js'

const ATOM = 'http://www.w3.org/2005/Atom'
const feedOptions = { language: 'en', pageUrl: 'https://cyd.example.org/p/room00000001/s3cret', feedUrl: 'https://cyd.example.org/p/room00000001/s3cret/feed.atom', id: 'tag:cyd.example.org,2025-03-04:room00000001' } as const

/** Parses XML, failing on the first error or warning the parser reports. */
function parseXml(text: string): Document {
	const problems: string[] = []
	const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(text, 'application/xml')
	expect(problems).toEqual([])
	return doc
}

/** The root element of a parsed document. */
function rootOf(doc: Document): Element {
	const root = doc.documentElement
	if (!root) throw new Error('no root element')
	return root
}

const childText = (el: Element, name: string) => Array.from(el.getElementsByTagNameNS(ATOM, name)).find((c) => c.parentNode === el)?.textContent ?? null

describe('commitments in the reports', () => {
	it('filters to what was agreed: agreed outcomes and indicators, actions on kept items, an outcome not kept cleared', () => {
		const agreed = filterAgreed(fixtureDesign())
		expect(agreed.outcomes.map((o) => [o.id, o.indicators.map((i) => i.id)])).toEqual([['o1', ['i1']]])
		expect(agreed.actions.map((a) => [a.id, a.outcome])).toEqual([
			['a1', 'o1'],
			['a2', null],
		])
	})

	it('shows each action with its owner, due day, status and history newest first, and names the poster only for staff', () => {
		const staff = buildReport(fixtureDesign(), { language: 'en', agreedOnly: false }).sections.find((s) => s.id === 'actions')!
		const history = staff.blocks.find((b) => b.type === 'table' && b.table.caption === `What has happened: ${ACTION_TEXT}`)
		if (history?.type !== 'table') throw new Error('no history')
		expect(history.table.rows.map((r) => [r[1], r[2], r[3]])).toEqual([
			['Unchanged', 'Tried out with five tenants at the hall', 'Mair Roberts (Facilitator)'],
			['In progress', 'Form designed with the tenants’ association', `${STEWARD.name} (Steward)`],
		])
		const words = JSON.stringify(staff)
		expect(words).toContain('Contact centre (stakeholder)')
		expect(words).toContain('30 June 2025')
		expect(words).toContain(`Dropped: ${DROPPED_REASON}`)

		const page = buildReport(fixtureDesign(), { language: 'en', agreedOnly: true, publicPage: true })
		const said = page.sections.find((s) => s.id === 'actions')!
		expect(said.title).toBe('You said, we did')
		expect(JSON.stringify(said)).toContain('The steward')
		expect(JSON.stringify(page)).not.toContain(STEWARD.name)
		expect(JSON.stringify(page)).not.toContain('Mair Roberts')
		// The action on an item parked since is not on the public page.
		expect(JSON.stringify(said)).not.toContain('Find out who pays')
	})

	it('on the public page, says what was parked or rejected, with the reason', () => {
		const page = buildReport(fixtureDesign(), { language: 'cy', agreedOnly: true, publicPage: true })
		const notTaken = page.sections.find((s) => s.id === 'not-taken')!
		expect(notTaken.title).toBe('Wedi’u gohirio a heb fynd ymlaen')
		const table = notTaken.blocks.find((b) => b.type === 'table')
		if (table?.type !== 'table') throw new Error('no table')
		expect(table.table.rows.map((r) => [r[0], r[2], r[3]])).toEqual([
			['Who pays when the landlord is at fault?', 'Wedi’i ohirio', 'Ask legal services'],
			[HOSTILE, 'Gwrthodwyd', HOSTILE],
			['Cllr Jones', 'Wedi’i ohirio', 'Invite to the next session'],
			['Chases urgent cases', 'Gwrthodwyd', 'Ni chofnodwyd rheswm.'],
		])
		// A staff report of what was agreed keeps to what was agreed.
		expect(buildReport(fixtureDesign(), { language: 'en', agreedOnly: true }).sections.map((s) => s.id)).not.toContain('not-taken')
	})

	it('writes outcomes, actions and updates as CSV tables, and in Markdown, HTML and PDF', async () => {
		const [, ...actions] = designCsv(fixtureDesign(), 'actions', { language: 'en', agreedOnly: false }).replace('\uFEFF', '').split('\r\n')
		expect(actions[0]).toContain(`${ACTION_TEXT},"Report online with photos, in Welsh or English",Card,Contact centre,stakeholder,2025-06-30,In progress`)
		expect(designCsv(fixtureDesign(), 'updates', { language: 'cy', agreedOnly: false })).toContain('Wedi’i ollwng')
		expect(designCsv(fixtureDesign(), 'outcomes', { language: 'en', agreedOnly: true })).not.toContain('Fewer calls chasing a repair')
		const md = designMarkdown(fixtureDesign(), { language: 'en', agreedOnly: false })
		expect(md).toContain('## Outcomes and how we will know')
		expect(md).toContain('### Report a repair once, and know when someone will come')
		const html = designHtml(fixtureDesign(), { language: 'en', agreedOnly: false })
		expect(html).toContain('<h2 id="actions">Actions</h2>')
		const pdf = pdfText(await designPdf(fixtureDesign(), { language: 'cy', agreedOnly: true, publicPage: true }))
		expect(pdf).toContain('Fe ddywedoch chi, fe wnaethon ni')
		expect(pdf.join(' ')).toContain('Oriau a roddwyd gyda’n gilydd')
	})
})

describe('the public page’s replies and feed link', () => {
	const feedback = {
		replies: [{ text: `${HOSTILE}\nhttps://example.invalid/phish`, at: Date.parse('2025-05-03T10:00:00Z') }],
		replyUrl: '/p/room00000001/s3cret/replies',
		feedUrl: '/p/room00000001/s3cret/feed.atom',
		maxReply: 1000,
		said: { sent: true } as const,
	}

	it('shows approved replies as text, never as markup or links, with a plain form and the feed', () => {
		const html = designHtml(fixtureDesign(), { language: 'en', agreedOnly: true, publicPage: true, feedback })
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
		expect(html).not.toContain('<script>')
		expect(html).not.toContain('href="https://example.invalid')
		expect(html).toContain('<form class="reply" method="post" action="/p/room00000001/s3cret/replies">')
		expect(html).toContain('maxlength="1000"')
		expect(html).toContain('<link rel="alternate" type="application/atom+xml"')
		expect(html).toContain('Thank you: your reply has reached the people running the workshop.')
		expect(html).toContain('<li><a href="#replies">Replies</a></li>')
		// The staff report has none of it.
		expect(designHtml(fixtureDesign(), { language: 'en', agreedOnly: true })).not.toContain('<form')
	})

	it('speaks Welsh in cy', () => {
		const html = designHtml(fixtureDesign(), { language: 'cy', agreedOnly: true, publicPage: true, feedback: { ...feedback, replies: [], said: { sent: false, reason: 'mae’n rhy hir' } } })
		expect(html).toContain('Ymateb i’r dudalen hon')
		expect(html).toContain('Ni anfonwyd eich ymateb: mae’n rhy hir')
		expect(html).toContain('Does dim ymatebion wedi’u cyhoeddi eto.')
	})
})

describe('designAtom', () => {
	it('is a well-formed Atom 1.0 feed with its required elements, one entry per update of an agreed item, newest first', () => {
		const doc = parseXml(designAtom(fixtureDesign(), feedOptions))
		const feed = rootOf(doc)
		expect(feed.localName).toBe('feed')
		expect(feed.namespaceURI).toBe(ATOM)
		expect(feed.getAttribute('xml:lang')).toBe('en')
		expect(childText(feed, 'id')).toBe(feedOptions.id)
		expect(childText(feed, 'title')).toBe('Reporting a housing repair: updates on actions')
		expect(childText(feed, 'updated')).toBe('2025-05-02T09:00:00.000Z')
		expect(feed.getElementsByTagNameNS(ATOM, 'author')[0]?.getElementsByTagNameNS(ATOM, 'name')[0]?.textContent).toBe('The people running the workshop')
		const self = Array.from(feed.getElementsByTagNameNS(ATOM, 'link')).find((l) => l.getAttribute('rel') === 'self')
		expect(self?.getAttribute('href')).toBe(feedOptions.feedUrl)
		const entries = Array.from(feed.getElementsByTagNameNS(ATOM, 'entry'))
		// a1's two updates; a3's update is about an item parked since.
		expect(entries.map((e) => childText(e, 'updated'))).toEqual(['2025-05-02T09:00:00.000Z', '2025-04-01T09:00:00.000Z'])
		for (const entry of entries) {
			for (const required of ['id', 'title', 'updated']) expect(childText(entry, required), required).toBeTruthy()
			expect(entry.getElementsByTagNameNS(ATOM, 'link')[0]?.getAttribute('href')).toBe(`${feedOptions.pageUrl}#actions`)
		}
		expect(new Set(entries.map((e) => childText(e, 'id'))).size).toBe(2)
		expect(childText(entries[1]!, 'title')).toBe(`${ACTION_TEXT}: In progress`)
		expect(childText(entries[1]!, 'content')).toContain('By: The steward')
		expect(designAtom(fixtureDesign(), feedOptions)).not.toContain(STEWARD.name)
	})

	it('keeps hostile and Welsh words as text, and drops what XML cannot hold', () => {
		const design = fixtureDesign()
		design.actions[0]!.updates.push({ id: 'u9', at: '2025-06-01T09:00:00.000Z', text: `${HOSTILE} ]]> &amp; \u0000\u0007\uD800 ${WELSH}`, status: 'done', reason: '', by: STEWARD, role: 'steward' })
		const text = designAtom(design, { ...feedOptions, language: 'cy' })
		const doc = parseXml(text)
		const first = rootOf(doc).getElementsByTagNameNS(ATOM, 'entry')[0]!
		expect(childText(first, 'content')).toContain(`${HOSTILE} ]]> &amp;  ${WELSH}`)
		expect(childText(first, 'title')).toBe(`${ACTION_TEXT}: Wedi’i wneud`)
		expect(escapeXml('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;')
	})

	it('is a valid feed with no entries when nothing was updated', () => {
		const doc = parseXml(designAtom({ ...fixtureDesign(), actions: [], generatedAt: '' }, feedOptions))
		expect(rootOf(doc).getElementsByTagNameNS(ATOM, 'entry')).toHaveLength(0)
		expect(childText(rootOf(doc), 'updated')).toBe('1970-01-01T00:00:00.000Z')
	})
})
