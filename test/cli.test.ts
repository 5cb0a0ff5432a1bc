import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseCsv } from 'csv-parse/sync'
import { afterAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_MAX_BYTES,
  type Digest,
  type Paper,
  parseDigest,
  safeParseDigest,
  stringifyDigest,
} from '../src/index.js'
import { defined } from './helpers/defined.js'

// The command is tested as a user runs it: the built bin of package.json.
const ROOT = fileURLToPath(new URL('../', import.meta.url))
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string
  bin: Record<string, string>
}
const BIN = join(ROOT, defined(PACKAGE.bin['papers-digest'], 'a bin'))
if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first (npm test does)`)

const SEED_0 = 'fixtures/seeds/000_b52436321a9b76b2.txt'
const SEED_1 = 'fixtures/seeds/001_f604c4867d4d0d65.txt'
const STRAY = 'fixtures/damage/stray-line.txt'
const UNKNOWN_YEAR = 'fixtures/damage/unknown-year.txt'
const read = (file: string) => readFileSync(join(ROOT, file))
const digestOf = (file: string): Digest => parseDigest(read(file))
const recovered = (file: string): Digest => {
  const result = safeParseDigest(read(file))
  return result.success ? result.data : result.error.digest
}

const TMP = mkdtempSync(join(tmpdir(), 'papers-digest-cli-'))
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true })
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(args: string[], input?: string | Uint8Array): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '')
const DIAGNOSTIC = /^(.+):(\d+):(\d+): (error|warning): (.+) \(([a-z]+(?:-[a-z]+)*)\)$/

/** A usage or I/O failure: exit 2, one line on stderr, nothing on stdout, no stack trace. */
function expectUsageFailure(result: Run, says: RegExp) {
  expect(result.code).toBe(2)
  expect(result.stdout).toBe('')
  expect(lines(result.stderr)).toHaveLength(1)
  expect(result.stderr).toMatch(/^papers-digest: /)
  expect(result.stderr).toMatch(says)
  expect(result.stderr).not.toMatch(/^\s+at /m)
}

/** The CSV record a paper should give, as a CSV reader reads it back. */
function csvRow(file: string, paper: Paper): Record<string, string> {
  return {
    file,
    line: String(paper.line),
    title: paper.title,
    authorCount: paper.authorCount === null ? '' : String(paper.authorCount),
    published: paper.published?.iso ?? paper.published?.text ?? '',
    upvotes: paper.upvotes === null ? '' : String(paper.upvotes),
    links: paper.links.join(' '),
    abstract: paper.abstract,
  }
}
const readCsv = (text: string) => parseCsv<Record<string, string>>(text, { columns: true })
const readNdjson = (text: string) => lines(text).map((line) => JSON.parse(line) as Paper & { file: string })

describe('papers-digest parse', () => {
  it('prints the Digest as JSON (the default), as parseDigest gives it, with diagnostics on stderr', () => {
    const result = run(['parse', SEED_1])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual(digestOf(SEED_1))
    expect(result.stdout).toBe(`${JSON.stringify(digestOf(SEED_1), null, 2)}\n`)
    expect(lines(result.stderr)).toEqual([
      `${SEED_1}:109:1: warning: "A Framework for Fast and Stable Representations…" has no metadata block ("• N authors", "·", date) (missing-metadata)`,
    ])
  })

  it('prints one paper per line, with its file, as ndjson', () => {
    const result = run(['parse', SEED_0, '--format', 'ndjson'])
    expect(result.code).toBe(0)
    expect(readNdjson(result.stdout)).toEqual(digestOf(SEED_0).papers.map((paper) => ({ file: SEED_0, ...paper })))
    expect(lines(result.stderr)).toHaveLength(1)
  })

  it('prints RFC 4180 CSV that a CSV reader reads back to the papers', () => {
    const result = run(['parse', '--format=csv', SEED_1])
    expect(result.code).toBe(0)
    expect(result.stdout.startsWith('file,line,title,authorCount,published,upvotes,links,abstract\r\n')).toBe(true)
    expect(result.stdout.endsWith('\r\n')).toBe(true)
    // Every line ends with CRLF: no bare LF outside quoted fields (the seeds have none inside).
    expect(result.stdout.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
    expect(readCsv(result.stdout)).toEqual(digestOf(SEED_1).papers.map((paper) => csvRow(SEED_1, paper)))
  })

  it('quotes CSV fields that hold quotes, commas or line breaks', () => {
    const digest = digestOf(SEED_1)
    const title = 'Quotes "like this", commas, and more'
    const text = stringifyDigest({ ...digest, papers: [{ ...defined(digest.papers[0]), title }] })
    const result = run(['parse', '--format', 'csv'], text)
    expect(result.stdout).toContain(`,"Quotes ""like this"", commas, and more",`)
    expect(readCsv(result.stdout)[0]?.title).toBe(title)
  })

  it('gives the same papers in every format on a file, years inferred included', () => {
    for (const file of [SEED_0, SEED_1, STRAY, UNKNOWN_YEAR]) {
      const papers = recovered(file).papers
      expect(papers.some((paper) => paper.published?.yearInferred)).toBe(file !== UNKNOWN_YEAR)
      expect((JSON.parse(run(['parse', file]).stdout) as Digest).papers, file).toEqual(papers)
      expect(readNdjson(run(['parse', file, '--format', 'ndjson']).stdout), file).toEqual(
        papers.map((paper) => ({ file, ...paper })),
      )
      expect(readCsv(run(['parse', file, '--format', 'csv']).stdout), file).toEqual(
        papers.map((paper) => csvRow(file, paper)),
      )
      // And the same diagnostics, in the same order.
      const stderr = run(['parse', file]).stderr
      expect(run(['parse', file, '--format', 'ndjson']).stderr, file).toBe(stderr)
      expect(run(['parse', file, '--format', 'csv']).stderr, file).toBe(stderr)
    }
  })

  it('prints a JSON array of { file, digest } for several files, and rows of each in ndjson and csv', () => {
    const json = run(['parse', SEED_0, SEED_1])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual([
      { file: SEED_0, digest: digestOf(SEED_0) },
      { file: SEED_1, digest: digestOf(SEED_1) },
    ])
    expect(json.stdout).toBe(`${JSON.stringify(JSON.parse(json.stdout), null, 2)}\n`)
    expect(lines(json.stderr).map((line) => line.split(':')[0])).toEqual([SEED_0, SEED_1])

    const expected = [SEED_0, SEED_1].flatMap((file) => digestOf(file).papers.map((paper) => ({ file, ...paper })))
    expect(expected).toHaveLength(98)
    expect(readNdjson(run(['parse', SEED_0, SEED_1, '--format', 'ndjson']).stdout)).toEqual(expected)
    expect(readCsv(run(['parse', SEED_0, SEED_1, '--format', 'csv']).stdout)).toEqual(
      expected.map(({ file, ...paper }) => csvRow(file, paper)),
    )
  })

  it('reads standard input with no FILE or with -, named <stdin>', () => {
    for (const args of [['parse'], ['parse', '-']]) {
      const result = run(args, read(SEED_1))
      expect(result.code).toBe(0)
      expect(JSON.parse(result.stdout)).toEqual(digestOf(SEED_1))
      expect(result.stderr).toMatch(/^<stdin>:109:1: warning: .* \(missing-metadata\)\n$/)
    }
    const mixed = run(['parse', SEED_0, '-'], read(SEED_1))
    expect(JSON.parse(mixed.stdout)).toEqual([
      { file: SEED_0, digest: digestOf(SEED_0) },
      { file: '<stdin>', digest: digestOf(SEED_1) },
    ])
  })

  it('streams standard input in one pass: year-less dates stay null without --year, and take --year', () => {
    const yearless = (papers: Paper[]) =>
      papers.filter((paper) => paper.published && !/\d{4}/.test(paper.published.text))
    const without = run(['parse', '--format', 'ndjson'], read(SEED_1))
    expect(without.code).toBe(0)
    const papers = readNdjson(without.stdout)
    expect(papers.every((paper) => paper.file === '<stdin>')).toBe(true)
    expect(yearless(papers).length).toBeGreaterThan(5)
    expect(yearless(papers).every((paper) => paper.published?.year === null && paper.published.iso === null)).toBe(true)
    expect(without.stderr).toMatch(/^<stdin>:\d+:\d+: warning: .*--year.* \(unknown-year\)$/m)

    const withYear = run(['parse', '--format', 'ndjson', '--year', '2023'], read(SEED_1))
    expect(withYear.code).toBe(0)
    expect(readNdjson(withYear.stdout)).toEqual(
      parseDigest(read(SEED_1), { year: 2023 }).papers.map((paper) => ({ file: '<stdin>', ...paper })),
    )
    expect(yearless(readNdjson(withYear.stdout)).every((paper) => paper.published?.iso?.startsWith('2023-'))).toBe(true)
    expect(withYear.stderr).not.toContain('unknown-year')
  })

  it('takes --year on a file, in every format', () => {
    const expected = parseDigest(read(SEED_0), { year: 2019 })
    expect(JSON.parse(run(['parse', SEED_0, '--year', '2019']).stdout)).toEqual(expected)
    expect(readNdjson(run(['parse', SEED_0, '--year=2019', '--format', 'ndjson']).stdout)).toEqual(
      expected.papers.map((paper) => ({ file: SEED_0, ...paper })),
    )
  })

  it('reports bytes that are not UTF-8 on standard input (invalid-encoding, with its line)', () => {
    const text = readFileSync(join(ROOT, SEED_1))
    const at = text.indexOf('Adapting pre-trained')
    const bad = Buffer.concat([text.subarray(0, at), Buffer.from([0xff, 0xfe]), text.subarray(at)])
    for (const args of [['parse'], ['parse', '--format', 'ndjson'], ['validate']]) {
      const result = run(args, bad)
      expect(result.code, args.join(' ')).toBe(1)
      const output = args[0] === 'validate' ? result.stdout : result.stderr
      expect(output).toMatch(/^<stdin>:15:1: error: .* \(invalid-encoding\)$/m)
    }
  })

  it('still prints what it recovered when there are errors, and exits 1', () => {
    const result = run(['parse', STRAY])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual(recovered(STRAY))
    expect(lines(result.stderr)).toHaveLength(3)
    expect(result.stderr).toMatch(/^fixtures\/damage\/stray-line\.txt:53:1: error: .* \(unexpected-line\)$/m)
    for (const format of ['ndjson', 'csv']) {
      const streamed = run(['parse', STRAY, '--format', format])
      expect(streamed.code).toBe(1)
      expect(streamed.stdout).not.toBe('')
    }
  })

  it('prints no data with --strict when anything is wrong (a warning included), and exits 1', () => {
    for (const format of ['json', 'ndjson', 'csv']) {
      for (const [args, input] of [
        [['parse', SEED_1], undefined],
        [['parse', SEED_0, SEED_1], undefined],
        [['parse'], read(SEED_1)],
      ] as const) {
        const result = run([...args, '--strict', '--format', format], input)
        expect(result.code, `${args.join(' ')} ${format}`).toBe(1)
        expect(result.stdout, `${args.join(' ')} ${format}`).toBe('')
        expect(result.stderr).toMatch(/\(missing-metadata\)\n$/)
      }
    }
  })

  it('prints the data with --strict when everything is clean', () => {
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
      const json = run([...args, '--strict'], input)
      expect(json.code).toBe(0)
      expect(json.stderr).toBe('')
      expect(JSON.parse(json.stdout)).toEqual(expected)
      const name = input === undefined ? file : '<stdin>'
      const ndjson = run([...args, '--strict', '--format', 'ndjson'], input)
      expect(ndjson.code).toBe(0)
      expect(readNdjson(ndjson.stdout)).toEqual(expected.papers.map((paper) => ({ file: name, ...paper })))
      const csv = run([...args, '--strict', '--format', 'csv'], input)
      expect(readCsv(csv.stdout)).toHaveLength(expected.papers.length)
    }
    // Without it, year-less dates stay null: a warning, which --strict counts.
    const yearless = run(['parse', '--strict', '--format', 'ndjson'], clean)
    expect(yearless).toMatchObject({ code: 1, stdout: '' })
    expect(yearless.stderr).toMatch(/\(unknown-year\)\n$/)
  })

  it('points to --format ndjson when an input is over the 4 MiB limit of json', () => {
    const result = run(['parse'], Buffer.alloc(DEFAULT_MAX_BYTES + 10, 'a'))
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^<stdin>:1:1: error: .*--format ndjson.* \(input-too-large\)\n$/)
  })

  it('stops quietly when the reader goes away (| head)', async () => {
    const seed = readFileSync(join(ROOT, SEED_1), 'utf8')
    const records = seed.split('\n\n').slice(6).join('\n\n')
    const file = join(TMP, 'long.txt')
    writeFileSync(file, seed + `\n\n${records}`.repeat(300))
    for (const format of ['ndjson', 'csv']) {
      const child = spawn(process.execPath, [BIN, 'parse', file, '--format', format], { cwd: ROOT })
      let stderr = ''
      child.stderr.on('data', (data: Buffer) => (stderr += data.toString()))
      child.stdout.once('data', () => child.stdout.destroy())
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
      expect(code, format).toBe(0)
      expect(stderr).not.toMatch(/^\s+at |Error/m)
    }
  })
})

describe('papers-digest validate', () => {
  it('prints the diagnostics, then the summary line, to stdout, and exits 0 on warnings only', () => {
    const result = run(['validate', SEED_0, SEED_1])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    const output = lines(result.stdout)
    expect(output).toHaveLength(3)
    expect(output[0]).toMatch(new RegExp(`^${SEED_0}:269:1: warning: .* \\(missing-metadata\\)$`))
    expect(output[1]).toMatch(new RegExp(`^${SEED_1}:109:1: warning: .* \\(missing-metadata\\)$`))
    expect(output[2]).toBe('2 files, 98 papers, 0 errors, 2 warnings')
  })

  it('exits 1 with --strict on warnings, and with errors', () => {
    const strict = run(['validate', '--strict', SEED_0, SEED_1])
    expect(strict.code).toBe(1)
    expect(lines(strict.stdout).at(-1)).toBe('2 files, 98 papers, 0 errors, 2 warnings')
    const damaged = run(['validate', STRAY])
    expect(damaged.code).toBe(1)
    expect(lines(damaged.stdout).at(-1)).toBe(
      `1 files, ${String(recovered(STRAY).papers.length)} papers, 2 errors, 1 warnings`,
    )
  })

  it('gives a file and the same bytes on standard input the same report', () => {
    for (const file of [SEED_0, STRAY, UNKNOWN_YEAR]) {
      const named = run(['validate', file])
      const piped = run(['validate'], read(file))
      expect(piped.code).toBe(named.code)
      expect(piped.stdout).toBe(named.stdout.replaceAll(`${file}:`, '<stdin>:'))
    }
  })

  it('prints one JSON report with --format json', () => {
    const result = run(['validate', '--format', 'json', SEED_0, STRAY])
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
})

describe('papers-digest: every diagnostic line has the same shape', () => {
  it('FILE:LINE:COLUMN: SEVERITY: MESSAGE (RULE-ID)', () => {
    const output = [
      run(['parse', STRAY, UNKNOWN_YEAR, 'fixtures/damage/no-header.txt']).stderr,
      run(['validate', STRAY]).stdout,
    ]
    const diagnostics = output.flatMap(lines).filter((line) => !/^\d+ files/.test(line))
    expect(diagnostics.length).toBeGreaterThan(5)
    for (const line of diagnostics) expect(line).toMatch(DIAGNOSTIC)
  })
})

describe('papers-digest: usage, I/O and exit codes', () => {
  it('exits 2 with one line, no stack trace and no data, for a missing file or a directory', () => {
    expectUsageFailure(
      run(['parse', 'missing.txt']),
      /^papers-digest: cannot read missing\.txt: no such file or directory\n$/,
    )
    expectUsageFailure(run(['validate', 'fixtures']), /^papers-digest: cannot read fixtures: is a directory\n$/)
    // Every input is checked before anything is printed.
    const both = run(['parse', SEED_0, 'missing.txt', '--format', 'ndjson'])
    expect(both.code).toBe(2)
    expect(both.stdout).toBe('')
  })

  it.skipIf(process.getuid?.() === 0)('exits 2 for an unreadable file', () => {
    const file = join(TMP, 'unreadable.txt')
    writeFileSync(file, 'x', { mode: 0o000 })
    expectUsageFailure(run(['parse', file]), /cannot read .*unreadable\.txt: permission denied/)
  })

  it('exits 2 with one line and a hint for a usage mistake', () => {
    const hint = /; see papers-digest --help\n$/
    for (const [args, says] of [
      [['parse', '--bogus', SEED_0], /unknown option '--bogus'/],
      [['parse', '--year', 'abc', SEED_0], /--year must be a whole number from 1 to 9999, not 'abc'/],
      [['parse', '--year', '10000', SEED_0], /--year must be a whole number/],
      [['parse', '--format', 'xml', SEED_0], /unknown format 'xml' for parse/],
      [['validate', '--format', 'csv', SEED_0], /unknown format 'csv' for validate/],
      [['frobnicate', SEED_0], /unknown command 'frobnicate'/],
      [[], /missing command/],
    ] as const) {
      const result = run([...args])
      expectUsageFailure(result, says)
      expect(result.stderr).toMatch(hint)
    }
  })

  it('prints the usage with --help and -h, and the version with --version and -v', () => {
    for (const flag of ['--help', '-h']) {
      const result = run([flag])
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/^Usage: papers-digest <command>/)
      expect(result.stdout).toContain('papers-digest parse digest.txt')
      expect(result.stdout).toContain('--format')
    }
    expect(run(['parse', '--help']).stdout).toMatch(/^Usage:/)
    for (const flag of ['--version', '-v'])
      expect(run([flag])).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' })
  })
})
