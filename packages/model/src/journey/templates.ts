/**
 * Journey templates: the JSON file organisations use to share a service blueprint with each other.
 *
 * A template holds a blueprint's structure and words only: its stages and lanes in order, its cards by
 * stage and lane index (in order within each cell), and its personas with one emotion per stage. It has
 * no shape ids, authors, times or positions, so the same file can be opened in any room.
 *
 * ```
 * { format: 'cyd-journey-template', version: 1, title, stages: [name], lanes: [{ name, kind }],
 *   cards: [{ stage, lane, kind, text, channel }], personas: [{ name, story, needs, color, emotions }] }
 * ```
 *
 * Two worked examples, in English and Welsh, ship with the app (`sampleTemplate`).
 * @module
 */
import type { Language } from '../room.js'
import type { Journey } from '../design.js'
import {
	CARD_KINDS,
	CHANNELS,
	LANE_KINDS,
	MAX_LANES,
	MAX_STAGES,
	MAX_TEXT,
	PERSONA_COLORS,
	isCardKind,
	isChannel,
	isEmotion,
	isLaneKind,
	type CardKind,
	type Channel,
	type Emotion,
	type LaneKind,
	type PersonaColor,
} from './shapes.js'

/** The `format` field of every template file. */
export const TEMPLATE_FORMAT = 'cyd-journey-template'
/** The template version this app writes and reads; raised when a field changes meaning or goes away. */
export const TEMPLATE_VERSION = 1
/** Most cards in one template. */
export const MAX_TEMPLATE_CARDS = 500
/** Most personas in one template (one per persona colour). */
export const MAX_TEMPLATE_PERSONAS = 8

/** A card of a template, in a cell given by indexes into the template's stages and lanes. */
export interface TemplateCard {
	stage: number
	lane: number
	kind: CardKind
	text: string
	channel: Channel
}

/** A persona of a template, with an emotion (or none) for each stage, by stage index. */
export interface TemplatePersona {
	name: string
	story: string
	needs: string
	color: PersonaColor
	emotions: Array<Emotion | null>
}

/** A shareable service blueprint. */
export interface JourneyTemplate {
	format: typeof TEMPLATE_FORMAT
	version: typeof TEMPLATE_VERSION
	title: string
	/** Stage names, in order. */
	stages: string[]
	/** Lanes, in order. */
	lanes: Array<{ name: string; kind: LaneKind }>
	/** Cards; within a cell, their order is their order in this array. */
	cards: TemplateCard[]
	personas: TemplatePersona[]
}

/** What `parseTemplate` makes of a value: a clean template, or the first problem, naming its field. */
export type TemplateResult = { ok: true; template: JourneyTemplate } | { ok: false; error: string }

/** A problem in the value being parsed; caught by `parseTemplate` and never let out. */
class TemplateError extends Error {}

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A short description of a value for an error message (never the whole of a huge value). */
function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
	if (typeof value === 'number' || typeof value === 'boolean') return String(value)
	if (value === null) return 'null'
	if (Array.isArray(value)) return 'an array'
	if (typeof value === 'object') return 'an object'
	return typeof value
}

function fail(path: string, message: string): never {
	throw new TemplateError(`${path}: ${message}`)
}

/** Fails with "path: expected what, got value" (without "got" when the field is missing). */
function expected(path: string, what: string, value: unknown): never {
	return fail(path, value === undefined ? `expected ${what}` : `expected ${what}, got ${show(value)}`)
}

function object(value: unknown, path: string): Json {
	return isObject(value) ? value : expected(path, 'an object', value)
}

function text(value: unknown, path: string): string {
	if (typeof value !== 'string') return expected(path, 'a string', value)
	if (value.length > MAX_TEXT) return fail(path, `longer than ${MAX_TEXT} characters (${value.length})`)
	return value
}

function list(value: unknown, path: string, most: number, noun: string): unknown[] {
	if (!Array.isArray(value)) return expected(path, 'an array', value)
	if (value.length > most) return fail(path, `more than ${most} ${noun} (${value.length})`)
	return value
}

function index(value: unknown, path: string, noun: string, count: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value)) return expected(path, `a ${noun} index`, value)
	if (value < 0 || value >= count) return fail(path, `no ${noun} ${value}`)
	return value
}

function isPersonaColor(value: unknown): value is PersonaColor {
	return typeof value === 'string' && (PERSONA_COLORS as readonly string[]).includes(value)
}

