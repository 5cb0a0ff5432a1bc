import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Diagnostic,
  DigestParseError,
  DigestReader,
  type DigestReaderOptions,
  inferYear,
  type Paper,
  parseDigestStream,
  safeParseDigest,
} from '../src/index.js'
import { defined } from './helpers/defined.js'
import { readFixture } from './helpers/fixtures.js'
import { propertyRuns } from './helpers/runs.js'

const RUNS = propertyRuns(300)
const SEEDS = ['000_b52436321a9b76b2', '001_f604c4867d4d0d65'].map((name) => readFixture('seeds', name))
const encode = (text: string) => new TextEncoder().encode(text)

async function stream(chunks: Iterable<string | Uint8Array>, year?: number) {
  const papers: Paper[] = []
  const messages: Diagnostic[] = []
  for await (const paper of parseDigestStream(chunks, { year, onMessage: (message) => messages.push(message) }))
    papers.push(paper)
  return { papers, messages }
}

function batch(text: string | Uint8Array, year?: number) {
  const result = safeParseDigest(text, { year })
  return { papers: result.success ? result.data.papers : result.error.digest.papers, messages: result.messages }
}

/** `bytes` cut at the given points (sorted, deduplicated). */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((point) => point % (bytes.length + 1)))].sort((a, b) => a - b)
  return [...at, bytes.length].map((end, index) => bytes.subarray(index === 0 ? 0 : at[index - 1], end))
}

describe('parseDigestStream', () => {
  it('yields the same papers and diagnostics as parseDigest, wherever the bytes are cut', async () => {
    const texts = [
      ...SEEDS,
      readFixture('damage', 'crlf'),
      readFixture('damage', 'stray-line'),
      readFixture('damage', 'bom'),
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...texts.keys()),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (which, points) => {
          const bytes = encode(defined(texts[which]))
          expect(await stream(cut(bytes, points), 2025)).toEqual(batch(bytes, 2025))
        },
      ),
      { numRuns: RUNS, seed: 4242 },
    )
  })

  it('does so cut inside every multi-byte character and CRLF pair of a digest', async () => {
    const text = readFixture('damage', 'crlf')
    const bytes = encode(text)
    const expected = batch(bytes, 2025)
    const inside: number[] = []
    for (let index = 1; index < bytes.length; index++) {
      const continuation = ((bytes[index] ?? 0) & 0xc0) === 0x80
      const crlf = bytes[index - 1] === 13 && bytes[index] === 10
      if (continuation || crlf) inside.push(index)
    }
    expect(inside.length).toBeGreaterThan(20)
    expect(await stream(cut(bytes, inside), 2025)).toEqual(expected)
    // And one byte at a time.
    expect(await stream(cut(bytes, [...bytes.keys()]), 2025)).toEqual(expected)
  })

  it('takes strings as well as bytes', async () => {
    const text = defined(SEEDS[1])
    expect(await stream([text.slice(0, 1000), text.slice(1000)], 2025)).toEqual(batch(text, 2025))
  })

  it('leaves dates without a year unknown unless given one, and warns once', async () => {
    const { papers, messages } = await stream([defined(SEEDS[0])])
    expect(papers[2]?.published).toMatchObject({ text: 'May 13', year: null, iso: null, yearInferred: false })
    expect(messages.filter((message) => message.ruleId === 'unknown-year')).toMatchObject([
      { line: 11, severity: 'warning' },
    ])
  })

  it('reports bytes that are not UTF-8, with their line, and replaces them', async () => {
    const bytes = encode('new\n\nA title\n\nAn abstract\xff\xfe with bad bytes.\n\n  • 2 authors\n·\nMay 1, 2024')
    const broken = new Uint8Array([...bytes.subarray(0, 20), 0xff, 0xc3, ...bytes.subarray(20)])
    const { papers, messages } = await stream(cut(broken, [21, 22]))
    expect(papers[0]?.abstract).toBe('An abs\uFFFD\uFFFDtract\xff\xfe with bad bytes.')
    expect(messages.find((message) => message.ruleId === 'invalid-encoding')).toMatchObject({
      line: 5,
      column: 7,
      severity: 'error',
    })
    expect(batch(broken).messages).toEqual(messages)
  })

  it('throws after the last paper when there were errors and no onMessage', async () => {
    const papers: Paper[] = []
    const run = async () => {
      for await (const paper of parseDigestStream([readFixture('damage', 'stray-line')])) papers.push(paper)
    }
    const error = await run().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DigestParseError)
    expect((error as DigestParseError).messages.map((message) => message.ruleId)).toContain('unexpected-line')
    expect((error as DigestParseError).digest).toMatchObject({ title: 'Daily Papers', papers: [] })
    expect(papers).toHaveLength(8)
  })

  it('with strict, throws at the first diagnostic and yields nothing after it', async () => {
    const papers: Paper[] = []
    const lines = readFixture('damage', 'no-header').split('\n')
    const run = async () => {
      for await (const paper of parseDigestStream(
        lines.map((line) => `${line}\n`),
        { strict: true, year: 2025 },
      ))
        papers.push(paper)
    }
    await expect(run()).rejects.toThrow(/missing-header/)
    expect(papers).toEqual([])
  })
})

