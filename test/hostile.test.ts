import { isDeepStrictEqual } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type Diagnostic,
  DigestReader,
  DigestSchema,
  inferYear,
  type Paper,
  parseDigest,
  parseDigestStream,
  parseTree,
  type SafeParseResult,
  safeParseDigest,
} from '../src/index.js'
import {
  asRead,
  byteLength,
  HOSTILE_HERE,
  type HostileInput,
  hostileBytes,
  manyRecords,
  manyRecordsBytes,
  manyRecordsChunks,
  readInput,
  wellFormedOfSize,
} from './helpers/hostile.js'
import { defined } from './helpers/defined.js'
import { readGolden } from './helpers/fixtures.js'
import { checkMessages, checkTree, LineIndex, unaccounted } from './helpers/invariants.js'

// Whatever scrapers produce: the parser must not throw, must give a valid
// digest with diagnostics that say what went wrong, and must take time linear
// in the input's size. The inputs are listed in helpers/hostile.ts.

const YEAR = 2025
const MB = 1e6
const CHUNK = 64 * 1024

const digestOf = (result: SafeParseResult) => (result.success ? result.data : result.error.digest)
/** The text of an input: UTF-16 after its byte-order mark, else UTF-8. */
function decode(input: string | Uint8Array): string {
  if (typeof input === 'string') return input
  const encoding =
    input[0] === 0xff && input[1] === 0xfe ? 'utf-16le' : input[0] === 0xfe && input[1] === 0xff ? 'utf-16be' : 'utf-8'
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(input)
}
const rules = (messages: Diagnostic[]) => {
  const counts: Record<string, number> = {}
  for (const { ruleId } of messages) counts[ruleId] = (counts[ruleId] ?? 0) + 1
  return counts
}

function* chunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += CHUNK) yield bytes.subarray(start, start + CHUNK)
}

// A full garbage collection, where vitest.config.ts gives one (--expose-gc).
// With 400 MB live (the 175 MB digest's text and papers), V8 lets about as
// much garbage gather before it collects, which took the peak past 1 GB.
const collect = () => (globalThis as { gc?: () => void }).gc?.()

/**
 * Stream the bytes, each paper compared with `expected` as it comes rather
 * than all kept (100,000 papers and the text they hold, a second time):
 * how many came, and the diagnostics.
 */
async function streamAgainst(bytes: Uint8Array, expected: Paper[]) {
  let papers = 0
  const messages: Diagnostic[] = []
  for await (const paper of parseDigestStream(chunks(bytes), {
    year: YEAR,
    onMessage: (message) => messages.push(message),
  })) {
    // The cheap check first; toEqual, for its message, when it fails.
    if (!isDeepStrictEqual(paper, expected[papers])) expect(paper, `paper ${String(papers)}`).toEqual(expected[papers])
    if (++papers % 20_000 === 0) collect()
  }
  return { papers, messages }
}

// A digest with nothing in it: no header, no papers, the text rendering.
const EMPTY_DIGEST = { title: null, date: null, rendering: 'text', page: null, query: null, papers: [] }

