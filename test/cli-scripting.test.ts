import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, posix } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import {
  type Digest,
  MergedDigestSchema,
  mergeDigests,
  parseDigest,
  safeParseDigest,
  stringifyDigest,
} from '../src/index.js'
import { CSV_COLUMNS, csvRow, lines, readCsv, readNdjson, runCli } from './helpers/cli.js'
import { defined } from './helpers/defined.js'

// The command line as scripts use it, in process: merge, the shapes of its
// rows (digestDate, the CSV columns), -o, validate --quiet and --year, the
// year a file's name or the page's links give, colour, empty and binary input.

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const SEED_0 = 'fixtures/seeds/000_b52436321a9b76b2.txt'
const SEED_1 = 'fixtures/seeds/001_f604c4867d4d0d65.txt'
const UNKNOWN_YEAR = 'fixtures/damage/unknown-year.txt'
const STRAY = 'fixtures/damage/stray-line.txt'
const read = (file: string) => readFileSync(join(ROOT, file))
const digestOf = (file: string): Digest => parseDigest(read(file))
const TMP = mkdtempSync(join(tmpdir(), 'papers-digest-scripting-'))
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true })
})

describe('papers-digest merge', () => {
  const expected = mergeDigests([
    { file: SEED_0, digest: digestOf(SEED_0) },
    { file: SEED_1, digest: digestOf(SEED_1) },
  ])

  it('prints the merged digest of the two seeds as JSON: 88 papers, valid against MergedDigestSchema', async () => {
    const result = await runCli(['merge', SEED_0, SEED_1])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`)
    const merged = MergedDigestSchema.parse(JSON.parse(result.stdout))
    expect(merged.papers).toHaveLength(88)
    expect(lines(result.stderr)).toHaveLength(2) // each seed's missing-metadata warning
  })

  it('prints 88 ndjson rows, each with its file and digestDate (of the last digest it was seen in)', async () => {
    const result = await runCli(['merge', SEED_0, SEED_1, '--format', 'ndjson'])
    const rows = readNdjson(result.stdout)
    expect(rows).toHaveLength(88)
    expect(rows).toEqual(
      expected.papers.map((paper) => ({ file: paper.lastSeen.file, digestDate: paper.lastSeen.date, ...paper })),
    )
    expect(new Set(rows.map((row) => row.digestDate))).toEqual(new Set(['2025-10-31', '2025-12-12']))
  })

  it('prints 88 CSV rows in the columns of parse', async () => {
    const result = await runCli(['merge', SEED_0, SEED_1, '--format', 'csv'])
    expect(result.stdout.startsWith(`${CSV_COLUMNS}\r\n`)).toBe(true)
    expect(readCsv(result.stdout)).toEqual(
      expected.papers.map((paper) => csvRow(defined(paper.lastSeen.file), paper.lastSeen.date, paper)),
    )
  })

  it('reads standard input as it reads a file, and exits 1 when an input has errors', async () => {
    const result = await runCli(['merge', SEED_0, '-', '--format', 'ndjson'], { stdin: read(SEED_1) })
    expect(readNdjson(result.stdout)).toHaveLength(88)
    const damaged = await runCli(['merge', STRAY, SEED_1, '--format', 'ndjson'])
    expect(damaged.code).toBe(1)
    expect(readNdjson(damaged.stdout).length).toBeGreaterThan(35)
  })
})

describe('the rows of parse: digestDate and the CSV columns (SPEC section 5)', () => {
  it('gives each ndjson row its file and digestDate, then the paper', async () => {
    const result = await runCli(['parse', SEED_0, SEED_1, '--format', 'ndjson'])
    const rows = readNdjson(result.stdout)
    expect(rows).toEqual(
      [SEED_0, SEED_1].flatMap((file) => {
        const digest = digestOf(file)
        return digest.papers.map((paper) => ({ file, digestDate: defined(digest.date).iso, ...paper }))
      }),
    )
    expect(Object.keys(defined(rows[0])).slice(0, 3)).toEqual(['file', 'digestDate', 'title'])
  })

  it("gives the digest date's text when its year is unknown (standard input, one pass), else null", async () => {
    const piped = readNdjson((await runCli(['parse', '--format', 'ndjson'], { stdin: read(SEED_1) })).stdout)
    expect(piped.every((row) => row.digestDate === 'Dec 12' && row.file === '<stdin>')).toBe(true)
    const headless = stringifyDigest({ ...digestOf(SEED_1), title: null, date: null })
    const none = readNdjson((await runCli(['parse', '--format', 'ndjson'], { stdin: headless })).stdout)
    expect(none.length).toBeGreaterThan(0)
    expect(none.every((row) => row.digestDate === null)).toBe(true)
  })

  it('prints the CSV columns of SPEC section 5, RFC 4180, which a CSV reader reads back', async () => {
    const result = await runCli(['parse', SEED_1, '--format', 'csv'])
    expect(result.stdout.startsWith(`${CSV_COLUMNS}\r\n`)).toBe(true)
    expect(result.stdout.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
    const digest = digestOf(SEED_1)
    expect(readCsv(result.stdout)).toEqual(
      digest.papers.map((paper) => csvRow(SEED_1, defined(digest.date).iso, paper)),
    )
  })
})

describe('-o FILE', () => {
  it('writes the data to the file and nothing to standard output, diagnostics still on standard error', async () => {
    for (const [command, format] of [
      ['parse', 'ndjson'],
      ['parse', 'json'],
      ['merge', 'csv'],
      ['parse', 'atom'],
    ] as const) {
      const file = join(TMP, `out.${format}`)
      const result = await runCli([command, SEED_0, SEED_1, '--format', format, '-o', file])
      expect(result.code).toBe(0)
      expect(result.stdout).toBe('')
      expect(lines(result.stderr)).toHaveLength(2)
      const direct = await runCli([command, SEED_0, SEED_1, '--format', format])
      expect(readFileSync(file, 'utf8')).toBe(direct.stdout)
    }
  })

  it('leaves the file as it was when --strict prints nothing, and exits 2 when it cannot be written', async () => {
    const file = join(TMP, 'kept.json')
    writeFileSync(file, 'before')
    const strict = await runCli(['parse', SEED_1, '--strict', '--output', file])
    expect(strict.code).toBe(1)
    expect(readFileSync(file, 'utf8')).toBe('before')
    const missing = await runCli(['parse', SEED_1, '-o', join(TMP, 'no/such/dir/out.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^papers-digest: cannot write to .*out\.json: no such file or directory\n$/)
    expect((await runCli(['validate', SEED_1, '-o', file])).stderr).toMatch(/validate takes no -o option/)
  })
})

describe('validate --quiet and --year', () => {
  it('--quiet prints the errors and the summary only', async () => {
    const quiet = await runCli(['validate', '--quiet', SEED_0, STRAY])
    expect(quiet.code).toBe(1)
    const output = lines(quiet.stdout)
    expect(output.filter((line) => line.includes(': warning: '))).toEqual([])
    expect(output.filter((line) => line.includes(': error: '))).toHaveLength(2)
    expect(output.at(-1)).toMatch(/^2 files, \d+ papers, 2 errors, 2 warnings$/)
    const clean = await runCli(['validate', '-q', SEED_0, SEED_1])
    expect(clean).toEqual({ code: 0, stdout: '2 files, 98 papers, 0 errors, 2 warnings\n', stderr: '' })
    const json = JSON.parse((await runCli(['validate', '-q', '--format', 'json', SEED_0])).stdout) as {
      files: Array<{ warnings: number; messages: unknown[] }>
    }
    expect(json.files[0]).toMatchObject({ warnings: 1, messages: [] })
  })

  it('--year gives the year of dates that write none', async () => {
    expect((await runCli(['validate', UNKNOWN_YEAR])).stdout).toContain('(unknown-year)')
    const given = await runCli(['validate', UNKNOWN_YEAR, '--year', '2024'])
    expect(given.stdout).not.toContain('(unknown-year)')
    expect(given.code).toBe(0)
  })
})

describe('the year an input gives', () => {
  it('takes the year of a file named with a date, and --year over it', async () => {
    const file = join(TMP, '2023-05-02.txt')
    copyFileSync(join(ROOT, UNKNOWN_YEAR), file)
    const expected = parseDigest(read(UNKNOWN_YEAR), { year: 2023 })
    for (const format of ['json', 'ndjson']) {
      const result = await runCli(['parse', file, '--format', format])
      expect(result.stderr, format).not.toContain('unknown-year')
      const papers = format === 'json' ? (JSON.parse(result.stdout) as Digest).papers : readNdjson(result.stdout)
      expect(
        papers.map((paper) => paper.published?.iso),
        format,
      ).toEqual(expected.papers.map((paper) => paper.published?.iso))
    }
    const over = JSON.parse((await runCli(['parse', file, '--year', '2021'])).stdout) as Digest
    expect(over.papers.find((paper) => paper.published?.yearInferred)?.published?.year).toBe(2021)
    expect((await runCli(['validate', file])).stdout).not.toContain('unknown-year')
  })

  it("takes the year of the page's own date links (/papers/date/YYYY-MM-DD) on a file", async () => {
    const markdown = stringifyDigest(digestOf(SEED_1), { rendering: 'markdown' }).split('\n')
    const at = markdown.indexOf('Dec 12')
    markdown.splice(at + 1, 0, '', '[Previous](https://huggingface.co/papers/date/2023-12-11)')
    const file = join(TMP, 'linked.md')
    writeFileSync(file, markdown.join('\n'))
    const rows = readNdjson((await runCli(['parse', file, '--format', 'ndjson'])).stdout)
    expect(rows.every((row) => row.digestDate === '2023-12-12')).toBe(true)
    const inferred = rows.map((row) => row.published).filter((date) => date?.yearInferred)
    expect(inferred.length).toBeGreaterThan(0)
    expect(inferred.every((date) => date?.year === 2023)).toBe(true)
  })
})

describe('colour', () => {
  const RED = '\u001b[31m'
  it('colours diagnostics on a terminal only, never with NO_COLOR, always with FORCE_COLOR', async () => {
    const onTerminal = await runCli(['validate', STRAY], { tty: true })
    expect(onTerminal.stdout).toContain(`${RED}error:`)
    expect((await runCli(['parse', STRAY], { tty: true })).stderr).toContain(RED)
    expect((await runCli(['validate', STRAY])).stdout).not.toContain('\u001b[')
    expect((await runCli(['validate', STRAY], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[')
    expect((await runCli(['validate', STRAY], { env: { FORCE_COLOR: '1' } })).stdout).toContain(RED)
    expect((await runCli(['validate', STRAY], { tty: true, env: { FORCE_COLOR: '0' } })).stdout).not.toContain(
      '\u001b[',
    )
    // Never the data, nor validate's JSON report.
    expect((await runCli(['parse', STRAY, '--format', 'ndjson'], { tty: true })).stdout).not.toContain('\u001b[')
    expect((await runCli(['validate', STRAY, '--format', 'json'], { tty: true })).stdout).not.toContain('\u001b[')
    // Without colour, the lines are exactly those a script reads.
    const plain = lines((await runCli(['validate', STRAY])).stdout)
    const stripped = lines(stripVTControlCharacters(onTerminal.stdout))
    expect(stripped).toEqual(plain)
  })

  const BIN = join(ROOT, 'dist/cli.js')
  const script = spawnSync('script', ['--version'], { encoding: 'utf8' })
  it.skipIf(!existsSync(BIN) || script.status !== 0)('colours the bin on a real terminal, and not in a pipe', () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} validate ${STRAY}`
    const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm' }
    const terminal = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env })
    expect(terminal.stdout).toContain(`${RED}error:`)
    const pipe = spawnSync(process.execPath, [BIN, 'validate', STRAY], { cwd: ROOT, encoding: 'utf8', env })
    expect(pipe.status).toBe(1)
    expect(pipe.stdout).not.toContain('\u001b[')
  })
})

