/**
 * How the stakeholder mode's shapes look on the canvas: the map (concentric rings or a power/interest
 * grid, with the legend of what flows along relationships), stakeholder cards and community-asset
 * cards. Props, validators and migrations live in @cyd/model.
 * @module
 */
import {
	ASSET_TYPE,
	FLOWS,
	FLOW_STYLE,
	MAP_TYPE,
	RING_FRACTIONS,
	STAKEHOLDER_TYPE,
	type AssetShape,
	type Flow,
	type MapShape,
	type StakeholderShape,
} from '@cyd/model'
import { stakeholderShapeSchemas } from '@cyd/model/schema'
import { HTMLContainer, atom, type Editor, type TLShape } from 'tldraw'
import { useT } from '../i18n/I18n'
import { BoxShapeUtil } from '../shapes/BoxShapeUtil'
import { PERSONA_HEX } from '../journey/shapes'
import { flowOf, placeFromPosition } from './actions'
import './stakeholders.css'

/** The flows this screen hides (a personal view setting, not part of the board). */
export const hiddenFlows = atom<ReadonlySet<Flow>>('cyd.hiddenFlows', new Set())

/** For tldraw's `getShapeVisibility`: relationship arrows of a hidden flow are not drawn here. */
export function shapeVisibility(shape: TLShape, editor: Editor): 'hidden' | 'inherit' {
	if (shape.type !== 'arrow' || hiddenFlows.get().size === 0) return 'inherit'
	const bindings = editor.getBindingsFromShape(shape, 'arrow')
	if (bindings.length < 2) return 'inherit'
	return hiddenFlows.get().has(flowOf(shape)) ? 'hidden' : 'inherit'
}

/** tldraw's colour names as CSS colours, for the legend. */
export const TL_COLOR_HEX: Record<string, string> = { ...PERSONA_HEX, black: '#1d1d1d' }

export class MapShapeUtil extends BoxShapeUtil<MapShape> {
	static override type = MAP_TYPE
	static override props = stakeholderShapeSchemas[MAP_TYPE].props
	static override migrations = stakeholderShapeSchemas[MAP_TYPE].migrations

	getDefaultProps(): MapShape['props'] {
		return { w: 960, h: 960, layout: 'rings', title: '', rings: ['', '', ''] }
	}
	override canBind() {
		return false
	}
	override getText(shape: MapShape) {
		return shape.props.title
	}
	component(shape: MapShape) {
		return <StakeholderMap shape={shape} />
	}
}

function StakeholderMap({ shape }: { shape: MapShape }) {
	const t = useT()
	const { w, h, layout, title, rings } = shape.props
	const radius = Math.min(w, h) / 2
	return (
		<HTMLContainer className={`cyd-map cyd-map-${layout}`} style={{ width: w, height: h }}>
			{layout === 'rings' ? (
				<svg width={w} height={h} aria-hidden="true">
					{[...RING_FRACTIONS].reverse().map((fraction, i) => (
						<circle key={fraction} cx={w / 2} cy={h / 2} r={radius * fraction - 2} className={`cyd-ring cyd-ring-${2 - i}`} />
					))}
				</svg>
			) : (
				<div className="cyd-grid">
					{(['satisfy', 'manage', 'monitor', 'inform'] as const).map((q) => (
						<div key={q} className={`cyd-quadrant cyd-quadrant-${q}`}>
							<span>{t(`map.quadrant.${q}`)}</span>
						</div>
					))}
					<span className="cyd-axis cyd-axis-x">{t('map.axis.interest')} →</span>
					<span className="cyd-axis cyd-axis-y">{t('map.axis.influence')} →</span>
				</div>
			)}
			{layout === 'rings' &&
				rings.map((label, i) => (
					<span key={i} className="cyd-ring-label" style={{ left: w / 2, top: h / 2 - radius * RING_FRACTIONS[i]! + 10 }}>
						{label || t(`map.ring.${i}` as 'map.ring.0')}
					</span>
				))}
			<div className="cyd-map-title">
				<span className="cyd-map-kicker">{t(layout === 'rings' ? 'map.rings' : 'map.grid')}</span>
				{title && <span className="cyd-map-name">{title}</span>}
			</div>
			<FlowLegend />
		</HTMLContainer>
	)
}

