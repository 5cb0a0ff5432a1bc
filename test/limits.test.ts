import { describe, expect, it } from 'vitest'
import {
  DEFAULT_MAX_BYTES,
  type DigestInput,
  DigestParseError,
  type Paper,
  parseDigest,
  parseDigestStream,
  parseTree,
  safeParseDigest,
} from '../src/index.js'
import { wellFormed } from './helpers/hostile.js'

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
