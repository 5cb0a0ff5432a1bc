import { describe, expect, it } from 'vitest'
import {
  DEFAULT_MAX_BYTES,
  type Diagnostic,
  type DigestInput,
  DigestParseError,
  type Paper,
  parseDigest,
  parseDigestStream,
  parseTree,
  safeParseDigest,
} from '../src/index.js'
import { messageBudget } from '../src/pipeline.js'
import { defined } from './helpers/defined.js'
import { wellFormed } from './helpers/hostile.js'

const outcome = (result: ReturnType<typeof safeParseDigest>) => (result.success ? result.data : result.error.digest)

// options.maxBytes: the batch functions refuse input over it, measured in
// UTF-8 bytes, with one `input-too-large` error and an empty digest. The
// stream has no limit.

const encode = (text: string) => new TextEncoder().encode(text)
const DIGEST = 'A title\n\nAn abstract.\n\n  • 2 authors\n·\nMay 13 2'
const BYTES = encode(DIGEST).length
const EMPTY = { title: null, date: null, rendering: 'text', page: null, query: null, papers: [] }

function expectTooLarge(input: DigestInput, maxBytes: number) {
  const result = safeParseDigest(input, { maxBytes, year: 2025 })
  expect(result.success).toBe(false)
  expect(result.messages).toEqual([
    {
      severity: 'error',
      ruleId: 'input-too-large',
      message: expect.stringContaining(`(${String(maxBytes)} bytes)`) as string,
      line: 1,
      column: 1,
      position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
    },
  ])
  expect(result.success || result.error.digest).toEqual(EMPTY)
  expect(() => parseDigest(input, { maxBytes })).toThrow(DigestParseError)
  const { tree, messages } = parseTree(input, { maxBytes })
  expect(tree.children).toEqual([])
  expect(messages.map((message) => message.ruleId)).toEqual(['input-too-large'])
}

function expectParsed(input: DigestInput, maxBytes: number) {
  const result = safeParseDigest(input, { maxBytes, year: 2025 })
  expect(result.messages.map((message) => message.ruleId)).not.toContain('input-too-large')
  return result
}

describe('options.maxBytes', () => {
  it('measures the digest in UTF-8 bytes', () => {
    // The `•` takes three bytes, the `·` two.
    expect(BYTES).toBe(DIGEST.length + 3)
    expectTooLarge(DIGEST, DIGEST.length)
  })

  it.each([
    ['a string', DIGEST],
    ['bytes', encode(DIGEST)],
  ])('refuses %s one byte over the limit, and parses it at the limit', (_, input) => {
    expectTooLarge(input, BYTES - 1)
    const result = expectParsed(input, BYTES)
    expect(result.success && result.data.papers).toMatchObject([{ title: 'A title', authorCount: 2, comments: 2 }])
  })

  it('counts characters outside ASCII as the bytes UTF-8 takes for them', () => {
    // Ten characters, twenty bytes.
    const ten = 'é'.repeat(10)
    expectTooLarge(ten, 19)
    expectParsed(ten, 20)
    expectTooLarge(encode(ten), 19)
    expectParsed(encode(ten), 20)
    // Three bytes for a CJK character, four for a surrogate pair, three for a
    // lone surrogate (U+FFFD once encoded), one for each byte of a byte-order mark's three.
    for (const [text, bytes] of [
      ['中', 3],
      ['🚀', 4],
      ['a\ud800', 4],
      ['\ud800\ud800', 6],
      ['\uFEFFx', 4],
      ['e\u0301', 3],
    ] as const) {
      expect(encode(text).length).toBe(bytes)
      expectTooLarge(text, bytes - 1)
      expectParsed(text, bytes)
    }
  })

  it('takes 0 (only the empty text) and Infinity (no limit), and rejects what is not a number of bytes', () => {
    expectParsed('', 0)
    expectTooLarge(' ', 0)
    expectParsed(DIGEST, Infinity)
    for (const maxBytes of [-1, 1.5, Number.NaN, '10' as unknown as number]) {
      expect(() => safeParseDigest(DIGEST, { maxBytes })).toThrow(TypeError)
    }
  })

  it(`is ${String(DEFAULT_MAX_BYTES)} bytes (64 MiB) by default, counted in UTF-8 bytes even when the string is shorter`, () => {
    expect(DEFAULT_MAX_BYTES).toBe(64 * 2 ** 20)
    expectParsed('x'.repeat(DEFAULT_MAX_BYTES), DEFAULT_MAX_BYTES)
    expect(safeParseDigest('x'.repeat(DEFAULT_MAX_BYTES + 1)).messages.map((message) => message.ruleId)).toEqual([
      'input-too-large',
    ])
    // Half as many characters as the limit has bytes, each of two bytes: one byte over.
    const wide = 'é'.repeat(DEFAULT_MAX_BYTES / 2) + 'x'
    expect(safeParseDigest(wide).messages.map((message) => message.ruleId)).toEqual(['input-too-large'])
  })

  // About 68 MB, over the 64 MiB limit of the batch functions: a few seconds
  // and some 300 MB, so it runs in `npm run test:long` (LONG_INPUTS=1).
  it.runIf(process.env.LONG_INPUTS === '1')('does not apply to the stream, which takes any size', async () => {
    const rounds = 400
    const text = wellFormed(rounds)
    const bytes = encode(text)
    expect(bytes.length).toBeGreaterThan(DEFAULT_MAX_BYTES)
    expect(safeParseDigest(bytes).messages.map((message) => message.ruleId)).toEqual(['input-too-large'])
    const chunks = function* () {
      for (let start = 0; start < bytes.length; start += 1 << 20) yield bytes.subarray(start, start + (1 << 20))
    }
    let papers = 0
    const rules = new Set<string>()
    const paper = (value: Paper) => value.line > 0
    for await (const value of parseDigestStream(chunks(), {
      year: 2025,
      onMessage: (message) => rules.add(message.ruleId),
    }))
      papers += paper(value) ? 1 : 0
    expect(papers).toBe(rounds * 98)
    expect([...rules]).toEqual(['missing-metadata'])
    // A string, pushed whole, neither.
    papers = 0
    for await (const value of parseDigestStream([text], { year: 2025, onMessage() {} })) papers += paper(value) ? 1 : 0
    expect(papers).toBe(rounds * 98)
  })
})

