import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse as parseCsv } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../src/cli/cli.js'
import { JSON_MESSAGES } from '../src/cli/validate.js'
import type { Diagnostic } from '../src/index.js'
import { counter, type CliInput, lines, runCli, sink, stdinOf } from './helpers/cli.js'
import { defined } from './helpers/defined.js'
import { HOSTILE, hostileBytes, LONG_INPUTS, manyRecordsChunks } from './helpers/hostile.js'

// The command line answers every hostile input with exit 0 or 1 (errors
// found), and a diagnostic or nothing on standard error: never a stack trace,
// never an internal error, whatever the format. In process (cli(argv, io)):
// every input through every command, but the two whose output goes with their
// size, which go through a format each, made once.

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

// Their work goes with their size: 42,667 records, 100,000 papers.
const COSTLY = ['tiny-records', 'records-100k']

describe.each(HOSTILE.filter(({ name }) => !COSTLY.includes(name)))(
  'the command line, on hostile input $name',
  (hostile) => {
    const file = join(DIR, `${hostile.name}.txt`)
    beforeAll(() => {
      writeFileSync(file, hostileBytes(hostile))
    })

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

const MB = 1e6
// A full garbage collection, where vitest.config.ts gives one (--expose-gc).
const collect = () => (globalThis as { gc?: () => void }).gc?.()
/** The memory the process holds for its objects: its heap, and the buffers outside it. */
const inUse = () => {
  const { heapUsed, external } = process.memoryUsage()
  return heapUsed + external
}
// How much more memory streaming a digest may hold than before it started:
// some 25 MB are measured (the parser's records, output blocks, garbage not
// yet collected), against over 300 MB for the 175 MB digest read whole.
const FLAT = 100 * MB

// The key of a paper in parse's JSON of one input, at its indentation: one for
// each paper (a string holds no line break, so no text can look like it).
const PAPER_KEY = '\n      "line": '

/** Standard output that keeps none of parse's JSON: it counts its papers, keeps its first and last bytes, and notes the peak of {@link inUse}. */
function jsonPapers(): Writable & { papers: number; head: string; tail: string; peak: number } {
  let carry = ''
  const stream = Object.assign(
    new Writable({
      decodeStrings: false,
      write(chunk: Buffer | string, _encoding, callback) {
        const written = chunk.toString()
        const text = carry + written
        for (let at = text.indexOf(PAPER_KEY); at !== -1; at = text.indexOf(PAPER_KEY, at + 1)) stream.papers++
        // Enough to find a key cut between two writes, too short to hold a whole one.
        carry = text.slice(-(PAPER_KEY.length - 1))
        if (stream.head.length < 100) stream.head = (stream.head + written).slice(0, 100)
        stream.tail = (stream.tail + written).slice(-100)
        stream.peak = Math.max(stream.peak, inUse())
        callback()
      },
    }),
    { papers: 0, head: '', tail: '', peak: 0 },
  )
  return stream
}

describe('the command line, on the large inputs whose output goes with their size', () => {
  // Each made once, as a file: the digest written as it is made, never whole
  // in memory. 100,000 records (175 MB) in `npm run test:long`, where the
  // flat memory of json is measured; 20,000 (35 MB, still past the 4 MiB
  // batch window, so streamed) otherwise.
  const COUNT = LONG_INPUTS ? 100_000 : 20_000
  const RECORDS = join(DIR, 'records.txt')
  const TINY = join(DIR, 'tiny-records.txt')
  beforeAll(async () => {
    await pipeline(manyRecordsChunks(COUNT), createWriteStream(RECORDS))
    writeFileSync(TINY, hostileBytes(defined(HOSTILE.find(({ name }) => name === 'tiny-records'))))
  })

  /** The command with its output counted, not kept: hundreds of megabytes of it. */
  async function run(argv: string[], stdin?: CliInput) {
    const stdout = counter()
    const stderr = sink()
    const code = await cli(argv, { stdin: stdinOf(stdin), stdout, stderr })
    return { code, stdout, stderr: stderr.text() }
  }

  it(`parse (json) prints every paper of ${String(COUNT)} records, with no size limit${LONG_INPUTS ? ', in flat memory' : ''}`, async () => {
    // json streams an input past the 4 MiB batch limit (SPEC section 5). Its
    // output is counted as it is written, and the memory in use noted: a
    // batch would hold the 175 MB text and its 100,000 papers.
    collect()
    const before = inUse()
    const stdout = jsonPapers()
    const stderr = sink()
    const code = await cli(['parse', RECORDS], { stdin: stdinOf(), stdout, stderr })
    expectAnswered(code, stderr.text(), RECORDS)
    expect(code).toBe(0)
    expect(stderr.text()).not.toContain('input-too-large')
    expect(stdout.papers).toBe(COUNT)
    expect(stdout.head).toMatch(/^\{\n {2}"title": "Daily Papers",\n/)
    expect(stdout.tail).toMatch(/\n {2}\]\n\}\n$/)
    // A batch of 175 MB would hold several times FLAT; 35 MB might not.
    if (LONG_INPUTS) expect(stdout.peak - before).toBeLessThan(FLAT)
  })

  it(`parse --format ndjson streams ${String(COUNT)} records from standard input, made as it is read`, async () => {
    const result = await run(['parse', '--format', 'ndjson'], manyRecordsChunks(COUNT))
    expectAnswered(result.code, result.stderr, '<stdin>')
    expect(result.code).toBe(0)
    expect(result.stdout.lines).toBe(COUNT)
  })

  it('parse --format csv on tiny-records: one-letter lines are no papers, skipped as one span', async () => {
    const result = await run(['parse', '--format', 'csv', '--year', '2025', TINY])
    expectAnswered(result.code, result.stderr, TINY)
    expect(result.code).toBe(1)
    // The header row only.
    expect(result.stdout.lines).toBe(1)
    // missing-header, one unexpected-line for the whole span, no-papers.
    expect(lines(result.stderr).map((line) => /\(([a-z-]+)\)$/.exec(line)?.[1])).toEqual([
      'missing-header',
      'unexpected-line',
      'no-papers',
    ])
  })

  it(`validate streams ${String(COUNT)} records from its file`, async () => {
    const result = await runCli(['validate', RECORDS])
    expectAnswered(result.code, result.stderr, RECORDS)
    expect(result.code).toBe(0)
    expect(lines(result.stdout).at(-1)).toMatch(
      new RegExp(`^1 files, ${String(COUNT)} papers, 0 errors, \\d+ warnings$`),
    )
  })
})

// Seconds of work: in `npm run test:long`.
describe.runIf(LONG_INPUTS)('validate --format json on an input with more diagnostics than it lists', () => {
  // 100,000 records of three diagnostics each (no abstract, no authors, no
  // such date), 4.9 MB: 300,000 and the missing header, streamed (the file
  // is over the 4 MiB batch window), so the library hands on every one.
  const FILE = join(DIR, 'dense-diagnostics.txt')
  const RECORDS = 100_000
  beforeAll(() => {
    const record = (index: number) =>
      `Title ${index.toString(36).padStart(5, '0')} of a Study\n\n• 0 authors\n·\nFeb 30\n\n`
    writeFileSync(FILE, Array.from({ length: RECORDS }, (_, index) => record(index)).join(''))
  })

  it('lists 20,000 and counts the rest in one too-many-diagnostics, which names their rules', async () => {
    const result = await runCli(['validate', '--format', 'json', '--year', '2025', FILE])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as {
      files: Array<{ papers: number; errors: number; warnings: number; messages: Diagnostic[] }>
    }
    const file = defined(report.files[0])
    expect(file.papers).toBe(RECORDS)
    // The counts hold every diagnostic, listed or not.
    expect(file.errors + file.warnings).toBe(3 * RECORDS + 1)
    expect(file.messages).toHaveLength(JSON_MESSAGES + 1)
    const summary = defined(file.messages.at(-1))
    expect(summary).toMatchObject({ ruleId: 'too-many-diagnostics', severity: 'error' })
    expect(summary.message).toContain(`${(3 * RECORDS + 1 - JSON_MESSAGES).toLocaleString('en-US')} more diagnostics`)
    for (const rule of ['missing-abstract', 'incomplete-metadata', 'invalid-date'])
      expect(summary.message).toContain(rule)
    // The text report lists every one.
    const text = await runCli(['validate', '--year', '2025', FILE])
    expect(lines(text.stdout)).toHaveLength(3 * RECORDS + 1 + 1)
  })
})
