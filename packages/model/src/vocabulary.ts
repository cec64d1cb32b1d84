/**
 * The words of the co-design domain in Cyd's languages: kinds of card, channels, lanes, feelings,
 * kinds of stakeholder and asset, what flows between them, decision states, roles and the states of
 * outcomes and actions. Defined once here and used by the web app and the exports alike, so that the
 * report says what the room said.
 *
 * Messages that put one of these words into a sentence stay with the app or the export that says
 * them; `prefixed` makes catalogue entries of a group under the catalogue's own keys.
 * @module
 */
import type { ActionStatus, OutcomeStatus } from './commitments.js'
import type { AssetKind, DecisionStatus, Direction, Flow, ItemKind, Quadrant, StakeholderKind } from './design.js'
import type { CardKind, Channel, Emotion, LaneKind } from './journey/shapes.js'
import type { Role } from './roles.js'
import type { Language } from './room.js'

export interface Vocabulary {
	cardKind: Record<CardKind, string>
	channel: Record<Channel, string>
	/** A lane's kind, as the name of a lane that has not been named. */
	laneKind: Record<LaneKind, string>
	emotion: Record<Emotion | 'none', string>
	stakeholderKind: Record<StakeholderKind, string>
	assetKind: Record<AssetKind, string>
	flow: Record<Flow, string>
	direction: Record<Direction, string>
	quadrant: Record<Quadrant, string>
	decisionStatus: Record<DecisionStatus, string>
	role: Record<Role, string>
	outcomeStatus: Record<OutcomeStatus, string>
	actionStatus: Record<ActionStatus, string>
	/** What a decision or a vote is about, and what a screen reader calls a selected shape. */
	itemKind: Record<ItemKind, string>
}

export const VOCABULARY: Record<Language, Vocabulary> = {
	en: {
		cardKind: { action: 'Action', touchpoint: 'Touchpoint', pain: 'Pain point', opportunity: 'Opportunity', idea: 'Idea', question: 'Question', evidence: 'Evidence', achievement: 'Achievement', works: 'What works' },
		channel: { inPerson: 'In person', phone: 'Phone', web: 'Web', letter: 'Letter', app: 'App', other: 'Other or not known' },
		laneKind: { actions: 'Resident actions', frontstage: 'Touchpoints', backstage: 'Behind the scenes', support: 'Support processes', evidence: 'Evidence', other: 'Other' },
		emotion: { 1: 'Very bad', 2: 'Bad', 3: 'Neither good nor bad', 4: 'Good', 5: 'Very good', none: 'Not set' },
		stakeholderKind: {
			resident: 'Resident',
			community: 'Community group',
			voluntary: 'Voluntary organisation',
			public: 'Public body',
			elected: 'Elected member',
			business: 'Business',
			other: 'Other',
		},
		assetKind: { place: 'Place', skill: 'Skill', group: 'Group', network: 'Network', resource: 'Resource', event: 'Event' },
		flow: { money: 'Money', information: 'Information', trust: 'Trust', time: 'Time or volunteering', service: 'Service', influence: 'Influence' },
		direction: { 'one-way': 'One way', both: 'Both ways' },
		quadrant: { manage: 'Manage closely', satisfy: 'Keep satisfied', inform: 'Keep informed', monitor: 'Monitor' },
		decisionStatus: { proposed: 'Proposed', agreed: 'Agreed', parked: 'Parked', rejected: 'Rejected' },
		role: { facilitator: 'Facilitator', participant: 'Participant', expert: 'Expert', observer: 'Observer', steward: 'Steward' },
		outcomeStatus: { proposed: 'Put forward', agreed: 'Agreed' },
		actionStatus: { planned: 'Planned', 'in-progress': 'In progress', done: 'Done', dropped: 'Dropped' },
		itemKind: {
			card: 'Card',
			persona: 'Persona',
			stakeholder: 'Stakeholder',
			asset: 'Community asset',
			relationship: 'Relationship',
			note: 'Note',
			text: 'Text',
			shape: 'Shape',
			drawing: 'Drawing',
			arrow: 'Arrow',
			image: 'Picture',
		},
	},
	cy: {
		cardKind: { action: 'Cam gweithredu', touchpoint: 'Pwynt cyffwrdd', pain: 'Pwynt poen', opportunity: 'Cyfle', idea: 'Syniad', question: 'Cwestiwn', evidence: 'Tystiolaeth', achievement: 'Cyflawniad', works: 'Beth sy’n gweithio' },
		channel: { inPerson: 'Wyneb yn wyneb', phone: 'Ffôn', web: 'Gwe', letter: 'Llythyr', app: 'Ap', other: 'Arall neu ddim yn hysbys' },
		laneKind: { actions: 'Camau’r preswylydd', frontstage: 'Pwyntiau cyffwrdd', backstage: 'Y tu ôl i’r llenni', support: 'Prosesau cefnogi', evidence: 'Tystiolaeth', other: 'Arall' },
		emotion: { 1: 'Gwael iawn', 2: 'Gwael', 3: 'Ddim yn dda nac yn wael', 4: 'Da', 5: 'Da iawn', none: 'Heb ei osod' },
		stakeholderKind: {
			resident: 'Preswylydd',
			community: 'Grŵp cymunedol',
			voluntary: 'Mudiad gwirfoddol',
			public: 'Corff cyhoeddus',
			elected: 'Aelod etholedig',
			business: 'Busnes',
			other: 'Arall',
		},
		assetKind: { place: 'Lle', skill: 'Sgil', group: 'Grŵp', network: 'Rhwydwaith', resource: 'Adnodd', event: 'Digwyddiad' },
		flow: { money: 'Arian', information: 'Gwybodaeth', trust: 'Ymddiriedaeth', time: 'Amser neu wirfoddoli', service: 'Gwasanaeth', influence: 'Dylanwad' },
		direction: { 'one-way': 'Un ffordd', both: 'Y ddwy ffordd' },
		quadrant: { manage: 'Rheoli’n agos', satisfy: 'Cadw’n fodlon', inform: 'Cadw’n wybodus', monitor: 'Monitro' },
		decisionStatus: { proposed: 'Cynigiwyd', agreed: 'Cytunwyd', parked: 'Wedi’i ohirio', rejected: 'Gwrthodwyd' },
		role: { facilitator: 'Hwylusydd', participant: 'Cyfranogwr', expert: 'Arbenigwr', observer: 'Sylwedydd', steward: 'Stiward' },
		outcomeStatus: { proposed: 'Wedi’i gynnig', agreed: 'Cytunwyd' },
		actionStatus: { planned: 'Wedi’i gynllunio', 'in-progress': 'Ar y gweill', done: 'Wedi’i wneud', dropped: 'Wedi’i ollwng' },
		itemKind: {
			card: 'Cerdyn',
			persona: 'Persona',
			stakeholder: 'Rhanddeiliad',
			asset: 'Ased cymunedol',
			relationship: 'Perthynas',
			note: 'Nodyn',
			text: 'Testun',
			shape: 'Siâp',
			drawing: 'Lluniad',
			arrow: 'Saeth',
			image: 'Llun',
		},
	},
}

/** A group of words as catalogue entries under `prefix`: `prefixed('flow.', words.flow)` gives `{ 'flow.money': … }`. */
export function prefixed<P extends string, K extends string | number>(prefix: P, words: Record<K, string>): Record<`${P}${K}`, string> {
	return Object.fromEntries(Object.entries(words).map(([key, word]) => [`${prefix}${key}`, word])) as Record<`${P}${K}`, string>
}
