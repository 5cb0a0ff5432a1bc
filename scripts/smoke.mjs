// The package as users get it: pack the tarball, install it into a fresh
// project, import it from ESM and from CommonJS, read its JSON Schema, use
// the unified subpath, and run its bin. Run by .ci/run after the build.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const seed = join(root, 'fixtures/seeds/001_f604c4867d4d0d65.txt')
const dir = mkdtempSync(join(tmpdir(), 'papers-digest-smoke-'))
const run = (command, args, cwd = dir) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })

const INVALID = JSON.stringify('Title\n\nAbstract\n\n  • 2 authors\n·\nFeb 30, 2024')
const ESM = `
import { readFileSync } from 'node:fs'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { DigestParseError, DigestSchema, parseDigest } from 'papers-digest'
import { digestParse, digestStringify } from 'papers-digest/unified'
import schema from 'papers-digest/schema.json' with { type: 'json' }
import { unified } from 'unified'

const text = readFileSync(${JSON.stringify(seed)}, 'utf8')
const digest = parseDigest(text)
assert.equal(digest.papers.length, 35)
assert.ok(DigestSchema.safeParse(digest).success)
assert.equal(String(unified().use(digestParse).use(digestStringify).processSync(text)), text)
assert.equal(schema.title, 'papers-digest Digest')
// Both builds loaded (the dual-package hazard): DigestParseError.is knows either's errors.
const cjs = createRequire(import.meta.url)('papers-digest')
const thrown = (parse) => { try { parse(${INVALID}) } catch (error) { return error } }
assert.ok(!(thrown(cjs.parseDigest) instanceof DigestParseError))
assert.ok(DigestParseError.is(thrown(cjs.parseDigest)))
assert.ok(cjs.DigestParseError.is(thrown(parseDigest)))
console.log('esm ok')
`
const CJS = `
const assert = require('node:assert/strict')
const { readFileSync } = require('node:fs')
const { parseDigest, DigestParseError } = require('papers-digest')
const { digestParse } = require('papers-digest/unified')
assert.equal(parseDigest(readFileSync(${JSON.stringify(seed)}, 'utf8')).papers.length, 35)
assert.throws(() => parseDigest(${INVALID}), DigestParseError)
assert.equal(typeof digestParse, 'function')
console.log('cjs ok')
`

try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', dir], root).trim().split('\n').pop()
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'smoke', private: true, type: 'module' }))
  run('npm', ['install', '--silent', '--no-audit', '--no-fund', join(dir, tarball), 'unified@^11'])
  writeFileSync(join(dir, 'esm.mjs'), ESM)
  writeFileSync(join(dir, 'cjs.cjs'), CJS)
  process.stdout.write(run('node', ['esm.mjs']))
  process.stdout.write(run('node', ['cjs.cjs']))
  const bin = join(dir, 'node_modules/.bin/papers-digest')
  if (run(bin, ['--version']).trim() !== version) throw new Error('the bin does not print the version')
  const summary = run(bin, ['validate', seed]).trim().split('\n').pop()
  if (summary !== '1 files, 35 papers, 0 errors, 1 warnings') throw new Error(`unexpected summary: ${summary}`)
  console.log(`bin ok: ${summary}`)
  console.log(`smoke test passed: ${tarball}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
