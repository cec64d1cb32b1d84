#!/usr/bin/env bash
# Makes Cyd's production bundle in a new folder: the server with its production dependencies only
# (`pnpm deploy --prod`; workspace packages copied in with their built files, never linked to the source
# tree), the built web app beside it, a `cyd` command, and the licence notices. The Dockerfile runs this
# script, and apps/server/test/bundle.test.ts starts a server from what it makes.
#
#   scripts/bundle.sh [--no-build] <folder>
#
# Layout: <folder>/apps/server (dist, node_modules, package.json), <folder>/apps/web/dist (found by the
# server's default WEB_DIR), <folder>/bin/cyd. Run with `node apps/server/dist/main.js` or `bin/cyd`.
set -euo pipefail

build=1
if [ "${1:-}" = "--no-build" ]; then
	build=0
	shift
fi
out=${1:?usage: scripts/bundle.sh [--no-build] <folder>}
root=$(cd "$(dirname "$0")/.." && pwd)

if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
	echo "bundle: $out is not empty" >&2
	exit 1
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"

# pnpm as installed, or the one running this (a package script), or the version package.json names.
if command -v pnpm >/dev/null 2>&1; then
	pnpm=(pnpm)
elif [ -n "${npm_execpath:-}" ] && [[ "$npm_execpath" == *pnpm* ]]; then
	pnpm=(node "$npm_execpath")
else
	pnpm=(npx --yes "$(node -p 'require("./package.json").packageManager')")
fi

if [ "$build" = 1 ]; then
	"${pnpm[@]}" exec turbo run build --filter=@cyd/server... --filter=@cyd/web... --output-logs=errors-only
fi
for built in apps/server/dist/main.js apps/web/dist/index.html; do
	if [ ! -f "$built" ]; then
		echo "bundle: $built is missing: build first (pnpm build), or leave out --no-build" >&2
		exit 1
	fi
done

# The server and its production dependencies. Injected workspace packages are copies holding what their
# package.json publishes (dist), so nothing in the bundle points back into this tree.
"${pnpm[@]}" --filter @cyd/server --config.inject-workspace-packages=true deploy --prod --prefer-offline "$out/apps/server" >/dev/null

# better-sqlite3 keeps what compiling it left behind (objects, the SQLite sources); only the addon is loaded.
for addon in "$out"/apps/server/node_modules/.pnpm/better-sqlite3@*/node_modules/better-sqlite3; do
	rm -rf "$addon/deps" "$addon/src" "$addon/build/Release/obj" "$addon/build/Release/obj.target" \
		"$addon/build/Release/test_extension.node" "$addon/build/Release/sqlite3.a" "$addon/build/Release/.deps"
done

mkdir -p "$out/apps/web" "$out/bin"
cp -R apps/web/dist "$out/apps/web/dist"
for notice in LICENSE THIRD_PARTY_NOTICES.md; do
	if [ -f "$notice" ]; then cp "$notice" "$out/"; fi
done

cat >"$out/bin/cyd" <<'CYD'
#!/bin/sh
# Cyd: serves by default; `cyd backup <folder>`, `cyd restore <folder>`, `cyd help`.
here=$(dirname "$(readlink -f "$0")")
exec node "$here/../apps/server/dist/main.js" "$@"
CYD
chmod +x "$out/bin/cyd"

echo "bundle: $out ($(du -sh "$out" | cut -f1))"