describe('the diagnostics a whole text keeps', () => {
  // A record every 49 bytes that gives three diagnostics (no abstract, no
  // authors, no such date): 14,000 records, 42,000 diagnostics in 686,000
  // bytes, over the budget of max(10,000, bytes / 256) = 10,000.
  const RECORDS = 14_000
  const record = (index: number) =>
    `Title ${index.toString(36).padStart(5, '0')} of a Study\n\n• 0 authors\n·\nFeb 30\n\n`
  const text = Array.from({ length: RECORDS }, (_, index) => record(index)).join('')
  const result = safeParseDigest(text, { year: 2025 })

  it('are 10,000 at least, then one for every 256 bytes: the rest are counted in one too-many-diagnostics', () => {
    expect(messageBudget(100)).toBe(10_000)
    expect(messageBudget(256 * 20_000)).toBe(20_000)
    const { messages } = result
    // missing-header first, then the budget's worth in source order, then the count.
    expect(messages).toHaveLength(10_000 + 1)
    const last = defined(messages.at(-1))
    expect(last).toMatchObject({ ruleId: 'too-many-diagnostics', severity: 'error' })
    const kept = messages.slice(0, -1)
    const counted = 3 * RECORDS + 1 - kept.length
    expect(last.message).toContain(`${counted.toLocaleString('en-US')} more diagnostics`)
    // Each rule the count holds is named with its number.
    for (const rule of ['missing-abstract', 'incomplete-metadata', 'invalid-date']) expect(last.message).toContain(rule)
    // It spans the lines of those it counts: from the first not kept to the end.
    expect(last.line).toBeGreaterThan(defined(kept.at(-1)).line)
    expect(last.position?.end.line).toBe(text.split('\n').length - 2)
    // Every paper is still there.
    expect(outcome(result).papers).toHaveLength(RECORDS)
  })

  it('are every one in the stream, which hands each on', async () => {
    const given: Diagnostic[] = []
    let papers = 0
    for await (const paper of parseDigestStream([text], { year: 2025, onMessage: (message) => given.push(message) }))
      papers += paper.line > 0 ? 1 : 0
    expect(papers).toBe(RECORDS)
    expect(given).toHaveLength(3 * RECORDS + 1)
    expect(given.slice(0, 10_000)).toEqual(result.messages.slice(0, 10_000))
  })

  it('is a warning when all it counts are warnings', () => {
    // Titles and abstracts without metadata: one missing-metadata warning each.
    const warnings = Array.from(
      { length: 10_500 },
      (_, index) => `Title ${index.toString(36).padStart(5, '0')} of a Study\n\nWe report ${String(index)}.\n\n`,
    ).join('')
    const parsed = safeParseDigest(warnings)
    expect(parsed.success).toBe(true)
    expect(defined(parsed.messages.at(-1))).toMatchObject({ ruleId: 'too-many-diagnostics', severity: 'warning' })
    expect(outcome(parsed).papers).toHaveLength(10_500)
  })
})