function parseOrThrow(value: unknown): JourneyTemplate {
	const json = object(value, 'template')
	if (json.format !== TEMPLATE_FORMAT) expected('format', JSON.stringify(TEMPLATE_FORMAT), json.format)
	const version = json.version
	if (typeof version === 'number' && Number.isInteger(version) && version > TEMPLATE_VERSION) {
		fail('version', `${version} is newer than this app reads (${TEMPLATE_VERSION})`)
	}
	if (version !== TEMPLATE_VERSION) expected('version', String(TEMPLATE_VERSION), version)
	const title = text(json.title, 'title')

	const rawStages = list(json.stages, 'stages', MAX_STAGES, 'stages')
	if (rawStages.length === 0) fail('stages', 'expected at least one stage')
	const stages: string[] = []
	for (let i = 0; i < rawStages.length; i++) stages.push(text(rawStages[i], `stages[${i}]`))

	const rawLanes = list(json.lanes, 'lanes', MAX_LANES, 'lanes')
	if (rawLanes.length === 0) fail('lanes', 'expected at least one lane')
	const lanes: JourneyTemplate['lanes'] = []
	for (let i = 0; i < rawLanes.length; i++) {
		const path = `lanes[${i}]`
		const lane = object(rawLanes[i], path)
		const name = text(lane.name, `${path}.name`)
		if (!isLaneKind(lane.kind)) expected(`${path}.kind`, `a lane kind (${LANE_KINDS.join(', ')})`, lane.kind)
		lanes.push({ name, kind: lane.kind })
	}

	const rawCards = list(json.cards, 'cards', MAX_TEMPLATE_CARDS, 'cards')
	const cards: TemplateCard[] = []
	for (let i = 0; i < rawCards.length; i++) {
		const path = `cards[${i}]`
		const card = object(rawCards[i], path)
		const stage = index(card.stage, `${path}.stage`, 'stage', stages.length)
		const lane = index(card.lane, `${path}.lane`, 'lane', lanes.length)
		if (!isCardKind(card.kind)) expected(`${path}.kind`, `a card kind (${CARD_KINDS.join(', ')})`, card.kind)
		const cardText = text(card.text, `${path}.text`)
		if (!isChannel(card.channel)) expected(`${path}.channel`, `a channel (${CHANNELS.join(', ')})`, card.channel)
		cards.push({ stage, lane, kind: card.kind, text: cardText, channel: card.channel })
	}

	const rawPersonas = list(json.personas, 'personas', MAX_TEMPLATE_PERSONAS, 'personas')
	const personas: TemplatePersona[] = []
	for (let i = 0; i < rawPersonas.length; i++) {
		const path = `personas[${i}]`
		const persona = object(rawPersonas[i], path)
		const name = text(persona.name, `${path}.name`)
		const story = text(persona.story, `${path}.story`)
		const needs = text(persona.needs, `${path}.needs`)
		if (!isPersonaColor(persona.color)) expected(`${path}.color`, `a colour (${PERSONA_COLORS.join(', ')})`, persona.color)
		const rawEmotions = persona.emotions
		if (!Array.isArray(rawEmotions)) expected(`${path}.emotions`, 'an array', rawEmotions)
		if (rawEmotions.length !== stages.length) {
			fail(`${path}.emotions`, `expected ${stages.length} values, one per stage, got ${rawEmotions.length}`)
		}
		const emotions: Array<Emotion | null> = []
		for (let s = 0; s < stages.length; s++) {
			const emotion: unknown = rawEmotions[s]
			if (emotion !== null && !isEmotion(emotion)) expected(`${path}.emotions[${s}]`, '1 to 5 or null', emotion)
			emotions.push(emotion)
		}
		personas.push({ name, story, needs, color: persona.color, emotions })
	}

	return { format: TEMPLATE_FORMAT, version: TEMPLATE_VERSION, title, stages, lanes, cards, personas }
}

/**
 * Read a template file's JSON strictly. Any problem gives the first one found, in English, naming its
 * field (`cards[3].lane: no lane 7`). A template is returned as a fresh object holding only the
 * template's own fields. Never throws, whatever `value` is.
 */
export function parseTemplate(value: unknown): TemplateResult {
	try {
		return { ok: true, template: parseOrThrow(value) }
	} catch (error) {
		if (error instanceof TemplateError) return { ok: false, error: error.message }
		return { ok: false, error: 'template: could not be read' }
	}
}

function firstIndexById(items: ReadonlyArray<{ id: string }>): Map<string, number> {
	const map = new Map<string, number>()
	items.forEach((item, i) => {
		if (!map.has(item.id)) map.set(item.id, i)
	})
	return map
}

const clip = (s: string): string => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s)

/**
 * The template of an extracted journey (see extract.ts): stage and lane ids become indexes, each persona's
 * emotions become one per stage (null where it has none), and cards keep the journey's order. What a
 * template cannot hold is cut to fit, so that `parseTemplate` accepts the result whenever the journey has
 * a stage and a lane: stages after MAX_STAGES and lanes after MAX_LANES (with their cards), cards after
 * MAX_TEMPLATE_CARDS, personas after MAX_TEMPLATE_PERSONAS, text after MAX_TEXT characters. A persona
 * colour that is not one of PERSONA_COLORS becomes the colour of its position.
 */
