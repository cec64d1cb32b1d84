import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { CSV_TABLES, contributorsCsv, csvCell, designCsv } from './csv.js'
import { designCsvZip } from './zip.js'
import { FORMULA, HOSTILE, PHOTO_URL, TABLE_NOTE, WELSH, fixtureDesign } from './test-support/fixture.js'

const en = { language: 'en', agreedOnly: false } as const

/** Parse RFC 4180 text (after its BOM) into rows of fields, to check what a spreadsheet would read. */
function parseCsv(text: string): string[][] {
	expect(text.startsWith('\uFEFF')).toBe(true)
	const rows: string[][] = []
	let row: string[] = []
	let field = ''
	let quoted = false
	const body = text.slice(1)
	for (let i = 0; i < body.length; i++) {
		const ch = body[i]!
		if (quoted) {
			if (ch === '"' && body[i + 1] === '"') {
				field += '"'
				i++
			} else if (ch === '"') quoted = false
			else field += ch
		} else if (ch === '"') quoted = true
		else if (ch === ',') {
			row.push(field)
			field = ''
		} else if (ch === '\r' && body[i + 1] === '\n') {
			row.push(field)
			rows.push(row)
			row = []
			field = ''
			i++
		} else field += ch
	}
	expect(field).toBe('')
	expect(row).toEqual([])
	return rows
}

describe('csvCell', () => {
	it('quotes fields with quotes, commas or line breaks, doubling the quotes', () => {
		expect(csvCell('plain')).toBe('plain')
		expect(csvCell('a, b')).toBe('"a, b"')
		expect(csvCell('say "hi"')).toBe('"say ""hi"""')
		expect(csvCell('two\nlines')).toBe('"two\nlines"')
		expect(csvCell('cr\rhere')).toBe('"cr\rhere"')
		expect(csvCell(42)).toBe('42')
	})

	it('puts a quote mark before anything a spreadsheet would run as a formula', () => {
		expect(csvCell('=1+2')).toBe("'=1+2")
		expect(csvCell('+44 29 2000 0000')).toBe("'+44 29 2000 0000")
		expect(csvCell('-2 staff')).toBe("'-2 staff")
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
		expect(csvCell('\tTAB')).toBe("'\tTAB")
		expect(csvCell('\rCR')).toBe('"\'\rCR"')
		expect(csvCell(FORMULA)).toBe(`"'=HYPERLINK(""http://example.invalid"",""Click"")"`)
		expect(csvCell('a=b')).toBe('a=b')
	})

	it('also neutralises formulas behind leading spaces, line feeds and full-width signs', () => {
		expect(csvCell(' =1+2')).toBe("' =1+2")
		expect(csvCell('\u3000=1+2')).toBe("'\u3000=1+2")
		expect(csvCell('\n=1+2')).toBe('"\'\n=1+2"')
		expect(csvCell('\uff1dSUM(A1)')).toBe("'\uff1dSUM(A1)")
		expect(csvCell('\uff0b1')).toBe("'\uff0b1")
		expect(csvCell('  plain words')).toBe('  plain words')
	})
})

