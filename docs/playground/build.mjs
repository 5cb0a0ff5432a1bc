// Builds the playground: a static, self-contained site in docs/playground/site/
// (index.html, style.css, main.js, worker.js), with the library bundled from src/.
// Run with `npm run playground`; serve the folder with any static file server
// (`npm run playground:serve`), or open index.html.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const here = fileURLToPath(new URL('.', import.meta.url))
const root = join(here, '..', '..')
export const SITE = join(here, 'site')

/** Build the site into {@link SITE}; returns its files and their sizes. */
export async function buildSite({ quiet = false } = {}) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  rmSync(SITE, { recursive: true, force: true })
  mkdirSync(SITE, { recursive: true })
  await build({
    entryPoints: { main: join(here, 'src/main.ts'), worker: join(here, 'src/worker.ts') },
    outdir: SITE,
    bundle: true,
    // Classic scripts, not modules: a worker and a page that also work from a file: URL.
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    loader: { '.txt': 'text' },
    define: { VERSION: JSON.stringify(version) },
    logLevel: quiet ? 'silent' : 'warning',
  })
  for (const file of ['index.html', 'style.css', 'favicon.svg']) copyFileSync(join(here, file), join(SITE, file))
  const files = readdirSync(SITE).map((name) => {
    const bytes = readFileSync(join(SITE, name))
    return { name, bytes: statSync(join(SITE, name)).size, gzip: gzipSync(bytes, { level: 9 }).length }
  })
  return files
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await buildSite()
  const total = (key) => files.reduce((sum, file) => sum + file[key], 0)
  for (const file of files)
    console.log(
      `${file.name.padEnd(12)} ${String(file.bytes).padStart(8)} B  ${String(file.gzip).padStart(7)} B gzipped`,
    )
  console.log(
    `${'total'.padEnd(12)} ${String(total('bytes')).padStart(8)} B  ${String(total('gzip')).padStart(7)} B gzipped`,
  )
  console.log(`built ${SITE}`)
}
