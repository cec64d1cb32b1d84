/**
 * What every export takes besides the design: the language its words are in, whether it holds
 * everything on the board or only what the group agreed, who it is for (staff, or the public page), and
 * the bytes of the board's uploaded images, to put pictures in the HTML and PDF reports.
 * @module
 */
import type { EvaluationTotals } from '@cyd/model'
import type { MapStreets } from './places.js'

/** The languages an export can be written in (Cyd's languages). */
export type ExportLanguage = 'en' | 'cy'

/** An uploaded image's bytes and type (`image/png`, `image/jpeg`, ...). */
export interface ImageFile {
	type: string
	bytes: Uint8Array
}

/** Options shared by every export format. */
export interface ExportOptions {
	/** The language of headings, labels and dates. The design's own words are never translated. */
	language: ExportLanguage
	/** Keep only items whose latest decision is `agreed` (see `filterAgreed`). */
	agreedOnly: boolean
	/**
	 * For the public page: nobody is named (who took part stays with the room; people were told so when
	 * they joined; decisions say only the role of who made them), and the page says what the workshop
	 * was, when, how many took part (aggregate only) and what a version is.
	 */
	publicPage?: boolean
	/** The room's time zone (IANA), in which dates and times are written; Europe/London when absent. */
	timeZone?: string
	/** For the public page: when the room was made, the day it shows when no decision says when the group met. */
	roomCreatedAt?: string
	/** The board's uploaded images by their URL, to draw them in the HTML and PDF reports. */
	images?: ReadonlyMap<string, ImageFile>
	/** The streets of the server's map tiles over the area of the map's picture (`pictureBounds`), drawn under its pins. */
	streets?: MapStreets | null
	/**
	 * HTML only: show an image not given in `images` from its URL on this server (the public page, served
	 * beside the uploads) rather than saying where it is.
	 */
	linkImages?: boolean
	/**
	 * HTML only, the public page: the replies approved for it (shown as plain text, never as markup or
	 * links), the form that sends a new one, the Atom feed of updates, and what became of a reply just sent.
	 */
	feedback?: PublicFeedback
	/**
	 * The totals of the end-of-session evaluation (anonymous), for the Markdown, HTML and PDF reports: how
	 * many answered, each statement's counts and mean, and what people would change (listed in alphabetical
	 * order, never the order written). On the public page only when the facilitator chose to show them
	 * (`public`), and without what people would change (free text may name someone). No section when
	 * nobody answered.
	 */
	evaluation?: EvaluationTotals
}

/** What the public page says and asks besides the report: replies, the reply form, the feed. */
export interface PublicFeedback {
	/** Replies approved for the page, oldest first; `at` in milliseconds since the epoch. */
	replies: ReadonlyArray<{ text: string; at: number }>
	/** Where the form posts a reply (a path on the same server). */
	replyUrl: string
	/** The Atom feed's address. */
	feedUrl: string
	/** Most characters a reply may have. */
	maxReply: number
	/** A reply was just sent (thanks), or refused (the reason, in the page's language); null otherwise. */
	said: { sent: true } | { sent: false; reason: string } | null
}
