export { isRoomId, newRoomId, isLanguage, LANGUAGES, MAX_ROOM_TITLE } from './room.js'
export type { Language, RoomInfo } from './room.js'
export {
	ROLES,
	isRole,
	takesPart,
	PHASE_KINDS,
	isPhaseKind,
	canWriteCanvas,
	readOnlyReason,
	AFFILIATIONS,
	isAffiliation,
} from './roles.js'
export type { Role, PhaseKind, AccessState, AccessPlace, Affiliation } from './roles.js'
export { DEFAULT_TIME_ZONE, isTimeZone } from './time-zone.js'
export { STRUCTURE_TYPES, isStructureType, mayChangeStructure, isStructuralChange } from './structure.js'
export type { StructureRecord } from './structure.js'
export {
	workshopDocument,
	privateDocument,
	versionDocument,
	WORKSHOP_MAP,
	EMPTY_WORKSHOP,
	parseWorkshop,
	decisionKey,
	parsePerson,
	timerRemaining,
	latestDecisions,
	isItemKind,
	isDecisionStatus,
	MIN_SEATS,
	MAX_SEATS,
	SEAT_COLOURS,
	isSeatColour,
	TABLE_SILENCE_MS,
	isTableOpen,
} from './workshop.js'
export type { AgendaItem, TimerState, Participant, VotingRound, Summon, Spotlight, Follow, WorkshopState, Person, VersionInfo, Published, Seat, SeatColour, TableState } from './workshop.js'
export {
	BLUEPRINT_TYPE,
	CARD_TYPE,
	PERSONA_TYPE,
	LANE_KINDS,
	CARD_KINDS,
	CHANNELS,
	EMOTIONS,
	PERSONA_COLORS,
	DEFAULT_LANE_KINDS,
	MAX_TEXT,
	MAX_STAGES,
	MAX_LANES,
	defaultCardKind,
	isCardKind,
	APPRAISAL_CARD_KINDS,
	cardKindsProblem,
	roomCardKinds,
	offeredCardKinds,
	isChannel,
	isLaneKind,
	isEmotion,
} from './journey/shapes.js'
export type {
	LaneKind,
	CardKind,
	Channel,
	Emotion,
	PersonaColor,
	Stage,
	Lane,
	BlueprintProps,
	CardProps,
	PersonaProps,
	BlueprintShape,
	CardShape,
	PersonaShape,
} from './journey/shapes.js'
export {
	LABEL_W,
	HEADER_H,
	EMOTION_H,
	COL_W,
	CARD_W,
	PERSONA_W,
	PERSONA_H,
	cardHeight,
	cellOf,
	layoutBlueprint,
	cellAt,
	orderAt,
	orderAfter,
	moveItem,
	blueprintLines,
	BLUEPRINT_LINES,
} from './journey/layout.js'
export type { BlueprintLayout, BlueprintGrid, BlueprintLine, LaidOutCard, LaidOutPersona, Column, Row } from './journey/layout.js'
export { extractServiceDesign } from './journey/extract.js'
export type { BoardContext, SeatName } from './board/contributions.js'
export { SERVICE_DESIGN_VERSION, STAKEHOLDER_KINDS, ASSET_KINDS, FLOWS, DIRECTIONS, DECISION_STATUSES, ITEM_KINDS, CONTRIBUTION_KINDS, QUADRANTS } from './design.js'
export { SERVICE_DESIGN_SCHEMA } from './service-design.schema.js'
export type {
	ServiceDesign,
	Journey,
	JourneyCard,
	JourneyPersona,
	Author,
	DesignStage,
	DesignLane,
	Stakeholder,
	StakeholderKind,
	CommunityAsset,
	AssetKind,
	Relationship,
	Flow,
	Direction,
	Decision,
	DecisionStatus,
	ItemKind,
	VoteTally,
	Contributor,
	Contribution,
	ContributionKind,
	ContributionImage,
	Place,
	CellPlace,
	MapPlace,
	Quadrant,
	Picture,
	PicturePath,
	DesignBudgetRound,
	DesignBudgetOption,
	DesignVerdict,
	DesignRuleTotals,
	DesignRatification,
	DesignRatifiedItem,
} from './design.js'
export { TEMPLATE_FORMAT, TEMPLATE_VERSION, SAMPLE_IDS, parseTemplate, templateOf, sampleTemplate } from './journey/templates.js'
export type { JourneyTemplate, TemplateResult, SampleId } from './journey/templates.js'
export {
	MAP_TYPE,
	STAKEHOLDER_TYPE,
	ASSET_TYPE,
	MAP_LAYOUTS,
	FLOW_META,
	FLOW_STYLE,
	isStakeholderKind,
	isAssetKind,
	isFlow,
} from './stakeholders/shapes.js'
export type { MapLayout, MapProps, StakeholderProps, AssetProps, MapShape, StakeholderShape, AssetShape } from './stakeholders/shapes.js'
export { placementOn, ringAt, isOnMap, quadrantOf, pointFor, ringCloseness, RING_FRACTIONS } from './stakeholders/placement.js'
export type { Placement } from './stakeholders/placement.js'
export { plainText } from './stakeholders/extract.js'
export {
	ACTION_STATUSES,
	OWNER_KINDS,
	OUTCOME_STATUSES,
	REPLY_STATUSES,
	MAX_OUTCOME_TEXT,
	MAX_INDICATOR_TEXT,
	MAX_ACTION_TEXT,
	MAX_UPDATE_TEXT,
	MAX_REASON,
	MAX_REPLY,
	MAX_OUTCOMES,
	MAX_INDICATORS,
	MAX_ACTIONS,
	MAX_UPDATES,
	isActionStatus,
	isOwnerKind,
	isOutcomeStatus,
	isReplyStatus,
	isDay,
	parseCommitments,
	actionsByItem,
} from './commitments.js'
export type { ActionStatus, OwnerKind, OutcomeStatus, ReplyStatus, Indicator, Outcome, Owner, ActionUpdate, Action, ReplyNotice } from './commitments.js'
export {
	MIN_MAP_ZOOM,
	MAX_MAP_ZOOM,
	MAX_LATITUDE,
	TILE_SIZE,
	PIN_KINDS,
	MAX_PLACE_NAME,
	isLonLat,
	isBounds,
	mapRequestProblem,
	nextMapSettings,
	parseMapSettings,
	mercatorX,
	mercatorY,
	worldSize,
	lonLatToPage,
	pageToLonLat,
	mapZoomAt,
	cameraZoomFor,
	isPinned,
	placeNameOf,
	extractPins,
	placePlan,
} from './map.js'
export type { LonLat, Bounds, MapSettings, MapRequest, PinKind, MapPin, DesignMap, ControlPoint, PlanPlacement } from './map.js'
export { compareDesigns } from './compare.js'
export type { DesignDiff, ItemDiff, ItemChange } from './compare.js'
export { AUDIENCES, isAudience } from './audience.js'
export type { Audience } from './audience.js'
export { expertsWithdrawn, expertsAway, proposalRefusal, voteRefusal, parseCommunity, MAX_PAST_ROUNDS } from './community.js'
export type { Voter, Refusal, CommunityState } from './community.js'
export { RATIFY_VOTES, isRatifyVote, MAX_RATIFY_ITEMS, meetsThreshold, tallyRatification, parseRatification } from './ratification.js'
export type { RatifyVote, Threshold, RatificationItem, RatificationTally, RatificationRound } from './ratification.js'
export {
	BALLOT_KINDS,
	FUNDING_REASONS,
	isBallotKind,
	MAX_BUDGET_OPTIONS,
	MAX_POT,
	MAX_POINTS,
	MAX_OPTION_TITLE,
	ballotProblem,
	greedyByVotes,
	equalShares,
	equalSharesDetail,
	budgetResults,
	parseBudgetRound,
} from './budget.js'
export type { BallotKind, BudgetOption, BudgetRound, BudgetBallot, FundingReason, OptionVerdict, RuleResult, BudgetResults, EqualSharesStep } from './budget.js'
export { anonymousBallots, designBudgetRound, designRatification } from './community-design.js'
export { compareSessions, SESSION_ITEM_KINDS, WORKSHOP_TEMPLATE_FORMAT, WORKSHOP_TEMPLATE_VERSION } from './series.js'
export type { SeriesInfo, SeriesSession, SessionChange, SessionDiff, SessionItemKind } from './series.js'
export { EVALUATION_STATEMENTS, EVALUATION_SCALE, MAX_EVALUATION_CHANGE, evaluationTotals, isEvaluationStatement } from './evaluation.js'
export type { EvaluationStatement, EvaluationScore, EvaluationAnswer, StatementTotals, EvaluationTotals, EvaluationTrendPoint } from './evaluation.js'
export { MAX_CREDIT_RATE, DEFAULT_CREDIT_RATE, creditsFor, canonicalJson, PARTICIPATION_CODE, normaliseParticipationCode, ACCESS_NEEDS, MAX_ACCESS_OTHER, MONITORING_QUESTIONS, MONITORING_SUPPRESS_BELOW, monitoringTotals, DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS } from './recognition.js'
export type { MyContribution, ReceiptClaims, Receipt, ReceiptCheck, ParticipationTotal, AccessNeed, PersonNeeds, MonitoringQuestion, MonitoringAnswers, MonitoringTotals, PrivacySettings } from './recognition.js'
export { MAX_NAME, MAX_AGENDA_TITLE, MAX_AGENDA_ITEMS, MAX_DECISION_NOTE, MAX_VERSION_NAME, MAX_VOTES_PER_PERSON, MAX_MINUTES, DEVICE_KEY, CLOSE_CODES } from './contracts.js'
export { VOCABULARY, prefixed, type Vocabulary } from './vocabulary.js'
