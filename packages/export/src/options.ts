/**
 * What every export takes besides the design: the language its words are in, and whether it holds
 * everything on the board or only what the group agreed.
 * @module
 */

/** The languages an export can be written in (Cyd's languages). */
export type ExportLanguage = 'en' | 'cy'

/** Options shared by every export format. */
export interface ExportOptions {
	/** The language of headings, labels and dates. The design's own words are never translated. */
	language: ExportLanguage
	/** Keep only items whose latest decision is `agreed` (see `filterAgreed`). */
	agreedOnly: boolean
	/**
	 * For the public page: leave out the contributors (who took part stays with the room; people were
	 * told so when they joined).
	 */
	withoutContributors?: boolean
}
