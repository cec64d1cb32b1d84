/**
 * tldraw's page menu, with the default page names ("Page 1", "Tudalen 2") shown in the reader's language.
 * The stored page record keeps its name: English and Welsh readers share the document.
 * @module
 */
import { useMemo } from 'react'
import { DefaultPageMenu, EditorContext, useEditor, type Editor, type TLPage } from 'tldraw'
import { useT } from './i18n/I18n'

/** tldraw's default page names, in either language. */
const DEFAULT_NAME = /^(?:Page|Tudalen) (\d+)$/

/** The name to show for a page: a default name in the reader's language, any other as it is. */
export function shownPageName(name: string, t: ReturnType<typeof useT>): string {
	const n = DEFAULT_NAME.exec(name)?.[1]
	return n === undefined ? name : t('board.pageName', { n })
}

export function PageMenu() {
	const editor = useEditor()
	const t = useT()
	// The menu reads the pages through the editor it is given: this one shows them under their shown names
	// and passes everything else (renaming included) to the real editor.
	const shown = useMemo(() => {
		const rename = (page: TLPage): TLPage => {
			const name = shownPageName(page.name, t)
			return name === page.name ? page : { ...page, name }
		}
		return new Proxy(editor, {
			get(target, prop) {
				if (prop === 'getPages') return () => target.getPages().map(rename)
				if (prop === 'getCurrentPage') return () => rename(target.getCurrentPage())
				const value: unknown = Reflect.get(target, prop, target)
				return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
			},
		}) as Editor
	}, [editor, t])
	return (
		<EditorContext.Provider value={shown}>
			<DefaultPageMenu />
		</EditorContext.Provider>
	)
}