describe('validate fails on input that holds no papers', () => {
  it('exits 1 on an empty file, with an error', async () => {
    const file = join(TMP, 'empty.txt')
    writeFileSync(file, '')
    const result = await runCli(['validate', file])
    expect(result.code).toBe(1)
    expect(lines(result.stdout).at(-1)).toMatch(/^1 files, 0 papers, [1-9]\d* errors, \d+ warnings$/)
    expect(result.stdout).toMatch(/: error: .*\((no-papers|binary-input)\)$/m)
    expect((await runCli(['validate'], { stdin: '' })).code).toBe(1)
  })

  it('exits 1 on a binary file', async () => {
    const zeros = join(TMP, 'zeros.bin')
    writeFileSync(zeros, Buffer.alloc(4096))
    const nul = await runCli(['validate', zeros])
    expect(nul.code).toBe(1)
    expect(lines(nul.stdout).at(-1)).toMatch(/^1 files, 0 papers, [1-9]\d* errors, \d+ warnings$/)
    // Bytes of every value, as an image has.
    const image = join(TMP, 'image.png')
    const bytes = Buffer.alloc(4096)
    for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 7919) % 256
    writeFileSync(image, bytes)
    const result = await runCli(['validate', image])
    expect(result.code).toBe(1)
    expect(lines(result.stdout).at(-1)).toMatch(/^1 files, \d+ papers, [1-9]\d* errors, \d+ warnings$/)
  })

  it('still passes a digest that holds papers', async () => {
    expect((await runCli(['validate', SEED_1])).code).toBe(0)
    const result = safeParseDigest(read(SEED_1))
    expect(result.success).toBe(true)
  })
})

