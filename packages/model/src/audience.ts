/**
 * Who a round is for: `everyone` taking part; `participants`, the people who joined as participants
 * (not experts, not the facilitator); `residents`, those who said at join that they live here (a table
 * seat counts with its person's affiliation).
 * @module
 */
import { oneOf } from './guards.js'

export const AUDIENCES = ['everyone', 'participants', 'residents'] as const
export type Audience = (typeof AUDIENCES)[number]
export const isAudience = oneOf(AUDIENCES)
