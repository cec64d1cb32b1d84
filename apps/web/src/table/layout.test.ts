import { describe, expect, it } from 'vitest'
import { besideOf, CORNER, cornerFor, facing, freeRect, inFrontOf, MAX_DOCK, nearestSeat, platesIn, seatEdges, seatPlaces } from './layout'

const W = 1600
const H = 1000

describe('seat places', () => {
	it('puts two seats face to face, then one on each short side', () => {
		expect(seatPlaces(2, W, H).map((p) => [p.edge, p.angle])).toEqual([
			['bottom', 0],
			['top', 180],
		])
		const four = seatPlaces(4, W, H)
		expect(four.map((p) => [p.edge, p.angle])).toEqual([
			['bottom', 0],
			['top', 180],
			['left', 90],
			['right', -90],
		])
		expect(four.map((p) => p.anchor)).toEqual([
			{ x: W / 2, y: H },
			{ x: W / 2, y: 0 },
			{ x: 0, y: H / 2 },
			{ x: W, y: H / 2 },
		])
		expect(four.map((p) => p.span)).toEqual([MAX_DOCK, MAX_DOCK, MAX_DOCK, MAX_DOCK])
	})

	it('gives each seat the edge with the most room: eight seats are three on each long side and one on each short', () => {
		expect(seatEdges(8, W, H)).toEqual(['bottom', 'top', 'left', 'right', 'bottom', 'top', 'bottom', 'top'])
		expect(seatEdges(6, 1000, 1600)).toEqual(['left', 'right', 'bottom', 'top', 'left', 'right'])
		const eight = seatPlaces(8, W, H)
		for (const p of eight) expect(p.span).toBeLessThanOrEqual((p.edge === 'left' || p.edge === 'right' ? H - 2 * CORNER : (W - 2 * CORNER) / 3))
	})

	it('shares an edge between its seats, counted from the left of whoever stands there, clear of the corners', () => {
		const six = seatPlaces(6, W, H)
		const on = (edge: string) => six.filter((p) => p.edge === edge).map((p) => p.anchor)
		const quarter = (W - 2 * CORNER) / 4
		expect(on('bottom')).toEqual([
			{ x: CORNER + quarter, y: H },
			{ x: CORNER + 3 * quarter, y: H },
		])
		// Across the table the first seat is at the screen's right: that is its person's left.
		expect(on('top')).toEqual([
			{ x: CORNER + 3 * quarter, y: 0 },
			{ x: CORNER + quarter, y: 0 },
		])
		expect(on('left')).toEqual([{ x: 0, y: H / 2 }])
		// On a tall screen the short sides are top and bottom, and the left and right share.
		const tall = seatPlaces(6, 1000, 1600)
		const side = (1600 - 2 * CORNER) / 4
		expect(tall.filter((p) => p.edge === 'left').map((p) => p.anchor)).toEqual([
			{ x: 0, y: CORNER + side },
			{ x: 0, y: CORNER + 3 * side },
		])
		expect(tall.filter((p) => p.edge === 'right').map((p) => p.anchor)).toEqual([
			{ x: 1000, y: CORNER + 3 * side },
			{ x: 1000, y: CORNER + side },
		])
	})

	it('finds whose side of the table a point is on', () => {
		const four = seatPlaces(4, W, H)
		expect(nearestSeat(four, { x: 800, y: 900 })).toBe(0)
		expect(nearestSeat(four, { x: 700, y: 60 })).toBe(1)
		expect(nearestSeat(four, { x: 80, y: 400 })).toBe(2)
		expect(nearestSeat(four, { x: 1500, y: 600 })).toBe(3)
	})

	it('measures in front of a seat and to its right', () => {
		const [bottom, top, left, right] = seatPlaces(4, W, H)
		expect(inFrontOf(bottom!, 100, 10)).toEqual({ x: 810, y: 900 })
		expect(inFrontOf(top!, 100, 10)).toEqual({ x: 790, y: 100 })
		expect(inFrontOf(left!, 100, 10)).toEqual({ x: 100, y: 510 })
		expect(inFrontOf(right!, 100, 10)).toEqual({ x: 1500, y: 490 })
	})
})

