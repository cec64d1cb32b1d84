/**
 * Recognition people receive themselves, what would help them take part, and their personal data: the
 * contracts of "My contribution" (time present, what was made, votes cast, time credits at the
 * facilitator's rate), the signed receipt and its verification, the opt-in participation code that adds
 * up hours across workshops, access needs, anonymous equalities monitoring and the retention rule.
 * @module
 */
import type { Role } from './roles.js'

/** Most time credits an hour may earn (a facilitator's rate). */
export const MAX_CREDIT_RATE = 100
/** The rate a room starts with: one credit per hour, as time-banking schemes count. */
export const DEFAULT_CREDIT_RATE = 1

/** Time credits for minutes present at a rate per hour, to two decimals. */
export function creditsFor(minutes: number, perHour: number): number {
	return Math.round(((Math.max(0, minutes) / 60) * perHour) * 100) / 100
}

/** What one person gave to one workshop, as they see it themselves. */
export interface MyContribution {
	room: string
	workshop: string
	/** The day of the workshop, YYYY-MM-DD. */
	date: string
	name: string
	role: Role
	/** The seat of the table, when the person is a seat's. */
	seat: string | null
	minutesPresent: number
	/** Items made that are still on the board. */
	made: number
	votesCast: number
	/** Time credits per hour, as the facilitator set them. */
	creditRate: number
	credits: number
}

/** What a receipt certifies: signed by the server over its canonical JSON. */
export interface ReceiptClaims {
	/** The receipt format's version. */
	v: 1
	/** A random id of this receipt. */
	id: string
	room: string
	workshop: string
	date: string
	name: string
	minutesPresent: number
	made: number
	votesCast: number
	creditRate: number
	credits: number
	/** When the server issued it (ISO 8601). */
	issuedAt: string
}

/** A receipt: its claims and the code that carries them with the server's signature. */
export interface Receipt {
	claims: ReceiptClaims
	/** `<base64url(canonical JSON)>.<base64url(signature)>`: the whole of what a verifier needs. */
	code: string
}

/** What the verification says of a code. */
export type ReceiptCheck = { genuine: true; claims: ReceiptClaims } | { genuine: false; reason: string }

/** JSON with every object's keys in order and no spaces: the same bytes for the same receipt. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
	}
	return JSON.stringify(value)
}

/** A participation code: ten letters and digits with no look-alikes, shown as two groups of five. */
export const PARTICIPATION_CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{5}-?[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{5}$/

/** A participation code as typed (any case, with or without its dash), in its one written form. */
export function normaliseParticipationCode(code: string): string | null {
	const upper = code.trim().toUpperCase().replace(/\s+/g, '')
	if (!PARTICIPATION_CODE.test(upper)) return null
	const plain = upper.replace('-', '')
	return `${plain.slice(0, 5)}-${plain.slice(5)}`
}

/** What a participation code adds up: hours across the workshops it was used in on this Cyd. */
export interface ParticipationTotal {
	code: string
	workshops: number
	minutesPresent: number
	credits: number
}

/** What would help someone take part, as the join form offers it. */
export const ACCESS_NEEDS = ['large-print', 'bsl', 'interpreter', 'welsh', 'breaks', 'hearing-loop', 'step-free'] as const
export type AccessNeed = (typeof ACCESS_NEEDS)[number]
export const MAX_ACCESS_OTHER = 300

/** A person's access needs as the facilitator sees them (never anyone else). */
export interface PersonNeeds {
	person: string
	name: string
	needs: AccessNeed[]
	other: string
}

/**
 * Equalities monitoring: optional and anonymous, by the Equality Act 2010's protected characteristics and
 * Welsh language use. Each question's answers; "prefer not to say" is always one.
 */
export const MONITORING_QUESTIONS = {
	age: ['under-18', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-plus', 'prefer-not'],
	disability: ['yes', 'no', 'prefer-not'],
	sex: ['female', 'male', 'prefer-not'],
	genderReassignment: ['yes', 'no', 'prefer-not'],
	marriage: ['married-or-civil-partnership', 'not', 'prefer-not'],
	pregnancy: ['yes', 'no', 'prefer-not'],
	ethnicity: ['asian', 'black', 'mixed', 'white', 'other', 'prefer-not'],
	religion: ['none', 'christian', 'buddhist', 'hindu', 'jewish', 'muslim', 'sikh', 'other', 'prefer-not'],
	sexualOrientation: ['bisexual', 'gay-or-lesbian', 'heterosexual', 'other', 'prefer-not'],
	welsh: ['fluent', 'some', 'learning', 'none', 'prefer-not'],
} as const
export type MonitoringQuestion = keyof typeof MONITORING_QUESTIONS
export type MonitoringAnswers = { [Q in MonitoringQuestion]?: (typeof MONITORING_QUESTIONS)[Q][number] }

/** Totals below this are shown as "fewer than five", never as a number. */
export const MONITORING_SUPPRESS_BELOW = 5

/** Monitoring totals: per question and answer a count, or null where it is suppressed (1 to 4). */
export interface MonitoringTotals {
	responses: number | null
	questions: Record<MonitoringQuestion, Record<string, number | null>>
}

/** Counts answers per question, suppressing every count of 1 to 4 (and the total while under five). */
export function monitoringTotals(answers: readonly MonitoringAnswers[]): MonitoringTotals {
	const hide = (n: number) => (n > 0 && n < MONITORING_SUPPRESS_BELOW ? null : n)
	const questions = {} as MonitoringTotals['questions']
	for (const [q, options] of Object.entries(MONITORING_QUESTIONS) as [MonitoringQuestion, readonly string[]][]) {
		questions[q] = Object.fromEntries(options.map((o) => [o, hide(answers.filter((a) => a[q] === o).length)]))
	}
	return { responses: hide(answers.length), questions }
}

/** Days a room keeps personal data unless its facilitator or the deployer says otherwise. */
export const DEFAULT_RETENTION_DAYS = 90
export const MAX_RETENTION_DAYS = 3650

/** A room's rule for personal data. */
export interface PrivacySettings {
	retentionDays: number
	/** When the room's personal data is erased (ms since the epoch), from its start. */
	purgeAt: number
	/** Set once it has been erased. */
	purgedAt: number | null
}
