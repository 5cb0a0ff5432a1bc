import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { cli } from '../src/cli/cli.js'
import { BATCH_BYTES } from '../src/cli/read.js'
import { type Digest, type Paper, parseDigest, safeParseDigest, stringifyDigest } from '../src/index.js'
import {
  type CliRun,
  CSV_COLUMNS,
  csvRow,
  csvRowsOf,
  lines,
  readCsv,
  readNdjson,
  rowsOf,
  runCli,
  sink,
  stdinOf,
} from './helpers/cli.js'
import { defined } from './helpers/defined.js'
import { byteLength, wellFormedOfSize } from './helpers/hostile.js'

// The command line in process: cli(argv, io) over in-memory streams, for
// every command, format, option and exit code. What only a process shows (the
// bin's exit status, a real pipe) is in cli-bin.test.ts.

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }

// Files are named as a user in the package's folder names them: relative paths.
const named = (file: string) => relative(process.cwd(), join(ROOT, file))
const SEED_0 = named('fixtures/seeds/000_b52436321a9b76b2.txt')
const SEED_1 = named('fixtures/seeds/001_f604c4867d4d0d65.txt')
const STRAY = named('fixtures/damage/stray-line.txt')
const UNKNOWN_YEAR = named('fixtures/damage/unknown-year.txt')
const NO_HEADER = named('fixtures/damage/no-header.txt')
const FIXTURES = named('fixtures')
const read = (file: string) => readFileSync(file)
const digestOf = (file: string): Digest => parseDigest(read(file))
const recovered = (file: string): Digest => {
  const result = safeParseDigest(read(file))
  return result.success ? result.data : result.error.digest
}
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

const TMP = mkdtempSync(join(tmpdir(), 'papers-digest-cli-'))
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true })
})

const DIAGNOSTIC = /^(.+):(\d+):(\d+): (error|warning): (.+) \(([a-z]+(?:-[a-z]+)*)\)$/

/** A usage or I/O failure: exit 2, one line on stderr, nothing on stdout, no stack trace. */
function expectUsageFailure(result: CliRun, says: RegExp) {
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  expect(lines(result.stderr)).toHaveLength(1)
  expect(result.stderr).toMatch(/^papers-digest: /)
  expect(result.stderr).toMatch(says)
  expect(result.stderr).not.toMatch(/^\s+at /m)
}