describe('inferYear', () => {
  it('gives the year parseDigest infers, so a file streamed twice matches the batch parser', async () => {
    for (const text of SEEDS) {
      const year = await inferYear([encode(text)])
      expect(year).toBe(2025)
      expect(await stream([text], year ?? undefined)).toEqual(batch(text))
    }
    expect(await inferYear(['May 1\n\nno years here'])).toBe(null)
  })
})

describe('DigestReader', () => {
  const RENDERED = ['markdown', 'weblinks', 'refs', 'trending'].map((kind) =>
    readFixture('renderings', `000_b52436321a9b76b2.${kind}`),
  )
  /** Push every chunk, taking the papers each completes; then end. */
  function read(chunks: Iterable<string | Uint8Array>, options: Omit<DigestReaderOptions, 'onMessage'> = {}) {
    const papers: Paper[] = []
    const messages: Diagnostic[] = []
    const headers: unknown[] = []
    const reader = new DigestReader({
      ...options,
      onMessage: (message) => messages.push(message),
      onHeader: (header) => headers.push(header),
    })
    for (const chunk of chunks) papers.push(...reader.push(chunk))
    papers.push(...reader.end())
    return { papers, messages, headers, header: reader.header(), count: reader.count }
  }

  it('gives what parseDigestStream yields, wherever the bytes are cut, with or without copied strings or papers', async () => {
    const texts = [...SEEDS, ...RENDERED, readFixture('damage', 'stray-line')]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...texts.keys()),
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.boolean(),
        async (which, points, copyStrings) => {
          const chunks = cut(encode(defined(texts[which])), points)
          const read_ = read(chunks, { year: 2025, copyStrings })
          expect({ papers: read_.papers, messages: read_.messages }).toEqual(await stream(chunks, 2025))
          expect(read_.papers.length).toBeGreaterThan(0)
          // onHeader once, before the first paper, with what header() gives at the end.
          expect(read_.headers).toEqual([read_.header])
          // Counting the papers without building them: the same diagnostics and header.
          const counted = read(chunks, { year: 2025, papers: false })
          expect(counted.papers).toEqual([])
          expect(counted.count).toBe(read_.papers.length)
          expect({ messages: counted.messages, headers: counted.headers }).toEqual({
            messages: read_.messages,
            headers: read_.headers,
          })
        },
      ),
      { numRuns: RUNS, seed: 77 },
    )
  })

  it('gives the header of a text with no papers at the end, and no paper', () => {
    const result = read(['Daily Papers\n\nOct 31\n'], { year: 2025 })
    expect(result.papers).toEqual([])
    expect(result.headers).toHaveLength(1)
    expect(result.messages.map((message) => message.ruleId)).toContain('no-papers')
  })

  it('gives each paper as soon as its record is complete (past the first 8 KiB, held to tell text)', () => {
    // With the rendering given, no lines are held to detect it.
    const reader = new DigestReader({ year: 2025, rendering: 'text', onMessage() {} })
    const pieces = defined(SEEDS[0]).split('\n\n')
    const papers: string[] = []
    let pushed = 0
    let previous = ''
    let checked = 0
    for (const piece of pieces) {
      const read = reader.push(`${piece}\n\n`)
      // Once the first 8,192 characters are past, the title after a metadata block completes its
      // record (and any record without metadata held before it).
      if (pushed > 8192 && previous.includes('\n·\n')) {
        expect(read.length, piece).toBeGreaterThanOrEqual(1)
        checked++
      }
      papers.push(...read.map((paper) => paper.title))
      previous = piece
      pushed += piece.length + 2
    }
    expect(checked).toBeGreaterThan(30)
    const last = reader.end()
    expect(last).toHaveLength(1)
    expect([...papers, ...last.map((paper) => paper.title)]).toEqual(
      batch(defined(SEEDS[0]), 2025).papers.map((paper) => paper.title),
    )
  })

  it('rejects options it does not take', () => {
    expect(() => new DigestReader({ year: 0, onMessage() {} })).toThrow(TypeError)
    expect(() => new DigestReader({ copyStrings: 'no' as unknown as boolean, onMessage() {} })).toThrow(/copyStrings/)
    expect(() => new DigestReader({ papers: 1 as unknown as boolean, onMessage() {} })).toThrow(/papers/)
    expect(() => new DigestReader({} as DigestReaderOptions)).toThrow(/onMessage/)
  })
})
