/**
 * `@cyd/model/schema`: the shapes' props validators and migrations, the canvas schema, and reading a
 * stored canvas document into a ServiceDesign. These load tldraw's schema machinery, so they are an entry
 * of their own: the server imports them only when a design is asked for, and starts without them.
 * @module
 */
export {
	blueprintShapeProps,
	cardShapeProps,
	personaShapeProps,
	blueprintShapeMigrations,
	cardShapeMigrations,
	personaShapeMigrations,
	blueprintVersions,
	cardVersions,
	personaVersions,
	journeyShapeSchemas,
} from './journey/schema.js'
export {
	mapShapeProps,
	stakeholderShapeProps,
	assetShapeProps,
	mapShapeMigrations,
	stakeholderShapeMigrations,
	assetShapeMigrations,
	mapVersions,
	stakeholderVersions,
	assetVersions,
	stakeholderShapeSchemas,
} from './stakeholders/schema.js'
export { canvasSchema, designOfDocument, DocumentVersionError } from './journey/document.js'
export { boardOfDesign, indexKey, DEFAULT_PAGE_ID } from './board/rebuild.js'
export type { RebuildOptions } from './board/rebuild.js'
