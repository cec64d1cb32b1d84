/**
 * The ServiceDesign: the structured result of a workshop, in a documented and versioned format.
 * Exports, the outline, the published page and the recognition report all read it.
 *
 * The canvas gives the journeys, stakeholders, assets and relationships (see `extractServiceDesign`);
 * the server adds what only it knows: the room's title, votes, decisions, outcomes, actions and their
 * updates, and contributors.
 * The JSON Schema of this format is `service-design.schema.json` beside this file.
 * @module
 */
import type { CardKind, Channel, Emotion, LaneKind } from './journey/shapes.js'
import type { Action, Outcome } from './commitments.js'
import type { Affiliation, Role } from './roles.js'
import type { DesignMap } from './map.js'
import type { Audience } from './audience.js'
import type { BallotKind, FundingReason } from './budget.js'
import type { Threshold } from './ratification.js'

/** Version of the ServiceDesign format; raised when a field changes meaning or goes away. */
export const SERVICE_DESIGN_VERSION = 1

export interface Author {
	id: string
	name: string
}

export interface DesignStage {
	id: string
	name: string
}

export interface DesignLane {
	id: string
	name: string
	kind: LaneKind
}

export interface JourneyCard {
	id: string
	stage: string
	lane: string
	kind: CardKind
	text: string
	channel: Channel
	/** Shape id of the stakeholder who acts in this step, or null. */
	actor: string | null
	author: Author
	/** ISO 8601. */
	createdAt: string
}

export interface JourneyPersona {
	id: string
	name: string
	story: string
	needs: string
	color: string
	/** One point per stage that has an emotion (1 very bad .. 5 very good), in stage order. */
	emotions: Array<{ stage: string; value: Emotion }>
	author: Author
}

export interface Journey {
	/** The blueprint's shape id. */
	id: string
	title: string
	stages: DesignStage[]
	lanes: DesignLane[]
	/** Cards by stage, then lane (in the blueprint's order), then their order in the cell. */
	cards: JourneyCard[]
	personas: JourneyPersona[]
}

export const STAKEHOLDER_KINDS = ['resident', 'community', 'voluntary', 'public', 'elected', 'business', 'other'] as const
export type StakeholderKind = (typeof STAKEHOLDER_KINDS)[number]

export interface Stakeholder {
	/** The stakeholder card's shape id. */
	id: string
	name: string
	kind: StakeholderKind
	/** 0 (none) .. 1 (most), from the card's place on a ring or grid, or set by hand. */
	influence: number
	interest: number
	notes: string
	author: Author
	/** The journey cards that name this stakeholder as their actor. */
	actsIn: Array<{ journey: string; card: string }>
}

export const ASSET_KINDS = ['place', 'skill', 'group', 'network', 'resource', 'event'] as const
export type AssetKind = (typeof ASSET_KINDS)[number]

export interface CommunityAsset {
	id: string
	name: string
	kind: AssetKind
	description: string
	/** Who holds it (free text). */
	holder: string
	/** Ids of the stakeholders it connects to. */
	connects: string[]
	author: Author
}

export const FLOWS = ['money', 'information', 'trust', 'time', 'service', 'influence'] as const
export type Flow = (typeof FLOWS)[number]

/** Which way a relationship's flow goes: from -> to only, or both ways. */
export const DIRECTIONS = ['one-way', 'both'] as const
export type Direction = (typeof DIRECTIONS)[number]

export interface Relationship {
	/** The arrow's shape id. */
	id: string
	/** Stakeholder or asset ids at each end. */
	from: string
	to: string
	flow: Flow
	/** `both` when the flow goes both ways. */
	direction: Direction
	label: string
}

export const DECISION_STATUSES = ['proposed', 'agreed', 'parked', 'rejected'] as const
export type DecisionStatus = (typeof DECISION_STATUSES)[number]

