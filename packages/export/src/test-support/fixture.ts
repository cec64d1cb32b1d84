/**
 * A realistic workshop result to export in tests and samples: a council's "report a housing repair"
 * journey (two stages, cards in four lanes, a persona), the stakeholders, a community asset and the
 * relationships around it, a closed voting round, a decision log with agreed, parked, rejected and
 * re-decided items, the people who took part (one under a pseudonym), and the other contributions: a
 * note made at the touch table, a note on the map, free text, a drawing, a labelled shape and a photo.
 *
 * Some of its words are hostile on purpose: a card that tries HTML and a Markdown link, and cells that
 * a spreadsheet would run as formulas. Some are Welsh, with the letters a standard PDF font lacks.
 * @module
 */
import type { Contribution, Decision, DecisionStatus, ItemKind, JourneyCard, ServiceDesign } from '@cyd/model'

export const HOSTILE = '<script>alert(1)</script> [x](javascript:alert(1))'
export const WELSH = 'Galwad yn ôl yn Gymraeg ynglŷn â’r tŷ a’r dŵr'
export const FORMULA = '=HYPERLINK("http://example.invalid","Click")'

const mair = { id: 'p-mair', name: 'Mair Roberts' }
const aled = { id: 'p-aled', name: 'Aled Evans' }
const dewin = { id: 'p-dewin', name: 'Dewin Dŵr' }
const sam = { id: 'p-sam', name: 'Sam Patel' }
const gwen = { id: 'p-gwen', name: 'Gwen' }
/** The officer who follows the actions up after the workshop: never named on the public page. */
export const STEWARD = { id: 'p-rhian', name: 'Rhian Steward' }
export const ACTION_TEXT = 'Add a repairs form with photo upload to the council website'
export const DROPPED_REASON = 'Legal services say the landlord pays; no action needed'

export const TABLE_NOTE = 'Nobody rings back to say when the surveyor is coming'
export const PHOTO_URL = '/uploads/room00000001/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png'

/** A house, as a freehand drawing's paths. */
const HOUSE = {
	w: 84,
	h: 70,
	paths: [
		{ d: 'M10 62 L10 32 L42 8 L74 32 L74 62 Z', stroke: '#4465e9', fill: '#dce1f8', width: 3.5, opacity: 1 },
		{ d: 'M34 62 L34 44 L50 44 L50 62', stroke: '#4465e9', fill: null, width: 3.5, opacity: 1 },
	],
}

function contribution(id: string, kind: Contribution['kind'], text: string, extra: Partial<Contribution> = {}): Contribution {
	return { id, kind, text, author: { id: '', name: '' }, seat: null, createdAt: null, place: null, picture: null, image: null, ...extra }
}

function card(id: string, stage: string, lane: string, kind: JourneyCard['kind'], text: string, extra: Partial<JourneyCard> = {}): JourneyCard {
	return { id, stage, lane, kind, text, channel: 'other', actor: null, author: aled, createdAt: '2025-03-04T10:15:00.000Z', ...extra }
}

function decision(item: string, itemKind: ItemKind, itemText: string, status: DecisionStatus, at: string, extra: Partial<Decision> = {}): Decision {
	return { item, itemKind, itemText, status, note: '', by: mair, at, tally: 0, ...extra }
}

