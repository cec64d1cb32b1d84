import { GuidePage } from './Guide'
import { Landing } from './Landing'
import { NotFoundPage } from './NotFound'
import { RoomPage } from './RoomPage'

/** The pages, chosen by path: `/`, `/guide` and `/r/:roomId`. Links between them are plain page loads. */
export function App() {
	const path = window.location.pathname
	if (path === '/' || path === '/index.html') return <Landing />
	if (path === '/guide' || path === '/guide/') return <GuidePage />
	const room = /^\/r\/([^/]+)\/?$/.exec(path)
	if (room?.[1]) return <RoomPage roomId={decodeURIComponent(room[1])} />
	return <NotFoundPage />
}