export function templateOf(journey: Journey): JourneyTemplate {
	const stages = journey.stages.slice(0, MAX_STAGES)
	const lanes = journey.lanes.slice(0, MAX_LANES)
	const stageIndex = firstIndexById(stages)
	const laneIndex = firstIndexById(lanes)
	const cards = journey.cards
		.flatMap((card): TemplateCard[] => {
			const stage = stageIndex.get(card.stage)
			const lane = laneIndex.get(card.lane)
			if (stage === undefined || lane === undefined) return []
			return [
				{
					stage,
					lane,
					kind: isCardKind(card.kind) ? card.kind : 'action',
					text: clip(card.text),
					channel: isChannel(card.channel) ? card.channel : 'other',
				},
			]
		})
		.slice(0, MAX_TEMPLATE_CARDS)
	const personas = journey.personas.slice(0, MAX_TEMPLATE_PERSONAS).map((persona, i): TemplatePersona => {
		const byStage = new Map<string, Emotion>()
		for (const point of persona.emotions) {
			if (isEmotion(point.value) && !byStage.has(point.stage)) byStage.set(point.stage, point.value)
		}
		return {
			name: clip(persona.name),
			story: clip(persona.story),
			needs: clip(persona.needs),
			color: isPersonaColor(persona.color) ? persona.color : PERSONA_COLORS[i % PERSONA_COLORS.length]!,
			emotions: stages.map((s) => byStage.get(s.id) ?? null),
		}
	})
	return {
		format: TEMPLATE_FORMAT,
		version: TEMPLATE_VERSION,
		title: clip(journey.title),
		stages: stages.map((s) => clip(s.name)),
		lanes: lanes.map((l) => ({ name: clip(l.name), kind: isLaneKind(l.kind) ? l.kind : 'other' })),
		cards,
		personas,
	}
}

/** The worked examples that ship with the app. */
/** The worked examples of a service journey. */
export const JOURNEY_SAMPLE_IDS = ['housing-repair', 'blue-badge'] as const
/** Every worked example: the journeys, and the appraisal (a joint audit of needs and achievements). */
export const SAMPLE_IDS = [...JOURNEY_SAMPLE_IDS, 'appraisal'] as const
export type SampleId = (typeof SAMPLE_IDS)[number]

const LANES_EN: JourneyTemplate['lanes'] = [
	{ name: 'Resident actions', kind: 'actions' },
	{ name: 'Touchpoints', kind: 'frontstage' },
	{ name: 'Behind the scenes', kind: 'backstage' },
	{ name: 'Support processes', kind: 'support' },
	{ name: 'Evidence', kind: 'evidence' },
]

const LANES_CY: JourneyTemplate['lanes'] = [
	{ name: "Camau'r preswylydd", kind: 'actions' },
	{ name: 'Pwyntiau cyffwrdd', kind: 'frontstage' },
	{ name: "Y tu ôl i'r llenni", kind: 'backstage' },
	{ name: 'Prosesau cefnogi', kind: 'support' },
	{ name: 'Tystiolaeth', kind: 'evidence' },
]

const HOUSING_REPAIR_EN: JourneyTemplate = {
	format: TEMPLATE_FORMAT,
	version: TEMPLATE_VERSION,
	title: 'Reporting a housing repair',
	stages: ['Report', 'Triage', 'Appointment', 'Repair visit', 'Follow-up'],
	lanes: LANES_EN,
	cards: [
		{ stage: 0, lane: 0, kind: 'action', channel: 'web', text: "Reports black mould in the children's bedroom and no hot water, using the online form" },
		{ stage: 0, lane: 0, kind: 'pain', channel: 'phone', text: 'Waited 40 minutes on the repairs line, then gave up and went online' },
		{ stage: 0, lane: 1, kind: 'touchpoint', channel: 'web', text: 'Online repairs form: pick the room and the problem, add photos, get a reference by email' },
		{ stage: 0, lane: 4, kind: 'evidence', channel: 'app', text: 'Phone photos of the mould on the bedroom wall and window frame' },
		{ stage: 1, lane: 2, kind: 'action', channel: 'other', text: 'Repairs team sets a priority: emergency 24 hours, urgent 7 days, routine 28 days' },
		{ stage: 1, lane: 2, kind: 'pain', channel: 'other', text: 'Damp and mould logged as routine, though a child in the home has asthma' },
		{ stage: 1, lane: 3, kind: 'question', channel: 'other', text: 'Do we ask who lives in the home, and about their health, when a repair is reported?' },
		{ stage: 1, lane: 3, kind: 'opportunity', channel: 'other', text: 'Treat damp and mould as a health risk: inspect within days where children or older people live' },
		{ stage: 2, lane: 0, kind: 'pain', channel: 'phone', text: 'Has to take a morning off work for a five-hour appointment window' },
		{ stage: 2, lane: 1, kind: 'touchpoint', channel: 'phone', text: 'Text message offers the first free slot: 8am to 1pm or 12pm to 6pm' },
		{ stage: 2, lane: 1, kind: 'idea', channel: 'app', text: 'Let residents pick a two-hour slot and get a text when the operative is on the way' },
		{ stage: 2, lane: 2, kind: 'action', channel: 'other', text: 'Scheduler matches the job to an operative with the right trade and the right parts on the van' },
		{ stage: 3, lane: 0, kind: 'action', channel: 'inPerson', text: 'Clears the bedroom wall and stays in for the visit' },
		{ stage: 3, lane: 1, kind: 'touchpoint', channel: 'inPerson', text: 'Operative treats the mould and checks the boiler, explaining what they are doing' },
		{ stage: 3, lane: 2, kind: 'pain', channel: 'other', text: 'Boiler part not on the van, so the job goes back in the queue for a second visit' },
		{ stage: 3, lane: 3, kind: 'action', channel: 'other', text: 'Stores order the part; a surveyor is asked to find the cause of the damp' },
		{ stage: 3, lane: 4, kind: 'evidence', channel: 'app', text: "Job sheet signed on the operative's handheld, with before and after photos" },
		{ stage: 4, lane: 0, kind: 'pain', channel: 'inPerson', text: 'Mould is back within six weeks: the cause, poor ventilation, was never fixed' },
		{ stage: 4, lane: 1, kind: 'touchpoint', channel: 'letter', text: 'Letter confirms a date for the damp survey, three weeks away' },
		{ stage: 4, lane: 2, kind: 'opportunity', channel: 'phone', text: 'Call back six weeks after any damp and mould treatment to check it has worked' },
		{ stage: 4, lane: 4, kind: 'evidence', channel: 'web', text: "Repair history in the tenant's online account shows the job as closed" },
	],
	personas: [
		{
			name: 'Aisha',
			story: 'Rents a two-bedroom housing association flat with her two children; the youngest has asthma. Works shifts in a care home.',
			needs: 'A repair that fixes the cause, appointments that fit around her shifts, and to be believed the first time.',
			color: 'orange',
			emotions: [2, 1, 3, 4, 1],
		},
		{
			name: 'Gareth',
			story: "Is 78 and lives alone in a council bungalow. He isn't online and rings from his landline. His boiler broke in January.",
			needs: 'A person to talk to on the phone, a quick repair because the house is cold, and clear letters.',
			color: 'blue',
			emotions: [1, 3, 4, 2, 4],
		},
	],
}

