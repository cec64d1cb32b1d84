import type { Messages } from './en'

/** Welsh messages. Same keys as `en.ts` (checked by the type and by i18n.test.ts). */
export const cy: Messages = {
	'app.name': 'Cyd',
	'app.tagline': 'Cyd-ddylunio, gyda’n gilydd',
	'language.label': 'Iaith',
	'language.en': 'English',
	'language.cy': 'Cymraeg',
	'skip.toContent': 'Neidio i’r cynnwys',

	'landing.title': 'Dylunio gwasanaeth gyda’n gilydd, yn fyw',
	'landing.description':
		'Mae Cyd yn fwrdd gwyn a rennir ar gyfer cyd-ddylunio gwasanaethau cyhoeddus. Mae trigolion a gweithwyr proffesiynol yn braslunio taith gwasanaeth gyda’i gilydd, yn yr ystafell neu o gartref, heb fod angen cyfrif.',
	'landing.form.heading': 'Dechrau ystafell gweithdy',
	'landing.form.title': 'Teitl yr ystafell',
	'landing.form.titleHint': 'Er enghraifft: "Casglu biniau, Ward 3"',
	'landing.form.language': 'Prif iaith y gweithdy',
	'landing.form.submit': 'Creu ystafell',
	'landing.form.creating': 'Yn creu…',
	'landing.form.error': 'Nid oedd modd creu’r ystafell. Rhowch gynnig arall arni.',
	'landing.created.heading': 'Mae eich ystafell yn barod',
	'landing.created.linkLabel': 'Dolen i’w rhannu',
	'landing.created.copy': 'Copïo’r ddolen',
	'landing.created.copied': 'Wedi copïo’r ddolen',
	'landing.created.copyFailed': 'Methu copïo: dewiswch y ddolen a’i chopïo eich hun',
	'landing.created.open': 'Agor yr ystafell',

	'room.loading': 'Yn llwytho’r ystafell…',
	'room.connecting': 'Yn cysylltu…',
	'room.notFound.title': 'Heb ddod o hyd i’r ystafell',
	'room.notFound.body': 'Nid oes ystafell ar y ddolen hon. Gwiriwch y ddolen a gawsoch, neu dechreuwch ystafell newydd.',
	'room.notFound.home': 'Mynd i’r dudalen gychwyn',
	'room.loadError': 'Nid oedd modd llwytho’r ystafell. Gwiriwch eich cysylltiad ac ail-lwythwch y dudalen.',
	'room.newerVersion': 'Cafodd yr ystafell hon ei chadw gan fersiwn mwy newydd o Cyd. Ail-lwythwch y dudalen i’w diweddaru.',
	'room.canvas': 'Bwrdd gwyn',

	'join.heading': 'Ymuno â {title}',
	'join.headingUntitled': 'Ymuno â’r ystafell',
	'join.name': 'Eich enw',
	'join.nameHint': 'Yn cael ei ddangos i eraill wrth ymyl eich cyrchwr. Mae enw cyntaf neu lysenw yn iawn.',
	'join.submit': 'Ymuno',

	'status.label': 'Cysylltiad',
	'status.saved': 'Wedi’i gadw',
	'status.saving': 'Yn cadw…',
	'status.offline': 'All-lein, mae’r newidiadau’n cael eu cadw ar y ddyfais hon',
	'status.reconnecting': 'Yn ailgysylltu',
	'status.connecting': 'Yn cysylltu…',

	'people.heading': 'Pwy sydd yma',
	'people.you': '{name} (chi)',
	'people.count': '{count} yma',

	'upload.unsupported': 'Nid oes modd ychwanegu’r math hwn o ffeil. Defnyddiwch ddelwedd PNG, JPEG, GIF neu WebP.',
	'upload.tooLarge': 'Mae’r ddelwedd hon yn rhy fawr i’w hychwanegu.',
	'upload.failed': 'Nid oedd modd ychwanegu’r ddelwedd. Rhowch gynnig arall arni.',

	'notFound.title': 'Heb ddod o hyd i’r dudalen',
}
