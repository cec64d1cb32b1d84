import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
	ASSET_KINDS,
	CONTRIBUTION_KINDS,
	DECISION_STATUSES,
	ITEM_KINDS,
	FLOWS,
	STAKEHOLDER_KINDS,
	type Author,
	type CellPlace,
	type CommunityAsset,
	type Contribution,
	type ContributionImage,
	type Contributor,
	type Decision,
	type DesignLane,
	type DesignStage,
	type Journey,
	type JourneyCard,
	type JourneyPersona,
	type MapPlace,
	type Picture,
	type Relationship,
	type ServiceDesign,
	type Stakeholder,
	type VoteTally,
	type DesignBudgetOption,
	type DesignBudgetRound,
	type DesignRatification,
	type DesignRatifiedItem,
	type DesignRuleTotals,
	type DesignVerdict,
} from './design.js'
import { AUDIENCES } from './audience.js'
import { BALLOT_KINDS, FUNDING_REASONS } from './budget.js'
import type { Threshold } from './ratification.js'
import { ACTION_STATUSES, OUTCOME_STATUSES, OWNER_KINDS, type Action, type ActionUpdate, type Indicator, type Outcome, type Owner } from './commitments.js'
import { CARD_KINDS } from './journey/shapes.js'
import type { DesignMap, LonLat, MapPin } from './map.js'
import { SERVICE_DESIGN_SCHEMA } from './service-design.schema.js'

/** True when A and B have the same property names; checked by the type checker. */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false
type Defs = typeof SERVICE_DESIGN_SCHEMA.$defs
const sameKeys: [
	SameKeys<ServiceDesign, typeof SERVICE_DESIGN_SCHEMA.properties>,
	SameKeys<Author, Defs['author']['properties']>,
	SameKeys<DesignStage, Defs['stage']['properties']>,
	SameKeys<DesignLane, Defs['lane']['properties']>,
	SameKeys<JourneyCard, Defs['card']['properties']>,
	SameKeys<JourneyPersona, Defs['persona']['properties']>,
	SameKeys<Journey, Defs['journey']['properties']>,
	SameKeys<Stakeholder, Defs['stakeholder']['properties']>,
	SameKeys<CommunityAsset, Defs['asset']['properties']>,
	SameKeys<Relationship, Defs['relationship']['properties']>,
	SameKeys<Contribution, Defs['contribution']['properties']>,
	SameKeys<CellPlace, Defs['cellPlace']['properties']>,
	SameKeys<MapPlace, Defs['mapPlace']['properties']>,
	SameKeys<Picture, Defs['picture']['properties']>,
	SameKeys<ContributionImage, Defs['image']['properties']>,
	SameKeys<VoteTally, Defs['voteTally']['properties']>,
	SameKeys<Decision, Defs['decision']['properties']>,
	SameKeys<Contributor, Defs['contributor']['properties']>,
	SameKeys<Outcome, Defs['outcome']['properties']>,
	SameKeys<Indicator, Defs['indicator']['properties']>,
	SameKeys<Action, Defs['action']['properties']>,
	SameKeys<Owner, Defs['owner']['properties']>,
	SameKeys<ActionUpdate, Defs['actionUpdate']['properties']>,
	SameKeys<DesignMap, Defs['map']['properties']>,
	SameKeys<MapPin, Defs['pin']['properties']>,
	SameKeys<LonLat, Defs['lonLat']['properties']>,
	SameKeys<DesignBudgetRound, Defs['budgetRound']['properties']>,
	SameKeys<DesignBudgetOption, Defs['budgetOption']['properties']>,
	SameKeys<DesignVerdict, Defs['verdict']['properties']>,
	SameKeys<DesignRuleTotals, Defs['ruleTotals']['properties']>,
	SameKeys<DesignRatification, Defs['ratification']['properties']>,
	SameKeys<DesignRatifiedItem, Defs['ratifiedItem']['properties']>,
	SameKeys<Threshold, Defs['threshold']['properties']>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true]

const file = fileURLToPath(new URL('./service-design.schema.json', import.meta.url))

describe('the ServiceDesign JSON Schema', () => {
	it('is the same in service-design.schema.json as in service-design.schema.ts', () => {
		const written = `${JSON.stringify(SERVICE_DESIGN_SCHEMA, null, '\t')}\n`
		if (process.env.CYD_WRITE_SCHEMA === '1') writeFileSync(file, written)
		expect(readFileSync(file, 'utf8'), 'regenerate the file with CYD_WRITE_SCHEMA=1').toBe(written)
	})

	it('takes its enums from the model', () => {
		const defs = SERVICE_DESIGN_SCHEMA.$defs
		expect(defs.card.properties.kind.enum).toEqual(CARD_KINDS)
		expect(defs.stakeholder.properties.kind.enum).toEqual(STAKEHOLDER_KINDS)
		expect(defs.asset.properties.kind.enum).toEqual(ASSET_KINDS)
		expect(defs.relationship.properties.flow.enum).toEqual(FLOWS)
		expect(defs.decision.properties.status.enum).toEqual(DECISION_STATUSES)
		expect(defs.decision.properties.itemKind.enum).toEqual(ITEM_KINDS)
		expect(defs.contribution.properties.kind.enum).toEqual(CONTRIBUTION_KINDS)
		expect(defs.action.properties.status.enum).toEqual(ACTION_STATUSES)
		expect(defs.actionUpdate.properties.status.enum).toEqual([...ACTION_STATUSES, null])
		expect(defs.owner.properties.kind.enum).toEqual(OWNER_KINDS)
		expect(defs.outcome.properties.status.enum).toEqual(OUTCOME_STATUSES)
		expect(defs.indicator.properties.status.enum).toEqual(OUTCOME_STATUSES)
		expect(defs.verdict.properties.reason.enum).toEqual(FUNDING_REASONS)
		expect(defs.budgetRound.properties.ballot.enum).toEqual(BALLOT_KINDS)
		expect(defs.budgetRound.properties.audience.enum).toEqual(AUDIENCES)
		expect(defs.ratification.properties.audience.enum).toEqual(AUDIENCES)
		expect(defs.ratifiedItem.properties.kind.enum).toEqual(ITEM_KINDS)
	})

	it('names the same fields as the types (checked when type checking)', () => {
		expect(sameKeys.every((same) => same)).toBe(true)
	})

	it('closes every object and requires every property', () => {
		const objects = [SERVICE_DESIGN_SCHEMA, ...Object.values(SERVICE_DESIGN_SCHEMA.$defs)]
		for (const schema of objects) {
			expect(schema.additionalProperties).toBe(false)
			expect([...schema.required].sort()).toEqual(Object.keys(schema.properties).sort())
		}
	})
})
