import { describe, expect, it } from 'vitest'
import { formatRemaining } from './clock'
import { peekToken } from './session'
import { endedByCloseCode } from './workshopConnection'

const base64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const token = (claims: object) => `${base64url(JSON.stringify(claims))}.signature`

describe('tokens, as the browser reads them', () => {
	it('reads the link and role of a token without trusting it for anything else', () => {
		expect(peekToken(token({ kind: 'link', room: 'r', role: 'expert', link: 'abc_-1', exp: 1 }))).toEqual({ link: 'abc_-1', role: 'expert' })
		expect(peekToken(token({ kind: 'link', role: 'admin', link: 'x' }))).toBeNull()
		expect(peekToken('not a token')).toBeNull()
	})
})

describe('countdown text', () => {
	it('rounds up, so 0:00 means the time is up', () => {
		expect(formatRemaining(7 * 60_000)).toBe('7:00')
		expect(formatRemaining(61_001)).toBe('1:02')
		expect(formatRemaining(999)).toBe('0:01')
		expect(formatRemaining(0)).toBe('0:00')
	})
})

describe('close codes', () => {
	it('tells a replaced link from a removal, and ignores the rest', () => {
		expect(endedByCloseCode(4401)).toBe('revoked')
		expect(endedByCloseCode(4403)).toBe('removed')
		expect(endedByCloseCode(1006)).toBeNull()
	})
})
