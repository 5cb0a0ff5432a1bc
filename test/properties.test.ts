import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Diagnostic,
  DiagnosticSchema,
  DigestParseError,
  DigestSchema,
  type Paper,
  parseDigest,
  parseDigestStream,
  parseTree,
  safeParseDigest,
} from '../src/index.js'
import { defined } from './helpers/defined.js'
import { fixtureNames, readFixture } from './helpers/fixtures.js'
import { checkMessages, checkTree, LineIndex, unaccounted } from './helpers/invariants.js'

// Properties over hostile text. Each is seeded, so a failure is reproducible.
// npm test runs each 1,000 times; npm run test:long (which CI runs too)
// 100,000 times, and PROPERTY_RUNS=1000000 longer still.

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1_000)
// About half a millisecond a run at most here; room for long runs on a busy machine.
const TIMEOUT = Math.max(120_000, RUNS * 5)
const YEAR = 2025
const encode = (text: string) => new TextEncoder().encode(text)
// What TextEncoder writes for a string: each lone surrogate as U+FFFD.
const wellFormed = (text: string) => text.replace(/\p{Surrogate}/gu, '\uFFFD')

function outcome(result: ReturnType<typeof safeParseDigest>) {
  return {
    success: result.success,
    digest: result.success ? result.data : result.error.digest,
    messages: result.messages,
  }
}

async function stream(chunks: Iterable<string | Uint8Array>, year: number) {
  const papers: Paper[] = []
  const messages: Diagnostic[] = []
  for await (const paper of parseDigestStream(chunks, { year, onMessage: (message) => messages.push(message) }))
    papers.push(paper)
  return { papers, messages }
}

function batch(input: string | Uint8Array, year: number) {
  const { digest, messages } = outcome(safeParseDigest(input, { year }))
  return { papers: digest.papers, messages }
}

/** `input` cut at the given points. */
function cut<T extends string | Uint8Array>(input: T, points: number[]): T[] {
  const at = [...new Set(points.map((point) => point % (input.length + 1)))].sort((a, b) => a - b)
  return [...at, input.length].map((end, index) => input.slice(index === 0 ? 0 : at[index - 1], end) as T)
}

// ---------------------------------------------------------------------------
// Text that hits the grammar: realistic lines and their near misses, mixed
// with arbitrary characters, joined by every kind of line ending.

const SEEDS = fixtureNames('seeds').map((name) => readFixture('seeds', name))
const HEADER = [
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
]
const ABSTRACT = defined(defined(SEEDS[0]).split('\n\n')[7])

const POOL = [
  ...HEADER,
  'Oct 31',
  'May 13 2',
  'May 21',
  'Aug 14, 2021',
  'Jun 12, 2023 1',
  'Feb 29',
  'Feb 29, 2023',
  'Feb 30, 2024',
  'Foo 3, 2020',
  'Sept 3',
  'January 1, 0812',
  'Aug 14, 20',
  'Mar 0',
  'Dec 31, 99999',
  'May  3',
  'Ωmega 4',
  'May 13 2 3',
  '  • 4 authors',
  '• 1 author',
  '• 1 authors',
  '• x authors',
  '• 0 authors',
  '•',
  '• 999999999 authors',
  '•• 2 authors',
  '·',
  '··',
  ' · ',
  '·\u00a0',
  'Graph2MDA: a multi-modal variational graph embedding model',
  'A title',
  'Sign in',
  'Share this page',
  ABSTRACT,
  ABSTRACT.slice(0, 300),
  'Short.',
  'See https://github.com/SJTU-DeepVisionLab/FLoRA.',
  '(https://x.org/f_(g)), and http://',
  '<div class="cookie-banner">We use cookies</div>',
  '</div>',
  '<!-- nav -->',
  '<',
  '<>',
  '',
  ' ',
  '\t \t',
  '\u00a0',
  '\u3000',
  '\uFEFF',
  '\u2028',
  '\u2029',
  'a\u2028b',
  'Title\u2029',
  '\u0000',
  'x\u0000y',
  '\u0085',
  '\u001b[31mred\u001b[0m',
  '\u007f\u0080\u009f',
  '\ud800',
  '\udc00abc',
  'a\ud83d',
  '\ud83d\ude80 rocket',
  '\uFFFD',
  '\uFFFF',
]
const LINE_ENDINGS = ['\n', '\n', '\n\n', '\r\n', '\r\n\r\n', '\r', '\r\r', '\n\r', '\u2028', '\u2029']

