import { describe, expect, it } from 'vitest'
import { splitRun, splitRunBeforeBlock } from '../src/grammar/records.js'
import { classifyLine } from '../src/tokenize/classify.js'
import { safeParseDigest } from '../src/index.js'

const ABSTRACT = 'We study a problem of some importance and show results. '.repeat(20).trim()
// Lines a blank line apart, as the page lays out its blocks.
const lines = (...values: string[]) => values.map((value, index) => classifyLine(value, 2 * index + 1, 1, 0))
const paper = (title: number, abstract: number | null, metadata: boolean) => ({
  kind: 'paper',
  title,
  abstract: abstract === null ? null : { first: abstract, last: abstract },
  metadata,
})
const stray = (line: number) => ({ kind: 'stray', line })

describe('splitRun and splitRunBeforeBlock', () => {
  it('reads the two lines before a metadata block as its title and abstract', () => {
    expect(splitRunBeforeBlock(lines('A title', ABSTRACT))).toEqual([paper(0, 1, true)])
  })

  it('lets structure win over shape: a short abstract and a long title still pair', () => {
    expect(splitRunBeforeBlock(lines(`A very long title ${'x'.repeat(240)}`, 'Short.'))).toEqual([paper(0, 1, true)])
  })

  it('reads an even run without metadata as records without metadata', () => {
    expect(splitRun(lines('Title one', ABSTRACT, 'Title two', ABSTRACT))).toEqual([
      paper(0, 1, false),
      paper(2, 3, false),
    ])
    expect(splitRunBeforeBlock(lines('Title one', ABSTRACT, 'Title two', ABSTRACT))).toEqual([
      paper(0, 1, false),
      paper(2, 3, true),
    ])
  })

  it('reads a single line before a metadata block as a title without an abstract, unless it looks like none', () => {
    expect(splitRunBeforeBlock(lines('A title of a paper'))).toEqual([paper(0, null, true)])
    // Too short to tell from a link; a sentence; an abstract: skipped (and the block is no one's).
    expect(splitRunBeforeBlock(lines('Share'))).toEqual([stray(0)])
    expect(splitRunBeforeBlock(lines('We propose a method that works well on many tasks.'))).toEqual([stray(0)])
    expect(splitRunBeforeBlock(lines(ABSTRACT))).toEqual([stray(0)])
    // After a record, a line before the block is as likely debris as a title
    // whose abstract was lost: it is skipped, and reported, not made a paper.
    expect(splitRunBeforeBlock(lines('Title one', ABSTRACT, 'Title two'))).toEqual([paper(0, 1, true), stray(2)])
  })

  it('lets shape pick the stray line of an odd run', () => {
    expect(splitRunBeforeBlock(lines('Sign in', 'A title', ABSTRACT))).toEqual([stray(0), paper(1, 2, true)])
    expect(splitRun(lines('Title one', ABSTRACT, 'Log in'))).toEqual([paper(0, 1, false), stray(2)])
    expect(splitRunBeforeBlock(lines('Title one', ABSTRACT, 'Sign in', 'Title two', ABSTRACT))).toEqual([
      paper(0, 1, false),
      stray(2),
      paper(3, 4, true),
    ])
  })

  it('never makes page chrome or markup into a paper', () => {
    expect(
      splitRunBeforeBlock(lines('<div class="banner">Cookies</div>', '<a href="/x">More</a>', 'A title', ABSTRACT)),
    ).toEqual([stray(0), stray(1), paper(2, 3, true)])
    expect(splitRun(lines('Subscribe', 'Daily Papers'))).toEqual([stray(0), stray(1)])
  })

  it('leaves a lone line a stray, and a metadata block with no line before it to none', () => {
    expect(splitRun(lines('A title'))).toEqual([stray(0)])
    expect(splitRunBeforeBlock([])).toEqual([])
  })

  it('takes time linear in the run', () => {
    const run = lines(
      ...Array.from({ length: 20_000 }, (_, index) => (index % 2 ? ABSTRACT : `Title ${String(index)}`)),
    )
    const choices = splitRunBeforeBlock(run)
    expect(choices).toHaveLength(10_000)
    expect(choices.at(-1)).toEqual(paper(19_998, 19_999, true))
  })
})

describe('duplicate-paper in the text rendering', () => {
  it('finds a paper again however many came between (the table of papers seen grows)', () => {
    const record = (index: number) =>
      `Title ${index.toString(36).padStart(4, '0')} of a Study\n\nWe report ${String(index)}.\n\n  • 2 authors\n·\nMay 1, 2024 3`
    const distinct = Array.from({ length: 3_000 }, (_, index) => record(index))
    const again = [0, 255, 1_024, 2_999]
    const text = [...distinct, ...again.map(record)].join('\n\n')
    const result = safeParseDigest(text)
    const duplicates = result.messages.filter((message) => message.ruleId === 'duplicate-paper')
    expect(duplicates.map((message) => message.message)).toEqual(
      again.map((index) => `"Title ${index.toString(36).padStart(4, '0')} of a Study" is in the digest already`),
    )
    expect((result.success ? result.data : result.error.digest).papers).toHaveLength(3_000 + again.length)
  })
})
