import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type Paper, parseDigest, RULES, safeParseDigest } from '../src/index.js'
import { defined } from './helpers/defined.js'
import { FIXTURES, fixtureNames, golden, readFixture, readGolden } from './helpers/fixtures.js'

interface Case {
  about: string
  damaged: string[] | 'all'
  sameLines?: boolean
  /** Papers the damage adds: a record repeated. */
  added?: number
}
const CASES = JSON.parse(readFileSync(`${FIXTURES}damage/cases.json`, 'utf8')) as Record<string, Case>
const NAMES = fixtureNames('damage').filter((name) => name !== 'base')
const BASE = parseDigest(readFixture('damage', 'base'))

const withoutLine = ({ line, ...paper }: Paper) => paper

describe('damaged digests', () => {
  it('each have a case in cases.json', () => {
    expect(
      Object.keys(CASES)
        .filter((key) => !key.startsWith('$'))
        .sort(),
    ).toEqual(NAMES)
  })

  it.each(['base', ...NAMES])('%s matches its golden file', (name) => {
    expect(golden(readFixture('damage', name))).toEqual(readGolden('damage', name))
  })

  it.each(NAMES)('%s keeps every intact record exactly as in the undamaged text', (name) => {
    const { damaged, sameLines, added = 0 } = defined(CASES[name], `a case for ${name}`)
    const result = safeParseDigest(readFixture('damage', name))
    const papers = result.success ? result.data.papers : result.error.digest.papers
    if (damaged === 'all') return
    const intact = BASE.papers.filter((paper) => !damaged.includes(paper.title))
    const titles = new Set(intact.map((paper) => paper.title))
    const kept = papers.filter((paper) => titles.has(paper.title))
    if (sameLines) expect(kept).toEqual(intact)
    else expect(kept.map(withoutLine)).toEqual(intact.map(withoutLine))
    // Whatever else came out stands for a damaged record, not for a line made into a paper.
    expect(papers.length - kept.length).toBeLessThanOrEqual(damaged.length + added)
  })

  it('give the same results for every line ending, a byte-order mark and trailing white space', () => {
    // Offsets differ (a CRLF is two characters); lines and columns may not.
    const results = (name: string) => {
      const result = safeParseDigest(readFixture('damage', name))
      const messages = result.messages.map(({ position, ...message }) => message)
      return { digest: result.success && result.data, messages }
    }
    for (const name of ['crlf', 'cr', 'bom', 'trailing-whitespace']) expect(results(name)).toEqual(results('base'))
  })

  it('give the same papers without any blank line', () => {
    const tight = readFixture('damage', 'base').replace(/\n\n/g, '\n')
    expect(parseDigest(tight).papers.map(withoutLine)).toEqual(BASE.papers.map(withoutLine))
  })

  it('cover every rule with a fixture, but the few that have a test of their own', () => {
    const found = new Set(NAMES.flatMap((name) => readGolden('damage', name).messages.map((message) => message.ruleId)))
    // Rules about bytes and size, which text fixtures cannot hold (invalid
    // bytes, a line over 1 MiB, an input over the limit, more diagnostics than a whole text keeps): each is tested in the file named.
    const testedElsewhere: Record<string, string> = {
      'invalid-encoding': 'test/hostile.test.ts',
      'line-too-long': 'test/hostile.test.ts',
      'input-too-large': 'test/limits.test.ts',
      'too-many-diagnostics': 'test/limits.test.ts',
    }
    expect([...found].sort()).toEqual(
      Object.keys(RULES)
        .filter((rule) => !(rule in testedElsewhere))
        .sort(),
    )
    for (const [rule, file] of Object.entries(testedElsewhere)) {
      expect(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'), `${rule} in ${file}`).toContain(`'${rule}'`)
    }
  })
})

describe('what damaged records become', () => {
  const paper = (name: string, title: string) => {
    const { digest } = readGolden('damage', name)
    return digest.papers.find((candidate) => candidate.title === title)
  }

  it('a title with metadata but no abstract is a paper with an empty abstract', () => {
    expect(paper('missing-abstract', 'LEMUR Neural Network Dataset: Towards Seamless AutoML')).toMatchObject({
      abstract: '',
      authorCount: 10,
      published: { text: 'Apr 14', year: 2025 },
      line: 37,
    })
  })

  it('an incomplete metadata block keeps what it has', () => {
    expect(paper('incomplete-metadata', 'LEMUR Neural Network Dataset: Towards Seamless AutoML')).toMatchObject({
      authorCount: 10,
      published: { text: 'Apr 14', iso: '2025-04-14' },
      comments: 0,
    })
    expect(paper('incomplete-metadata', 'Benchmarking Neural Network Training Algorithms')).toMatchObject({
      authorCount: 25,
      published: { iso: '2023-06-12' },
      comments: 1,
    })
    expect(paper('incomplete-metadata', 'FLoRA: Low-Rank Core Space for N-dimension')).toMatchObject({
      authorCount: null,
      published: { iso: '2024-05-23' },
    })
  })

  it('a record cut in its metadata keeps the author count; cut in its abstract, what was read', () => {
    expect(paper('cut-in-metadata', 'Benchmarking Neural Network Training Algorithms')).toMatchObject({
      authorCount: 25,
      published: null,
      comments: null,
    })
    const cut = defined(paper('cut-in-abstract', 'Benchmarking Neural Network Training Algorithms'))
    expect(cut.abstract).toHaveLength(400)
    expect(cut).toMatchObject({ authorCount: null, published: null, comments: null })
  })

  it('an invalid date leaves the paper without one, but keeps its comment count', () => {
    expect(
      paper('invalid-date', 'Context-aware Decoding Reduces Hallucination in Query-focused Summarization'),
    ).toMatchObject({
      authorCount: 1,
      published: null,
      comments: 0,
    })
  })

  it('a title shaped like a date is still a title', () => {
    expect(paper('date-like-title', 'May 13 2')).toMatchObject({ authorCount: 1, published: { iso: '2023-12-21' } })
    expect(
      paper('date-like-title', 'Benchmarking Neural Network Training Algorithms as of Jun 12, 2023'),
    ).toMatchObject({
      published: { text: 'Jun 12, 2023' },
      comments: 1,
    })
  })

  it('lines skipped one after another are one diagnostic, metadata blocks and stray lines alike', () => {
    const text =
      'A\n\nAn abstract.\n\n  • 2 authors\n·\nMay 1, 2024\n\n·\n\n·\n\n<p>Share</p>\n\nB\n\nB abstract.\n\n  • 1 authors\n·\nMay 2, 2024'
    const result = safeParseDigest(text)
    expect(result.success || result.error.digest.papers.map((p) => p.title)).toEqual(['A', 'B'])
    expect(result.messages.filter((m) => m.ruleId === 'unexpected-line')).toEqual([
      {
        severity: 'error',
        ruleId: 'unexpected-line',
        message: 'skipped 3 lines that belong to no record (lines 9 to 13): "·"',
        line: 9,
        column: 1,
        position: { start: { line: 9, column: 1, offset: 46 }, end: { line: 13, column: 13, offset: 64 } },
      },
    ])
  })

  it('no year anywhere leaves year-less dates unknown', () => {
    const { digest } = readGolden('damage', 'unknown-year')
    expect(digest.date).toEqual({ text: 'Oct 31', year: null, month: 10, day: 31, yearInferred: false, iso: null })
    expect(digest.papers.every((p) => p.published === null || p.published.year === null)).toBe(true)
  })
})