describe('papers-digest parse', () => {
  it('prints the Digest as JSON (the default), as parseDigest gives it, with diagnostics on stderr', async () => {
    const result = await runCli(['parse', SEED_1])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(digestOf(SEED_1))
    expect(result.stdout).toBe(`${JSON.stringify(digestOf(SEED_1), null, 2)}\n`)
    expect(lines(result.stderr)).toEqual([
      `${SEED_1}:109:1: warning: "A Framework for Fast and Stable Representations…" has no metadata block ("• N authors", "·", date) (missing-metadata)`,
    ])
  })

  it('prints one paper per line, with its file and digestDate, as ndjson', async () => {
    const result = await runCli(['parse', SEED_0, '--format', 'ndjson'])
    expect(result.code).toBe(0)
    const rows = readNdjson(result.stdout)
    expect(rows).toEqual(rowsOf(SEED_0, digestOf(SEED_0)))
    expect(rows.every((row) => row.digestDate === '2025-10-31')).toBe(true)
    expect(lines(result.stderr)).toHaveLength(1)
  })

  it('prints RFC 4180 CSV that a CSV reader reads back to the papers', async () => {
    const result = await runCli(['parse', '--format=csv', SEED_1])
    expect(result.code).toBe(0)
    expect(result.stdout.startsWith(`${CSV_COLUMNS}\r\n`)).toBe(true)
    expect(result.stdout.endsWith('\r\n')).toBe(true)
    // Every line ends with CRLF: no bare LF outside quoted fields (the seeds have none inside).
    expect(result.stdout.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
    expect(readCsv(result.stdout)).toEqual(csvRowsOf(SEED_1, digestOf(SEED_1)))
  })

  it('quotes CSV fields that hold quotes, commas or line breaks', async () => {
    const digest = digestOf(SEED_1)
    const title = 'Quotes "like this", commas, and more'
    const text = stringifyDigest({ ...digest, papers: [{ ...defined(digest.papers[0]), title }] })
    const result = await runCli(['parse', '--format', 'csv'], { stdin: text })
    expect(result.stdout).toContain(`,"Quotes ""like this"", commas, and more",`)
    expect(defined(readCsv(result.stdout)[0]).title).toBe(title)
  })

  it('gives the same papers in every format on a file, years inferred included', async () => {
    for (const file of [SEED_0, SEED_1, STRAY, UNKNOWN_YEAR]) {
      const digest = recovered(file)
      const papers = digest.papers
      expect(papers.some((paper) => paper.published?.yearInferred)).toBe(file !== UNKNOWN_YEAR)
      const json = await runCli(['parse', file])
      const ndjson = await runCli(['parse', file, '--format', 'ndjson'])
      const csv = await runCli(['parse', file, '--format', 'csv'])
      expect((JSON.parse(json.stdout) as Digest).papers, file).toEqual(papers)
      expect(readNdjson(ndjson.stdout), file).toEqual(rowsOf(file, digest))
      expect(readCsv(csv.stdout), file).toEqual(csvRowsOf(file, digest))
      // And the same diagnostics, in the same order.
      expect(ndjson.stderr, file).toBe(json.stderr)
      expect(csv.stderr, file).toBe(json.stderr)
    }
  })

  it('prints a JSON array of { file, digest } for several files, and rows of each in ndjson and csv', async () => {
    const json = await runCli(['parse', SEED_0, SEED_1])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual([
      { file: SEED_0, digest: digestOf(SEED_0) },
      { file: SEED_1, digest: digestOf(SEED_1) },
    ])
    expect(json.stdout).toBe(`${JSON.stringify(JSON.parse(json.stdout), null, 2)}\n`)
    expect(lines(json.stderr).map((line) => line.split(':')[0])).toEqual([SEED_0, SEED_1])

    const expected = [SEED_0, SEED_1].flatMap((file) => rowsOf(file, digestOf(file)))
    expect(expected).toHaveLength(98)
    expect(readNdjson((await runCli(['parse', SEED_0, SEED_1, '--format', 'ndjson'])).stdout)).toEqual(expected)
    expect(readCsv((await runCli(['parse', SEED_0, SEED_1, '--format', 'csv'])).stdout)).toEqual(
      expected.map(({ file, digestDate, ...paper }) => csvRow(file, digestDate, paper)),
    )
  })

  it('reads standard input with no FILE or with -, named <stdin>', async () => {
    for (const args of [['parse'], ['parse', '-']]) {
      const result = await runCli(args, { stdin: read(SEED_1) })
      expect(result.code).toBe(0)
      expect(JSON.parse(result.stdout)).toEqual(digestOf(SEED_1))
      expect(result.stderr).toMatch(/^<stdin>:109:1: warning: .* \(missing-metadata\)\n$/)
    }
    const mixed = await runCli(['parse', SEED_0, '-'], { stdin: read(SEED_1) })
    expect(JSON.parse(mixed.stdout)).toEqual([
      { file: SEED_0, digest: digestOf(SEED_0) },
      { file: '<stdin>', digest: digestOf(SEED_1) },
    ])
  })

  it('reads standard input only when an input is standard input', async () => {
    let opened = false
    const stdin = stdinOf(read(SEED_1))
    const io = {
      get stdin() {
        opened = true
        return stdin
      },
      stdout: sink(),
      stderr: sink(),
    }
    expect(await cli(['parse', SEED_0], io)).toBe(0)
    expect(opened).toBe(false)
    expect(await cli(['parse', '-'], io)).toBe(0)
    expect(opened).toBe(true)
  })

  it('streams standard input in one pass: year-less dates stay null without --year, and take --year', async () => {
    const yearless = (papers: Paper[]) =>
      papers.filter((paper) => paper.published && !/\d{4}/.test(paper.published.text))
    const without = await runCli(['parse', '--format', 'ndjson'], { stdin: read(SEED_1) })
    expect(without.code).toBe(0)
    const papers = readNdjson(without.stdout)
    expect(papers.every((paper) => paper.file === '<stdin>')).toBe(true)
    // The digest's own date has no year either: the rows name it as written.
    expect(papers.every((paper) => paper.digestDate === 'Dec 12')).toBe(true)
    expect(yearless(papers).length).toBeGreaterThan(5)
    expect(yearless(papers).every((paper) => paper.published?.year === null && paper.published.iso === null)).toBe(true)
    expect(without.stderr).toMatch(/^<stdin>:\d+:\d+: warning: .*--year.* \(unknown-year\)$/m)

    const withYear = await runCli(['parse', '--format', 'ndjson', '--year', '2023'], { stdin: read(SEED_1) })
    expect(withYear.code).toBe(0)
    expect(readNdjson(withYear.stdout)).toEqual(rowsOf('<stdin>', parseDigest(read(SEED_1), { year: 2023 })))
    expect(readNdjson(withYear.stdout).every((paper) => paper.digestDate === '2023-12-12')).toBe(true)
    expect(yearless(readNdjson(withYear.stdout)).every((paper) => paper.published?.iso?.startsWith('2023-'))).toBe(true)
    expect(withYear.stderr).not.toContain('unknown-year')
  })

  it('takes --year on a file, in every format', async () => {
    const expected = parseDigest(read(SEED_0), { year: 2019 })
    expect(JSON.parse((await runCli(['parse', SEED_0, '--year', '2019'])).stdout)).toEqual(expected)
    expect(readNdjson((await runCli(['parse', SEED_0, '--year=2019', '--format', 'ndjson'])).stdout)).toEqual(
      rowsOf(SEED_0, expected),
    )
    expect(readCsv((await runCli(['parse', SEED_0, '--year', '2019', '--format', 'csv'])).stdout)).toEqual(
      csvRowsOf(SEED_0, expected),
    )
  })

  it('reports bytes that are not UTF-8 on standard input (invalid-encoding, with its line)', async () => {
    const text = read(SEED_1)
    const at = text.indexOf('Adapting pre-trained')
    const bad = Buffer.concat([text.subarray(0, at), Buffer.from([0xff, 0xfe]), text.subarray(at)])
    for (const args of [['parse'], ['parse', '--format', 'ndjson'], ['parse', '--format', 'csv'], ['validate']]) {
      const result = await runCli(args, { stdin: bad })
      expect(result.code, args.join(' ')).toBe(1)
      const output = args[0] === 'validate' ? result.stdout : result.stderr
      expect(output).toMatch(/^<stdin>:15:1: error: .* \(invalid-encoding\)$/m)
    }
  })

  it('still prints what it recovered when there are errors, and exits 1', async () => {
    const result = await runCli(['parse', STRAY])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual(recovered(STRAY))
    expect(lines(result.stderr)).toHaveLength(3)
    expect(result.stderr).toMatch(new RegExp(`^${escape(STRAY)}:53:1: error: .* \\(unexpected-line\\)$`, 'm'))
    for (const format of ['ndjson', 'csv']) {
      const streamed = await runCli(['parse', STRAY, '--format', format])
      expect(streamed.code).toBe(1)
      expect(streamed.stdout).not.toBe('')
    }
  })

  it('prints no data with --strict when anything is wrong (a warning included), and exits 1', async () => {
    for (const format of ['json', 'ndjson', 'csv']) {
      for (const [args, input] of [
        [['parse', SEED_1], undefined],
        [['parse', SEED_0, SEED_1], undefined],
        [['parse'], read(SEED_1)],
      ] as const) {
        const result = await runCli([...args, '--strict', '--format', format], { stdin: input })
        expect(result.code, `${args.join(' ')} ${format}`).toBe(1)
        expect(result.stdout, `${args.join(' ')} ${format}`).toBe('')
        expect(result.stderr).toMatch(/\(missing-metadata\)\n$/)
      }
    }
  })

  it('prints the data with --strict when everything is clean', async () => {
    const digest = digestOf(SEED_1)
    const clean = stringifyDigest({ ...digest, papers: digest.papers.filter((paper) => paper.published) })
    const file = join(TMP, 'clean.txt')
    writeFileSync(file, clean)
    const expected = parseDigest(clean, { strict: true })
    // One pass over standard input cannot infer the year: it takes --year (the one json infers).
    const year = String(defined(expected.date).year)
    for (const [args, input] of [
      [['parse', file], undefined],
      [['parse', '--year', year], clean],
    ] as const) {
      const json = await runCli([...args, '--strict'], { stdin: input })
      expect(json.code).toBe(0)
      expect(json.stderr).toBe('')
      expect(JSON.parse(json.stdout)).toEqual(expected)
      const name = input === undefined ? file : '<stdin>'
      const ndjson = await runCli([...args, '--strict', '--format', 'ndjson'], { stdin: input })
      expect(ndjson.code).toBe(0)
      expect(readNdjson(ndjson.stdout)).toEqual(rowsOf(name, expected))
      const csv = await runCli([...args, '--strict', '--format', 'csv'], { stdin: input })
      expect(csv.code).toBe(0)
      expect(readCsv(csv.stdout)).toEqual(csvRowsOf(name, expected))
    }
    // Without it, year-less dates stay null: a warning, which --strict counts.
    const yearless = await runCli(['parse', '--strict', '--format', 'ndjson'], { stdin: clean })
    expect(yearless).toMatchObject({ code: 1, stdout: '' })
    expect(yearless.stderr).toMatch(/\(unknown-year\)\n$/)
  })

  it('prints the JSON of standard input over the 4 MiB batch limit too: no input-too-large, every paper', async () => {
    // json has no size limit (SPEC section 5): past the batch limit it streams, and gives what the batch parser gives without one.
    const text = wellFormedOfSize(BATCH_BYTES * 1.25)
    expect(byteLength(text)).toBeGreaterThan(BATCH_BYTES)
    // Standard input streamed in one pass cannot infer the year: --year gives it.
    const result = await runCli(['parse', '--year', '2025'], { stdin: text })
    const batch = safeParseDigest(text, { year: 2025, maxBytes: Infinity })
    const expected = batch.success ? batch.data : batch.error.digest
    expect(expected.papers.length).toBeGreaterThan(3000)
    expect(result.code).toBe(batch.success ? 0 : 1)
    expect(result.stderr).not.toContain('input-too-large')
    expect(lines(result.stderr)).toHaveLength(batch.messages.length)
    expect(result.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`)
  })

  it('stops quietly when the reader goes away (EPIPE, as with | head), and reads no further', async () => {
    const seed = readFileSync(SEED_1, 'utf8')
    const records = seed.split('\n\n').slice(6).join('\n\n')
    const file = join(TMP, 'long.txt')
    writeFileSync(file, seed + `\n\n${records}`.repeat(30))
    for (const format of ['ndjson', 'csv']) {
      // A reader that takes the first block, then is gone: every write after fails with EPIPE.
      let writes = 0
      const stdout = new Writable({
        write(_chunk, _encoding, callback) {
          writes++
          callback(writes === 1 ? null : Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
        },
      })
      const stderr = sink()
      const code = await cli(['parse', file, '--format', format], { stdin: stdinOf(), stdout, stderr })
      expect(code, format).toBe(0)
      // It stopped at the first write that failed: its 1,085 papers take some 30 blocks of 64 KB.
      expect(writes, format).toBe(2)
      expect(stderr.text()).not.toMatch(/^\s+at |Error|papers-digest:/m)
    }
  })

  it('exits 1, not 0, when the reader goes away after an input has failed', async () => {
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
      },
    })
    const stderr = sink()
    const code = await cli(['parse', STRAY, SEED_1, '--format', 'ndjson'], { stdin: stdinOf(), stdout, stderr })
    expect(code).toBe(1)
    expect(stderr.text()).not.toMatch(/papers-digest:/)
  })

  it('exits 2 with one line when standard output fails otherwise', async () => {
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))
      },
    })
    const stderr = sink()
    const code = await cli(['parse', SEED_0, '--format', 'ndjson'], { stdin: stdinOf(), stdout, stderr })
    expect(code).toBe(2)
    expect(lines(stderr.text()).at(-1)).toBe('papers-digest: cannot write to standard output: no space left on device')
  })
})

describe('papers-digest validate', () => {
  it('prints the diagnostics, then the summary line, to stdout, and exits 0 on warnings only', async () => {
    const result = await runCli(['validate', SEED_0, SEED_1])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    const output = lines(result.stdout)
    expect(output).toHaveLength(3)
    expect(output[0]).toMatch(new RegExp(`^${escape(SEED_0)}:269:1: warning: .* \\(missing-metadata\\)$`))
    expect(output[1]).toMatch(new RegExp(`^${escape(SEED_1)}:109:1: warning: .* \\(missing-metadata\\)$`))
    expect(output[2]).toBe('2 files, 98 papers, 0 errors, 2 warnings')
  })

  it('exits 1 with --strict on warnings, and with errors', async () => {
    const strict = await runCli(['validate', '--strict', SEED_0, SEED_1])
    expect(strict.code).toBe(1)
    expect(lines(strict.stdout).at(-1)).toBe('2 files, 98 papers, 0 errors, 2 warnings')
    const damaged = await runCli(['validate', STRAY])
    expect(damaged.code).toBe(1)
    expect(lines(damaged.stdout).at(-1)).toBe(
      `1 files, ${String(recovered(STRAY).papers.length)} papers, 2 errors, 1 warnings`,
    )
  })

  it('gives a file and the same bytes on standard input the same report', async () => {
    for (const file of [SEED_0, STRAY, UNKNOWN_YEAR]) {
      const named = await runCli(['validate', file])
      const piped = await runCli(['validate'], { stdin: read(file) })
      expect(piped.code).toBe(named.code)
      expect(piped.stdout).toBe(named.stdout.replaceAll(`${file}:`, '<stdin>:'))
    }
  })

  it('prints one JSON report with --format json', async () => {
    const result = await runCli(['validate', '--format', 'json', SEED_0, STRAY])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as {
      files: { file: string; papers: number; errors: number; warnings: number; messages: unknown[] }[]
      papers: number
      errors: number
      warnings: number
    }
    const stray = safeParseDigest(read(STRAY))
    expect(report.files).toEqual([
      { file: SEED_0, papers: 63, errors: 0, warnings: 1, messages: safeParseDigest(read(SEED_0)).messages },
      { file: STRAY, papers: recovered(STRAY).papers.length, errors: 2, warnings: 1, messages: stray.messages },
    ])
    expect(report).toMatchObject({ papers: 63 + recovered(STRAY).papers.length, errors: 2, warnings: 2 })
  })

  it('prints the text report with --format text, as by default', async () => {
    const text = await runCli(['validate', '--format', 'text', SEED_0, STRAY])
    expect(text).toEqual(await runCli(['validate', SEED_0, STRAY]))
  })
})

describe('papers-digest: every diagnostic line has the same shape', () => {
  it('FILE:LINE:COLUMN: SEVERITY: MESSAGE (RULE-ID)', async () => {
    const output = [
      (await runCli(['parse', STRAY, UNKNOWN_YEAR, NO_HEADER])).stderr,
      (await runCli(['validate', STRAY])).stdout,
    ]
    const diagnostics = output.flatMap(lines).filter((line) => !/^\d+ files/.test(line))
    expect(diagnostics.length).toBeGreaterThan(5)
    for (const line of diagnostics) expect(line).toMatch(DIAGNOSTIC)
  })
})

describe('papers-digest: usage, I/O and exit codes', () => {
  it('exits 2 with one line, no stack trace and no data, for a missing file or a directory', async () => {
    expectUsageFailure(
      await runCli(['parse', 'missing.txt']),
      /^papers-digest: cannot read missing\.txt: no such file or directory\n$/,
    )
    expectUsageFailure(
      await runCli(['validate', FIXTURES]),
      new RegExp(`^papers-digest: cannot read ${escape(FIXTURES)}: is a directory\\n$`),
    )
    // Every input is checked before anything is printed.
    const both = await runCli(['parse', SEED_0, 'missing.txt', '--format', 'ndjson'])
    expect(both.code).toBe(2)
    expect(both.stdout).toBe('')
  })

  it.skipIf(process.getuid?.() === 0)('exits 2 for an unreadable file', async () => {
    const file = join(TMP, 'unreadable.txt')
    writeFileSync(file, 'x', { mode: 0o000 })
    expectUsageFailure(await runCli(['parse', file]), /cannot read .*unreadable\.txt: permission denied/)
  })

  it('exits 2 with one line and a hint for a usage mistake', async () => {
    const hint = /; see papers-digest --help\n$/
    for (const [args, says] of [
      [['parse', '--bogus', SEED_0], /unknown option '--bogus'/],
      [['parse', '--year', 'abc', SEED_0], /--year must be a whole number from 1 to 9999, not 'abc'/],
      [['parse', '--year', '10000', SEED_0], /--year must be a whole number/],
      [['parse', '--year', '0', SEED_0], /--year must be a whole number/],
      [['parse', '--year', SEED_0], /--year must be a whole number/],
      [['parse', SEED_0, '--year'], /option --year needs a value/],
      [
        ['parse', '--format', 'xml', SEED_0],
        /unknown format 'xml' for parse: use json, ndjson, csv, rss, atom, jsonfeed;/,
      ],
      [['merge', '--format', 'text', SEED_0], /unknown format 'text' for merge/],
      [['parse', '--strict=yes', SEED_0], /option --strict takes no value/],
      [['validate', '--format', 'csv', SEED_0], /unknown format 'csv' for validate/],
      // validate takes --year (SPEC section 5), but not the options of the other commands.
      [['validate', '-o', join(TMP, 'out.json'), SEED_0], /validate takes no -o option/],
      [['merge', '--strict', SEED_0], /merge takes no --strict option/],
      [['parse', '--quiet', SEED_0], /parse takes no --quiet option/],
      [['parse', '-', '-'], /standard input \(-\) can be named only once/],
      [['frobnicate', SEED_0], /unknown command 'frobnicate': use parse, merge or validate;/],
      [[], /missing command/],
    ] as const) {
      const result = await runCli([...args])
      expectUsageFailure(result, says)
      expect(result.stderr).toMatch(hint)
    }
  })

  it('prints the usage with --help and -h, and the version with --version and -v', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await runCli([flag])
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/^Usage: papers-digest <command>/)
      expect(result.stdout).toContain('papers-digest parse digest.txt')
      expect(result.stdout).toContain('--format')
    }
    expect((await runCli(['parse', '--help'])).stdout).toMatch(/^Usage:/)
    for (const flag of ['--version', '-v'])
      expect(await runCli([flag])).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' })
  })
})
