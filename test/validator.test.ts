import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { VALIDATED, VALIDATOR_FILE } from '../scripts/validated-schemas.js'
import { generateValidators } from '../scripts/validator-codegen.js'
import { DigestSchema, PaperDateSchema, PaperSchema } from '../src/index.js'
import {
  isDigest,
  isIsoDateText,
  isPaper,
  isPaperDate,
  isPlainArxivId,
  isTrimmedText,
} from '../src/schema/validate.generated.js'
import { defined } from './helpers/defined.js'
import { paperWith } from './helpers/paper.js'

// The parser checks its output with predicates generated from the zod
// schemas (see docs/performance.md). They must be current, and agree with zod.

const anyValue = fc.oneof(
  fc.constantFrom(
    '',
    ' x',
    'x ',
    'x',
    'A title',
    '2021-08-14',
    '2021-8-14',
    'https://a.b/c',
    'http://',
    'ftp://x',
    '\u00a0x',
  ),
  fc.string(),
  fc.constantFrom(0, 1, -1, 12, 13, 31, 32, 1000, 9999, 10000, 2 ** 53, Number.NaN, Infinity, 1.5),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.constantFrom('https://x.org', 'x', 3)),
  fc.constant({}),
)

const date = fc.record({
  text: fc.constantFrom('May 13', 'Aug 14, 2021'),
  year: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 9999 })),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
  yearInferred: fc.boolean(),
  iso: fc.constantFrom(null, '2021-08-14'),
})
const paper = fc.record({
  title: fc.constantFrom('T', 'A title'),
  abstract: fc.constantFrom('', 'An abstract.'),
  authorCount: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 50 })),
  published: fc.oneof(fc.constant(null), date),
  organization: fc.constantFrom(null, 'Carnegie Mellon University', ' x'),
  upvotes: fc.oneof(fc.constant(null), fc.nat()),
  comments: fc.oneof(fc.constant(null), fc.nat()),
  submittedBy: fc.constantFrom(null, 'akhaliq'),
  arxivId: fc.constantFrom(null, '2606.00683', '2606.00683v2', 'hep-th/9901001', '26.1'),
  githubRepo: fc.constantFrom(null, 'https://github.com/a/b', 'http://github.com/a/b'),
  githubStars: fc.oneof(fc.constant(null), fc.nat()),
  links: fc.array(fc.constantFrom('https://x.org/a', 'http://y.org')),
  line: fc.integer({ min: 1, max: 1000 }),
})
const digest = fc.record({
  title: fc.constantFrom(null, 'Daily Papers'),
  date: fc.oneof(fc.constant(null), date),
  rendering: fc.constantFrom('text', 'markdown', 'weblinks', 'html'),
  page: fc.constantFrom(null, 'daily', 'search', 'yearly'),
  query: fc.constantFrom(null, 'rag'),
  papers: fc.array(paper, { maxLength: 3 }),
})

/** A valid value, with one field (maybe nested) replaced by anything. */
function mutated<T extends object>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), anyValue, fc.boolean()).map(([value, pick, replacement, keep]) => {
    if (keep) return value
    const copy = structuredClone(value) as Record<string, unknown>
    const target = (copy.papers as Array<Record<string, unknown>> | undefined)?.[0] ?? copy
    const nested = target.published && pick % 3 === 0 ? (target.published as Record<string, unknown>) : target
    const keys = Object.keys(nested)
    nested[defined(keys[pick % keys.length])] = replacement
    return copy
  })
}

describe('the generated validator', () => {
  it('is what the generator makes of the current schemas', () => {
    expect(readFileSync(VALIDATOR_FILE, 'utf8')).toBe(generateValidators(VALIDATED))
  })

  it.each([
    ['PaperDate', isPaperDate, PaperDateSchema, mutated(date)],
    ['Paper', isPaper, PaperSchema, mutated(paper)],
    ['Digest', isDigest, DigestSchema, mutated(digest)],
  ] as const)('accepts exactly what %sSchema accepts', (_, predicate, schema, values) => {
    fc.assert(
      fc.property(fc.oneof(values, anyValue), (value) => {
        expect(predicate(value)).toBe(schema.safeParse(value).success)
      }),
      { numRuns: 3000, seed: 20261122 },
    )
  })

  it('reads the patterns it reads by hand as the patterns do', () => {
    const ISO = /^\d{4}-\d{2}-\d{2}$/
    const PLAIN_ID = /^\d{4}\.\d{4,5}$/
    const TRIMMED = /^\S(?:[^]*\S)?$/
    const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/
    // Digits, their neighbours and look-alikes, and the separators, in strings around the lengths that matter.
    const unit = fc.constantFrom('0', '1', '9', '/', ':', '-', '.', 'v', 'a', '٣', '０', ' ', '\n', '\u00a0', '\u200b')
    const text = fc.oneof(
      fc.array(unit, { maxLength: 12 }).map((units) => units.join('')),
      fc
        .tuple(fc.constantFrom('2021-08-14', '2606.00683', '2606.0068', '0001-01-01'), fc.nat(), unit)
        .map(([valid, at, replacement]) => {
          const where = at % (valid.length + 1)
          return valid.slice(0, where) + replacement + valid.slice(where + (at % 2))
        }),
    )
    fc.assert(
      fc.property(text, (value) => {
        expect(isIsoDateText(value)).toBe(ISO.test(value))
        expect(isPlainArxivId(value)).toBe(PLAIN_ID.test(value))
        if (isPlainArxivId(value)) expect(ARXIV_ID.test(value)).toBe(true)
        expect(isTrimmedText(value)).toBe(TRIMMED.test(value))
      }),
      { numRuns: 20_000, seed: 20261123 },
    )
  })

  it('checks trimmed text by its ends as the pattern does, for every UTF-16 code unit', () => {
    const TRIMMED = /^\S(?:[^]*\S)?$/
    const valid = { ...PaperSchema.parse(VALID_PAPER) }
    // One expect for all of them: 262,144 calls of it took three seconds.
    const differ: string[] = []
    for (let code = 0; code < 0x10000; code++) {
      const char = String.fromCharCode(code)
      for (const title of [char, `${char}x`, `x${char}`, `x${char}x`]) {
        if (isPaper({ ...valid, title }) !== TRIMMED.test(title)) differ.push(JSON.stringify(title))
      }
    }
    expect(differ).toEqual([])
  })
})

const VALID_PAPER = paperWith({ authorCount: 4 })
