/**
 * What an empty board says: what to do next (start a journey, a stakeholder map, or add a note), in the
 * words of the device in hand (tap or click); to someone who cannot change the board, that it fills up
 * as others add to it. Gone as soon as anything is on the board, or a tool that draws is in hand; it takes
 * no touch or wheel but on its buttons, so the board under it works as ever.
 * @module
 */
import { useValue, type Editor } from 'tldraw'
import { useT } from './i18n/I18n'
import { isolateKeys, useFinger } from './WorkshopUi'

export function EmptyBoard({ editor, readOnly, onJourney, onMap }: { editor: Editor; readOnly: boolean; onJourney(): void; onMap(): void }) {
	const t = useT()
	const empty = useValue('cyd.emptyBoard', () => editor.getCurrentPageShapeIds().size === 0, [editor])
	const tool = useValue('cyd.tool', () => editor.getCurrentToolId(), [editor])
	const finger = useFinger(editor)
	if (!empty || (tool !== 'select' && tool !== 'note')) return null
	if (tool === 'note') {
		return (
			<p className="empty-board-next" role="status" data-testid="empty-board">
				{t(finger ? 'board.empty.noteTouch' : 'board.empty.noteMouse')}
			</p>
		)
	}
	return (
		<section className="empty-board" aria-labelledby="empty-board-heading" data-testid="empty-board" {...isolateKeys}>
			<h2 id="empty-board-heading">{t('board.empty.heading')}</h2>
			{readOnly ? (
				<p>{t('board.empty.viewOnly')}</p>
			) : (
				<>
					<p>{t('board.empty.body')}</p>
					<div className="button-row">
						<button type="button" className="button primary" onClick={onJourney}>
							{t('board.empty.journey')}
						</button>
						<button type="button" className="button" onClick={onMap}>
							{t('board.empty.map')}
						</button>
						<button type="button" className="button" onClick={() => editor.setCurrentTool('note')}>
							{t('board.empty.note')}
						</button>
					</div>
				</>
			)}
		</section>
	)
}
