/**
 * Preloaded (NODE_OPTIONS=--import) into every process of the test run on another Node: loads the
 * better-sqlite3 addon compiled for that Node (CYD_BETTER_SQLITE3_BINDING) wherever better-sqlite3 asks
 * for its own, which this checkout's install compiled for the machine's Node. Nothing else is touched.
 */
const binding = process.env.CYD_BETTER_SQLITE3_BINDING
if (binding) {
	const dlopen = process.dlopen
	process.dlopen = function (module, filename, ...rest) {
		return dlopen.call(this, module, /[\\/]better_sqlite3\.node$/.test(filename) ? binding : filename, ...rest)
	}
}
