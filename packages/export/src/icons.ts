/**
 * The symbols of the reports, as SVG path data in a 16 x 16 box, drawn the same way in HTML (inline
 * SVG) and PDF (pdfkit paths): a symbol per card kind (the web app's shapes: play, target, warning
 * triangle, star, bulb, question, document) and per kind of other contribution (a note, a T, shapes, a
 * squiggle, an arrow, a framed picture), and a face per feeling whose mouth curves down for bad and up
 * for good. Kinds and feelings differ by shape and by word, never by colour alone.
 * @module
 */
import type { CardKind, ContributionKind, Emotion } from '@cyd/model'

/** What a card of the report can be: a journey card, or another contribution. */
export type ViewKind = CardKind | ContributionKind

/** One path of a symbol, painted in the symbol's ink, in paper (white), or not at all. */
export interface IconPart {
	d: string
	fill: 'ink' | 'paper' | 'none'
	stroke: 'ink' | 'paper' | 'none'
	/** Stroke width in the 16 x 16 box. */
	width: number
}

/** The side of the box every symbol is drawn in. */
export const ICON_BOX = 16

function circle(cx: number, cy: number, r: number): string {
	return `M${cx - r} ${cy} A${r} ${r} 0 1 0 ${cx + r} ${cy} A${r} ${r} 0 1 0 ${cx - r} ${cy} Z`
}

const filled = (d: string): IconPart => ({ d, fill: 'ink', stroke: 'none', width: 0 })
const knockout = (d: string): IconPart => ({ d, fill: 'paper', stroke: 'none', width: 0 })

const stroked = (d: string, width: number): IconPart => ({ d, fill: 'none', stroke: 'ink', width })

/** A symbol per kind. */
export const KIND_ICONS: Record<ViewKind, IconPart[]> = {
	action: [filled('M3 2 L13 8 L3 14 Z')],
	touchpoint: [{ d: circle(8, 8, 6), fill: 'none', stroke: 'ink', width: 2 }, filled(circle(8, 8, 2.5))],
	pain: [filled('M8 1 L15 14 L1 14 Z'), knockout('M7.2 5 L8.8 5 L8.8 10 L7.2 10 Z'), knockout('M7.2 11 L8.8 11 L8.8 12.6 L7.2 12.6 Z')],
	opportunity: [filled('M8 1 L10 6 L15 6 L11 9.5 L12.5 15 L8 11.8 L3.5 15 L5 9.5 L1 6 L6 6 Z')],
	idea: [filled('M8 1 A5 5 0 0 1 11 10 L11 12 L5 12 L5 10 A5 5 0 0 1 8 1 Z'), filled('M5.5 13 L10.5 13 L10.5 15 L5.5 15 Z')],
	question: [
		filled(circle(8, 8, 7)),
		{ d: 'M5.7 6.3 A2.3 2.3 0 1 1 8 8.6 L8 9.9', fill: 'none', stroke: 'paper', width: 1.7 },
		knockout(circle(8, 12, 1)),
	],
	evidence: [filled('M3 1 L10 1 L13 4 L13 15 L3 15 Z'), knockout('M5 7 L11 7 L11 8.4 L5 8.4 Z'), knockout('M5 10 L11 10 L11 11.4 L5 11.4 Z')],
	achievement: [filled(circle(8, 6, 5)), filled('M5 10 L3.5 15 L8 13 L12.5 15 L11 10 Z'), knockout(circle(8, 6, 2.2))],
	works: [filled(circle(8, 8, 7)), { d: 'M4.5 8.3 L7 10.8 L11.7 5.6', fill: 'none', stroke: 'paper', width: 2 }],
	note: [filled('M2 2 L14 2 L14 10 L10 14 L2 14 Z'), knockout('M10.6 14 L10.6 10.6 L14 10.6 Z'), knockout('M4.5 5.2 L11.5 5.2 L11.5 6.6 L4.5 6.6 Z'), knockout('M4.5 8.2 L9 8.2 L9 9.6 L4.5 9.6 Z')],
	text: [filled('M2 2 L14 2 L14 5 L9.5 5 L9.5 14 L6.5 14 L6.5 5 L2 5 Z')],
	shape: [filled('M1.5 6.5 L9.5 6.5 L9.5 14.5 L1.5 14.5 Z'), { d: circle(10.5, 5.5, 4), fill: 'paper', stroke: 'ink', width: 1.6 }],
	drawing: [stroked('M1.5 11 Q4.25 3 7 8 Q9.75 13 14.5 5', 2)],
	arrow: [stroked('M1.5 8 L11 8', 2.2), filled('M9.5 3.5 L15 8 L9.5 12.5 Z')],
	image: [stroked('M1.5 2.5 L14.5 2.5 L14.5 13.5 L1.5 13.5 Z', 1.5), filled('M3 12 L7 7 L10 10 L11.5 8.5 L13 12 Z'), filled(circle(11, 5.5, 1.3))],
}

/** The ink and background of each kind (for cards, the web app's colours). */
export const KIND_COLORS: Record<ViewKind, { ink: string; paper: string }> = {
	action: { ink: '#1d4ed8', paper: '#f1f5ff' },
	touchpoint: { ink: '#0f766e', paper: '#effcf9' },
	pain: { ink: '#b91c1c', paper: '#fff3f3' },
	opportunity: { ink: '#15803d', paper: '#f0fdf4' },
	idea: { ink: '#a16207', paper: '#fffbeb' },
	question: { ink: '#6d28d9', paper: '#f7f3ff' },
	evidence: { ink: '#475569', paper: '#f6f8fa' },
	achievement: { ink: '#9a3412', paper: '#fff7ed' },
	works: { ink: '#047857', paper: '#ecfdf5' },
	note: { ink: '#854d0e', paper: '#fefce8' },
	text: { ink: '#334155', paper: '#f8fafc' },
	shape: { ink: '#be185d', paper: '#fdf2f8' },
	drawing: { ink: '#4338ca', paper: '#eef2ff' },
	arrow: { ink: '#334155', paper: '#f8fafc' },
	image: { ink: '#0e7490', paper: '#ecfeff' },
}

/** A face for a feeling: a round outline, two eyes, a mouth that curves with the value. */
export function faceIcon(value: Emotion): IconPart[] {
	const mouth = 10.4 + (value - 3) * 1.5
	return [
		{ d: circle(8, 8, 7), fill: 'paper', stroke: 'ink', width: 1.3 },
		filled(circle(5.6, 6.2, 1.05)),
		filled(circle(10.4, 6.2, 1.05)),
		{ d: `M4.6 10.4 Q8 ${mouth} 11.4 10.4`, fill: 'none', stroke: 'ink', width: 1.3 },
	]
}

/** The ink of each feeling: reds for bad, grey for neither, greens for good. */
export const EMOTION_COLORS: Record<Emotion, string> = {
	1: '#b91c1c',
	2: '#c2410c',
	3: '#475569',
	4: '#3f7d20',
	5: '#15803d',
}

/** A text symbol per kind, for Markdown. */
export const KIND_SYMBOLS: Record<ViewKind, string> = {
	action: '▶',
	touchpoint: '◉',
	pain: '⚠',
	opportunity: '★',
	idea: '💡',
	question: '❓',
	evidence: '📄',
	achievement: '🏅',
	works: '✔',
	note: '📝',
	text: '✎',
	shape: '◆',
	drawing: '✏',
	arrow: '➜',
	image: '🖼',
}

/** A face per feeling, for Markdown. */
export const EMOTION_FACES: Record<Emotion, string> = {
	1: '😞',
	2: '🙁',
	3: '😐',
	4: '🙂',
	5: '😄',
}
