import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { parse as parseCsv } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../src/cli/cli.js'
import { counter, type CliInput, runCli, sink, stdinOf } from './helpers/cli.js'
import { HOSTILE, hostileBytes, manyRecordsChunks } from './helpers/hostile.js'

// The command line answers every hostile input with exit 0 or 1 (errors
// found), and a diagnostic or nothing on standard error: never a stack trace,
// never an internal error, whatever the format. In process (cli(argv, io)):
// every input through every command, but the two whose output goes with their
// size, which go through a format each, made once.

const DIR = mkdtempSync(join(tmpdir(), 'papers-digest-hostile-'))
afterAll(() => rmSync(DIR, { recursive: true, force: true }))

const COMMANDS = [
  ['parse'],
  ['parse', '--format', 'ndjson'],
  ['parse', '--format', 'csv', '--year', '2025'],
  ['validate'],
  ['validate', '--strict', '--format', 'json'],
]

const lines = (text: string) => text.split('\n').filter(Boolean)

/** Exit 0 or 1, and on standard error only diagnostics about `name`: no stack trace, no internal error. */
function expectAnswered(code: number, stderr: string, name: string) {
  expect([0, 1]).toContain(code)
  expect(stderr).not.toMatch(/^\s+at /m)
  expect(stderr).not.toMatch(/internal error|papers-digest:/)
  for (const line of lines(stderr)) expect(line.startsWith(`${name}:`), line).toBe(true)
}

/** What each command prints is well-formed in its format, whatever the input. */
function expectWellFormed(command: readonly string[], stdout: string) {
  const at = command.indexOf('--format')
  const format = at === -1 ? (command[0] === 'parse' ? 'json' : 'text') : command[at + 1]
  if (format === 'ndjson') for (const line of lines(stdout)) JSON.parse(line)
  else if (format === 'csv') parseCsv(stdout, { columns: true })
  else if (format === 'json') JSON.parse(stdout)
  else expect(lines(stdout).at(-1)).toMatch(/^1 files, \d+ papers, \d+ errors, \d+ warnings$/)
}

// Their output goes with their size: 42,667 papers and diagnostics, 100,000 papers.
const COSTLY = ['tiny-records', 'records-100k']

describe.each(HOSTILE.filter(({ name }) => !COSTLY.includes(name)))(
  'the command line, on hostile input $name',
  (hostile) => {
    const file = join(DIR, `${hostile.name}.txt`)
    beforeAll(() => writeFileSync(file, hostileBytes(hostile)))

    it.each(COMMANDS.map((command) => [command.join(' '), command] as const))(
      `answers "%s ${hostile.name}" with exit 0 or 1, well-formed output and no stack trace`,
      async (_, command) => {
        const result = await runCli([...command, file])
        expectAnswered(result.code, result.stderr, file)
        expectWellFormed(command, result.stdout)
      },
    )
  },
)

describe('the command line, on the large inputs whose output goes with their size', () => {
  // Each made once, as a file: the 175 MB digest written as it is made, never whole in memory.
  const RECORDS = join(DIR, 'records-100k.txt')
  const TINY = join(DIR, 'tiny-records.txt')
  beforeAll(async () => {
    await pipeline(manyRecordsChunks(100_000), createWriteStream(RECORDS))
    writeFileSync(TINY, hostileBytes(HOSTILE.find(({ name }) => name === 'tiny-records')!))
  })

  /** The command with its output counted, not kept: hundreds of megabytes of it. */
  async function run(argv: string[], stdin?: CliInput) {
    const stdout = counter()
    const stderr = sink()
    const code = await cli(argv, { stdin: stdinOf(stdin), stdout, stderr })
    return { code, stdout, stderr: stderr.text() }
  }

  it('parse (json) reads no more of records-100k than its 4 MiB limit, and says so', async () => {
    const result = await run(['parse', RECORDS])
    expectAnswered(result.code, result.stderr, RECORDS)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^[^\n]*--format ndjson[^\n]* \(input-too-large\)\n$/)
    expect(result.stdout.lines).toBe(5) // the empty digest
  })

  it('parse --format ndjson streams records-100k from standard input, made as it is read', async () => {
    const result = await run(['parse', '--format', 'ndjson'], manyRecordsChunks(100_000))
    expectAnswered(result.code, result.stderr, '<stdin>')
    expect(result.code).toBe(0)
    expect(result.stdout.lines).toBe(100_000)
  })

  it('parse --format csv prints the 42,667 papers of tiny-records, and a diagnostic for each', async () => {
    const result = await run(['parse', '--format', 'csv', '--year', '2025', TINY])
    expectAnswered(result.code, result.stderr, TINY)
    expect(result.code).toBe(0)
    expect(result.stdout.lines).toBe(1 + 42_667)
    expect(lines(result.stderr)).toHaveLength(1 + 42_667)
  })

  it('validate streams records-100k from its file', async () => {
    const result = await runCli(['validate', RECORDS])
    expectAnswered(result.code, result.stderr, RECORDS)
    expect(result.code).toBe(0)
    expect(lines(result.stdout).at(-1)).toMatch(/^1 files, 100000 papers, 0 errors, \d+ warnings$/)
  })
})
