import { describe, expect, it } from 'vitest'
import { designMarkdown, escapeMarkdown } from './markdown.js'
import { HOSTILE, TABLE_NOTE, WELSH, fixtureDesign } from './test-support/fixture.js'

const en = { language: 'en', agreedOnly: false } as const

describe('escapeMarkdown', () => {
	it('escapes what would make a link, an image, HTML, emphasis, code, a table cell or a heading', () => {
		expect(escapeMarkdown('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>')
		expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))')
		expect(escapeMarkdown('![img](http://x)')).toBe('!\\[img\\](http://x)')
		expect(escapeMarkdown('*bold* _em_ `code` a|b ~~s~~ &amp;')).toBe('\\*bold\\* \\_em\\_ \\`code\\` a\\|b \\~\\~s\\~\\~ \\&amp;')
		expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading')
		expect(escapeMarkdown('- not a list\n+ nor this\n1. nor this')).toBe('\\- not a list\n\\+ nor this\n1\\. nor this')
		expect(escapeMarkdown('back\\slash')).toBe('back\\\\slash')
		expect(escapeMarkdown(WELSH)).toBe(WELSH)
	})
})

describe('designMarkdown', () => {
	const md = designMarkdown(fixtureDesign(), en)
	const lines = md.split('\n')

	it('reads as a report: title, kind, when, version, then the sections in order', () => {
		expect(lines[0]).toBe('# Reporting a housing repair')
		expect(md).toContain('- **Generated:** 4 March 2025, 14:05')
		expect(md).toContain('- **Version:** After the Tuesday workshop')
		const headings = lines.filter((l) => l.startsWith('## '))
		expect(headings).toEqual([
			'## Summary',
			'## Service journey',
			'## Stakeholders',
			'## Community assets',
			'## Relationships',
			'## Notes and other contributions',
			'## Outcomes and how we will know',
			'## Actions',
			'## Parked and not taken forward',
			'## Votes',
			'## Decisions',
			'## Contributors',
		])
	})

	it('lists the notes and other contributions by where they lie, a picture described in words', () => {
		expect(md).toContain('### On the service blueprint')
		expect(md).toContain(`- 📝 **Note:** ${TABLE_NOTE} (Where: Report a repair: Reporting it, What the tenant does; Made by: Gwen, at the touch table; Made: 4 March 2025, 10:40; Status: Agreed; Votes: 3)`)
		expect(md).toContain('### On the stakeholder map')
		expect(md).toContain('Where: Who is involved: Core')
		expect(md).toContain('- ✏ **Drawing:** *Drawing from the board* (Made by: Aled Evans; Status: Agreed)')
		expect(md).toContain('- 🖼 **Picture:** Damp on the bedroom wall')
	})

	it('shows each journey: persona, feelings as faces and words, pain points, opportunities, blueprint', () => {
		expect(md).toContain('### Report a repair')
		expect(md).toContain('#### Persona: Aled, 67')
		expect(md).toContain('| **Noticing the problem** | 🙁 Bad |')
		expect(md).toContain('| **Reporting it** | 😞 Very bad |')
		expect(md).toContain('#### Pain points\n\n- ⚠ **Pain point:** Not sure whether to call the council or the landlord')
		expect(md).toContain('#### Opportunities\n\n- ★ **Opportunity:** Report online with photos, in Welsh or English')
		expect(md).toContain('| Lane | Noticing the problem | Reporting it |')
		const blueprintRows = lines.filter((l) => l.startsWith('| **What the tenant does**') || l.startsWith('| **Touchpoints**'))
		expect(blueprintRows).toHaveLength(2)
		expect(blueprintRows[1]).toContain('💡 **Idea:** ' + WELSH)
	})

	it('keeps hostile words as text: no link, no HTML, and table rows stay whole', () => {
		expect(md).not.toContain('<script>')
		expect(md).not.toContain('[x](')
		expect(md).toContain(escapeMarkdown(HOSTILE))
		expect(md).toContain('Ticket assigned to a surveyor<br>within two working days')
		const table = lines.filter((l) => l.startsWith('| ') && l.includes('Behind the scenes'))
		expect(table).toHaveLength(1)
		expect(table[0]!.split(/(?<!\\)\|/).length).toBe(5)
	})

	it('ranks the votes and lists the decisions with their status, note, who and when', () => {
		expect(md).toContain('| 1 | Report online with photos, in Welsh or English | Card | 7 |')
		expect(md).toContain('| 2 | ' + WELSH + ' | Card | 5 |')
		expect(md).toContain('| Who pays when the landlord is at fault? (Card) | Parked | Ask legal services | Mair Roberts | 4 March 2025, 11:52 | 0 |')
	})

	it('writes its headings and labels in Welsh in cy', () => {
		const cy = designMarkdown(fixtureDesign(), { language: 'cy', agreedOnly: false })
		const headings = cy.split('\n').filter((l) => l.startsWith('## '))
		expect(headings).toEqual([
			'## Crynodeb',
			'## Taith y gwasanaeth',
			'## Rhanddeiliaid',
			'## Asedau cymunedol',
			'## Perthnasoedd',
			'## Nodiadau a chyfraniadau eraill',
			'## Canlyniadau a sut y byddwn ni’n gwybod',
			'## Camau gweithredu',
			'## Wedi’u gohirio a heb fynd ymlaen',
			'## Pleidleisiau',
			'## Penderfyniadau',
			'## Cyfranwyr',
		])
		expect(cy).toContain('- **Lluniwyd:** 4 Mawrth 2025, 14:05')
		expect(cy).toContain('⚠ **Pwynt poen:**')
		expect(cy).toContain('| **Reporting it** | 😞 Gwael iawn |')
		expect(cy).toContain('Cytunwyd')
	})

	it('leaves out what was not agreed when asked, and says so', () => {
		const agreed = designMarkdown(fixtureDesign(), { language: 'en', agreedOnly: true })
		expect(agreed).toContain('This report shows only the items the group agreed.')
		expect(agreed).not.toContain('Not sure whether to call')
		expect(agreed).not.toContain('Cllr Jones')
		expect(agreed).toContain(WELSH)
	})
})
