/**
 * Small form parts the panels share: a labelled field, and a text input that writes on commit.
 * @module
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

/** A labelled form field; the child gets the id to put on its control. */
export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
	const id = useId()
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			{children(id)}
		</div>
	)
}

/**
 * A text input that writes to the board when it loses focus or on Enter, not at every key; and, if it
 * goes away first (a tap on the board deselects the card it edits, and the form shows another), when it
 * goes: what was typed is never left behind in a box that no longer exists. Give it a `key` per item, so
 * that another item's value never lands in this one's box.
 */
export function CommitInput({
	value,
	onCommit,
	multiline,
	...rest
}: {
	id?: string
	value: string
	onCommit(value: string): void
	multiline?: boolean
	disabled?: boolean
	'aria-label'?: string
}) {
	const [draft, setDraft] = useState(value)
	useEffect(() => setDraft(value), [value])
	const commit = () => {
		if (draft !== value) onCommit(draft)
	}
	const latest = useRef({ draft, value, onCommit })
	latest.current = { draft, value, onCommit }
	useEffect(
		() => () => {
			const { draft: left, value: saved, onCommit: write } = latest.current
			if (left !== saved) write(left)
		},
		[]
	)
	const common = { ...rest, value: draft, maxLength: 2000, onBlur: commit }
	return multiline ? (
		<textarea {...common} rows={3} onChange={(e) => setDraft(e.currentTarget.value)} />
	) : (
		<input
			{...common}
			type="text"
			onChange={(e) => setDraft(e.currentTarget.value)}
			onKeyDown={(e) => {
				if (e.key === 'Enter') commit()
			}}
		/>
	)
}
