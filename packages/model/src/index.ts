export { isRoomId, newRoomId, isLanguage, LANGUAGES, MAX_ROOM_TITLE } from './room.js'
export type { Language, RoomInfo } from './room.js'
export {
	ROLES,
	isRole,
	PHASE_KINDS,
	isPhaseKind,
	canWriteCanvas,
	readOnlyReason,
	AFFILIATIONS,
	isAffiliation,
} from './roles.js'
export type { Role, PhaseKind, AccessState, Affiliation } from './roles.js'
export {
	workshopDocument,
	privateDocument,
	WORKSHOP_MAP,
	EMPTY_WORKSHOP,
	parseWorkshop,
	parsePerson,
	timerRemaining,
} from './workshop.js'
export type { AgendaItem, TimerState, Participant, VotingRound, Summon, Spotlight, Follow, WorkshopState, Person } from './workshop.js'