const HOUSING_REPAIR_CY: JourneyTemplate = {
	format: TEMPLATE_FORMAT,
	version: TEMPLATE_VERSION,
	title: 'Rhoi gwybod am waith atgyweirio yn y cartref',
	stages: ['Rhoi gwybod', 'Brysbennu', 'Apwyntiad', 'Ymweliad atgyweirio', 'Camau dilynol'],
	lanes: LANES_CY,
	cards: [
		{ stage: 0, lane: 0, kind: 'action', channel: 'web', text: "Rhoi gwybod am lwydni du yn ystafell wely'r plant a dim dŵr poeth, drwy'r ffurflen ar-lein" },
		{ stage: 0, lane: 0, kind: 'pain', channel: 'phone', text: "Aros 40 munud ar y llinell atgyweirio, yna rhoi'r gorau iddi a mynd ar-lein" },
		{ stage: 0, lane: 1, kind: 'touchpoint', channel: 'web', text: "Ffurflen atgyweirio ar-lein: dewis yr ystafell a'r broblem, ychwanegu lluniau, cael cyfeirnod drwy e-bost" },
		{ stage: 0, lane: 4, kind: 'evidence', channel: 'app', text: "Lluniau ffôn o'r llwydni ar wal yr ystafell wely a ffrâm y ffenestr" },
		{ stage: 1, lane: 2, kind: 'action', channel: 'other', text: "Y tîm atgyweirio'n pennu blaenoriaeth: argyfwng 24 awr, brys 7 diwrnod, arferol 28 diwrnod" },
		{ stage: 1, lane: 2, kind: 'pain', channel: 'other', text: "Lleithder a llwydni wedi'u cofnodi fel gwaith arferol, er bod gan blentyn yn y cartref asthma" },
		{ stage: 1, lane: 3, kind: 'question', channel: 'other', text: "Ydyn ni'n holi pwy sy'n byw yn y cartref, ac am eu hiechyd, wrth gofnodi atgyweiriad?" },
		{ stage: 1, lane: 3, kind: 'opportunity', channel: 'other', text: 'Trin lleithder a llwydni fel risg i iechyd: archwilio o fewn dyddiau lle mae plant neu bobl hŷn yn byw' },
		{ stage: 2, lane: 0, kind: 'pain', channel: 'phone', text: "Gorfod cymryd bore i ffwrdd o'r gwaith ar gyfer slot apwyntiad pum awr" },
		{ stage: 2, lane: 1, kind: 'touchpoint', channel: 'phone', text: 'Neges destun yn cynnig y slot cyntaf sydd ar gael: 8yb i 1yp neu 12yp i 6yh' },
		{ stage: 2, lane: 1, kind: 'idea', channel: 'app', text: 'Gadael i breswylwyr ddewis slot dwy awr a chael neges destun pan fydd y gweithiwr ar ei ffordd' },
		{ stage: 2, lane: 2, kind: 'action', channel: 'other', text: "Y trefnydd yn paru'r gwaith â gweithiwr sydd â'r grefft iawn a'r darnau iawn yn y fan" },
		{ stage: 3, lane: 0, kind: 'action', channel: 'inPerson', text: 'Clirio wal yr ystafell wely ac aros gartref ar gyfer yr ymweliad' },
		{ stage: 3, lane: 1, kind: 'touchpoint', channel: 'inPerson', text: "Y gweithiwr yn trin y llwydni ac yn gwirio'r boeler, gan egluro beth mae'n ei wneud" },
		{ stage: 3, lane: 2, kind: 'pain', channel: 'other', text: "Does dim darn boeler yn y fan, felly mae'r gwaith yn mynd yn ôl i'r ciw am ail ymweliad" },
		{ stage: 3, lane: 3, kind: 'action', channel: 'other', text: "Y storfa'n archebu'r darn; gofyn i syrfëwr ddod o hyd i achos y lleithder" },
		{ stage: 3, lane: 4, kind: 'evidence', channel: 'app', text: "Taflen waith wedi'i llofnodi ar ddyfais law y gweithiwr, gyda lluniau cyn ac ar ôl" },
		{ stage: 4, lane: 0, kind: 'pain', channel: 'inPerson', text: "Mae'r llwydni'n ôl o fewn chwe wythnos: chafodd yr achos, awyru gwael, erioed ei ddatrys" },
		{ stage: 4, lane: 1, kind: 'touchpoint', channel: 'letter', text: 'Llythyr yn cadarnhau dyddiad yr arolwg lleithder, ymhen tair wythnos' },
		{ stage: 4, lane: 2, kind: 'opportunity', channel: 'phone', text: 'Ffonio chwe wythnos ar ôl unrhyw driniaeth lleithder a llwydni i wirio ei bod wedi gweithio' },
		{ stage: 4, lane: 4, kind: 'evidence', channel: 'web', text: "Hanes atgyweirio yng nghyfrif ar-lein y tenant yn dangos bod y gwaith wedi'i gau" },
	],
	personas: [
		{
			name: 'Aisha',
			story: "Mae'n rhentu fflat dwy ystafell wely gan gymdeithas dai gyda'i dau blentyn; mae gan yr ieuengaf asthma. Mae'n gweithio shifftiau mewn cartref gofal.",
			needs: "Atgyweiriad sy'n datrys yr achos, apwyntiadau sy'n cyd-fynd â'i shifftiau, a chael ei chredu y tro cyntaf.",
			color: 'orange',
			emotions: [2, 1, 3, 4, 1],
		},
		{
			name: 'Gareth',
			story: "Mae'n 78 oed ac yn byw ar ei ben ei hun mewn byngalo cyngor. Dydy e ddim ar-lein ac mae'n ffonio o'i linell dir. Torrodd ei foeler ym mis Ionawr.",
			needs: "Rhywun i siarad ag ef ar y ffôn, atgyweiriad cyflym am fod y tŷ yn oer, a llythyrau clir.",
			color: 'blue',
			emotions: [1, 3, 4, 2, 4],
		},
	],
}