/** What each arrow colour and dash means. */
export function FlowLegend() {
	const t = useT()
	return (
		<ul className="cyd-legend" aria-label={t('map.legend')}>
			{FLOWS.map((flow) => (
				<li key={flow}>
					<svg width="34" height="10" aria-hidden="true">
						<line x1="1" x2="33" y1="5" y2="5" stroke={TL_COLOR_HEX[FLOW_STYLE[flow].color]} strokeWidth="3" strokeDasharray={FLOW_STYLE[flow].dash === 'dashed' ? '7 4' : FLOW_STYLE[flow].dash === 'dotted' ? '1.5 4' : undefined} strokeLinecap="round" />
					</svg>
					{t(`map.flow.${flow}`)}
				</li>
			))}
		</ul>
	)
}

export class StakeholderShapeUtil extends BoxShapeUtil<StakeholderShape> {
	static override type = STAKEHOLDER_TYPE
	static override props = stakeholderShapeSchemas[STAKEHOLDER_TYPE].props
	static override migrations = stakeholderShapeSchemas[STAKEHOLDER_TYPE].migrations

	getDefaultProps(): StakeholderShape['props'] {
		return { w: 208, h: 112, name: '', kind: 'other', influence: 0.5, interest: 0.5, manual: false, notes: '', authorId: '', authorName: '', createdAt: 0 }
	}
	override getText(shape: StakeholderShape) {
		return shape.props.name
	}
	override getAriaDescriptor(shape: StakeholderShape) {
		return shape.props.name
	}
	/** Where a stakeholder is dropped on a map says how much influence and interest it has. */
	override onTranslateEnd(_initial: StakeholderShape, current: StakeholderShape) {
		placeFromPosition(this.editor, current.id)
	}
	component(shape: StakeholderShape) {
		return <StakeholderCard shape={shape} />
	}
}

const percent = (n: number) => `${Math.round(n * 100)}%`

function StakeholderCard({ shape }: { shape: StakeholderShape }) {
	const t = useT()
	const { props } = shape
	return (
		<HTMLContainer className={`cyd-stakeholder sk-${props.kind}`} style={{ width: props.w, height: props.h }} data-testid="stakeholder-card" data-name={props.name}>
			<div className="cyd-stakeholder-kind">{t(`map.kind.${props.kind}`)}</div>
			<div className="cyd-stakeholder-name">{props.name || t('map.unnamed')}</div>
			<div className="cyd-stakeholder-levels">
				{t('map.levels', { influence: percent(props.influence), interest: percent(props.interest) })}
				{props.manual && ` · ${t('map.manual')}`}
			</div>
		</HTMLContainer>
	)
}

export class AssetShapeUtil extends BoxShapeUtil<AssetShape> {
	static override type = ASSET_TYPE
	static override props = stakeholderShapeSchemas[ASSET_TYPE].props
	static override migrations = stakeholderShapeSchemas[ASSET_TYPE].migrations

	getDefaultProps(): AssetShape['props'] {
		return { w: 208, h: 112, name: '', kind: 'resource', description: '', holder: '', authorId: '', authorName: '', createdAt: 0 }
	}
	override getText(shape: AssetShape) {
		return shape.props.name
	}
	component(shape: AssetShape) {
		return <AssetCard shape={shape} />
	}
}

function AssetCard({ shape }: { shape: AssetShape }) {
	const t = useT()
	const { props } = shape
	return (
		<HTMLContainer className="cyd-asset" style={{ width: props.w, height: props.h }} data-testid="asset-card">
			<div className="cyd-stakeholder-kind">
				{t('map.asset')} · {t(`map.assetKind.${props.kind}`)}
			</div>
			<div className="cyd-stakeholder-name">{props.name || t('map.unnamed')}</div>
			{props.holder && <div className="cyd-stakeholder-levels">{t('map.heldBy', { holder: props.holder })}</div>}
		</HTMLContainer>
	)
}

export const stakeholderShapeUtils = [MapShapeUtil, StakeholderShapeUtil, AssetShapeUtil]
