import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { ndjsonRow, paperRow } from '../src/cli/formats.js'
import { decoded } from '../src/cli/inputs.js'
import { forCli, formatDiagnostic } from '../src/cli/output.js'
import { BATCH_BYTES } from '../src/cli/read.js'
import { type Diagnostic, type Paper, parseDigest, parseDigestStream, safeParseDigest } from '../src/index.js'
import { readFixture } from './helpers/fixtures.js'
import { lines, runCli, stdinOf } from './helpers/cli.js'
import { defined } from './helpers/defined.js'

// How the command line reads and writes fast, checked for giving exactly what
// the plain way gives: its own decoding of the input, the ndjson rows written
// field by field, long inputs streamed (json included) in one read.

const TMP = mkdtempSync(join(tmpdir(), 'papers-digest-reading-'))
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true })
})
const SEED = readFixture('seeds', '001_f604c4867d4d0d65')
const encode = (text: string) => new TextEncoder().encode(text)

async function stream(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>) {
  const papers: Paper[] = []
  const messages: Diagnostic[] = []
  for await (const paper of parseDigestStream(chunks, { year: 2025, onMessage: (m) => messages.push(m) }))
    papers.push(paper)
  return { papers, messages: messages.sort((a, b) => a.line - b.line || a.column - b.column) }
}

/** The pieces as the command reads an input: a stream of byte chunks. */
const bytesOf = (pieces: Uint8Array[]) => stdinOf(pieces)

describe('the command line decoding its input itself', () => {
  it('gives the parser what its own decoding gives, wherever the bytes are cut and whatever they hold', async () => {
    const seed = encode(SEED)
    const damage = fc.constantFrom(
      new Uint8Array([0xff]), // not UTF-8
      new Uint8Array([0xe2, 0x80]), // a sequence cut short
      new Uint8Array([0]), // a NUL byte
      encode('é €😀 '), // two, three and four bytes
      new Uint8Array([0xfe, 0xff]), // a UTF-16 byte-order mark, inside
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), damage), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (insertions, cuts) => {
          let bytes = seed
          for (const [at, inserted] of insertions) {
            const point = at % (bytes.length + 1)
            bytes = new Uint8Array([...bytes.subarray(0, point), ...inserted, ...bytes.subarray(point)])
          }
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
          const pieces = [...points, bytes.length].map((end, index) =>
            bytes.subarray(index ? points[index - 1] : 0, end),
          )
          expect(await stream(decoded(bytesOf(pieces)))).toEqual(await stream(pieces))
        },
      ),
      { numRuns: 150, seed: 20261123 },
    )
  })
})

describe('the ndjson rows, written field by field', () => {
  const base = parseDigest(SEED).papers
  it('are exactly JSON.stringify({ file, digestDate, ...paper }) for the seed', () => {
    for (const paper of base) {
      expect(paperRow('a "file".txt', '2025-12-12', paper)).toBe(ndjsonRow('a "file".txt', '2025-12-12', paper))
    }
  })

  it('are exactly that for any text: quotes, backslashes, control characters, surrogates, non-ASCII', () => {
    const text = fc.string({
      unit: fc.oneof(
        fc.constantFrom('"', '\\', '\t', '\u0001', '\ud800', '\udc00', '😀', 'é', '\u2028'),
        fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
      ),
    })
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 2 }), fc.option(text), (title, abstract, links, date) => {
        const paper: Paper = { ...defined(base[0]), title, abstract, links, organization: date }
        expect(paperRow('f', date, paper)).toBe(ndjsonRow('f', date, paper))
      }),
      { numRuns: 500, seed: 20261123 },
    )
  })
})

describe('an input over the batch limit', () => {
  // A digest of about 6 MB: the seeds' records over and over, then a long
  // abstract of non-ASCII text (a row longer than an output block), and bytes
  // that are not UTF-8 past the first 4 MiB.
  const records = SEED.split('\n\n').slice(6).join('\n\n')
  const text = `${SEED}${`\n\n${records}`.repeat(Math.ceil(6e6 / records.length))}`
  const cut = text.lastIndexOf('\n\n', text.length - 100_000)
  const long = `A very long record\n\n${'Ωmega données “quoted” \\ '.repeat(5000)}\n\n  • 3 authors\n·\nMay 21, 2024 2`
  const bytes = new Uint8Array([
    ...encode(`${text.slice(0, cut)}\n\n${long}`),
    ...encode(text.slice(cut)).map((b, i) => (i === 70_000 ? 0xff : b)),
  ])
  const file = join(TMP, 'long.txt')
  writeFileSync(file, bytes)
  const batch = safeParseDigest(bytes, { maxBytes: Infinity })
  const digest = batch.success ? batch.data : batch.error.digest

  it('is over the limit, and damaged where intended', () => {
    expect(bytes.length).toBeGreaterThan(BATCH_BYTES)
    expect(batch.messages.map((m) => m.ruleId)).toContain('invalid-encoding')
    expect(digest.papers.some((paper) => paper.abstract.length > 100_000)).toBe(true)
  })

  it('prints the JSON of the whole digest, paper by paper, as parseDigest gives it (no size limit)', async () => {
    const result = await runCli(['parse', file])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(`${JSON.stringify(digest, null, 2)}\n`)
    const diagnostics = lines(result.stderr)
    expect(diagnostics).toHaveLength(batch.messages.length)
  })

  it('prints the same rows in ndjson, byte for byte, and validate gives the same report as the batch', async () => {
    const count = (severity: Diagnostic['severity']) => batch.messages.filter((m) => m.severity === severity).length
    const ndjson = await runCli(['parse', file, '--format', 'ndjson'])
    const date = defined(digest.date, 'the digest date').iso
    expect(ndjson.stdout).toBe(digest.papers.map((paper) => ndjsonRow(file, date, paper)).join(''))
    // validate counts the streamed papers without building them: every diagnostic the batch gives, in its order.
    const validate = await runCli(['validate', file])
    expect(lines(validate.stdout).slice(0, -1)).toEqual(
      batch.messages.map((message) => formatDiagnostic(file, forCli(message)).trimEnd()),
    )
    expect(lines(validate.stdout).at(-1)).toBe(
      `1 files, ${String(digest.papers.length)} papers, ${String(count('error'))} errors, ${String(count('warning'))} warnings`,
    )
    // Standard input streams past the limit, and cannot look ahead for the year: with --year, the same.
    const year = String(defined(digest.date, 'the digest date').year)
    const named = await runCli(['validate', file, '--year', year])
    const piped = await runCli(['validate', '--year', year], { stdin: bytes })
    expect(piped.stdout).toBe(named.stdout.replaceAll(`${file}:`, '<stdin>:'))
  })
})