const BLUE_BADGE_EN: JourneyTemplate = {
	format: TEMPLATE_FORMAT,
	version: TEMPLATE_VERSION,
	title: 'Applying for a Blue Badge',
	stages: ['Find out', 'Apply', 'Send evidence', 'Assessment', 'Decision', 'Receive badge'],
	lanes: LANES_EN,
	cards: [
		{ stage: 0, lane: 0, kind: 'action', channel: 'web', text: 'Searches online to find out who qualifies and whether an assessment is needed' },
		{ stage: 0, lane: 0, kind: 'question', channel: 'other', text: 'Does a hidden condition, like autism or anxiety, count?' },
		{ stage: 0, lane: 1, kind: 'touchpoint', channel: 'web', text: "Council's Blue Badge page: who can get one, what it costs and how to apply" },
		{ stage: 0, lane: 3, kind: 'action', channel: 'inPerson', text: "Library staff and advice charities help people who aren't online to apply" },
		{ stage: 1, lane: 0, kind: 'action', channel: 'web', text: 'Fills in the online application and uploads a recent photo' },
		{ stage: 1, lane: 0, kind: 'pain', channel: 'web', text: 'Photo rejected twice because of the background, with no advice on how to fix it' },
		{ stage: 1, lane: 1, kind: 'touchpoint', channel: 'letter', text: "Paper form posted out on request for people who can't apply online" },
		{ stage: 1, lane: 1, kind: 'idea', channel: 'web', text: "Check the photo as it's uploaded and say exactly what to change" },
		{ stage: 2, lane: 0, kind: 'pain', channel: 'web', text: 'Form timed out while looking for the benefit letter, and everything was lost' },
		{ stage: 2, lane: 2, kind: 'action', channel: 'other', text: 'Blue Badge team checks the application is complete and chases missing documents' },
		{ stage: 2, lane: 3, kind: 'opportunity', channel: 'other', text: 'Confirm benefit awards with the DWP directly instead of asking for the letter' },
		{ stage: 2, lane: 4, kind: 'evidence', channel: 'letter', text: 'PIP award letter showing 8 points or more for moving around' },
		{ stage: 3, lane: 0, kind: 'pain', channel: 'inPerson', text: 'A busy waiting room overwhelms Dylan before the assessment has even started' },
		{ stage: 3, lane: 1, kind: 'touchpoint', channel: 'inPerson', text: "Face-to-face mobility assessment, 40 minutes' drive away, with little parking nearby" },
		{ stage: 3, lane: 2, kind: 'action', channel: 'other', text: 'Occupational therapist weighs the assessment with letters from school and the GP' },
		{ stage: 3, lane: 3, kind: 'question', channel: 'other', text: 'Could some assessments be done by phone or video, or at home?' },
		{ stage: 4, lane: 0, kind: 'pain', channel: 'phone', text: 'Ten weeks without an update; rings the council twice to chase' },
		{ stage: 4, lane: 1, kind: 'touchpoint', channel: 'letter', text: 'Decision letter, with the reasons and how to ask for a review if refused' },
		{ stage: 4, lane: 2, kind: 'opportunity', channel: 'other', text: "Send a text or email at each step so people don't have to chase" },
		{ stage: 5, lane: 0, kind: 'action', channel: 'inPerson', text: 'Puts the badge and parking clock on the dashboard and learns where they can be used' },
		{ stage: 5, lane: 1, kind: 'touchpoint', channel: 'letter', text: 'Badge and clock arrive by post, with a leaflet on where and how to use them' },
		{ stage: 5, lane: 4, kind: 'evidence', channel: 'other', text: 'Badge is valid for up to three years; the expiry date is printed on the front' },
	],
	personas: [
		{
			name: 'Mair',
			story: 'Has multiple sclerosis and walks with a stick on good days, a wheelchair on bad ones. Lives in a village and drives to work.',
			needs: 'To apply once without repeating her diagnosis, and to know where her application has got to.',
			color: 'green',
			emotions: [3, 2, 3, 3, 2, 5],
		},
		{
			name: 'Rhys and Dylan',
			story: 'Rhys is applying for his son Dylan, 9, who is autistic and can run into traffic when he is overwhelmed.',
			needs: "Clear guidance on hidden conditions, and an assessor who understands autism and doesn't rush Dylan.",
			color: 'violet',
			emotions: [2, 3, 2, 1, 4, 5],
		},
	],
}