/** What each input must come out as, beyond a valid digest. */
const EXPECTED: Record<string, (result: SafeParseResult, input: string | Uint8Array) => void> = {
  empty(result) {
    expect(digestOf(result)).toEqual(EMPTY_DIGEST)
    // No paper at all is an error: an empty scrape does not pass.
    expect(rules(result.messages)).toEqual({ 'missing-header': 1, 'no-papers': 1 })
    expect(result.success).toBe(false)
  },
  'header-only'(result) {
    expect(result.success).toBe(false)
    expect(digestOf(result)).toMatchObject({ title: 'Daily Papers', date: { text: 'Oct 31' }, papers: [] })
    expect(result.messages).toMatchObject([
      { ruleId: 'no-papers', line: 11, column: 7, position: { end: { line: 11, column: 7 } } },
    ])
  },
  'random-bytes'(result, input) {
    // Not text: one error that spans it all, and nothing read from it.
    expect(digestOf(result).papers).toEqual([])
    expect(result.messages).toEqual([
      {
        severity: 'error',
        ruleId: 'binary-input',
        message: 'the input is not text (NUL bytes, control characters or invalid UTF-8); no papers are read from it',
        line: 1,
        column: 1,
        position: {
          start: { line: 1, column: 1, offset: 0 },
          end: expect.objectContaining({ offset: decode(input).length }) as unknown,
        },
      },
    ])
  },
  'control-chars'(result) {
    const { papers } = digestOf(result)
    // Valid UTF-8: control characters are text, kept verbatim, not encoding errors.
    expect(rules(result.messages)['invalid-encoding']).toBeUndefined()
    expect(papers[0]).toMatchObject({
      title: 'A title\u0000with a NUL, a bell\u0007 and an escape \u001b[31mred\u001b[0m',
      links: ['https://example.org/a'],
    })
    expect(defined(papers[0]).abstract).toContain('\u0085\u009b\u009f, a NUL\u0000inside')
    expect(papers.at(-1)).toMatchObject({ title: 'A clean title', authorCount: 1, published: { iso: '2025-05-21' } })
    // A line that only looks like `·` or a date, a control character beside it, is not one.
    expect(result.messages.some((message) => message.ruleId === 'incomplete-metadata')).toBe(true)
  },
  'lone-surrogates'(result) {
    const { papers } = digestOf(result)
    expect(
      result.messages
        .filter((message) => message.ruleId === 'invalid-encoding')
        .map((message) => [message.line, message.column]),
    ).toEqual([
      // Lines with invalid bytes one after another (blank lines aside) are one span.
      [13, 36],
      [18, 1],
    ])
    expect(result.messages.find((message) => message.ruleId === 'invalid-encoding')).toMatchObject({
      message: '15 byte sequences on 2 lines (13 to 15) are not valid UTF-8 (replaced with U+FFFD)',
      position: { end: { line: 15, column: 71 } },
    })
    // Each byte of an encoded surrogate is a maximal invalid subpart: one U+FFFD each.
    expect(defined(papers[0]).title).toBe(
      'A title with a lone high surrogate \uFFFD\uFFFD\uFFFD and a low one \uFFFD\uFFFD\uFFFD',
    )
    expect(papers.at(-1)).toMatchObject({ title: 'A clean title', authorCount: 1, published: { iso: '2025-05-21' } })
  },
  'lone-surrogates-string'(result) {
    const { papers } = digestOf(result)
    // A string holds no bytes to be invalid: its lone surrogates are kept as they are.
    expect(rules(result.messages)['invalid-encoding']).toBeUndefined()
    expect(papers[0]).toMatchObject({ title: 'A title \ud800 with a lone high surrogate', authorCount: 4 })
  },
  'line-separators'(result) {
    const { papers } = digestOf(result)
    // U+2028 and U+2029 are white space around a line (as trim has it), and text inside one; never line endings.
    expect(papers[0]).toMatchObject({
      title: 'A title with a line separator\u2028before and after it',
      abstract: 'An abstract\u2029with paragraph separators\u2029inside.',
      authorCount: 3,
      published: { iso: '2025-05-13' },
      // The count after the date is the comment count; the text rendering shows no upvotes.
      upvotes: null,
      comments: 2,
      line: 13,
    })
    // A metadata block held on one line by U+2028: its parts run on into each
    // other, each reported (incomplete-metadata), and read as the lines they are.
    expect(papers[1]).toMatchObject({ title: 'A second title', authorCount: 2, published: { iso: '2025-05-21' } })
    expect(papers[2]).toMatchObject({ title: 'Last title', abstract: 'Last abstract.', line: 31 })
    expect(rules(result.messages)).toEqual({ 'incomplete-metadata': 2 })
  },
  'long-line'(result, input) {
    // Over 1 MiB: skipped, and reported, without being read.
    expect(digestOf(result).papers).toEqual([])
    expect(result.messages.map((message) => message.ruleId)).toEqual(['line-too-long', 'missing-header', 'no-papers'])
    expect(result.messages[0]).toMatchObject({
      message: `skipped a line of ${String(input.length)} characters, longer than the longest read (1048576)`,
      position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, offset: input.length } },
    })
  },
  'long-abstract'(result) {
    const paper = defined(digestOf(result).papers[0])
    expect(result.messages).toEqual([])
    expect(paper.abstract.length).toBeGreaterThan(990_000)
    expect(paper.links.slice(0, 3)).toEqual([
      'https://example.org/paper_(v2)',
      'https://github.com/a/b',
      'http://x.io/d',
    ])
    expect(paper.links.length % 3).toBe(0)
  },
  'blank-lines'(result) {
    expect(rules(result.messages)).toEqual({ 'missing-header': 1, 'no-papers': 1 })
  },
  'blank-crlf-lines'(result) {
    expect(rules(result.messages)).toEqual({ 'missing-header': 1, 'no-papers': 1 })
  },
  bullets(result) {
    expect(result.messages.map((message) => message.ruleId)).toEqual(['missing-header', 'unexpected-line', 'no-papers'])
  },
  'tiny-records'(result) {
    // A letter is no title: lines too short to tell from page debris, with
    // nothing to vouch for them, are skipped, one span, and no paper is made up.
    expect(digestOf(result).papers).toEqual([])
    expect(rules(result.messages)).toEqual({ 'missing-header': 1, 'unexpected-line': 1, 'no-papers': 1 })
  },
  'lone-dots'(result) {
    // Each is a metadata block with no title; skipped one after another, with
    // no record between them, they make one span and one diagnostic.
    expect(digestOf(result).papers).toEqual([])
    expect(rules(result.messages)).toEqual({ 'missing-header': 1, 'unexpected-line': 1, 'no-papers': 1 })
    expect(result.messages[1]).toMatchObject({ line: 1, column: 1, position: { end: { line: 85_334, column: 2 } } })
    expect(defined(result.messages[1]).message).toBe(
      'skipped 85334 lines that belong to no record (lines 1 to 85334): "·"',
    )
  },
  'closing-brackets'(result) {
    expect(result.messages).toEqual([])
    expect(defined(digestOf(result).papers[0], 'a paper').links).toEqual(['https://example.org/a'])
  },
  'invalid-bytes'(result) {
    expect(digestOf(result).papers).toEqual([])
    expect(result.messages.map((message) => message.ruleId)).toEqual(['binary-input'])
    expect(defined(defined(result.messages[0], 'a message').position, 'its position').end).toEqual({
      line: 2 ** 17 + 1,
      column: 1,
      offset: 2 ** 17 * 2,
    })
  },
  'invalid-bytes-after-text'(result) {
    // Text at its start, so read as text: one diagnostic for all the lines of invalid bytes, one for the lines skipped.
    const { papers } = digestOf(result)
    expect(papers.length).toBeGreaterThan(3)
    expect(papers.every((paper) => paper.authorCount !== null)).toBe(true)
    expect(rules(result.messages)).toEqual({ 'invalid-encoding': 1, 'unexpected-line': 1 })
  },
  'utf-16le'(result) {
    const seed = readGolden('seeds', '001_f604c4867d4d0d65')
    expect(digestOf(result)).toEqual(seed.digest)
    expect(result.messages.map(({ position, ...message }) => message)).toEqual(
      seed.messages.map(({ position, ...message }) => message),
    )
  },
  'utf-16be'(result) {
    const seed = readGolden('seeds', '001_f604c4867d4d0d65')
    expect(digestOf(result)).toEqual(seed.digest)
    expect(result.messages.map(({ position, ...message }) => message)).toEqual(
      seed.messages.map(({ position, ...message }) => message),
    )
  },
  executable(result) {
    expect(digestOf(result).papers).toEqual([])
    expect(result.messages.map((message) => message.ruleId)).toEqual(['binary-input'])
  },
  'records-100k'(result) {
    // Over the limit: nothing parsed, one error.
    expect(result.messages.map((message) => message.ruleId)).toEqual(['input-too-large'])
    expect(digestOf(result)).toEqual(EMPTY_DIGEST)
  },
}

