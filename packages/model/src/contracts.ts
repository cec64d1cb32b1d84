/**
 * Contracts the server and the web app share: text limits the API enforces and the forms respect, and
 * the close codes a room's websocket may end with.
 * @module
 */

/** Longest display name (a pseudonym is fine), seat name or request's name. */
export const MAX_NAME = 60
/** Longest agenda item title. */
export const MAX_AGENDA_TITLE = 120
/** Most agenda items. */
export const MAX_AGENDA_ITEMS = 50
/** Longest note on a decision. */
export const MAX_DECISION_NOTE = 1000
/** Longest version name. */
export const MAX_VERSION_NAME = 120
/** Most dots a person may have in one round. */
export const MAX_VOTES_PER_PERSON = 20
/** Longest a phase or timer may run, in minutes. */
export const MAX_MINUTES = 600
/** Device keys are random strings the browser makes: this long, of these letters. */
export const DEVICE_KEY = /^[A-Za-z0-9_-]{16,64}$/

/**
 * Close codes of a room's websockets: the protocol's own (RFC 6455) and the workshop's (4xxx). The web
 * app tells people what each means.
 */
export const CLOSE_CODES = {
	goingAway: 1001,
	protocolError: 1002,
	unsupportedData: 1003,
	policyViolation: 1008,
	messageTooBig: 1009,
	internalError: 1011,
	tryAgainLater: 1013,
	/** The link was replaced or expired. */
	linkRevoked: 4401,
	/** The facilitator removed this person. */
	removed: 4403,
} as const