const BLUE_BADGE_CY: JourneyTemplate = {
	format: TEMPLATE_FORMAT,
	version: TEMPLATE_VERSION,
	title: 'Gwneud cais am Fathodyn Glas',
	stages: ['Cael gwybod', 'Gwneud cais', 'Anfon tystiolaeth', 'Asesiad', 'Penderfyniad', 'Cael y bathodyn'],
	lanes: LANES_CY,
	cards: [
		{ stage: 0, lane: 0, kind: 'action', channel: 'web', text: "Chwilio ar-lein i weld pwy sy'n gymwys ac a oes angen asesiad" },
		{ stage: 0, lane: 0, kind: 'question', channel: 'other', text: 'Ydy cyflwr cudd, fel awtistiaeth neu orbryder, yn cyfrif?' },
		{ stage: 0, lane: 1, kind: 'touchpoint', channel: 'web', text: "Tudalen Bathodyn Glas y cyngor: pwy sy'n gymwys, y gost a sut i wneud cais" },
		{ stage: 0, lane: 3, kind: 'action', channel: 'inPerson', text: 'Staff llyfrgelloedd ac elusennau cynghori yn helpu pobl nad ydyn nhw ar-lein i wneud cais' },
		{ stage: 1, lane: 0, kind: 'action', channel: 'web', text: "Llenwi'r cais ar-lein a lanlwytho llun diweddar" },
		{ stage: 1, lane: 0, kind: 'pain', channel: 'web', text: "Llun wedi'i wrthod ddwywaith oherwydd y cefndir, heb gyngor ar sut i'w gywiro" },
		{ stage: 1, lane: 1, kind: 'touchpoint', channel: 'letter', text: "Ffurflen bapur yn cael ei phostio ar gais i bobl sy'n methu gwneud cais ar-lein" },
		{ stage: 1, lane: 1, kind: 'idea', channel: 'web', text: "Gwirio'r llun wrth ei lanlwytho a dweud yn union beth i'w newid" },
		{ stage: 2, lane: 0, kind: 'pain', channel: 'web', text: 'Daeth sesiwn y ffurflen i ben wrth chwilio am y llythyr budd-dal, a chollwyd popeth' },
		{ stage: 2, lane: 2, kind: 'action', channel: 'other', text: "Tîm y Bathodyn Glas yn gwirio bod y cais yn gyflawn ac yn mynd ar ôl dogfennau sydd ar goll" },
		{ stage: 2, lane: 3, kind: 'opportunity', channel: 'other', text: "Cadarnhau dyfarniadau budd-dal yn uniongyrchol gyda'r Adran Gwaith a Phensiynau yn lle gofyn am y llythyr" },
		{ stage: 2, lane: 4, kind: 'evidence', channel: 'letter', text: 'Llythyr dyfarnu PIP yn dangos 8 pwynt neu fwy am symud o gwmpas' },
		{ stage: 3, lane: 0, kind: 'pain', channel: 'inPerson', text: "Mae'r ystafell aros brysur yn llethu Dylan cyn i'r asesiad hyd yn oed ddechrau" },
		{ stage: 3, lane: 1, kind: 'touchpoint', channel: 'inPerson', text: 'Asesiad symudedd wyneb yn wyneb, 40 munud i ffwrdd yn y car, heb fawr o le parcio gerllaw' },
		{ stage: 3, lane: 2, kind: 'action', channel: 'other', text: "Therapydd galwedigaethol yn pwyso a mesur yr asesiad gyda llythyrau gan yr ysgol a'r meddyg teulu" },
		{ stage: 3, lane: 3, kind: 'question', channel: 'other', text: "A ellid cynnal rhai asesiadau dros y ffôn, ar fideo neu gartref?" },
		{ stage: 4, lane: 0, kind: 'pain', channel: 'phone', text: "Deg wythnos heb ddiweddariad; ffonio'r cyngor ddwywaith i holi" },
		{ stage: 4, lane: 1, kind: 'touchpoint', channel: 'letter', text: "Llythyr penderfyniad, gyda'r rhesymau a sut i ofyn am adolygiad os gwrthodir y cais" },
		{ stage: 4, lane: 2, kind: 'opportunity', channel: 'other', text: 'Anfon neges destun neu e-bost ar bob cam fel nad oes rhaid i bobl holi' },
		{ stage: 5, lane: 0, kind: 'action', channel: 'inPerson', text: "Rhoi'r bathodyn a'r cloc parcio ar y dangosfwrdd a dysgu ble mae modd eu defnyddio" },
		{ stage: 5, lane: 1, kind: 'touchpoint', channel: 'letter', text: "Y bathodyn a'r cloc yn cyrraedd drwy'r post, gyda thaflen am ble a sut i'w defnyddio" },
		{ stage: 5, lane: 4, kind: 'evidence', channel: 'other', text: "Mae'r bathodyn yn ddilys am hyd at dair blynedd; mae'r dyddiad dod i ben ar y blaen" },
	],
	personas: [
		{
			name: 'Mair',
			story: "Mae ganddi sglerosis ymledol ac mae'n cerdded gyda ffon ar ddiwrnodau da, a chadair olwyn ar ddiwrnodau gwael. Mae'n byw mewn pentref ac yn gyrru i'r gwaith.",
			needs: "Gwneud cais unwaith heb ailadrodd ei diagnosis, a gwybod ble mae ei chais wedi cyrraedd.",
			color: 'green',
			emotions: [3, 2, 3, 3, 2, 5],
		},
		{
			name: 'Rhys a Dylan',
			story: "Mae Rhys yn gwneud cais ar ran ei fab Dylan, 9 oed, sy'n awtistig ac a all redeg i'r ffordd pan fydd wedi'i lethu.",
			needs: "Canllawiau clir am gyflyrau cudd, ac asesydd sy'n deall awtistiaeth ac nad yw'n rhuthro Dylan.",
			color: 'violet',
			emotions: [2, 3, 2, 1, 4, 5],
		},
	],
}