/** The fastest of `runs` runs of each task, in ms, the tasks taking turns so that a busy machine slows both alike. */
function fastest(runs: number, ...tasks: Array<() => unknown>): number[] {
  const best = tasks.map(() => Infinity)
  for (let run = 0; run < runs; run++) {
    tasks.forEach((task, index) => {
      const started = performance.now()
      task()
      best[index] = Math.min(best[index] ?? Infinity, performance.now() - started)
    })
  }
  return best
}

/** `value` repeated to at least `bytes` bytes. */
function repeated<T extends string | Uint8Array>(value: T, bytes: number): T {
  const times = Math.ceil(bytes / byteLength(value))
  if (typeof value === 'string') return asRead(value.repeat(times)) as T
  const out = new Uint8Array(value.length * times)
  for (let index = 0; index < times; index++) out.set(value, index * value.length)
  return out as T
}

/** The first eighth of `value`. */
const eighth = <T extends string | Uint8Array>(value: T): T => value.slice(0, Math.floor(value.length / 8)) as T

// Timer noise on a shared machine: a parse this short is compared as if it took this long.
const FLOOR_MS = 5
// Linear: no more than this many times the time per MB of a well-formed digest.
const RATIO = 3
// A time measured while other processes share the cores (the other test
// worker, other jobs) can be thrown off once; time that grows faster than
// the input fails every attempt.
const TIMING_RETRIES = 2

