import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { describe, expect, it } from 'vitest'
import { safeParseDigest } from '../src/index.js'
import { digestParse, digestStringify } from '../src/unified.js'
import { defined } from './helpers/defined.js'
import { fixtureNames, readFixture } from './helpers/fixtures.js'

const SEEDS = fixtureNames('seeds')
const processor = unified().use(digestParse).use(digestStringify)

describe('papers-digest/unified', () => {
  it.each(SEEDS)('gives %s back unchanged', (name) => {
    const seed = readFixture('seeds', name)
    expect(String(processor.processSync(seed))).toBe(seed)
  })

  it.each(['stray-line', 'invalid-date'])('turns the diagnostics of %s into the file messages', (name) => {
    const text = readFixture('damage', name)
    const expected = safeParseDigest(text).messages
    expect(expected.map((message) => message.severity)).toContain('error')
    expect(expected.map((message) => message.severity)).toContain('warning')
    const messages = processor.processSync(text).messages.map((message) => ({
      ruleId: message.ruleId,
      reason: message.reason,
      message: message.message,
      line: message.line,
      column: message.column,
      fatal: message.fatal,
      source: message.source,
      place: message.place,
    }))
    expect(messages).toEqual(
      expected.map((diagnostic) => ({
        ruleId: diagnostic.ruleId,
        reason: diagnostic.message,
        message: diagnostic.message,
        line: diagnostic.line,
        column: diagnostic.column,
        fatal: diagnostic.severity === 'error',
        source: 'papers-digest',
        place: diagnostic.position,
      })),
    )
  })

  it('passes its options to the parser', () => {
    const text = 'A title\n\nAn abstract.\n\n  • 2 authors\n·\nMay 13'
    const messages = (options?: { year: number }) =>
      unified().use(digestParse, options).use(digestStringify).processSync(text).messages
    expect(messages().map((message) => message.ruleId)).toEqual(['missing-header', 'unknown-year'])
    expect(messages({ year: 2025 }).map((message) => message.ruleId)).toEqual(['missing-header'])
  })

  it('gives a tree that unist utilities walk', () => {
    const tree = unified()
      .use(digestParse)
      .parse(readFixture('seeds', defined(SEEDS[0])))
    let papers = 0
    visit(tree, 'paper', () => {
      papers++
    })
    expect(papers).toBe(63)
  })
})
