/**
 * The JSON Schema (draft 2020-12) of the ServiceDesign format (see design.ts), for the people and tools
 * that read Cyd's JSON exports. `service-design.schema.json` beside this file is the same schema as a
 * file; a test keeps the two equal, so change this object and regenerate the file
 * (`CYD_WRITE_SCHEMA=1 npx vitest run packages/model`).
 *
 * Every object is closed (`additionalProperties: false`) and every field is required, as in the types.
 * @module
 */
import { CARD_KINDS, CHANNELS, EMOTIONS, LANE_KINDS } from './journey/shapes.js'
import { AFFILIATIONS, ROLES } from './roles.js'
import { ACTION_STATUSES, OUTCOME_STATUSES, OWNER_KINDS } from './commitments.js'
import { MAX_MAP_ZOOM, MIN_MAP_ZOOM, PIN_KINDS } from './map.js'
import { AUDIENCES } from './audience.js'
import { BALLOT_KINDS, FUNDING_REASONS } from './budget.js'
import { ASSET_KINDS, CONTRIBUTION_KINDS, DECISION_STATUSES, DIRECTIONS, FLOWS, ITEM_KINDS, QUADRANTS, SERVICE_DESIGN_VERSION, STAKEHOLDER_KINDS } from './design.js'

const text = { type: 'string' } as const
const id = text
const isoTime = { type: 'string', description: 'An ISO 8601 date and time.' } as const
const count = { type: 'integer', minimum: 0 } as const
const share = { type: 'number', minimum: 0, maximum: 1 } as const
const size = { type: 'number', minimum: 0 } as const
const colour = { type: ['string', 'null'], description: 'A CSS colour, or null for none.' } as const

