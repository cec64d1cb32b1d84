/**
 * Pictures of a journey or a stakeholder map, made in the browser from the canvas (SVG or PNG), for
 * slides and reports.
 * @module
 */
import type { Editor, TLShapeId } from 'tldraw'

/** Save the shapes as an SVG or PNG file named `name`. */
export async function savePicture(editor: Editor, ids: TLShapeId[], format: 'svg' | 'png', name: string): Promise<void> {
	if (ids.length === 0) return
	const { blob } = await editor.toImage(ids, { format, background: true, darkMode: false, padding: 24, scale: format === 'png' ? 2 : 1 })
	const a = document.createElement('a')
	a.href = URL.createObjectURL(blob)
	a.download = `${name.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase() || 'cyd'}.${format}`
	a.click()
	setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

/** A map and whatever sits on it or points into it: its stakeholders, assets and relationship arrows. */
export function mapShapes(editor: Editor, id: TLShapeId): TLShapeId[] {
	const bounds = editor.getShapePageBounds(id)
	if (!bounds) return []
	const on = editor
		.getCurrentPageShapes()
		.filter((s) => (s.type === 'cyd-stakeholder' || s.type === 'cyd-asset' || s.type === 'arrow') && editor.getShapePageBounds(s)?.collides(bounds))
		.map((s) => s.id)
	return [id, ...on]
}
