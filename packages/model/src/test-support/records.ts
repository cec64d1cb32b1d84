/**
 * Canvas records for tests, each a valid record of the current canvas schema (`canvasSchema()`): the
 * journey's and map's shapes, and tldraw's own notes, text, drawings, shapes, arrows and images with
 * every prop they need. Each builder takes the few fields a test cares about.
 * @module
 */
import { b64Vecs, toRichText } from '@tldraw/tlschema'

type Rec = Record<string, unknown>

export const PAGE = 'page:page'

export function page(id = PAGE, name = 'Page 1', index = 'a1'): Rec {
	return { typeName: 'page', id, name, index, meta: {} }
}

function shape(id: string, type: string, props: Rec, extra: Rec = {}): Rec {
	return { typeName: 'shape', id, type, x: 0, y: 0, rotation: 0, index: 'a1', parentId: PAGE, isLocked: false, opacity: 1, meta: {}, props, ...extra }
}

const who = { authorId: 'p1', authorName: 'Ceri', createdAt: 0 }

export function blueprint(id: string, extra: Rec = {}, props: Rec = {}): Rec {
	return shape(
		id,
		'cyd-blueprint',
		{
			w: 944,
			h: 560,
			title: 'Repairs',
			stages: [
				{ id: 's1', name: 'Report' },
				{ id: 's2', name: 'Wait' },
			],
			lanes: [
				{ id: 'l1', name: 'Resident', kind: 'actions' },
				{ id: 'l2', name: 'Council', kind: 'frontstage' },
			],
			...props,
		},
		extra,
	)
}

export function card(id: string, parentId: string, text: string, props: Rec = {}): Rec {
	return shape(id, 'cyd-card', { w: 224, h: 96, stage: 's1', lane: 'l1', order: 0, kind: 'idea', text, channel: 'web', actor: '', ...who, ...props }, { parentId })
}

export function map(id: string, extra: Rec = {}, props: Rec = {}): Rec {
	return shape(id, 'cyd-map', { w: 600, h: 600, layout: 'rings', title: 'Who is involved', rings: ['Core', 'Directly involved', 'Wider community'], ...props }, extra)
}

export function stakeholder(id: string, name: string, extra: Rec = {}): Rec {
	return shape(id, 'cyd-stakeholder', { w: 208, h: 112, name, kind: 'resident', influence: 0.5, interest: 0.5, manual: false, notes: '', ...who }, extra)
}

export function note(id: string, text: string, extra: Rec = {}, props: Rec = {}): Rec {
	return shape(
		id,
		'note',
		{
			color: 'yellow',
			labelColor: 'black',
			size: 'm',
			font: 'draw',
			fontSizeAdjustment: null,
			align: 'middle',
			verticalAlign: 'middle',
			growY: 0,
			url: '',
			richText: toRichText(text),
			scale: 1,
			textLastEditedBy: null,
			...props,
		},
		extra,
	)
}

export function text(id: string, words: string, extra: Rec = {}): Rec {
	return shape(id, 'text', { color: 'black', size: 'm', font: 'draw', textAlign: 'start', w: 240, richText: toRichText(words), scale: 1, autoSize: true }, extra)
}

export function draw(id: string, points: Array<{ x: number; y: number }>, extra: Rec = {}, props: Rec = {}): Rec {
	return shape(
		id,
		'draw',
		{
			color: 'blue',
			fill: 'none',
			dash: 'draw',
			size: 'm',
			segments: [{ type: 'free', path: b64Vecs.encodePoints(points.map((p) => ({ ...p, z: 0.5 }))) }],
			isComplete: true,
			isClosed: false,
			isPen: false,
			scale: 1,
			scaleX: 1,
			scaleY: 1,
			...props,
		},
		extra,
	)
}

export function geo(id: string, geoKind: string, w: number, h: number, label = '', extra: Rec = {}): Rec {
	return shape(
		id,
		'geo',
		{
			geo: geoKind,
			dash: 'draw',
			url: '',
			w,
			h,
			growY: 0,
			scale: 1,
			flipX: false,
			flipY: false,
			labelColor: 'black',
			color: 'red',
			fill: 'semi',
			size: 'm',
			font: 'draw',
			align: 'middle',
			verticalAlign: 'middle',
			richText: toRichText(label),
		},
		extra,
	)
}

export function arrow(id: string, start: { x: number; y: number }, end: { x: number; y: number }, label = '', extra: Rec = {}): Rec {
	return shape(
		id,
		'arrow',
		{
			kind: 'arc',
			labelColor: 'black',
			color: 'black',
			fill: 'none',
			dash: 'draw',
			size: 'm',
			arrowheadStart: 'none',
			arrowheadEnd: 'arrow',
			font: 'draw',
			start,
			end,
			bend: 0,
			richText: toRichText(label),
			labelPosition: 0.5,
			scale: 1,
			elbowMidPoint: 0.5,
		},
		extra,
	)
}

export function arrowBinding(id: string, arrowId: string, to: string, terminal: 'start' | 'end'): Rec {
	return {
		typeName: 'binding',
		id,
		type: 'arrow',
		fromId: arrowId,
		toId: to,
		meta: {},
		props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
	}
}

export function group(id: string, extra: Rec = {}): Rec {
	return shape(id, 'group', {}, extra)
}

export function imageAsset(id: string, src: string): Rec {
	return { typeName: 'asset', id, type: 'image', meta: {}, props: { name: 'photo.png', src, w: 400, h: 300, mimeType: 'image/png', isAnimated: false, fileSize: 1000 } }
}

export function image(id: string, assetId: string, altText = '', extra: Rec = {}): Rec {
	return shape(id, 'image', { w: 400, h: 300, playing: true, url: '', assetId, crop: null, flipX: false, flipY: false, altText }, extra)
}
