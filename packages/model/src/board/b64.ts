/**
 * The points of a tldraw draw or highlight segment, decoded from its `path`: base64 of the first point
 * as 32-bit floats (x, y and, unless the segment is 2D, pressure), then each next point as the 16-bit
 * float difference from the one before. The same format as tldraw's `b64Vecs`, decoded here so that
 * reading a document needs no tldraw module.
 * @module
 */

/** The bytes of a base64 string (standard alphabet, padding optional). */
function bytesOf(base64: string): Uint8Array {
	const binary = atob(base64)
	const bytes = new Uint8Array(binary.length)
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
	return bytes
}

/** An IEEE 754 half-precision number from its 16 bits. */
export function float16(bits: number): number {
	const sign = bits & 0x8000 ? -1 : 1
	const exponent = (bits >> 10) & 0x1f
	const fraction = bits & 0x3ff
	if (exponent === 0) return sign * fraction * 2 ** -24
	if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY
	return sign * (1 + fraction / 1024) * 2 ** (exponent - 15)
}

/** The points of a segment's `path`; `dim` 2 for segments saved without pressure. Empty if unreadable. */
export function decodePoints(path: string, dim: 2 | 3 = 3): Array<{ x: number; y: number }> {
	if (path === '') return []
	let bytes: Uint8Array
	try {
		bytes = bytesOf(path)
	} catch {
		return []
	}
	const first = dim === 2 ? 8 : 12
	const step = dim === 2 ? 4 : 6
	if (bytes.length < first) return []
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	let x = view.getFloat32(0, true)
	let y = view.getFloat32(4, true)
	const points = [{ x, y }]
	for (let offset = first; offset + step <= bytes.length; offset += step) {
		x += float16(view.getUint16(offset, true))
		y += float16(view.getUint16(offset + 2, true))
		points.push({ x, y })
	}
	return points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)) ? points : []
}