// Above every hostile input but the 175 MB digest, which is there to meet it:
// the others are here to test the parser, not the default limit (4 MiB).
const LIMIT = 64 * 2 ** 20

describe.each(HOSTILE_HERE)('hostile input $name: $about', (hostile: HostileInput) => {
  // Made once for each test that reads it, and let go after it: the largest is
  // 350 MB of text, which should not stay while the next test makes its bytes.
  let cached: string | Uint8Array | undefined
  const input = () => (cached ??= readInput(hostile))
  afterEach(() => {
    cached = undefined
    if (hostile.large) collect()
  })

  it('parses without throwing, to a valid digest, with diagnostics that say what is wrong', () => {
    const result = safeParseDigest(input(), { year: YEAR, maxBytes: LIMIT })
    expect(DigestSchema.safeParse(digestOf(result)).success).toBe(true)
    const expected = defined(EXPECTED[hostile.name], `what ${hostile.name} must give, in EXPECTED`)
    expected(result, input())
    if (byteLength(input()) > LIMIT) {
      // Over the limit (see EXPECTED); without one, every record.
      const all = safeParseDigest(input(), { year: YEAR, maxBytes: Infinity })
      expect(all.success).toBe(true)
      expect(DigestSchema.safeParse(digestOf(all)).success).toBe(true)
      expect(digestOf(all).papers).toHaveLength(100_000)
      return
    }
    if (byteLength(input()) > 10 * MB) return
    const text = decode(input())
    const { tree, messages } = parseTree(input(), { year: YEAR, maxBytes: LIMIT })
    checkTree(text, tree)
    checkMessages(text, messages)
    expect(unaccounted(text, tree, messages)).toEqual([])
  })

  it('streams, from its bytes in chunks, the papers and diagnostics of the batch parser', async () => {
    const bytes = hostileBytes(hostile)
    const batch = safeParseDigest(bytes, { year: YEAR, maxBytes: Infinity })
    const streamed = await streamAgainst(bytes, digestOf(batch).papers)
    expect(streamed).toEqual({ papers: digestOf(batch).papers.length, messages: batch.messages })
  })

  // Only the large inputs: a small one takes a fraction of a millisecond, far
  // under the floor, so this could not fail; its linear test below can.
  it.skipIf(hostile.dense || !hostile.large)(
    `takes at most ${String(RATIO)}x the time per MB of a well-formed digest of its size`,
    { retry: TIMING_RETRIES },
    () => {
      const value = input()
      const megabytes = byteLength(value) / MB
      // Of its size, between 1 MB (a time per MB that timer noise does not
      // decide) and 10 MB (so that the 100,000 records are measured against a
      // smaller digest: a test of linear time, not of the digest against itself).
      const reference = asRead(wellFormedOfSize(Math.min(Math.max(byteLength(value), MB), 10 * MB)))
      const runs = megabytes > 50 ? 2 : 5
      const options = { maxBytes: Infinity }
      const [ms, referenceMs] = fastest(
        runs,
        () => safeParseDigest(value, options),
        () => safeParseDigest(reference, options),
      )
      const perMegabyte = defined(referenceMs) / (byteLength(reference) / MB)
      expect(ms).toBeLessThanOrEqual(RATIO * Math.max(perMegabyte * megabytes, FLOOR_MS))
    },
  )

  // The small inputs, and the dense ones, whose time goes with their output,
  // must at least grow linearly: the small ones repeated, the dense ones cut.
  const grows = hostile.dense === true || (!hostile.large && hostile.name !== 'empty')
  it.skipIf(!grows)(
    `grows linearly: at most ${String(RATIO)}x the time per MB it takes at an eighth of its size`,
    { retry: TIMING_RETRIES },
    () => {
      const [small, large] = hostile.large
        ? [eighth(input()), input()]
        : [repeated(input(), MB / 8), repeated(input(), MB)]
      const [smallMs, largeMs] = fastest(
        3,
        () => safeParseDigest(small),
        () => safeParseDigest(large),
      )
      const expected = defined(smallMs) * (byteLength(large) / byteLength(small))
      expect(largeMs).toBeLessThanOrEqual(RATIO * Math.max(expected, FLOOR_MS))
    },
  )
})

