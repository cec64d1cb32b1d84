/**
 * A reference page for the API, read from its OpenAPI document in the browser by a small script served
 * from here (no third-party script: the page works on a hall's network with no internet).
 * @module
 */

export function referencePage(): string {
	return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cyd API reference</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
code{background:#f2f2f2;padding:0 .25rem;border-radius:3px}
section{border-top:1px solid #ccc;padding:.5rem 0}
.method{display:inline-block;min-width:4.5rem;font-weight:700}
</style>
<h1>Cyd API reference</h1>
<p>The machine-readable document is <a href="/api/openapi.json"><code>/api/openapi.json</code></a> (OpenAPI 3.1). Routes marked <em>session</em> need <code>Authorization: Bearer &lt;session&gt;</code> from joining a room. Every error answers <code>{"error": "…"}</code>.</p>
<main id="routes"><p>Loading…</p></main>
<script src="/api/docs/reference.js"></script>
</html>`
}

/** The script that lists the routes of the OpenAPI document. */
export const referenceScript = `(async () => {
  const main = document.getElementById('routes')
  const doc = await (await fetch('/api/openapi.json')).json()
  main.textContent = ''
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const section = document.createElement('section')
      const h = document.createElement('h2')
      const m = document.createElement('span')
      m.className = 'method'
      m.textContent = method.toUpperCase()
      const p = document.createElement('code')
      p.textContent = path
      h.append(m, p)
      const summary = document.createElement('p')
      summary.textContent = (op.summary || '') + (op.security ? ' (session)' : '')
      section.append(h, summary)
      main.append(section)
    }
  }
})()`