// Characters that mean something to the scanner or the grammar, and lone surrogates.
const SPECIAL = fc.constantFrom(
  '\n',
  '\r',
  '\r\n',
  ' ',
  '\t',
  '\u00a0',
  '\uFEFF',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u0007',
  '\u0085',
  '•',
  '·',
  '<',
  '>',
  '/',
  ',',
  'M',
  'a',
  'y',
  '1',
  '3',
  '2',
  '0',
  'F',
  'e',
  'b',
  ':',
  '.',
  'h',
  't',
  'p',
  's',
)
const character = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
  { arbitrary: SPECIAL, weight: 4 },
  { arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), weight: 1 },
)
const chars = (maxLength: number) => fc.string({ unit: character, maxLength })

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'May', 'Sep', 'Sept', 'December', 'Foo', 'Ωmega', 'may', 'MAY']
const dateLine = fc
  .record({
    month: fc.constantFrom(...MONTH_NAMES),
    day: fc.integer({ min: 0, max: 40 }),
    year: fc.option(fc.constantFrom(0, 1, 812, 999, 1000, 2021, 2024, 2100, 9999, 10_000)),
    upvotes: fc.option(fc.integer({ min: 0, max: 1e9 })),
    dot: fc.boolean(),
  })
  .map(
    ({ month, day, year, upvotes, dot }) =>
      `${month}${dot ? '.' : ''} ${String(day)}${year === null ? '' : `, ${String(year)}`}${upvotes === null ? '' : ` ${String(upvotes)}`}`,
  )
const authorsLine = fc
  .tuple(
    fc.constantFrom('', '  ', '\t'),
    fc.constantFrom('• ', '•', '•  '),
    fc.integer({ min: -1, max: 40 }),
    fc.constantFrom(' authors', ' author', 'authors', ''),
  )
  .map(([indent, bullet, count, word]) => `${indent}${bullet}${String(count)}${word}`)

const line = fc.oneof(
  { arbitrary: fc.constantFrom(...POOL), weight: 8 },
  { arbitrary: dateLine, weight: 2 },
  { arbitrary: authorsLine, weight: 2 },
  { arbitrary: chars(12), weight: 2 },
  // A pool line with arbitrary characters around it.
  { arbitrary: fc.tuple(chars(3), fc.constantFrom(...POOL), chars(3)).map((parts) => parts.join('')), weight: 1 },
)

// A record's lines, each there more often than not, so that whole and broken
// metadata blocks are common.
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { freq: 4, nil: null })
const record = fc
  .tuple(
    maybe(line),
    maybe(line),
    maybe(authorsLine),
    maybe(fc.constantFrom('·', '·', ' ·\t', '•')),
    maybe(fc.oneof(dateLine, line)),
  )
  .map((lines) => lines.filter((value): value is string => value !== null))

/** Lines joined by mixed line endings, with or without a byte-order mark and a final line ending. */
const linesText = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        line.map((value) => [value]),
        record,
      ),
      { maxLength: 8 },
    ),
    fc.array(fc.constantFrom(...LINE_ENDINGS), { minLength: 40, maxLength: 40 }),
    fc.boolean(),
  )
  .map(([bom, groups, endings, final]) => {
    const pairs = groups.flat().map((value, index) => [value, defined(endings[index % endings.length])] as const)
    const text = pairs.map(([value, ending]) => value + ending).join('')
    return (
      (bom ? '\uFEFF' : '') + (final || pairs.length === 0 ? text : text.slice(0, -defined(pairs.at(-1))[1].length))
    )
  })