describe('the bin', () => {
  const DIST = join(ROOT, 'dist')
  const IMPORT = /^import\s*(?:\{([^}]*)\}\s*from\s*)?["']([^"']+)["']/gm
  /** Every module dist/cli.js can load (static and dynamic imports), and what it imports from each. */
  function graph(): Map<string, Set<string>> {
    const seen = new Map<string, Set<string>>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      const imported = new Set<string>()
      seen.set(file, imported)
      const source = readFileSync(join(DIST, file), 'utf8')
      const specifiers = [
        ...[...source.matchAll(IMPORT)].map((match) => ({ names: match[1] ?? '', path: defined(match[2]) })),
        ...[...source.matchAll(/import\(["']([^"']+)["']\)/g)].map((match) => ({ names: '', path: defined(match[1]) })),
      ]
      for (const { names, path } of specifiers) {
        if (!path.startsWith('.')) {
          imported.add(path)
          continue
        }
        const target = posix.join(posix.dirname(file), path)
        for (const name of names
          .split(',')
          .map((part) => defined(part.trim().split(/\s+as\s+/)[0]))
          .filter(Boolean))
          imported.add(`${target}#${name}`)
        visit(target)
      }
    }
    visit('cli.js')
    return seen
  }

  it.skipIf(!existsSync(join(DIST, 'cli.js')))(
    "uses only the library's public functions, from modules that do not load zod",
    async () => {
      const modules = graph()
      const external = [...modules.values()].flatMap((names) => [...names].filter((name) => !name.includes('#')))
      expect(external.filter((name) => name.includes('zod'))).toEqual([])
      expect([...modules.keys()]).not.toContain('index.js')
      expect([...modules.keys()]).not.toContain('schema/schema.js')
      const library = (await import(join(DIST, 'index.js'))) as Record<string, unknown>
      const used = [...modules.entries()]
        .filter(([file]) => file.startsWith('cli'))
        .flatMap(([, names]) => [...names].filter((name) => name.includes('#') && !name.startsWith('cli')))
      expect(used.length).toBeGreaterThan(3)
      for (const name of used) expect(Object.keys(library), name).toContain(name.split('#')[1])
    },
  )
})
