/**
 * "Everyone follows me": while the facilitator has it on, this screen follows their camera with tldraw's
 * own following (their presence carries it). A person can step out at any time, by moving the board or with
 * "Stop following", and step back in; when the facilitator turns it off, everyone is let go.
 * @module
 */
import type { Follow, Participant } from '@cyd/model'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useValue, type Editor, type TLUserId } from 'tldraw'
import { useT } from './i18n/I18n'
import { isolateKeys } from './WorkshopUi'

export interface Following {
	/** The follow this screen is asked to take part in (never one of my own). */
	target: Follow | null
	/** Whether the camera is following the target now. */
	active: boolean
	/** Whether this person stepped out of the current follow. */
	left: boolean
	stop(): void
	again(): void
}

export function useFollowing(editor: Editor | null, follow: Follow | null, myId: string): Following {
	const target = follow && follow.personId !== myId ? follow : null
	const at = target?.at ?? null
	const userId = target?.userId ?? null
	/** The `at` of the follow this person stepped out of. */
	const [leftAt, setLeftAt] = useState<number | null>(null)
	/** The `at` of the follow this screen has been following. */
	const started = useRef<number | null>(null)
	const leaderHere = useValue('cyd.leaderHere', () => (editor && userId ? editor.getCollaborators().some((c) => c.userId === userId) : false), [editor, userId])
	const followingId = useValue('cyd.followingId', () => editor?.getInstanceState().followingUserId ?? null, [editor])

	useEffect(() => {
		if (!editor) return
		if (at === null || userId === null) {
			if (started.current !== null) {
				started.current = null
				if (editor.getInstanceState().followingUserId !== null) editor.stopFollowingUser()
			}
			return
		}
		if (leftAt === at) {
			started.current = null
			return
		}
		if (followingId === userId) {
			started.current = at
			return
		}
		// It was following and stopped while the leader is still here: this person moved the board.
		if (started.current === at && leaderHere) {
			started.current = null
			setLeftAt(at)
			return
		}
		started.current = null
		if (leaderHere) editor.startFollowingUser(userId as TLUserId)
	}, [editor, at, userId, leftAt, followingId, leaderHere])

	const stop = useCallback(() => {
		if (at === null) return
		started.current = null
		setLeftAt(at)
		if (editor?.getInstanceState().followingUserId) editor.stopFollowingUser()
	}, [editor, at])
	const again = useCallback(() => setLeftAt(null), [])
	return { target, active: target !== null && followingId === userId, left: at !== null && leftAt === at, stop, again }
}

/** The small note over the board while following: whom, and a button to stop (or to follow again). */
export function FollowNote({ following, participants }: { following: Following; participants: readonly Participant[] }) {
	const t = useT()
	const { target } = following
	if (!target || (!following.active && !following.left)) return null
	const name = participants.find((p) => p.id === target.personId)?.name ?? t('role.facilitator')
	return (
		<div className="follow-note" data-testid="follow-note" {...isolateKeys}>
			<span>{following.left ? t('follow.left', { name }) : t('follow.note', { name })}</span>
			{following.left ? (
				<button type="button" className="button small" onClick={following.again}>
					{t('follow.again')}
				</button>
			) : (
				<button type="button" className="button small" onClick={following.stop}>
					{t('follow.stop')}
				</button>
			)}
		</div>
	)
}