/** Any string: mostly line-shaped, sometimes raw characters. */
const anyText = fc.oneof(
  { arbitrary: linesText, weight: 6 },
  { arbitrary: chars(60), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary' }), weight: 1 },
)

describe('any string', () => {
  it(
    'parses without throwing, to a valid digest and valid diagnostics; parseDigest throws only DigestParseError',
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const result = safeParseDigest(text)
          const { digest, messages } = outcome(result)
          expect(DigestSchema.safeParse(digest).success).toBe(true)
          for (const message of messages) expect(DiagnosticSchema.safeParse(message).success).toBe(true)
          expect(result.success).toBe(!messages.some((message) => message.severity === 'error'))
          let thrown: unknown = null
          try {
            expect(parseDigest(text)).toEqual(digest)
          } catch (error) {
            thrown = error
          }
          if (result.success) expect(thrown).toBe(null)
          else expect(thrown).toBeInstanceOf(DigestParseError)
        }),
        { numRuns: RUNS, seed: 60_001 },
      )
    },
    TIMEOUT,
  )

  it(
    'gives a tree whose every position lies inside the text, in order, and matches its lines and columns',
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const lines = new LineIndex(text)
          const { tree, messages } = parseTree(text)
          checkTree(text, tree, lines)
          checkMessages(text, messages, lines)
          expect(tree.position.end).toEqual(lines.point(text.length))
        }),
        { numRuns: RUNS, seed: 60_002 },
      )
    },
    TIMEOUT,
  )

  it(
    'loses nothing: every non-blank line is in a node or in an unexpected-line diagnostic',
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const { tree, messages } = parseTree(text)
          expect(unaccounted(text, tree, messages)).toEqual([])
        }),
        { numRuns: RUNS, seed: 60_003 },
      )
    },
    TIMEOUT,
  )

  it(
    'parses the same from its UTF-8 bytes (where lone surrogates become U+FFFD)',
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          expect(outcome(safeParseDigest(encode(text)))).toEqual(outcome(safeParseDigest(wellFormed(text))))
        }),
        { numRuns: RUNS, seed: 60_004 },
      )
    },
    TIMEOUT,
  )

  it(
    'streams the same papers and diagnostics as the batch parser, given a year, wherever it is cut',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyText, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), async (text, points, bytes) => {
          const input = bytes ? encode(text) : text
          expect(await stream(cut(input, points), YEAR)).toEqual(batch(input, YEAR))
        }),
        { numRuns: RUNS, seed: 60_005 },
      )
    },
    TIMEOUT,
  )

  it(
    'gives its diagnostics in source order from every entry point: the batch, the tree, the stream and its error',
    async () => {
      const inOrder = (messages: Diagnostic[]) =>
        messages.every((message, index) => {
          const before = messages[index - 1]
          return (
            before === undefined ||
            before.line < message.line ||
            (before.line === message.line && before.column <= message.column)
          )
        })
      await fc.assert(
        fc.asyncProperty(anyText, fc.array(fc.nat(), { maxLength: 6 }), async (text, points) => {
          const { messages, papers } = batch(text, YEAR)
          expect(inOrder(messages)).toBe(true)
          expect(parseTree(text, { year: YEAR }).messages).toEqual(messages)
          // Without onMessage, the stream keeps them, and throws them all after the last paper.
          let thrown: unknown = null
          let streamed = 0
          try {
            for await (const paper of parseDigestStream(cut(text, points), { year: YEAR }))
              streamed += paper.line > 0 ? 1 : 0
          } catch (error) {
            thrown = error
          }
          const errors = messages.some((message) => message.severity === 'error')
          expect(thrown === null).toBe(!errors)
          if (thrown instanceof DigestParseError) expect(thrown.messages).toEqual(messages)
          else expect(streamed).toBe(papers.length)
        }),
        { numRuns: Math.ceil(RUNS / 5), seed: 60_009 },
      )
    },
    TIMEOUT,
  )
})

