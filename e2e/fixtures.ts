/**
 * Helpers for the end-to-end tests: rooms, people joining them, reading the canvas.
 * @module
 */
import { translate, type Language, type MessageKey } from '../apps/web/src/i18n/catalog'
import { expect, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test'

export type Role = 'facilitator' | 'participant' | 'expert' | 'observer'

export interface CreatedRoom {
	id: string
	/** The facilitator's join link. */
	url: string
	/** One join link per role. */
	links: Record<Role, string>
}

export async function createRoom(request: APIRequestContext, title = 'E2E room'): Promise<CreatedRoom> {
	const res = await request.post('/api/rooms', { data: { title, language: 'en' } })
	expect(res.status()).toBe(201)
	return (await res.json()) as CreatedRoom
}

export interface Person {
	name: string
	context: BrowserContext
	page: Page
}

/** A new browser context (its own storage, like another device) that opens the join link `url` and joins as `name`. */
export async function join(browser: Browser, url: string, name: string, options: BrowserContextOptions = {}): Promise<Person> {
	const context = await browser.newContext(options)
	const page = await context.newPage()
	page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message} ${error.stack?.split("\n").slice(0, 4).join(" | ")}`))
	page.on('requestfailed', (r) => console.log(`[${name}] request failed: ${r.url()} ${r.failure()?.errorText}`))
	await page.goto(url)
	await page.getByLabel('Your name').fill(name)
	await page.getByRole('button', { name: 'Join' }).click()
	await waitForCanvas(page)
	return { name, context, page }
}

/** Show the whole board on `page`, at once (no camera animation, so positions read next are final). */
export async function fitView(page: Page): Promise<void> {
	await page.evaluate(() => {
		window.cydEditor?.zoomToFit({ animation: { duration: 0 } })
	})
}

/** The session token the page keeps for `room` (what its API calls carry). */
export function sessionOf(page: Page, room: string): Promise<string> {
	return page.evaluate((id) => (JSON.parse(localStorage.getItem(`cyd.session.${id}`) ?? '{}') as { session: string }).session, room)
}

export async function waitForCanvas(page: Page): Promise<void> {
	// Loading tldraw and syncing the room can take longer than a usual wait on a loaded machine.
	const loading = { timeout: 45_000 }
	await expect(page.locator('.tl-canvas')).toBeVisible(loading)
	await expect.poll(() => page.evaluate(() => Boolean(window.cydEditor)), loading).toBe(true)
	await expect(page.getByTestId('save-status')).toHaveText('Saved', loading)
}

export interface NoteInfo {
	id: string
	x: number
	y: number
	text: string
}

/** The notes on the current page, as the editor of `page` has them. */
export function notes(page: Page): Promise<NoteInfo[]> {
	return page.evaluate(() => {
		const editor = window.cydEditor
		if (!editor) return []
		return editor
			.getCurrentPageShapes()
			.filter((s) => s.type === 'note')
			.map((s) => ({ id: s.id, x: Math.round(s.x), y: Math.round(s.y), text: editor.getShapeUtil(s).getText(s) ?? '' }))
	})
}

/** Make a sticky note with the toolbar and type `text` into it, as a person would. Returns its id. */
export async function makeNote(page: Page, at: { x: number; y: number }, text: string): Promise<string> {
	await page.getByTestId('tools.note').click()
	await page.mouse.click(at.x, at.y)
	await expect.poll(() => page.evaluate(() => window.cydEditor?.getEditingShapeId() ?? null)).not.toBeNull()
	await page.keyboard.type(text)
	await page.keyboard.press('Escape')
	// The note is done only once the editor has left text editing: a drag before that selects its text.
	await expect.poll(() => page.evaluate(() => window.cydEditor?.getEditingShapeId() ?? null)).toBeNull()
	const id = await page.evaluate(() => window.cydEditor?.getOnlySelectedShapeId() ?? null)
	expect(id).not.toBeNull()
	return id as string
}

/** Where a shape is on screen (its page bounds' centre, in viewport pixels). */
export async function screenCenter(page: Page, id: string): Promise<{ x: number; y: number }> {
	const point = await page.evaluate((shapeId) => {
		const editor = window.cydEditor
		const bounds = editor?.getShapePageBounds(shapeId)
		if (!editor || !bounds) return null
		const p = editor.pageToViewport(bounds.center)
		const container = editor.getContainer().getBoundingClientRect()
		return { x: p.x + container.left, y: p.y + container.top }
	}, id)
	if (!point) throw new Error(`no shape ${id}`)
	return point
}

/** The part of tldraw's Editor (exposed by the app as `window.cydEditor`) that the tests use. */
interface ShapeLike {
	id: string
	type: string
	x: number
	y: number
	rotation: number
	meta: Record<string, unknown>
	props: Record<string, unknown>
}
interface EditorLike {
	getCurrentPageShapes(): ShapeLike[]
	getCamera(): { x: number; y: number; z: number }
	setCamera(camera: { x: number; y: number; z: number }): void
	getViewportPageBounds(): { center: { x: number; y: number } }
	getInstanceState(): { isReadonly: boolean; followingUserId: string | null }
	getCollaborators(): Array<{ userName: string; camera: { x: number; y: number; z: number } | null }>
	updateInstanceState(partial: { isReadonly?: boolean }): void
	createShape(shape: { type: string; x: number; y: number }): void
	select(id: string): void
	selectNone(): void
	zoomToFit(opts?: { animation?: { duration: number } }): void
	getShapeUtil(shape: ShapeLike): { getText(shape: ShapeLike): string | undefined }
	getEditingShapeId(): string | null
	getOnlySelectedShapeId(): string | null
	getShapePageBounds(shape: string | ShapeLike): { center: { x: number; y: number } } | undefined
	pageToScreen(point: { x: number; y: number }): { x: number; y: number }
	pageToViewport(point: { x: number; y: number }): { x: number; y: number }
	getContainer(): HTMLElement
	getAssets(): Array<{ props: Record<string, unknown> }>
	putExternalContent(content: { type: 'files'; files: File[] }): Promise<void>
	updateShape(partial: { id: string; type: string; props?: Record<string, unknown> }): void
}

declare global {
	interface Window {
		cydEditor?: EditorLike
		/** The room's connection: `setReadOnly(false)` makes it send what the UI would not. */
		cydRoom?: { setReadOnly(readOnly: boolean): void }
		/** The ServiceDesign of what this screen holds. */
		cydDesign?: () => unknown
		/** The workshop state this screen holds (only what the tests read of it). */
		cydWorkshop?: () => { table: { seats: { id: string; name: string; person: string }[]; viewLocked: boolean } | null }
	}
}

/** A message of the app's own catalogue in `lang`, with its placeholders filled (ICU, as the app does). */
export function say(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
	return translate(lang, key, params)
}

/** A phone (393x851, touch) and a laptop, as residents and facilitators use them. */
export const PHONE = { viewport: { width: 393, height: 851 }, hasTouch: true, isMobile: true }
export const LAPTOP = { viewport: { width: 1280, height: 800 } }
