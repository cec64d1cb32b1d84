import { describe, expect, it } from 'vitest'
import { designHtml, escapeHtml } from './html.js'
import { HOSTILE, PHOTO_URL, TABLE_NOTE, WELSH, fixtureDesign } from './test-support/fixture.js'

/** A 1 x 1 PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0))

const en = { language: 'en', agreedOnly: false } as const

function headingLevels(html: string): number[] {
	return [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]))
}

describe('escapeHtml', () => {
	it('escapes the five characters that matter in content and attributes', () => {
		expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
	})
})

describe('designHtml', () => {
	const html = designHtml(fixtureDesign(), en)

	it('is one self-contained page: language, title, inline style, no script and no outside request', () => {
		expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true)
		expect(html).toContain('<title>Reporting a housing repair – Service design report</title>')
		expect(html).toContain('<style>')
		expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i)
		expect(html).not.toMatch(/(src|href)="(?!#)/)
		expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`)
	})

	it('shows hostile words as text', () => {
		expect(html).toContain(escapeHtml(HOSTILE))
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))')
		expect(html).not.toContain('<script>alert(1)')
		expect(html).not.toMatch(/href="javascript/i)
		expect(html).toContain(WELSH)
	})

	it('has one h1 and headings that never skip a level', () => {
		const levels = headingLevels(html)
		expect(levels.filter((l) => l === 1)).toHaveLength(1)
		expect(levels[0]).toBe(1)
		levels.forEach((level, i) => {
			if (i > 0) expect(level).toBeLessThanOrEqual(levels[i - 1]! + 1)
		})
	})

	it('gives every table a caption and scoped header cells', () => {
		const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? []
		expect(tables.length).toBeGreaterThanOrEqual(7)
		for (const table of tables) {
			expect(table).toMatch(/<caption[^>]*>[^<]+<\/caption>/)
			expect(table).not.toMatch(/<th(?=[\s>])(?![^>]*scope="(col|row)")/)
		}
	})

	it('lays the blueprint out with stages as columns and lanes as rows, cards listed in cells', () => {
		const blueprint = /<table class="blueprint">[\s\S]*?<\/table>/.exec(html)![0]
		expect(blueprint).toContain('<caption>Service blueprint: Report a repair</caption>')
		expect(blueprint).toContain('<th scope="col">Noticing the problem</th><th scope="col">Reporting it</th>')
		const rows = blueprint.match(/<th scope="row">[^<]*<\/th>/g)
		expect(rows).toEqual([
			'<th scope="row">What the tenant does</th>',
			'<th scope="row">Touchpoints</th>',
			'<th scope="row">Behind the scenes</th>',
			'<th scope="row">Evidence</th>',
		])
		expect(blueprint.match(/<li class="kind-/g)).toHaveLength(11)
	})

	it('names each card kind in words beside its symbol, so colour is never the only cue', () => {
		expect(html).toMatch(/<li class="kind-pain"><span class="card-kind"><svg[^>]*aria-hidden="true"[^>]*>.*?<\/svg>Pain point<\/span>/)
		expect(html).toMatch(/<span class="feeling"><svg[^>]*aria-hidden="true"[^>]*>.*?<\/svg>Very bad<\/span>/)
	})

	it('prints on A4, the blueprint on landscape pages', () => {
		expect(html).toContain('@media print')
		expect(html).toContain('@page { size: A4;')
		expect(html).toContain('@page landscape { size: A4 landscape;')
		expect(html).toContain('.landscape { page: landscape;')
		expect(html).toContain('<div class="landscape"><h4>Service blueprint</h4>')
	})

	it('is in Welsh in cy, lang attribute included', () => {
		const cy = designHtml(fixtureDesign(), { language: 'cy', agreedOnly: false })
		expect(cy).toContain('<html lang="cy">')
		for (const heading of ['Crynodeb', 'Taith y gwasanaeth', 'Rhanddeiliaid', 'Asedau cymunedol', 'Perthnasoedd', 'Pleidleisiau', 'Penderfyniadau', 'Cyfranwyr']) {
			expect(cy).toContain(`">${heading}</h2>`)
		}
		expect(cy).toContain('<p class="kind">Adroddiad dylunio gwasanaeth</p>')
		expect(cy).toContain('<th scope="row">Pwyntiau cyffwrdd</th>')
	})

	it('shows notes by where they lie, drawings as inline pictures with words, and says where an image is when its bytes are not given', () => {
		const section = /<section aria-labelledby="contributions">[\s\S]*?<\/section>/.exec(html)![0]
		expect(section).toContain('<h3>On the service blueprint</h3>')
		expect(section).toContain(`<span class="card-text">${TABLE_NOTE}</span>`)
		expect(section).toContain('Made by: Gwen, at the touch table')
		expect(section).toMatch(/<svg class="picture" role="img" aria-label="Drawing from the board" width="84" height="70" viewBox="0 0 84 70"><path d="M10 62 L10 32 L42 8 L74 32 L74 62 Z" fill="#dce1f8" stroke="#4465e9"/)
		expect(section).toContain('aria-label="Shape: Drop-in at the hall"')
		expect(section).toContain(`The picture is not in this file; it is at ${PHOTO_URL} on the workshop’s server.`)
		expect(section).not.toContain('<img')
	})

	it('puts an uploaded image in the page as a data URL when its bytes are given, still with no outside request', () => {
		const page = designHtml(fixtureDesign(), { ...en, images: new Map([[PHOTO_URL, { type: 'image/png', bytes: PNG }]]) })
		expect(page).toMatch(/<img class="picture" src="data:image\/png;base64,iVBORw0KGgo[^"]*" alt="Picture: Damp on the bedroom wall" width="267" height="200">/)
		expect(page).not.toMatch(/(src|href)="(?!#|data:)/)
		expect(page).toContain(`img-src data:"`)
	})

	it('on the public page shows an uploaded image from the server beside it, and lets the page load it from there alone', () => {
		const page = designHtml(fixtureDesign(), { language: 'en', agreedOnly: true, publicPage: true, linkImages: true })
		expect(page).toContain(`<img class="picture" src="${PHOTO_URL}" alt="Picture: Damp on the bedroom wall"`)
		expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'"`)
		// A URL that is not one of this server's uploads is never loaded.
		const design = fixtureDesign()
		design.contributions.find((c) => c.id === 'shape:i1')!.image!.url = 'https://tracker.example/pixel.png'
		expect(designHtml(design, { language: 'en', agreedOnly: true, publicPage: true, linkImages: true })).not.toContain('tracker.example/pixel.png"')
	})

	it('never lets a picture’s paths or colours carry markup or a request', () => {
		const design = fixtureDesign()
		design.contributions.find((c) => c.id === 'shape:d1')!.picture!.paths = [
			{ d: 'M0 0"/><script>alert(1)</script>', stroke: 'url(https://x.example/a)', fill: '"><b>', width: 1, opacity: 1 },
			{ d: 'M0 0 L5 5', stroke: 'url(https://x.example/a)', fill: '"><b>', width: 1, opacity: 1 },
		]
		const page = designHtml(design, en)
		expect(page).not.toContain('<script>alert(1)')
		expect(page).not.toContain('x.example')
		expect(page).toContain('<path d="M0 0 L5 5" fill="none" stroke="none"')
	})

	it('shows only agreed items when asked', () => {
		const agreed = designHtml(fixtureDesign(), { language: 'en', agreedOnly: true })
		expect(agreed).not.toContain('alert(1)')
		expect(agreed).not.toContain('Cllr Jones')
		expect(agreed.match(/<li class="kind-/g)!.length).toBeGreaterThan(5)
	})
})