/** The fixture design, fresh each call so a test may change it. */
export function fixtureDesign(): ServiceDesign {
	return {
		format: 'cyd-service-design',
		version: 1,
		title: 'Reporting a housing repair',
		generatedAt: '2025-03-04T14:05:00.000Z',
		versionName: 'After the Tuesday workshop',
		journeys: [
			{
				id: 'shape:bp1',
				title: 'Report a repair',
				stages: [
					{ id: 's1', name: 'Noticing the problem' },
					{ id: 's2', name: 'Reporting it' },
				],
				lanes: [
					{ id: 'l1', name: 'What the tenant does', kind: 'actions' },
					{ id: 'l2', name: '', kind: 'frontstage' },
					{ id: 'l3', name: 'Behind the scenes', kind: 'backstage' },
					{ id: 'l4', name: 'Evidence', kind: 'evidence' },
				],
				cards: [
					card('shape:c1', 's1', 'l1', 'action', 'Sees a damp patch spreading on the bedroom wall', { channel: 'inPerson' }),
					card('shape:c2', 's1', 'l1', 'pain', 'Not sure whether to call the council or the landlord'),
					card('shape:c3', 's1', 'l4', 'evidence', '41% of tenants surveyed in 2024 did not know who to call', { author: sam }),
					card('shape:c4', 's2', 'l1', 'pain', 'Phones the contact centre and waits 25 minutes', { channel: 'phone' }),
					card('shape:c5', 's2', 'l2', 'touchpoint', 'Contact centre logs the repair', { channel: 'phone', actor: 'shape:sh2' }),
					card('shape:c6', 's2', 'l2', 'opportunity', 'Report online with photos, in Welsh or English', { channel: 'web', author: dewin }),
					card('shape:c7', 's2', 'l2', 'idea', WELSH, { channel: 'phone', author: dewin }),
					card('shape:c8', 's2', 'l3', 'action', 'Ticket assigned to a surveyor\nwithin two working days', { actor: 'shape:sh3' }),
					card('shape:c9', 's2', 'l3', 'question', 'Who pays when the landlord is at fault?'),
					card('shape:c10', 's2', 'l3', 'idea', HOSTILE),
					card('shape:c11', 's2', 'l4', 'evidence', FORMULA),
				],
				personas: [
					{
						id: 'shape:pe1',
						name: 'Aled, 67',
						story: 'Lives alone in a council flat. Prefers to speak Welsh on the phone.',
						needs: 'To report a problem once, and know when someone will come.',
						color: 'blue',
						emotions: [
							{ stage: 's1', value: 2 },
							{ stage: 's2', value: 1 },
						],
						author: aled,
					},
				],
			},
		],
		stakeholders: [
			{ id: 'shape:sh1', name: 'Tenant', kind: 'resident', influence: 0.2, interest: 0.95, notes: '', author: aled, actsIn: [] },
			{ id: 'shape:sh2', name: 'Contact centre', kind: 'public', influence: 0.5, interest: 0.6, notes: '-2 staff since April', author: sam, actsIn: [{ journey: 'shape:bp1', card: 'shape:c5' }] },
			{ id: 'shape:sh3', name: 'Repairs team', kind: 'public', influence: 0.8, interest: 0.5, notes: 'Runs the surveyors, "on call" at weekends', author: sam, actsIn: [{ journey: 'shape:bp1', card: 'shape:c8' }] },
			{ id: 'shape:sh4', name: 'Tenants’ association', kind: 'community', influence: 0.4, interest: 0.9, notes: '@chair meets monthly', author: dewin, actsIn: [] },
			{ id: 'shape:sh5', name: 'Cllr Jones', kind: 'elected', influence: 0.9, interest: 0.4, notes: '', author: mair, actsIn: [] },
		],
		assets: [
			{
				id: 'shape:as1',
				name: 'Community hall on Heol y Frenhines',
				kind: 'place',
				description: 'Free drop-in every Thursday; has a computer and a printer.',
				holder: 'Tenants’ association',
				connects: ['shape:sh4', 'shape:sh1', 'shape:sh5'],
				author: dewin,
			},
		],
		relationships: [
			{ id: 'shape:r1', from: 'shape:sh1', to: 'shape:sh2', flow: 'information', direction: 'one-way', label: 'Reports the repair' },
			{ id: 'shape:r2', from: 'shape:sh2', to: 'shape:sh3', flow: 'information', direction: 'one-way', label: 'Passes the ticket on' },
			{ id: 'shape:r3', from: 'shape:sh4', to: 'shape:sh1', flow: 'trust', direction: 'both', label: 'Helps neighbours report' },
			{ id: 'shape:r4', from: 'shape:sh5', to: 'shape:sh3', flow: 'influence', direction: 'one-way', label: 'Chases urgent cases' },
			{ id: 'shape:r5', from: 'shape:sh5', to: 'shape:sh4', flow: 'time', direction: 'both', label: 'Attends meetings' },
		],
		contributions: [
			contribution('shape:n1', 'note', TABLE_NOTE, {
				author: gwen,
				seat: 'Gwen',
				createdAt: '2025-03-04T10:40:00.000Z',
				place: { type: 'cell', journey: 'shape:bp1', stage: 's2', lane: 'l1' },
			}),
			contribution('shape:n2', 'note', 'The warden knows every tenant on the estate', {
				author: dewin,
				place: { type: 'map', map: 'shape:map1', title: 'Who is involved', ring: 0, ringLabel: 'Core', quadrant: null },
			}),
			contribution('shape:d1', 'drawing', '', { author: aled, picture: HOUSE }),
			contribution('shape:g1', 'shape', 'Drop-in at the hall', { picture: { w: 124, h: 84, paths: [{ d: 'M2 2 L122 2 L122 82 L2 82 Z', stroke: '#e03131', fill: '#f5f5f5', width: 3.5, opacity: 1 }] } }),
			contribution('shape:t1', 'text', 'Ask about Welsh-speaking surveyors'),
			contribution('shape:i1', 'image', 'Damp on the bedroom wall', { author: aled, image: { url: PHOTO_URL, w: 400, h: 300 } }),
		],
		votes: [
			{ item: 'shape:n1', votes: 3 },
			{ item: 'shape:c4', votes: 5 },
			{ item: 'shape:c6', votes: 7 },
			{ item: 'shape:c7', votes: 5 },
			{ item: 'shape:sh4', votes: 2 },
			{ item: 'shape:gone', votes: 1 },
		],
		decisions: [
			decision('shape:c7', 'card', WELSH, 'proposed', '2025-03-04T11:30:00.000Z', { tally: 5 }),
			decision('shape:c6', 'card', 'Report online with photos, in Welsh or English', 'agreed', '2025-03-04T11:40:00.000Z', { tally: 7, note: 'Top of the vote' }),
			decision('shape:c4', 'card', 'Phones the contact centre and waits 25 minutes', 'agreed', '2025-03-04T11:42:00.000Z', { tally: 5, note: 'The problem to fix first' }),
			decision('shape:c7', 'card', WELSH, 'agreed', '2025-03-04T11:45:00.000Z', { tally: 5, note: 'Needs Welsh-speaking staff on the rota' }),
			decision('shape:c8', 'card', 'Ticket assigned to a surveyor within two working days', 'agreed', '2025-03-04T11:50:00.000Z'),
			decision('shape:c9', 'card', 'Who pays when the landlord is at fault?', 'parked', '2025-03-04T11:52:00.000Z', { note: 'Ask legal services' }),
			decision('shape:c10', 'card', HOSTILE, 'rejected', '2025-03-04T11:53:00.000Z', { note: HOSTILE }),
			decision('shape:c5', 'card', 'Contact centre logs the repair', 'agreed', '2025-03-04T11:55:00.000Z'),
			decision('shape:pe1', 'persona', 'Aled, 67', 'agreed', '2025-03-04T12:00:00.000Z'),
			decision('shape:sh1', 'stakeholder', 'Tenant', 'agreed', '2025-03-04T12:05:00.000Z'),
			decision('shape:sh2', 'stakeholder', 'Contact centre', 'agreed', '2025-03-04T12:05:30.000Z'),
			decision('shape:sh4', 'stakeholder', 'Tenants’ association', 'agreed', '2025-03-04T12:06:00.000Z', { tally: 2 }),
			decision('shape:sh5', 'stakeholder', 'Cllr Jones', 'parked', '2025-03-04T12:07:00.000Z', { note: 'Invite to the next session' }),
			decision('shape:as1', 'asset', 'Community hall on Heol y Frenhines', 'agreed', '2025-03-04T12:10:00.000Z'),
			decision('shape:r1', 'relationship', 'Reports the repair', 'agreed', '2025-03-04T12:12:00.000Z'),
			decision('shape:r2', 'relationship', 'Passes the ticket on', 'agreed', '2025-03-04T12:12:30.000Z'),
			decision('shape:r3', 'relationship', 'Helps neighbours report', 'agreed', '2025-03-04T12:13:00.000Z'),
			decision('shape:r4', 'relationship', 'Chases urgent cases', 'rejected', '2025-03-04T12:14:00.000Z'),
			decision('shape:r5', 'relationship', 'Attends meetings', 'agreed', '2025-03-04T12:15:00.000Z'),
			decision('shape:n1', 'note', TABLE_NOTE, 'agreed', '2025-03-04T12:20:00.000Z', { tally: 3 }),
			decision('shape:d1', 'drawing', '', 'agreed', '2025-03-04T12:21:00.000Z'),
			decision('shape:i1', 'image', 'Damp on the bedroom wall', 'agreed', '2025-03-04T12:22:00.000Z'),
			decision('shape:t1', 'text', 'Ask about Welsh-speaking surveyors', 'proposed', '2025-03-04T12:23:00.000Z', { by: gwen }),
		],
		outcomes: [
			{
				id: 'o1',
				title: 'Report a repair once, and know when someone will come',
				status: 'agreed',
				by: mair,
				at: '2025-03-04T12:30:00.000Z',
				indicators: [
					{ id: 'i1', text: 'Repairs reported online or in Welsh', measure: 'Half of all reports by March 2026', status: 'agreed', by: mair, at: '2025-03-04T12:31:00.000Z' },
					{ id: 'i2', text: 'Tenants who knew when the surveyor would come', measure: '', status: 'proposed', by: aled, at: '2025-03-04T12:32:00.000Z' },
				],
			},
			{ id: 'o2', title: 'Fewer calls chasing a repair', status: 'proposed', by: dewin, at: '2025-03-04T12:33:00.000Z', indicators: [] },
		],
		actions: [
			{
				id: 'a1',
				item: 'shape:c6',
				itemKind: 'card',
				itemText: 'Report online with photos, in Welsh or English',
				text: ACTION_TEXT,
				owner: { kind: 'stakeholder', name: 'Contact centre', stakeholder: 'shape:sh2' },
				due: '2025-06-30',
				status: 'in-progress',
				reason: '',
				outcome: 'o1',
				by: mair,
				at: '2025-03-04T12:40:00.000Z',
				updates: [
					{ id: 'u1', at: '2025-04-01T09:00:00.000Z', text: 'Form designed with the tenants’ association', status: 'in-progress', reason: '', by: STEWARD, role: 'steward' },
					{ id: 'u2', at: '2025-05-02T09:00:00.000Z', text: 'Tried out with five tenants at the hall', status: null, reason: '', by: mair, role: 'facilitator' },
				],
			},
			{
				id: 'a2',
				item: 'shape:c7',
				itemKind: 'card',
				itemText: WELSH,
				text: 'Staff who speak Welsh on every shift of the contact centre',
				owner: { kind: 'agency', name: 'Gwasanaethau Cwsmeriaid y Cyngor', stakeholder: null },
				due: null,
				status: 'planned',
				reason: '',
				outcome: 'o2',
				by: mair,
				at: '2025-03-04T12:41:00.000Z',
				updates: [],
			},
			{
				id: 'a3',
				item: 'shape:c9',
				itemKind: 'card',
				itemText: 'Who pays when the landlord is at fault?',
				text: 'Find out who pays',
				owner: { kind: 'group', name: 'Tenants’ association', stakeholder: null },
				due: '2025-04-30',
				status: 'dropped',
				reason: DROPPED_REASON,
				outcome: null,
				by: mair,
				at: '2025-03-04T12:42:00.000Z',
				updates: [{ id: 'u3', at: '2025-04-20T09:00:00.000Z', text: '', status: 'dropped', reason: DROPPED_REASON, by: STEWARD, role: 'steward' }],
			},
		],
		contributors: [
			{ id: 'p-mair', name: 'Mair Roberts', role: 'facilitator', affiliation: 'organisation', minutesPresent: 150, notesMade: 3, votesCast: 0 },
			{ id: 'p-aled', name: 'Aled Evans', role: 'participant', affiliation: 'resident', minutesPresent: 120, notesMade: 8, votesCast: 5 },
			{ id: 'p-dewin', name: 'Dewin Dŵr', role: 'participant', affiliation: 'resident', minutesPresent: 95.4, notesMade: 4, votesCast: 5 },
			{ id: 'p-sam', name: 'Sam Patel', role: 'expert', affiliation: 'organisation', minutesPresent: 45, notesMade: 2, votesCast: 0 },
			{ id: 'p-obs', name: 'Observer 1', role: 'observer', affiliation: null, minutesPresent: 30, notesMade: 0, votesCast: 0 },
			{ id: 'p-gwen', name: 'Gwen', role: 'participant', affiliation: 'resident', minutesPresent: 90, notesMade: 1, votesCast: 3 },
		],
		// No neighbourhood map in this room (places.test.ts and geojson.test.ts add one).
		map: null,
		// No closed budget round or ratification (community.test.ts adds them).
		budgets: [],
		ratifications: [],
	}
}
