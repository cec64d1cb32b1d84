/**
 * Welsh for the most visible parts of tldraw's own interface. tldraw ships no Welsh catalogue, so for
 * locale `cy` it shows English with these overrides. To be reviewed by a Welsh speaker.
 * @module
 */
export const tldrawWelsh: Record<string, string> = {
	'tool.select': 'Dewis',
	'tool.hand': 'Llaw',
	'tool.draw': 'Lluniadu',
	'tool.eraser': 'Rhwbiwr',
	'tool.arrow': 'Saeth',
	'tool.text': 'Testun',
	'tool.note': 'Nodyn',
	'tool.rectangle': 'Petryal',
	'tool.ellipse': 'Elips',
	'tool.frame': 'Ffrâm',
	'tool.line': 'Llinell',
	'tool.highlight': 'Amlygu',
	'tool.laser': 'Laser',
	'tool-panel.more': 'Rhagor',
	'action.undo': 'Dadwneud',
	'action.redo': 'Ailwneud',
	'action.delete': 'Dileu',
	'action.duplicate': 'Dyblygu',
	'action.copy': 'Copïo',
	'action.cut': 'Torri',
	'action.paste': 'Gludo',
	'action.select-all': 'Dewis y cyfan',
	'action.zoom-in': 'Chwyddo i mewn',
	'action.zoom-out': 'Chwyddo allan',
	'action.toggle-grid': 'Dangos neu guddio’r grid',
	'menu.title': 'Dewislen',
	'menu.edit': 'Golygu',
	'menu.view': 'Gweld',
	'menu.file': 'Ffeil',
	'page-menu.title': 'Tudalennau',
	'style-panel.title': 'Arddulliau',
	'actions-menu.title': 'Gweithredoedd',
	'people-menu.title': 'Pobl',
	'navigation-zone.toggle-minimap': 'Dangos neu guddio’r map bach',
}
tldrawWelsh['assets.files.upload-failed'] = 'Methodd y llwytho i fyny'