/**
 * The kinds of other contribution: whatever people made on the board besides the journey and the map.
 * `note` a sticky note (at the touch table or anywhere), `text` free text, `shape` a drawn shape
 * (rectangle, ellipse, ...), `drawing` a freehand drawing, a line or a group of drawings, `arrow` an
 * arrow that is not a relationship of the map, `image` an uploaded picture.
 */
export const CONTRIBUTION_KINDS = ['note', 'text', 'shape', 'drawing', 'arrow', 'image'] as const
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number]

/** A power/interest grid's quadrants: manage closely, keep satisfied, keep informed, monitor. */
export const QUADRANTS = ['manage', 'satisfy', 'inform', 'monitor'] as const
export type Quadrant = (typeof QUADRANTS)[number]

/** Where a contribution sits: in a cell of a service blueprint. */
export interface CellPlace {
	type: 'cell'
	/** The blueprint's id (a journey of the design). */
	journey: string
	stage: string
	lane: string
}

/** Where a contribution sits: on a stakeholder map, in one of its rings or quadrants. */
export interface MapPlace {
	type: 'map'
	/** The map's shape id. */
	map: string
	/** The map's title, as on the board. */
	title: string
	/** On a rings map: 0 (core), 1 (directly involved) or 2 (wider); null on a grid. */
	ring: 0 | 1 | 2 | null
	/** The ring's label as on the board ('' when it has none, or on a grid). */
	ringLabel: string
	/** On a power/interest grid: its quadrant; null on rings. */
	quadrant: Quadrant | null
}

export type Place = CellPlace | MapPlace

/** One line or area of a picture, in SVG path syntax, in the picture's box (0,0 at its top left). */
export interface PicturePath {
	d: string
	/** A CSS colour, or null for no stroke. */
	stroke: string | null
	/** A CSS colour, or null for no fill. */
	fill: string | null
	width: number
	/** 0..1. */
	opacity: number
}

/** A drawing as simple vector paths, as it lies on the board (rotation included), for reports to draw. */
export interface Picture {
	w: number
	h: number
	paths: PicturePath[]
}

/** An uploaded image on the board. */
export interface ContributionImage {
	/** Where it was uploaded to (`/uploads/<room>/<file>`), or '' for an image not kept by the server. */
	url: string
	w: number
	h: number
}

/** A note, a text, a drawing or an image someone put on the board outside the journey and the map. */
export interface Contribution {
	/** The shape's id. */
	id: string
	kind: ContributionKind
	/** Its words: a note's or text's, a shape's or arrow's label, an image's description; '' if none. */
	text: string
	/** Who made it; both '' when not known. */
	author: Author
	/** The name of the touch-table seat it was made at, or null. */
	seat: string | null
	/** ISO 8601, or null when not recorded. */
	createdAt: string | null
	/** The blueprint cell or stakeholder map it lies on (by where its centre is), or null. */
	place: Place | null
	/** For shapes, drawings and arrows: how it looks. */
	picture: Picture | null
	/** For images. */
	image: ContributionImage | null
}

/** The kinds of item a decision or a vote can be about. */
export const ITEM_KINDS = ['card', 'persona', 'stakeholder', 'asset', 'relationship', ...CONTRIBUTION_KINDS] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

/** One entry of the decision log. The latest entry for an item is its status. */
export interface Decision {
	/** The item's shape id. */
	item: string
	itemKind: ItemKind
	/** What the item said when it was decided (its text or name), so the log reads on its own. */
	itemText: string
	status: DecisionStatus
	note: string
	by: Author
	/** ISO 8601. */
	at: string
	/** Votes the item had in the latest closed round at that time. */
	tally: number
}

export interface VoteTally {
	item: string
	votes: number
}

export interface Contributor {
	/** The person's id in the room; names may be pseudonyms and stay so. */
	id: string
	name: string
	role: Role
	affiliation: Affiliation | null
	minutesPresent: number
	notesMade: number
	votesCast: number
}