/** A joint audit of needs and achievements, repeated each year: what people need, what was achieved, what works, what is still to do. */
const APPRAISAL_EN: JourneyTemplate = {
	format: TEMPLATE_FORMAT,
	version: TEMPLATE_VERSION,
	title: 'Joint audit: needs and achievements',
	stages: ['Getting around', 'Feeling safe', 'Staying well', 'Having a say'],
	lanes: [
		{ name: 'Needs we heard', kind: 'actions' },
		{ name: 'Achievements', kind: 'frontstage' },
		{ name: 'What works', kind: 'support' },
		{ name: 'Still to do', kind: 'backstage' },
		{ name: 'Evidence', kind: 'evidence' },
	],
	cards: [
		{ stage: 0, lane: 0, kind: 'pain', channel: 'other', text: 'The bus to the health centre stops at 6pm' },
		{ stage: 0, lane: 1, kind: 'achievement', channel: 'inPerson', text: 'Community car scheme: 40 trips a month for people without a car' },
		{ stage: 0, lane: 2, kind: 'works', channel: 'phone', text: 'Volunteer drivers booked through the library, by phone or in person' },
		{ stage: 0, lane: 3, kind: 'opportunity', channel: 'other', text: 'Ask the bus company for an evening service on clinic days' },
		{ stage: 1, lane: 0, kind: 'pain', channel: 'inPerson', text: 'Older residents avoid the underpass after dark' },
		{ stage: 1, lane: 1, kind: 'achievement', channel: 'other', text: 'New lighting on the path to the shops, asked for at last year’s audit' },
		{ stage: 1, lane: 4, kind: 'evidence', channel: 'inPerson', text: 'Walkabout with residents and the police, in March' },
		{ stage: 2, lane: 0, kind: 'pain', channel: 'phone', text: 'Long waits for a GP appointment' },
		{ stage: 2, lane: 2, kind: 'works', channel: 'inPerson', text: 'Weekly drop-in with a community nurse at the chapel' },
		{ stage: 2, lane: 3, kind: 'question', channel: 'other', text: 'Could the drop-in also run on Saturdays?' },
		{ stage: 3, lane: 1, kind: 'achievement', channel: 'inPerson', text: 'Residents sit on the panel that chose the new youth worker' },
		{ stage: 3, lane: 2, kind: 'works', channel: 'inPerson', text: 'Meetings in the evening, with food and childcare' },
		{ stage: 3, lane: 3, kind: 'opportunity', channel: 'letter', text: 'Report back every three months on what changed' },
		{ stage: 3, lane: 4, kind: 'evidence', channel: 'web', text: 'Last year’s audit report and its action plan' },
	],
	personas: [{ name: 'Glenys', story: 'Is 78, lives alone and no longer drives.', needs: 'To get to appointments and to the shops, and to know her views count.', color: 'orange', emotions: [2, 3, 4, 3] }],
}