describe('designCsv', () => {
	it('writes every table as UTF-8 with a BOM and CRLF line ends, one header row and one row per item', () => {
		const design = fixtureDesign()
		const counts = { 'journey-steps': 11, stakeholders: 5, relationships: 5, contributions: 6, votes: 6, outcomes: 3, actions: 3, updates: 3, contributors: 6, 'budget-results': 0, 'budget-ballots': 0 }
		for (const table of CSV_TABLES) {
			const text = designCsv(design, table, en)
			expect(text.replace(/"[^"]*"/g, '').split('\n').every((line, i, all) => i === all.length - 1 || line.endsWith('\r'))).toBe(true)
			const rows = parseCsv(text)
			expect(rows, table).toHaveLength(counts[table] + 1)
			expect(new Set(rows.map((r) => r.length)).size, table).toBe(1)
		}
	})

	it('keeps the board’s words intact, with formulas made inert', () => {
		const rows = parseCsv(designCsv(fixtureDesign(), 'journey-steps', en))
		const text = rows.map((r) => r[6])
		expect(text).toContain(WELSH)
		expect(text).toContain(HOSTILE)
		expect(text).toContain(`'${FORMULA}`)
		expect(text).toContain('Ticket assigned to a surveyor\nwithin two working days')
		const stakeholders = parseCsv(designCsv(fixtureDesign(), 'stakeholders', en))
		expect(stakeholders.map((r) => r[5])).toEqual(expect.arrayContaining(["'-2 staff since April", "'@chair meets monthly"]))
	})

	it('names the columns, kinds and statuses in the chosen language', () => {
		const cy = { language: 'cy', agreedOnly: false } as const
		const [head, ...rows] = parseCsv(designCsv(fixtureDesign(), 'journey-steps', cy))
		expect(head).toContain('Taith')
		expect(head).toContain('Math o gerdyn')
		expect(rows.map((r) => r[5])).toContain('Pwynt poen')
		expect(rows.map((r) => r[11])).toContain('Cytunwyd')
		const [relationshipsHead] = parseCsv(designCsv(fixtureDesign(), 'relationships', cy))
		expect(relationshipsHead!.slice(0, 4)).toEqual(['O', 'At', 'Beth sy’n llifo', 'Cyfeiriad'])
	})

	it('ranks votes, most first, equal counts sharing a rank', () => {
		const rows = parseCsv(designCsv(fixtureDesign(), 'votes', en)).slice(1)
		expect(rows.map((r) => [r[0], r[3]])).toEqual([
			['1', '7'],
			['2', '5'],
			['2', '5'],
			['4', '3'],
			['5', '2'],
			['6', '1'],
		])
		expect(rows[3]!.slice(1, 3)).toEqual([TABLE_NOTE, 'Note'])
		expect(rows[5]![1]).toBe('An item no longer on the board')
	})

	it('lists the other contributions: kind, words, where, who (and at which seat), when, status, votes, picture', () => {
		const [head, ...rows] = parseCsv(designCsv(fixtureDesign(), 'contributions', en))
		expect(head).toEqual(['Kind', 'Text', 'Where', 'Made by', 'Table seat', 'Added at', 'Status', 'Votes', 'Picture (URL)', 'Id'])
		expect(rows[0]).toEqual(['Note', TABLE_NOTE, 'Report a repair: Reporting it, What the tenant does', 'Gwen', 'Gwen', '2025-03-04T10:40:00.000Z', 'Agreed', '3', '', 'shape:n1'])
		expect(rows[1]!.slice(0, 3)).toEqual(['Note', 'The warden knows every tenant on the estate', 'Who is involved: Core'])
		expect(rows.find((r) => r[9] === 'shape:i1')).toEqual(['Picture', 'Damp on the bedroom wall', 'Elsewhere on the board', 'Aled Evans', '', '', 'Agreed', '0', PHOTO_URL, 'shape:i1'])
		const [cyHead, cyFirst] = parseCsv(designCsv(fixtureDesign(), 'contributions', { language: 'cy', agreedOnly: true }))
		expect(cyHead!.slice(0, 2)).toEqual(['Math', 'Testun'])
		expect(cyFirst!.slice(0, 1)).toEqual(['Nodyn'])
		expect(parseCsv(designCsv(fixtureDesign(), 'contributions', { language: 'cy', agreedOnly: true }))).toHaveLength(4)
	})

	it('keeps only agreed items when asked', () => {
		const rows = parseCsv(designCsv(fixtureDesign(), 'relationships', { language: 'en', agreedOnly: true }))
		expect(rows.slice(1).map((r) => r[4])).toEqual(['Reports the repair', 'Helps neighbours report'])
	})
})

describe('contributorsCsv', () => {
	it('lists each person with role, affiliation, minutes, notes and votes; pseudonyms as given', () => {
		const rows = parseCsv(contributorsCsv(fixtureDesign()))
		expect(rows[0]).toEqual(['Name', 'Role', 'Here as', 'Minutes present', 'Notes made', 'Votes cast'])
		expect(rows).toContainEqual(['Dewin Dŵr', 'Participant', 'Resident', '95', '4', '5'])
		expect(rows).toContainEqual(['Observer 1', 'Observer', 'Not given', '30', '0', '0'])
		expect(rows).toContainEqual(['Gwen', 'Participant', 'Resident', '90', '1', '3'])
		expect(parseCsv(contributorsCsv(fixtureDesign(), 'cy'))[0]![0]).toBe('Enw')
	})

	it('is the contributors table of the CSV export', () => {
		expect(designCsv(fixtureDesign(), 'contributors', en)).toBe(contributorsCsv(fixtureDesign(), 'en'))
	})
})

describe('designCsvZip', () => {
	it('holds one CSV file per table, each the same as designCsv gives', () => {
		const zip = designCsvZip(fixtureDesign(), en)
		expect([...zip.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04])
		const files = unzipSync(zip)
		expect(Object.keys(files).sort()).toEqual(CSV_TABLES.map((t) => `${t}.csv`).sort())
		for (const table of CSV_TABLES) {
			expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(files[`${table}.csv`])).toBe(designCsv(fixtureDesign(), table, en))
		}
	})

	it('lists the same files in its central directory', () => {
		const zip = designCsvZip(fixtureDesign(), en)
		const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
		const end = zip.byteLength - 22
		expect(view.getUint32(end, true)).toBe(0x06054b50)
		const count = view.getUint16(end + 10, true)
		let at = view.getUint32(end + 16, true)
		const names: string[] = []
		for (let i = 0; i < count; i++) {
			expect(view.getUint32(at, true)).toBe(0x02014b50)
			const nameLength = view.getUint16(at + 28, true)
			const extra = view.getUint16(at + 30, true)
			const comment = view.getUint16(at + 32, true)
			names.push(new TextDecoder().decode(zip.slice(at + 46, at + 46 + nameLength)))
			at += 46 + nameLength + extra + comment
		}
		expect(names).toEqual(CSV_TABLES.map((t) => `${t}.csv`))
	})
})