describe('any string in UTF-16', () => {
  it(
    'parses the same from its UTF-16 bytes after a byte-order mark, in either byte order, the stream alike',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyText, fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), async (raw, little, points) => {
          const text = `\uFEFF${wellFormed(raw)}`
          const bytes = Buffer.from(text, 'utf16le')
          if (!little) bytes.swap16()
          const input = new Uint8Array(bytes)
          expect(outcome(safeParseDigest(input, { year: YEAR }))).toEqual(
            outcome(safeParseDigest(text, { year: YEAR })),
          )
          expect(await stream(cut(input, points), YEAR)).toEqual(batch(text, YEAR))
        }),
        { numRuns: Math.ceil(RUNS / 5), seed: 60_008 },
      )
    },
    TIMEOUT,
  )

  it('reports a lone surrogate and an odd last byte as invalid, and reads on', () => {
    // A title with a lone high surrogate (D800), then an odd byte at the end.
    const units = [0xfeff, ...'A title '.split('').map((c) => c.charCodeAt(0)), 0xd800, 0x0a, 0x0a]
    const abstract = 'An abstract.'
    const bytes = new Uint8Array([...Buffer.from(String.fromCharCode(...units) + abstract, 'utf16le'), 0x41])
    const result = safeParseDigest(bytes, { year: YEAR })
    const { digest, messages } = outcome(result)
    expect(digest.papers.map((paper) => [paper.title, paper.abstract])).toEqual([
      ['A title \uFFFD', 'An abstract.\uFFFD'],
    ])
    expect(messages.filter((message) => message.ruleId === 'invalid-encoding').map((m) => [m.line, m.column])).toEqual([
      [1, 9],
    ])
  })
})

describe('any bytes', () => {
  // Random bytes, with line endings and pieces of UTF-8 (some cut short) mixed in.
  const piece = fc.oneof(
    { arbitrary: fc.uint8Array({ maxLength: 8 }), weight: 3 },
    {
      arbitrary: fc.constantFrom(
        ...['\n', '\r\n', '\r', '• 3 authors', '·', 'May 13 2', 'A title', '\uFEFF'].map(encode),
      ),
      weight: 3,
    },
    {
      arbitrary: fc
        .constantFrom(
          [0xed, 0xa0, 0x80],
          [0xf0, 0x9f],
          [0xc3],
          [0xe2, 0x80],
          [0xef, 0xbb, 0xbf],
          [0xf4, 0x90, 0x80, 0x80],
          [0xc0, 0xaf],
        )
        .map((values) => new Uint8Array(values)),
      weight: 1,
    },
  )
  const anyBytes = fc.array(piece, { maxLength: 30 }).map((pieces) => {
    const bytes = new Uint8Array(pieces.reduce((sum, part) => sum + part.length, 0))
    let at = 0
    for (const part of pieces) {
      bytes.set(part, at)
      at += part.length
    }
    return bytes
  })

  const isUtf8 = (bytes: Uint8Array) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      return true
    } catch {
      return false
    }
  }

  it(
    'parse without throwing, as their decoded text does, the stream alike',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyBytes, fc.array(fc.nat(), { maxLength: 6 }), async (bytes, points) => {
          // UTF-16's byte-order marks make UTF-16 (see below).
          fc.pre(!(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff))
          const result = safeParseDigest(bytes, { year: YEAR })
          const { digest, messages } = outcome(result)
          expect(DigestSchema.safeParse(digest).success).toBe(true)
          const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
          const invalid = messages.filter((message) => message.ruleId === 'invalid-encoding')
          // The text path sees the same characters, and only the bytes can be invalid.
          const fromText = outcome(safeParseDigest(text, { year: YEAR }))
          expect(digest).toEqual(fromText.digest)
          expect(messages.filter((message) => message.ruleId !== 'invalid-encoding')).toEqual(fromText.messages)
          // Bytes that are not text are one binary-input error; else each run of
          // lines with invalid bytes is one diagnostic, which starts and ends at
          // a replacement character.
          const binary = messages.some((message) => message.ruleId === 'binary-input')
          expect(invalid.length > 0).toBe(!binary && !isUtf8(bytes))
          for (const message of invalid) {
            expect(text[defined(message.position?.start.offset)]).toBe('\uFFFD')
            expect(text[defined(message.position?.end.offset) - 1]).toBe('\uFFFD')
          }
          expect(new Set(invalid.map((message) => message.line)).size).toBe(invalid.length)
          const { tree } = parseTree(bytes, { year: YEAR })
          checkTree(text, tree)
          checkMessages(text, messages)
          expect(unaccounted(text, tree, messages)).toEqual([])
          expect(await stream(cut(bytes, points), YEAR)).toEqual({ papers: digest.papers, messages })
        }),
        { numRuns: RUNS, seed: 60_006 },
      )
    },
    TIMEOUT,
  )
})