describe('the digest of many records', () => {
  it('is made as bytes, whole or in chunks, that are the UTF-8 of its text', () => {
    const encoder = new TextEncoder()
    for (const records of [0, 1, 97, 98, 250]) {
      const bytes = encoder.encode(manyRecords(records))
      expect(Buffer.from(manyRecordsBytes(records)).equals(bytes), `${String(records)} records`).toBe(true)
      expect(Buffer.concat([...manyRecordsChunks(records)]).equals(bytes), `${String(records)} records`).toBe(true)
    }
    const result = safeParseDigest(manyRecordsBytes(250))
    expect(result.success && result.data.papers).toHaveLength(250)
  })
})

describe('runs of blank lines', () => {
  // The scanner skips them in runs (LF, CRLF, lone CR, spaces and tabs): the
  // lines must come out the same wherever a piece ends inside a run.
  const text =
    'Title one\n\n\n\nAbstract one.\r\n\r\n\r\n  • 2 authors\r·\r\r\rMay 1, 2024\n \t\n\r\n\t\r\r\nTitle two\r\r\n\r\nAbstract two.\n\r\r\n \n'

  it('give the lines the text has, wherever the text is cut', async () => {
    const batch = safeParseDigest(text, { year: YEAR })
    const lines = new LineIndex(text)
    expect(digestOf(batch).papers.map((paper) => paper.line)).toEqual([1, lines.point(text.indexOf('Title two')).line])
    expect(digestOf(batch).papers.map((paper) => paper.published?.iso)).toEqual(['2024-05-01', undefined])
    const { tree } = parseTree(text)
    checkTree(text, tree)
    for (let first = 0; first <= text.length; first++) {
      for (let second = first; second <= text.length; second++) {
        const pieces = [text.slice(0, first), text.slice(first, second), text.slice(second)]
        const papers: Paper[] = []
        const messages: Diagnostic[] = []
        for await (const paper of parseDigestStream(pieces, {
          year: YEAR,
          onMessage: (message) => messages.push(message),
        }))
          papers.push(paper)
        expect({ papers, messages }).toEqual({
          papers: digestOf(batch).papers,
          messages: batch.messages,
        })
      }
    }
  })
})

describe('what is neither text nor bytes', () => {
  // An ArrayBuffer or a number read as an empty input would be a no-papers
  // error that hides the mistake: each entry point says what it was given.
  const cases: Array<[unknown, RegExp]> = [
    [new ArrayBuffer(8), /not from an ArrayBuffer \(wrap it: new Uint8Array\(buffer\)\)/],
    [new Uint16Array(4), /not from a Uint16Array \(give its bytes/],
    [new DataView(new ArrayBuffer(4)), /not from a DataView/],
    [123, /not from a value of type number/],
    [null, /not from null/],
    [undefined, /not from a value of type undefined/],
    [{ text: 'x' }, /not from a value of type object/],
    [['Daily Papers'], /not from an array/],
  ]
  it.each(cases)('refuses %o with a TypeError that names it, from every entry point', async (input, expected) => {
    const given = input as string
    for (const parse of [parseDigest, safeParseDigest, parseTree]) {
      expect(() => parse(given)).toThrow(TypeError)
      expect(() => parse(given)).toThrow(expected)
    }
    const reader = new DigestReader({ onMessage() {} })
    expect(() => reader.push(given)).toThrow(expected)
    const stream = async () => {
      for await (const paper of parseDigestStream([given])) expect(paper).toBeUndefined()
    }
    await expect(stream()).rejects.toThrow(expected)
    await expect(inferYear([given])).rejects.toThrow(expected)
  })

  it('takes a Buffer and a Uint8Array from another realm as bytes', async () => {
    const { runInNewContext } = await import('node:vm')
    const text = 'Daily Papers'
    const foreign = runInNewContext('new Uint8Array([68, 97, 105, 108, 121])') as Uint8Array
    expect(foreign instanceof Uint8Array).toBe(false)
    expect(safeParseDigest(foreign).messages.map((message) => message.ruleId)).toEqual(
      safeParseDigest('Daily').messages.map((message) => message.ruleId),
    )
    expect(safeParseDigest(Buffer.from(text)).messages).toEqual(safeParseDigest(text).messages)
  })
})
