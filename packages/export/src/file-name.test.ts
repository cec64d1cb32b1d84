import { describe, expect, it } from 'vitest'
import { contentDisposition, exportFileName } from './file-name.js'

describe('exportFileName', () => {
	it('is the room’s title and the day, not the room’s id', () => {
		expect(exportFileName({ title: 'Reporting a housing repair', at: '2025-03-04T14:05:00.000Z', extension: 'pdf' })).toEqual({
			unicode: 'Reporting-a-housing-repair-2025-03-04.pdf',
			ascii: 'Reporting-a-housing-repair-2025-03-04.pdf',
		})
	})

	it('keeps Welsh letters in the Unicode name and spells them without accents in ASCII', () => {
		const name = exportFileName({ title: 'Gwasanaeth dŵr: tŷ’r gymuned – ŵyr a wyres', at: '2025-07-01T23:30:00.000Z', agreedOnly: true, extension: 'html' })
		// 23:30 UTC on 1 July is 00:30 on 2 July in Wales.
		expect(name.unicode).toBe('Gwasanaeth-dŵr-tŷr-gymuned-ŵyr-a-wyres-2025-07-02-agreed.html')
		expect(name.ascii).toBe('Gwasanaeth-dwr-tyr-gymuned-wyr-a-wyres-2025-07-02-agreed.html')
	})

	it('adds a version’s name and a CSV table, and makes anything else safe', () => {
		const name = exportFileName({ title: '../../etc/passwd "x"; y', at: '2025-03-04T10:00:00Z', version: 'After lunch!', table: 'journey-steps', extension: 'csv' })
		expect(name.ascii).toBe('etc-passwd-x-y-2025-03-04-After-lunch-journey-steps.csv')
		expect(exportFileName({ title: '', at: '2025-03-04T10:00:00Z', extension: 'zip' }).ascii).toBe('service-design-2025-03-04.zip')
		expect(exportFileName({ title: 'Łódź 東京', at: '2025-03-04T10:00:00Z', extension: 'json' })).toEqual({ unicode: 'Łódź-東京-2025-03-04.json', ascii: 'Lodz-2025-03-04.json' })
		expect(Array.from(exportFileName({ title: 'ŵ'.repeat(200), at: '', extension: 'md' }).unicode)).toHaveLength(63)
	})
})

describe('contentDisposition', () => {
	it('gives an ASCII filename and the UTF-8 one, percent-encoded', () => {
		const header = contentDisposition(exportFileName({ title: 'Tŷ Cymunedol', at: '2025-03-04T10:00:00Z', extension: 'pdf' }))
		expect(header).toBe(`attachment; filename="Ty-Cymunedol-2025-03-04.pdf"; filename*=UTF-8''T%C5%B7-Cymunedol-2025-03-04.pdf`)
	})
})