/** The ServiceDesign's JSON Schema, as an object. */
export const SERVICE_DESIGN_SCHEMA = {
	$schema: 'https://json-schema.org/draft/2020-12/schema',
	$id: 'urn:cyd:service-design:1',
	title: 'Cyd service design',
	description:
		'The structured result of a Cyd co-design workshop: journeys, stakeholders, community assets, relationships, the other contributions on the board (notes, text, drawings, images), votes, decisions, the outcomes and actions committed to (with their dated updates) and contributors.',
	type: 'object',
	additionalProperties: false,
	required: ['format', 'version', 'title', 'generatedAt', 'versionName', 'journeys', 'stakeholders', 'assets', 'relationships', 'contributions', 'votes', 'decisions', 'outcomes', 'actions', 'contributors', 'map', 'budgets', 'ratifications'],
	properties: {
		format: { const: 'cyd-service-design' },
		version: { const: SERVICE_DESIGN_VERSION },
		title: { type: 'string', description: "The room's title ('' when extracted from a canvas alone)." },
		generatedAt: { type: 'string', description: "When the design was produced, ISO 8601 ('' from a canvas alone)." },
		versionName: { type: ['string', 'null'], description: 'Name of the saved version this was made from, or null for the current state.' },
		journeys: { type: 'array', items: { $ref: '#/$defs/journey' } },
		stakeholders: { type: 'array', items: { $ref: '#/$defs/stakeholder' } },
		assets: { type: 'array', items: { $ref: '#/$defs/asset' } },
		relationships: { type: 'array', items: { $ref: '#/$defs/relationship' } },
		contributions: {
			type: 'array',
			description: 'Notes, text, drawings, shapes, arrows and images anywhere else on the board, top to bottom.',
			items: { $ref: '#/$defs/contribution' },
		},
		votes: { type: 'array', description: 'Votes per item from the latest closed round.', items: { $ref: '#/$defs/voteTally' } },
		decisions: { type: 'array', description: 'The decision log, oldest first; the latest entry for an item is its status.', items: { $ref: '#/$defs/decision' } },
		outcomes: { type: 'array', description: 'Outcomes the group wants, each with how it will know (indicators), oldest first.', items: { $ref: '#/$defs/outcome' } },
		actions: {
			type: 'array',
			description: 'Actions committed to on agreed items, oldest first, each with its dated updates (oldest first).',
			items: { $ref: '#/$defs/action' },
		},
		contributors: { type: 'array', items: { $ref: '#/$defs/contributor' } },
		map: {
			oneOf: [{ $ref: '#/$defs/map' }, { type: 'null' }],
			description: 'The neighbourhood map the facilitator set and the items pinned to it, or null when the room has no map.',
		},
		budgets: {
			type: 'array',
			description: "The community's closed participatory budgeting rounds, with both rules' results and the ballots without names.",
			items: { $ref: '#/$defs/budgetRound' },
		},
		ratifications: { type: 'array', description: "The community's closed ratifications, with the tally per item.", items: { $ref: '#/$defs/ratification' } },
	},
	$defs: {
		author: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'name'],
			properties: { id: text, name: text },
		},
		stage: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'name'],
			properties: { id, name: text },
		},
		lane: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'name', 'kind'],
			properties: { id, name: text, kind: { enum: LANE_KINDS } },
		},
		card: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'stage', 'lane', 'kind', 'text', 'channel', 'actor', 'author', 'createdAt'],
			properties: {
				id,
				stage: { type: 'string', description: "The id of one of the journey's stages." },
				lane: { type: 'string', description: "The id of one of the journey's lanes." },
				kind: { enum: CARD_KINDS },
				text,
				channel: { enum: CHANNELS },
				actor: { type: ['string', 'null'], description: 'The id of the stakeholder who acts in this step, or null.' },
				author: { $ref: '#/$defs/author' },
				createdAt: isoTime,
			},
		},
		persona: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'name', 'story', 'needs', 'color', 'emotions', 'author'],
			properties: {
				id,
				name: text,
				story: text,
				needs: text,
				color: text,
				emotions: {
					type: 'array',
					description: 'One point per stage that has an emotion (1 very bad .. 5 very good), in stage order.',
					items: {
						type: 'object',
						additionalProperties: false,
						required: ['stage', 'value'],
						properties: { stage: text, value: { enum: EMOTIONS } },
					},
				},
				author: { $ref: '#/$defs/author' },
			},
		},
		journey: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'title', 'stages', 'lanes', 'cards', 'personas'],
			properties: {
				id,
				title: text,
				stages: { type: 'array', items: { $ref: '#/$defs/stage' } },
				lanes: { type: 'array', items: { $ref: '#/$defs/lane' } },
				cards: { type: 'array', description: 'By stage, then lane, then their order in the cell.', items: { $ref: '#/$defs/card' } },
				personas: { type: 'array', items: { $ref: '#/$defs/persona' } },
			},
		},
		stakeholder: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'name', 'kind', 'influence', 'interest', 'notes', 'author', 'actsIn'],
			properties: {
				id,
				name: text,
				kind: { enum: STAKEHOLDER_KINDS },
				influence: share,
				interest: share,
				notes: text,
				author: { $ref: '#/$defs/author' },
				actsIn: {
					type: 'array',
					description: 'The journey cards that name this stakeholder as their actor.',
					items: {
						type: 'object',
						additionalProperties: false,
						required: ['journey', 'card'],
						properties: { journey: text, card: text },
					},
				},
			},
		},
		asset: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'name', 'kind', 'description', 'holder', 'connects', 'author'],
			properties: {
				id,
				name: text,
				kind: { enum: ASSET_KINDS },
				description: text,
				holder: text,
				connects: { type: 'array', description: 'Ids of the stakeholders it connects to.', items: text },
				author: { $ref: '#/$defs/author' },
			},
		},
		relationship: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'from', 'to', 'flow', 'direction', 'label'],
			properties: {
				id,
				from: { type: 'string', description: 'A stakeholder or asset id.' },
				to: { type: 'string', description: 'A stakeholder or asset id.' },
				flow: { enum: FLOWS },
				direction: { enum: DIRECTIONS },
				label: text,
			},
		},
		contribution: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'kind', 'text', 'author', 'seat', 'createdAt', 'place', 'picture', 'image'],
			properties: {
				id,
				kind: { enum: CONTRIBUTION_KINDS },
				text: { type: 'string', description: "Its words: a note's or text's, a shape's or arrow's label, an image's description; '' if none." },
				author: { $ref: '#/$defs/author' },
				seat: { type: ['string', 'null'], description: 'The name of the touch-table seat it was made at, or null.' },
				createdAt: { type: ['string', 'null'], description: 'An ISO 8601 date and time, or null when not recorded.' },
				place: {
					description: 'The blueprint cell or stakeholder map it lies on (by where its centre is), or null.',
					oneOf: [{ $ref: '#/$defs/cellPlace' }, { $ref: '#/$defs/mapPlace' }, { type: 'null' }],
				},
				picture: { description: 'For shapes, drawings and arrows: how it looks.', oneOf: [{ $ref: '#/$defs/picture' }, { type: 'null' }] },
				image: { description: 'For images.', oneOf: [{ $ref: '#/$defs/image' }, { type: 'null' }] },
			},
		},
		cellPlace: {
			type: 'object',
			additionalProperties: false,
			required: ['type', 'journey', 'stage', 'lane'],
			properties: {
				type: { const: 'cell' },
				journey: { type: 'string', description: 'The id of a journey (its blueprint).' },
				stage: { type: 'string', description: "The id of one of the journey's stages." },
				lane: { type: 'string', description: "The id of one of the journey's lanes." },
			},
		},
		mapPlace: {
			type: 'object',
			additionalProperties: false,
			required: ['type', 'map', 'title', 'ring', 'ringLabel', 'quadrant'],
			properties: {
				type: { const: 'map' },
				map: { type: 'string', description: "The stakeholder map's shape id." },
				title: text,
				ring: { enum: [0, 1, 2, null], description: 'On a rings map: 0 (core), 1 (directly involved) or 2 (wider); null on a grid.' },
				ringLabel: text,
				quadrant: { enum: [...QUADRANTS, null], description: 'On a power/interest grid: its quadrant; null on rings.' },
			},
		},
		picture: {
			type: 'object',
			additionalProperties: false,
			required: ['w', 'h', 'paths'],
			properties: {
				w: size,
				h: size,
				paths: {
					type: 'array',
					description: "Lines and areas in SVG path syntax, in the picture's box (0,0 at its top left).",
					items: {
						type: 'object',
						additionalProperties: false,
						required: ['d', 'stroke', 'fill', 'width', 'opacity'],
						properties: { d: text, stroke: colour, fill: colour, width: size, opacity: share },
					},
				},
			},
		},
		image: {
			type: 'object',
			additionalProperties: false,
			required: ['url', 'w', 'h'],
			properties: {
				url: { type: 'string', description: "Where it was uploaded to, or '' for an image not kept by the server." },
				w: size,
				h: size,
			},
		},
		voteTally: {
			type: 'object',
			additionalProperties: false,
			required: ['item', 'votes'],
			properties: { item: text, votes: count },
		},
		decision: {
			type: 'object',
			additionalProperties: false,
			required: ['item', 'itemKind', 'itemText', 'status', 'note', 'by', 'at', 'tally'],
			properties: {
				item: text,
				itemKind: { enum: ITEM_KINDS },
				itemText: text,
				status: { enum: DECISION_STATUSES },
				note: text,
				by: { $ref: '#/$defs/author' },
				at: isoTime,
				tally: count,
			},
		},
		indicator: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'text', 'measure', 'status', 'by', 'at'],
			properties: {
				id,
				text: { type: 'string', description: 'What the group will look at to know the outcome is met.' },
				measure: { type: 'string', description: "A measure or target, or ''." },
				status: { enum: OUTCOME_STATUSES, description: 'agreed when set with the room by the facilitator; proposed when a participant put it forward.' },
				by: { $ref: '#/$defs/author' },
				at: isoTime,
			},
		},
		outcome: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'title', 'status', 'by', 'at', 'indicators'],
			properties: {
				id,
				title: text,
				status: { enum: OUTCOME_STATUSES, description: 'agreed when set with the room by the facilitator; proposed when a participant put it forward.' },
				by: { $ref: '#/$defs/author' },
				at: isoTime,
				indicators: { type: 'array', description: 'How the group will know, oldest first.', items: { $ref: '#/$defs/indicator' } },
			},
		},
		owner: {
			type: 'object',
			additionalProperties: false,
			required: ['kind', 'name', 'stakeholder'],
			properties: {
				kind: { enum: OWNER_KINDS, description: 'A stakeholder of the map, a group, or a named agency.' },
				name: text,
				stakeholder: { type: ['string', 'null'], description: "For a stakeholder: its card's id; otherwise null." },
			},
		},
		actionUpdate: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'at', 'text', 'status', 'reason', 'by', 'role'],
			properties: {
				id,
				at: isoTime,
				text,
				status: { enum: [...ACTION_STATUSES, null], description: 'The status the update set, or null when it left it as it was.' },
				reason: { type: 'string', description: "Why the action was dropped (with status dropped), else ''." },
				by: { $ref: '#/$defs/author' },
				role: { enum: ROLES, description: 'The role of who posted it.' },
			},
		},
		action: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'item', 'itemKind', 'itemText', 'text', 'owner', 'due', 'status', 'reason', 'outcome', 'by', 'at', 'updates'],
			properties: {
				id,
				item: { type: 'string', description: 'The id of the agreed item the action is about.' },
				itemKind: { enum: ITEM_KINDS },
				itemText: { type: 'string', description: 'What the item said when the action was made.' },
				text: { type: 'string', description: 'What will be done.' },
				owner: { $ref: '#/$defs/owner' },
				due: { type: ['string', 'null'], description: 'The day it is due (YYYY-MM-DD), or null.' },
				status: { enum: ACTION_STATUSES },
				reason: { type: 'string', description: "Why it was dropped, else ''." },
				outcome: { type: ['string', 'null'], description: 'The id of the outcome it serves, or null.' },
				by: { $ref: '#/$defs/author' },
				at: isoTime,
				updates: { type: 'array', description: 'Dated updates, oldest first.', items: { $ref: '#/$defs/actionUpdate' } },
			},
		},
		contributor: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'name', 'role', 'affiliation', 'minutesPresent', 'notesMade', 'votesCast'],
			properties: {
				id,
				name: text,
				role: { enum: ROLES },
				affiliation: { enum: [...AFFILIATIONS, null] },
				minutesPresent: { type: 'number', minimum: 0 },
				notesMade: count,
				votesCast: count,
			},
		},
		lonLat: {
			type: 'object',
			additionalProperties: false,
			required: ['lon', 'lat'],
			properties: {
				lon: { type: 'number', minimum: -180, maximum: 180, description: 'Degrees east (WGS 84).' },
				lat: { type: 'number', minimum: -90, maximum: 90, description: 'Degrees north (WGS 84).' },
			},
		},
		map: {
			type: 'object',
			additionalProperties: false,
			required: ['centre', 'zoom', 'bounds', 'pins'],
			properties: {
				centre: { $ref: '#/$defs/lonLat' },
				zoom: { type: 'number', minimum: MIN_MAP_ZOOM, maximum: MAX_MAP_ZOOM, description: 'Web Mercator zoom of the view (512-pixel tiles).' },
				bounds: {
					type: ['array', 'null'],
					items: { type: 'number' },
					minItems: 4,
					maxItems: 4,
					description: 'West, south, east, north in degrees, or null for no bounds.',
				},
				pins: { type: 'array', description: 'Items pinned to the map, north first.', items: { $ref: '#/$defs/pin' } },
			},
		},
		pin: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'kind', 'text', 'place', 'lon', 'lat', 'area', 'author'],
			properties: {
				id: { type: 'string', description: "The item's shape id." },
				kind: { enum: PIN_KINDS },
				text,
				place: { type: 'string', description: "The name of its place (a street or landmark), or ''." },
				lon: { type: 'number', minimum: -180, maximum: 180, description: 'Degrees east (WGS 84).' },
				lat: { type: 'number', minimum: -90, maximum: 90, description: 'Degrees north (WGS 84).' },
				area: {
					type: ['array', 'null'],
					items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
					description: 'For a pinned drawing or shape, the area it marks: a closed ring of [longitude, latitude]; null for a point.',
				},
				author: { $ref: '#/$defs/author' },
			},
		},
		verdict: {
			type: 'object',
			additionalProperties: false,
			required: ['funded', 'reason', 'step', 'maxPayment', 'supportersLeft', 'potLeft'],
			description: 'Why a rule funded an option or not, with the figures that explain it.',
			properties: {
				funded: { type: 'boolean' },
				reason: {
					enum: FUNDING_REASONS,
					description:
						'funded: by the rule; completion: by the equal shares completion step, from the money left over; no-support: nobody voted for it; pot-short: most votes first, what was left at its turn did not pay for it; supporters-short: equal shares, neither its supporters’ shares nor the money left over paid for it.',
				},
				step: { type: ['integer', 'null'], minimum: 1, description: 'The order it was funded in (1 first), or null.' },
				maxPayment: { type: ['number', 'null'], minimum: 0, description: 'Equal shares, funded by the rule: the most one supporter paid; otherwise null.' },
				supportersLeft: { type: ['number', 'null'], minimum: 0, description: 'Equal shares, not funded by the rule: what its supporters had left of their shares; otherwise null.' },
				potLeft: { type: 'number', description: 'The money left in the pot when it was decided (most votes first: at its turn; equal shares: at the end).' },
			},
		},
		budgetOption: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'title', 'cost', 'item', 'votes', 'supporters', 'greedy', 'equalShares'],
			properties: {
				id,
				title: text,
				cost: { type: 'integer', minimum: 0, description: "Whole units of the round's currency." },
				item: { type: ['string', 'null'], description: 'The board item the option is, or null.' },
				votes: { ...count, description: 'Approvals, or points given.' },
				supporters: { ...count, description: 'How many ballots supported it.' },
				greedy: { $ref: '#/$defs/verdict' },
				equalShares: { $ref: '#/$defs/verdict' },
			},
		},
		ruleTotals: {
			type: 'object',
			additionalProperties: false,
			required: ['funded', 'spent', 'left'],
			properties: {
				funded: { type: 'array', items: text, description: "The funded options' ids, in the order they were funded." },
				spent: { type: 'number', minimum: 0 },
				left: { type: 'number' },
			},
		},
		budgetRound: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'pot', 'currency', 'ballot', 'points', 'audience', 'openedAt', 'closedAt', 'voters', 'share', 'options', 'greedy', 'equalShares', 'ballots'],
			properties: {
				id,
				pot: { type: 'integer', minimum: 0, description: 'Whole units of the currency.' },
				currency: { type: 'string', description: 'An ISO 4217 code, such as GBP.' },
				ballot: { enum: BALLOT_KINDS, description: 'approval: approve options whose costs fit the pot; points: split a number of points.' },
				points: { ...count, description: 'For points ballots, how many points each voter split; 0 for approval ballots.' },
				audience: { enum: AUDIENCES, description: 'Who could vote.' },
				openedAt: { type: ['string', 'null'], description: 'ISO 8601, or null.' },
				closedAt: { type: ['string', 'null'], description: 'ISO 8601, or null.' },
				voters: { ...count, description: 'How many ballots were cast.' },
				share: { type: 'number', minimum: 0, description: "Each voter's equal share of the pot." },
				options: { type: 'array', items: { $ref: '#/$defs/budgetOption' } },
				greedy: { $ref: '#/$defs/ruleTotals', description: 'Most votes first, each option funded if what is left of the pot pays for it.' },
				equalShares: { $ref: '#/$defs/ruleTotals', description: 'The Method of Equal Shares (Peters and Skowron) with completion.' },
				ballots: {
					type: 'array',
					description: "Every ballot, naming nobody: one weight per option in the options' order (1 for an approval, or the points given), sorted by the weights.",
					items: { type: 'array', items: count },
				},
			},
		},
		threshold: {
			type: 'object',
			additionalProperties: false,
			required: ['yes', 'of'],
			description: 'An item is ratified when yes is at least `yes` in `of` of the yes and no votes.',
			properties: { yes: { type: 'integer', minimum: 1 }, of: { type: 'integer', minimum: 1 } },
		},
		ratifiedItem: {
			type: 'object',
			additionalProperties: false,
			required: ['item', 'kind', 'text', 'yes', 'no', 'abstain', 'ratified'],
			properties: { item: id, kind: { enum: ITEM_KINDS }, text, yes: count, no: count, abstain: count, ratified: { type: 'boolean' } },
		},
		ratification: {
			type: 'object',
			additionalProperties: false,
			required: ['id', 'threshold', 'audience', 'openedAt', 'closedAt', 'voters', 'items'],
			properties: {
				id,
				threshold: { $ref: '#/$defs/threshold' },
				audience: { enum: AUDIENCES, description: 'Who could vote.' },
				openedAt: isoTime,
				closedAt: { type: ['string', 'null'], description: 'ISO 8601, or null.' },
				voters: { ...count, description: 'How many people cast a ballot.' },
				items: { type: 'array', items: { $ref: '#/$defs/ratifiedItem' } },
			},
		},
	},
} as const
