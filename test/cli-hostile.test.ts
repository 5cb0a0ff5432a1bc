import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { defined } from './helpers/defined.js'
import { HOSTILE, hostileBytes } from './helpers/hostile.js'

// The command line answers every hostile input with exit 0 or 1 (errors
// found), and a diagnostic or nothing on standard error: never a stack trace,
// never an internal error, whatever the format.

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const { bin } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }
const BIN = join(ROOT, defined(bin['papers-digest'], 'a bin'))
const DIR = mkdtempSync(join(tmpdir(), 'papers-digest-hostile-'))
afterAll(() => {
  rmSync(DIR, { recursive: true, force: true })
})

const COMMANDS = [
  ['parse'],
  ['parse', '--format', 'ndjson'],
  ['parse', '--format', 'csv', '--year', '2025'],
  ['validate'],
  ['validate', '--strict', '--format', 'json'],
]

describe.each(HOSTILE)('the command line, on hostile input $name', ({ name, input, about }) => {
  it.each(COMMANDS)(`answers "%s ${name}" with exit 0 or 1 and no stack trace`, (...command) => {
    const file = join(DIR, `${name}.txt`)
    writeFileSync(file, hostileBytes({ name, about, large: false, input }))
    // The output itself is not read: some of it is hundreds of megabytes.
    const result = spawnSync(process.execPath, [BIN, ...command, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 2 ** 20,
    })
    expect(result.signal).toBe(null)
    expect([0, 1]).toContain(result.status)
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.stderr).not.toMatch(/internal error/)
    // Every line on standard error is a diagnostic about this file.
    for (const line of result.stderr.split('\n').filter(Boolean)) expect(line.startsWith(`${file}:`)).toBe(true)
  })
})
