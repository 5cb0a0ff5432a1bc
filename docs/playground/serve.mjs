// A small static file server for the built playground, on loopback only, with
// the page's Content-Security-Policy also sent as a header. The browser test and
// the screenshot use it; `npm run playground:serve` runs it on its own.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))

export const CSP = "default-src 'self'"

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
}

/**
 * Serve `dir` on 127.0.0.1 (an ephemeral port unless `port` is given).
 * Resolves to `{ url, close }`.
 */
export function serve(dir = join(here, 'site'), port = 0) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path))
    const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' }
    if (file !== dir && !file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) {
      response.writeHead(403, headers).end()
      return
    }
    try {
      const body = await readFile(file)
      response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
      response.end(request.method === 'HEAD' ? undefined : body)
    } catch {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n')
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address()
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(done)) })
    })
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(join(here, 'site'), Number(process.env.PORT ?? 8080))
  console.log(`serving docs/playground/site/ at ${url} (Ctrl+C to stop)`)
}
