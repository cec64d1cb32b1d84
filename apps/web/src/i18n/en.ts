/**
 * English messages: the reference catalogue. Every other language has exactly these keys.
 * Placeholders are written `{name}`.
 */
export const en = {
	'app.name': 'Cyd',
	'app.tagline': 'Co-design, together',
	'language.label': 'Language',
	'language.en': 'English',
	'language.cy': 'Cymraeg',
	'skip.toContent': 'Skip to content',

	'landing.title': 'Design a service together, live',
	'landing.description':
		'Cyd is a shared whiteboard for co-designing public services. Residents and professionals sketch a service journey together, in the room or from home, with no account needed.',
	'landing.form.heading': 'Start a workshop room',
	'landing.form.title': 'Room title',
	'landing.form.titleHint': 'For example: "Bin collection, Ward 3"',
	'landing.form.language': 'Main language of the workshop',
	'landing.form.submit': 'Create room',
	'landing.form.creating': 'Creating…',
	'landing.form.error': 'The room could not be created. Please try again.',
	'landing.created.heading': 'Your room is ready',
	'landing.created.linkLabel': 'Link to share',
	'landing.created.copy': 'Copy link',
	'landing.created.copied': 'Link copied',
	'landing.created.copyFailed': 'Could not copy: select the link and copy it yourself',
	'landing.created.open': 'Open the room',

	'room.loading': 'Loading the room…',
	'room.connecting': 'Connecting…',
	'room.notFound.title': 'Room not found',
	'room.notFound.body': 'There is no room at this link. Check the link you were given, or start a new room.',
	'room.notFound.home': 'Go to the start page',
	'room.loadError': 'The room could not be loaded. Check your connection and reload the page.',
	'room.newerVersion': 'This room was saved by a newer version of Cyd. Reload the page to update.',
	'room.canvas': 'Whiteboard',

	'join.heading': 'Join {title}',
	'join.headingUntitled': 'Join the room',
	'join.name': 'Your name',
	'join.nameHint': 'Shown to others next to your cursor. A first name or a nickname is fine.',
	'join.submit': 'Join',

	'status.label': 'Connection',
	'status.saved': 'Saved',
	'status.saving': 'Saving…',
	'status.offline': 'Offline, changes kept on this device',
	'status.reconnecting': 'Reconnecting',
	'status.connecting': 'Connecting…',

	'people.heading': 'Who is here',
	'people.you': '{name} (you)',
	'people.count': '{count} here',

	'upload.unsupported': 'This file type cannot be added. Use a PNG, JPEG, GIF or WebP image.',
	'upload.tooLarge': 'This image is too large to add.',
	'upload.failed': 'The image could not be added. Please try again.',

	'notFound.title': 'Page not found',
} as const

export type MessageKey = keyof typeof en
export type Messages = Record<MessageKey, string>
