/**
 * A message kept to be said later (a panel's status line): translated each time it is shown, so it follows
 * the language when the reader switches.
 * @module
 */
import type { MessageKey, Params } from './catalog'

export type Translate = (key: MessageKey, params?: Params) => string

/** A message to show, in whatever language is chosen when it is shown: `(t) => t('agenda.saved')`. */
export type Say = (t: Translate) => string