describe('turning a shape to face a seat', () => {
	it('keeps its centre where it was asked to be', () => {
		for (const place of seatPlaces(4, W, H)) {
			const rotation = facing(place)
			const corner = cornerFor({ x: 300, y: 200 }, 200, 100, rotation)
			// The centre is the corner plus the half-size turned by the rotation.
			const cx = corner.x + Math.cos(rotation) * 100 - Math.sin(rotation) * 50
			const cy = corner.y + Math.sin(rotation) * 100 + Math.cos(rotation) * 50
			expect(cx).toBeCloseTo(300)
			expect(cy).toBeCloseTo(200)
		}
		expect(cornerFor({ x: 300, y: 200 }, 200, 100, 0)).toEqual({ x: 200, y: 150 })
		const upsideDown = cornerFor({ x: 300, y: 200 }, 200, 100, Math.PI)
		expect(upsideDown.x).toBeCloseTo(400)
		expect(upsideDown.y).toBeCloseTo(250)
	})
})

describe('the middle of the table', () => {
	const rect = (left: number, top: number, right: number, bottom: number) => ({ left, top, right, bottom })
	const overlaps = (a: { left: number; top: number; right: number; bottom: number }, b: typeof a) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

	it('is what no dock or corner control reaches', () => {
		const free = freeRect(1920, 1080, [
			{ edge: 'bottom', rect: rect(660, 700, 1260, 1080) },
			{ edge: 'top', rect: rect(660, 0, 1260, 420) },
			{ edge: 'left', rect: rect(0, 240, 380, 840) },
			{ edge: 'right', rect: rect(1540, 240, 1920, 840) },
			{ edge: null, rect: rect(8, 8, 96, 180) },
		])
		expect(free).toEqual(rect(392, 432, 1528, 688))
	})

	it('holds a copy for each occupied edge, turned to it, scaled down to fit and never onto another copy', () => {
		const free = rect(392, 432, 1528, 688)
		const { plates, scale } = platesIn(free, new Set(['bottom', 'top', 'left', 'right'] as const), 300, 120)
		expect(plates.map((p) => [p.edge, p.angle])).toEqual([
			['bottom', 0],
			['top', 180],
			['left', 90],
			['right', -90],
		])
		expect(scale).toBeCloseTo(256 / 300)
		const boxes = plates.map((p) => {
			const [w, h] = p.edge === 'left' || p.edge === 'right' ? [120 * scale, 300 * scale] : [300 * scale, 120 * scale]
			return rect(p.centre.x - w / 2, p.centre.y - h / 2, p.centre.x + w / 2, p.centre.y + h / 2)
		})
		for (const box of boxes) {
			expect(box.left).toBeGreaterThanOrEqual(free.left - 1e-9)
			expect(box.right).toBeLessThanOrEqual(free.right + 1e-9)
			expect(box.top).toBeGreaterThanOrEqual(free.top - 1e-9)
			expect(box.bottom).toBeLessThanOrEqual(free.bottom + 1e-9)
		}
		for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(overlaps(a, b)).toBe(false)
		// With room to spare, nothing is scaled up.
		expect(platesIn(rect(0, 0, 1900, 1000), new Set(['bottom', 'top'] as const), 300, 120).scale).toBe(1)
	})
})

describe('a new note beside what the middle shows', () => {
	const [bottom, , left] = seatPlaces(4, 1920, 1080)
	const hub = { left: 700, top: 400, right: 1220, bottom: 680 }

	it('slides along its seat\'s edge, the shorter way, only when it would lie on it', () => {
		expect(besideOf(bottom!, { x: 960, y: 600 }, 100, null)).toEqual({ x: 960, y: 600 })
		expect(besideOf(bottom!, { x: 960, y: 800 }, 100, hub)).toEqual({ x: 960, y: 800 })
		expect(besideOf(bottom!, { x: 900, y: 600 }, 100, hub)).toEqual({ x: 592, y: 600 })
		expect(besideOf(bottom!, { x: 1100, y: 600 }, 100, hub)).toEqual({ x: 1328, y: 600 })
		expect(besideOf(left!, { x: 750, y: 500 }, 100, hub)).toEqual({ x: 750, y: 292 })
	})
})