const APPRAISAL_CY: JourneyTemplate = {
	format: TEMPLATE_FORMAT,
	version: TEMPLATE_VERSION,
	title: 'Archwiliad ar y cyd: anghenion a chyflawniadau',
	stages: ['Mynd o le i le', 'Teimlo’n ddiogel', 'Cadw’n iach', 'Cael dweud eich dweud'],
	lanes: [
		{ name: 'Anghenion a glywsom', kind: 'actions' },
		{ name: 'Cyflawniadau', kind: 'frontstage' },
		{ name: 'Beth sy’n gweithio', kind: 'support' },
		{ name: 'I’w wneud eto', kind: 'backstage' },
		{ name: 'Tystiolaeth', kind: 'evidence' },
	],
	cards: [
		{ stage: 0, lane: 0, kind: 'pain', channel: 'other', text: 'Mae’r bws i’r ganolfan iechyd yn dod i ben am 6pm' },
		{ stage: 0, lane: 1, kind: 'achievement', channel: 'inPerson', text: 'Cynllun ceir cymunedol: 40 taith y mis i bobl heb gar' },
		{ stage: 0, lane: 2, kind: 'works', channel: 'phone', text: 'Gyrwyr gwirfoddol wedi’u trefnu drwy’r llyfrgell, ar y ffôn neu wyneb yn wyneb' },
		{ stage: 0, lane: 3, kind: 'opportunity', channel: 'other', text: 'Gofyn i’r cwmni bysiau am wasanaeth gyda’r nos ar ddiwrnodau clinig' },
		{ stage: 1, lane: 0, kind: 'pain', channel: 'inPerson', text: 'Mae preswylwyr hŷn yn osgoi’r danffordd ar ôl iddi dywyllu' },
		{ stage: 1, lane: 1, kind: 'achievement', channel: 'other', text: 'Goleuadau newydd ar y llwybr i’r siopau, y gofynnwyd amdanyn nhw yn archwiliad y llynedd' },
		{ stage: 1, lane: 4, kind: 'evidence', channel: 'inPerson', text: 'Taith gerdded gyda phreswylwyr a’r heddlu, ym mis Mawrth' },
		{ stage: 2, lane: 0, kind: 'pain', channel: 'phone', text: 'Aros yn hir am apwyntiad gyda’r meddyg teulu' },
		{ stage: 2, lane: 2, kind: 'works', channel: 'inPerson', text: 'Sesiwn galw heibio wythnosol gyda nyrs gymunedol yn y capel' },
		{ stage: 2, lane: 3, kind: 'question', channel: 'other', text: 'A allai’r sesiwn galw heibio redeg ar ddydd Sadwrn hefyd?' },
		{ stage: 3, lane: 1, kind: 'achievement', channel: 'inPerson', text: 'Mae preswylwyr ar y panel a ddewisodd y gweithiwr ieuenctid newydd' },
		{ stage: 3, lane: 2, kind: 'works', channel: 'inPerson', text: 'Cyfarfodydd gyda’r nos, gyda bwyd a gofal plant' },
		{ stage: 3, lane: 3, kind: 'opportunity', channel: 'letter', text: 'Adrodd yn ôl bob tri mis ar beth sydd wedi newid' },
		{ stage: 3, lane: 4, kind: 'evidence', channel: 'web', text: 'Adroddiad archwiliad y llynedd a’i gynllun gweithredu' },
	],
	personas: [{ name: 'Glenys', story: 'Mae hi’n 78 oed, yn byw ar ei phen ei hun ac nid yw’n gyrru mwyach.', needs: 'Cyrraedd apwyntiadau a’r siopau, a gwybod bod ei barn yn cyfrif.', color: 'orange', emotions: [2, 3, 4, 3] }],
}

const SAMPLES: Record<SampleId, Record<Language, JourneyTemplate>> = {
	'housing-repair': { en: HOUSING_REPAIR_EN, cy: HOUSING_REPAIR_CY },
	'blue-badge': { en: BLUE_BADGE_EN, cy: BLUE_BADGE_CY },
	appraisal: { en: APPRAISAL_EN, cy: APPRAISAL_CY },
}

/** A copy of a template, sharing nothing with it. */
function copyTemplate(template: JourneyTemplate): JourneyTemplate {
	return {
		...template,
		stages: [...template.stages],
		lanes: template.lanes.map((l) => ({ ...l })),
		cards: template.cards.map((c) => ({ ...c })),
		personas: template.personas.map((p) => ({ ...p, emotions: [...p.emotions] })),
	}
}

/**
 * A worked example, drawn from a real UK public-service journey, in `language`: "Reporting a housing
 * repair", "Applying for a Blue Badge", or a joint audit of needs and achievements (with the
 * achievement and "what works" kinds of card). Both languages have the same structure. A fresh copy each call.
 */
export function sampleTemplate(id: SampleId, language: Language): JourneyTemplate {
	return copyTemplate(SAMPLES[id][language])
}
