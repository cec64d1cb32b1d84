export { isRoomId, newRoomId, isLanguage, LANGUAGES, MAX_ROOM_TITLE } from './room.js'
export type { Language, RoomInfo } from './room.js'
