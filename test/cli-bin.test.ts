import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDigest } from '../src/index.js'
import { defined } from './helpers/defined.js'

// The built bin of package.json, run as a user runs it: only what a process
// shows, its exit status and real pipes. Everything else about the command
// line is tested in process, through cli(argv, io) (cli.test.ts).

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string
  bin: Record<string, string>
}
const BIN = join(ROOT, defined(PACKAGE.bin['papers-digest'], 'the bin in package.json'))
if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first (npm test does)`)

const SEED_0 = 'fixtures/seeds/000_b52436321a9b76b2.txt'
const SEED_1 = 'fixtures/seeds/001_f604c4867d4d0d65.txt'
const STRAY = 'fixtures/damage/stray-line.txt'
const read = (file: string) => readFileSync(join(ROOT, file))
const lines = (text: string) => text.split('\n').filter((line) => line !== '')

const TMP = mkdtempSync(join(tmpdir(), 'papers-digest-bin-'))
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true })
})

/** The bin, its standard input a pipe holding `input` (empty if none). */
function run(args: string[], input?: string | Uint8Array) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  })
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr }
}

describe('the papers-digest bin', () => {
  it('exits 0 with no errors, and prints the version it finds from dist/', () => {
    const result = run(['validate', SEED_0, SEED_1])
    expect(result.code).toBe(0)
    expect(lines(result.stdout).at(-1)).toBe('2 files, 98 papers, 0 errors, 2 warnings')
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' })
  })

  it('exits 1 with errors, still printing what it recovered', () => {
    const result = run(['parse', STRAY, '--format', 'ndjson'])
    expect(result.code).toBe(1)
    expect(lines(result.stdout).length).toBeGreaterThan(0)
    expect(result.stderr).toMatch(/ \(unexpected-line\)$/m)
  })

  it('exits 2 with one line and no stack trace for a usage or I/O problem', () => {
    for (const args of [
      ['parse', 'missing.txt'],
      ['parse', '--bogus'],
    ]) {
      const result = run(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stdout).toBe('')
      expect(lines(result.stderr)).toHaveLength(1)
      expect(result.stderr).toMatch(/^papers-digest: /)
    }
  })

  it('reads standard input through a pipe, bytes that are not UTF-8 included', () => {
    const piped = run(['parse', '--format', 'ndjson', '--year', '2023'], read(SEED_1))
    expect(piped.code).toBe(0)
    // Each row: its file and the digest's date (with --year, ISO), then the paper.
    expect(lines(piped.stdout).map((line) => JSON.parse(line) as unknown)).toEqual(
      parseDigest(read(SEED_1), { year: 2023 }).papers.map((paper) => ({
        file: '<stdin>',
        digestDate: '2023-12-12',
        ...paper,
      })),
    )
    const random = run(['parse'], readFileSync(join(ROOT, 'fixtures/hostile/random.bin')))
    expect(random.code).toBe(1)
    expect(random.signal).toBe(null)
    // Random bytes are not text: one binary-input error, and no papers.
    expect(random.stderr).toMatch(/^<stdin>:\d+:\d+: error: .* \(binary-input\)$/m)
    expect(random.stderr).not.toMatch(/^\s+at |internal error/m)
  })

  it('stops quietly when the reader goes away (| head)', async () => {
    const seed = read(SEED_1).toString('utf8')
    const records = seed.split('\n\n').slice(6).join('\n\n')
    const file = join(TMP, 'long.txt')
    // About 2 MB of output: more than a pipe holds (64 KB to 1 MB), so the bin is still writing when the reader goes.
    writeFileSync(file, seed + `\n\n${records}`.repeat(30))
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
