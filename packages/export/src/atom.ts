/**
 * The Atom 1.0 feed (RFC 4287) of a published design's action updates: one entry per dated update on an
 * action about an agreed item, newest first, so that anyone can follow "you said, we did" in a feed
 * reader. Nobody is named: an entry says who posted it by role, and the feed's author is the people
 * running the workshop. Every word goes through `escapeXml`, and characters XML cannot hold are dropped,
 * so a hostile update is only text.
 * @module
 */
import type { Action, ActionUpdate, ServiceDesign } from '@cyd/model'
import { filterAgreed } from './filter.js'
import { formatDay } from './format.js'
import { itemNames } from './items.js'
import { message, type MessageKey } from './messages.js'
import type { ExportLanguage } from './options.js'

export interface AtomOptions {
	language: ExportLanguage
	/** The public page's absolute URL: the feed's and each entry's alternate link. */
	pageUrl: string
	/** The feed's own absolute URL (its `self` link). */
	feedUrl: string
	/** The feed's permanent id (an IRI, e.g. a `tag:` URI); each entry's id is made from it. */
	id: string
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
/** Characters XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE and U+FFFF). */
// eslint-disable-next-line no-control-regex -- naming the control characters XML allows is what this pattern is for
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Text made safe for XML content and quoted attributes. */
export function escapeXml(text: string): string {
	return text.replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch)
}

/** An RFC 3339 time of an ISO 8601 string; null when it is not a time. */
function rfc3339(iso: string): string | null {
	const date = new Date(iso)
	return iso === '' || Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** The feed of a design's updates (only actions about items agreed now), as an XML document. */
export function designAtom(design: ServiceDesign, options: AtomOptions): string {
	const t = (key: MessageKey, values?: Record<string, string | number>) => message(options.language, key, values)
	const agreed = filterAgreed(design)
	const names = itemNames(agreed)
	const entries = agreed.actions
		.flatMap((action) => action.updates.map((update) => ({ action, update, at: rfc3339(update.at) })))
		.filter((e): e is { action: Action; update: ActionUpdate; at: string } => e.at !== null)
		.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
	const times = [...entries.map((e) => e.at), ...agreed.actions.map((a) => rfc3339(a.at)), rfc3339(design.generatedAt)].filter((at): at is string => at !== null).sort()
	const updated = times.at(-1) ?? new Date(0).toISOString()
	const title = design.title || t('report.untitled')

	const entry = ({ action, update, at }: (typeof entries)[number]) => {
		const status = update.status ? t(`actionStatus.${update.status}`) : null
		const lines = [
			update.text,
			status ? `${t('actions.newStatus')}: ${update.status === 'dropped' && update.reason ? `${status}: ${update.reason}` : status}` : '',
			`${t('actions.for')}: ${names.get(action.item)?.text || action.itemText}`,
			`${t('actions.owner')}: ${t('owner.named', { name: action.owner.name, kind: t(`owner.${action.owner.kind}`) })}`,
			`${t('actions.due')}: ${action.due ? formatDay(action.due, options.language) : t('actions.noDue')}`,
			`${t('actions.by')}: ${t(`byRole.${update.role}`)}`,
		].filter((line) => line !== '')
		return [
			'<entry>',
			`<id>${escapeXml(`${options.id}:update:${update.id}`)}</id>`,
			`<title type="text">${escapeXml(status ? t('feed.entry', { action: action.text, status }) : t('feed.entryNoStatus', { action: action.text }))}</title>`,
			`<updated>${at}</updated>`,
			`<published>${at}</published>`,
			`<link rel="alternate" type="text/html" href="${escapeXml(`${options.pageUrl}#actions`)}"/>`,
			`<content type="text">${escapeXml(lines.join('\n'))}</content>`,
			'</entry>',
		].join('')
	}

	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${options.language}">`,
		`<id>${escapeXml(options.id)}</id>`,
		`<title type="text">${escapeXml(t('feed.title', { title }))}</title>`,
		`<subtitle type="text">${escapeXml(t('feed.subtitle'))}</subtitle>`,
		`<updated>${updated}</updated>`,
		`<author><name>${escapeXml(t('feed.author'))}</name></author>`,
		`<link rel="self" type="application/atom+xml" href="${escapeXml(options.feedUrl)}"/>`,
		`<link rel="alternate" type="text/html" href="${escapeXml(options.pageUrl)}"/>`,
		'<generator>Cyd</generator>',
		...entries.map(entry),
		'</feed>',
		'',
	].join('\n')
}