// ---------------------------------------------------------------------------
// Damage stays local. A valid digest of real records, then one line inserted
// or deleted: only the records beside the damage may come out differently.

/** The seeds' records, each as its lines (title, abstract, then the metadata block's), each paper once. */
const RECORDS = SEEDS.flatMap((seed) => {
  const records: string[][] = []
  for (const block of seed.split('\n\n').slice(6)) {
    const last = records.at(-1)
    if (last && block.startsWith('  • ')) last.push(...block.split('\n'))
    else if (last?.length === 1) last.push(block)
    else records.push([block])
  }
  return records
}).filter((record, index, records) => records.findIndex(([title]) => title === record[0]) === index)

const STRAY_LINES = [
  'Sign in',
  'Share this page',
  'Cookie settings',
  '<div class="cookie-banner">We use cookies</div>',
  '</div>',
  '<a href="/papers">Papers</a>',
  ...HEADER,
  '·',
  '  • 3 authors',
  '• x authors',
  'May 13 2',
  'Feb 30, 2024',
  'Foo 3, 2020',
  'Aug 14, 2021',
  'Oct 31',
  '',
  '   ',
  '\u2028',
]

/** A canonical digest: the header and date or not, then 3 to 10 records, blocks apart by one or more blank lines. */
const validDigest = fc
  .record({
    header: fc.boolean(),
    date: fc.boolean(),
    // Distinct records: the same paper twice is a duplicate-paper (or, right after itself, one paper).
    records: fc.uniqueArray(fc.nat({ max: RECORDS.length - 1 }), { minLength: 3, maxLength: 10 }),
    gaps: fc.array(fc.constantFrom('\n\n', '\n\n', '\n\n', '\n\n\n', '\n \n\t\n'), { minLength: 32, maxLength: 32 }),
  })
  .map(({ header, date, records, gaps }) => {
    const blocks = [...(header ? HEADER : []), ...(date ? ['Oct 31'] : [])]
    for (const index of records) {
      const [title, abstract, ...metadata] = defined(RECORDS[index])
      blocks.push(defined(title), defined(abstract))
      if (metadata.length > 0) blocks.push(metadata.join('\n'))
    }
    return blocks.map((block, index) => (index === 0 ? block : defined(gaps[index % gaps.length]) + block)).join('')
  })

const damage = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...STRAY_LINES) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), text: fc.constant('') }),
)

/** Each paper of a parse, with the lines its record spans. */
function records(text: string) {
  const { tree } = parseTree(text, { year: YEAR })
  const { digest } = outcome(safeParseDigest(text, { year: YEAR }))
  const spans = tree.children
    .filter((node) => node.type === 'paper')
    .map((node) => [node.position.start.line, node.position.end.line] as const)
  expect(spans).toHaveLength(digest.papers.length)
  return digest.papers.map((paper, index) => {
    const [first, last] = defined(spans[index])
    return { paper, first, last }
  })
}