export interface ServiceDesign {
	format: 'cyd-service-design'
	version: typeof SERVICE_DESIGN_VERSION
	/** The room's title ('' when extracted from a canvas alone). */
	title: string
	/** ISO 8601; when the design was produced ('' from a canvas alone). */
	generatedAt: string
	/** Name of the saved version this was made from, or null for the current state. */
	versionName: string | null
	journeys: Journey[]
	stakeholders: Stakeholder[]
	assets: CommunityAsset[]
	relationships: Relationship[]
	/** Notes, text, drawings and images anywhere else on the board, top to bottom. */
	contributions: Contribution[]
	/** Votes per item from the latest closed round. */
	votes: VoteTally[]
	/** The decision log, oldest first. */
	decisions: Decision[]
	/** Outcomes the group wants, each with how it will know (indicators), oldest first. */
	outcomes: Outcome[]
	/** Actions committed to on agreed items, oldest first, each with its dated updates (oldest first). */
	actions: Action[]
	contributors: Contributor[]
	/** The neighbourhood map and the items pinned to it (WGS 84); absent or null when the room has no map. */
	map?: DesignMap | null
	/** The community's closed budget rounds, with both rules' results and the ballots without names; absent from a canvas alone. */
	budgets?: DesignBudgetRound[]
	/** The community's closed ratifications, with the tally per item; absent from a canvas alone. */
	ratifications?: DesignRatification[]
}

/**
 * Why a rule funded a budget option or not (see budget.ts): `funded` by the rule, `completion` by the
 * Method of Equal Shares' completion step, `no-support`, `pot-short` (greedy: what was left at its turn
 * did not pay for it), `supporters-short` (equal shares: its supporters' shares, nor the money left over,
 * could pay for it); with the figures that explain it.
 */
export interface DesignVerdict {
	funded: boolean
	reason: FundingReason
	/** The order it was funded in (1 first), or null. */
	step: number | null
	/** Equal shares, funded by the rule: the most one supporter paid; otherwise null. */
	maxPayment: number | null
	/** Equal shares, not funded by the rule: what its supporters had left of their shares; otherwise null. */
	supportersLeft: number | null
	/** The money left in the pot when it was decided (greedy: at its turn; equal shares: at the end). */
	potLeft: number
}

/** An option of a budget round, its votes, and both rules' verdicts. */
export interface DesignBudgetOption {
	id: string
	title: string
	/** Whole units of the round's currency. */
	cost: number
	/** The board item the option is, or null. */
	item: string | null
	/** Approvals, or points given. */
	votes: number
	/** How many ballots supported it. */
	supporters: number
	greedy: DesignVerdict
	equalShares: DesignVerdict
}

/** What a rule funded (in order) and spent of the pot. */
export interface DesignRuleTotals {
	funded: string[]
	spent: number
	left: number
}

/** A closed participatory budgeting round. */
export interface DesignBudgetRound {
	id: string
	pot: number
	/** ISO 4217 code, such as GBP. */
	currency: string
	ballot: BallotKind
	/** For points ballots, how many points each voter split; 0 for approval ballots. */
	points: number
	audience: Audience
	/** ISO 8601, or null when not recorded. */
	openedAt: string | null
	closedAt: string | null
	/** How many ballots were cast. */
	voters: number
	/** Each voter's equal share of the pot (the Method of Equal Shares). */
	share: number
	options: DesignBudgetOption[]
	greedy: DesignRuleTotals
	equalShares: DesignRuleTotals
	/**
	 * Every ballot, naming nobody: one weight per option in the options' order (1 for an approval, or the
	 * points given), sorted by their weights so the order says nothing of who voted when.
	 */
	ballots: number[][]
}

/** An item a ratification asked about, with its tally. */
export interface DesignRatifiedItem {
	item: string
	kind: ItemKind
	text: string
	yes: number
	no: number
	abstain: number
	ratified: boolean
}

/** A closed ratification: yes, no or abstain on each agreed item, with the threshold of yes among yes and no. */
export interface DesignRatification {
	id: string
	threshold: Threshold
	audience: Audience
	/** ISO 8601. */
	openedAt: string
	closedAt: string | null
	/** How many people cast a ballot. */
	voters: number
	items: DesignRatifiedItem[]
}