describe('damage', () => {
  it(
    'stays local: one line inserted or deleted changes at most the records beside it',
    () => {
      fc.assert(
        fc.property(validDigest, damage, (text, { kind, at, text: inserted }) => {
          const lines = text.split('\n')
          const base = records(text)
          // The damage is at line `where` (1-based): the line deleted, or the
          // line the inserted one now occupies (it goes before the old line `where`).
          const where = (at % (lines.length + (kind === 'insert' ? 1 : 0))) + 1
          const damaged =
            kind === 'insert'
              ? [...lines.slice(0, where - 1), inserted, ...lines.slice(where - 1)]
              : lines.filter((_, index) => index !== where - 1)
          const shift = kind === 'insert' ? 1 : -1
          const after = records(damaged.join('\n'))

          // "Beside" the damage: the records it touches — those whose lines (title
          // to last metadata line) include the deleted line, or, for an insertion,
          // the lines on either side of it (`where - 1` and the old `where`) — or,
          // when it falls between records (in blank lines), the records on either
          // side; and then one more record on each side of those.
          const touches = ({ first, last }: { first: number; last: number }) =>
            kind === 'delete' ? first <= where && where <= last : first <= where && where - 1 <= last
          let low = base.findIndex(touches)
          let high = base.length - 1 - [...base].reverse().findIndex(touches)
          if (low === -1) {
            high = base.findIndex(({ first }) => first > where - (kind === 'insert' ? 1 : 0))
            low = (high === -1 ? base.length : high) - 1
            if (high === -1) high = base.length
          }
          low = Math.max(0, low - 1)
          high = Math.min(base.length - 1, high + 1)

          // Every other record comes out exactly as before, but for its line,
          // which is shifted by the line inserted or deleted if it comes after.
          const before = base.slice(0, low).map(({ paper }) => paper)
          const later = base.slice(high + 1).map(({ paper }) => ({ ...paper, line: paper.line + shift }))
          const papers = after.map(({ paper }) => paper)
          expect(papers.slice(0, before.length)).toEqual(before)
          expect(papers.slice(papers.length - later.length)).toEqual(later)
          // In between, no more papers than the records beside the damage, and the line inserted.
          expect(papers.length - before.length - later.length).toBeLessThanOrEqual(
            high - low + 1 + (kind === 'insert' ? 1 : 0),
          )
          expect(papers.length - before.length - later.length).toBeGreaterThanOrEqual(0)
        }),
        { numRuns: RUNS, seed: 60_007 },
      )
    },
    TIMEOUT,
  )
})

describe('the checks themselves', () => {
  it('count lines and columns as the spec does: LF, CRLF and CR end a line, a byte-order mark takes no column', () => {
    const lines = new LineIndex('\uFEFFab\r\ncd\ref\n\ngh')
    expect([0, 1, 3, 5, 8, 11, 12, 14].map((offset) => lines.point(offset))).toEqual([
      { line: 1, column: 1, offset: 0 },
      { line: 1, column: 1, offset: 1 },
      { line: 1, column: 3, offset: 3 },
      { line: 2, column: 1, offset: 5 },
      { line: 3, column: 1, offset: 8 },
      { line: 4, column: 1, offset: 11 },
      { line: 5, column: 1, offset: 12 },
      { line: 5, column: 3, offset: 14 },
    ])
    expect([...lines.nonBlank()]).toEqual([
      { line: 1, start: 1, end: 3 },
      { line: 2, start: 5, end: 7 },
      { line: 3, start: 8, end: 10 },
      { line: 5, start: 12, end: 14 },
    ])
  })

  it('catch a node out of place, siblings out of order, and a line lost', () => {
    const text = readFixture('damage', 'stray-line')
    const { tree, messages } = parseTree(text)
    checkTree(text, tree)
    const moved = structuredClone(tree)
    defined(moved.children[1]).position.start.column++
    expect(() => {
      checkTree(text, moved)
    }).toThrow(/should be line/)
    const swapped = structuredClone(tree)
    swapped.children.reverse()
    expect(() => {
      checkTree(text, swapped)
    }).toThrow(/before its previous sibling/)
    const stretched = structuredClone(tree)
    const paper = defined(stretched.children[1])
    if (paper.type !== 'paper') throw new Error('the second node is a paper')
    defined(paper.children[0]).position.end = { ...paper.position.end }
    expect(() => {
      checkTree(text, stretched)
    }).toThrow(/value .* is not the text it spans|before its previous sibling/)
    expect(unaccounted(text, tree, messages)).toEqual([])
    expect(
      unaccounted(
        text,
        tree,
        messages.filter((message) => message.ruleId !== 'unexpected-line'),
      ),
    ).toEqual([53, 59])
  })
})
