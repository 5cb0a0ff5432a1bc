import { describe, expect, it } from 'vitest'
import { type Paper, parseDigest, safeParseDigest } from '../src/index.js'
import { defined } from './helpers/defined.js'
import { fixtureNames, golden, readFixture, readGolden } from './helpers/fixtures.js'

const SEEDS = fixtureNames('seeds')
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * An oracle written apart from the parser: the seeds are canonical, so
 * splitting on blank lines gives their blocks, and a record is a title block,
 * an abstract block, and a metadata block when the next block is one.
 */
function naiveRead(text: string, year: number): Array<Omit<Paper, 'links'>> {
  const blocks = text.split('\n\n')
  const papers: Array<Omit<Paper, 'links'>> = []
  let line = 1 + blocks.slice(0, 6).reduce((sum, block) => sum + block.split('\n').length + 1, 0)
  for (let index = 6; index < blocks.length;) {
    const title = defined(blocks[index], 'a title')
    const abstract = defined(blocks[index + 1], 'an abstract')
    const metadata = blocks[index + 2]
    const paper: Omit<Paper, 'links'> = {
      title,
      abstract,
      authorCount: null,
      organization: null,
      published: null,
      upvotes: null, // the text rendering shows no vote count
      comments: null,
      submittedBy: null,
      arxivId: null,
      githubRepo: null,
      githubStars: null,
      line,
    }
    if (metadata?.startsWith('  • ')) {
      const [authors, dot, dateLine] = metadata.split('\n')
      expect(dot).toBe('·')
      paper.authorCount = Number(defined(/^ {2}• (\d+) authors?$/.exec(defined(authors)))[1])
      const date = defined(dateLine, 'a date')
      const [, monthName, day, written, comments] = defined(/^(\w{3}) (\d+)(?:, (\d{4}))?(?: (\d+))?$/.exec(date))
      const y = written ? Number(written) : year
      const month = MONTHS.indexOf(defined(monthName)) + 1
      const iso = `${String(y)}-${String(month).padStart(2, '0')}-${defined(day).padStart(2, '0')}`
      paper.published = {
        text: comments ? date.slice(0, -comments.length - 1) : date,
        year: y,
        month,
        day: Number(day),
        yearInferred: !written,
        iso,
      }
      paper.comments = comments ? Number(comments) : 0
      index += 3
      line += 8
    } else {
      index += 2
      line += 4
    }
    papers.push(paper)
  }
  return papers
}

describe('the seeds', () => {
  it.each(SEEDS)('%s matches its golden file', (name) => {
    expect(golden(readFixture('seeds', name))).toEqual(readGolden('seeds', name))
  })

  it.each(SEEDS)('%s: every field of every paper matches a naive reading of the text', (name) => {
    const text = readFixture('seeds', name)
    const papers = parseDigest(text).papers
    expect(papers.map(({ links, ...paper }) => paper)).toEqual(naiveRead(text, 2025))
  })

  it('have 63 and 35 papers, no errors, and one missing-metadata warning each', () => {
    const results = SEEDS.map((name) => safeParseDigest(readFixture('seeds', name)))
    expect(results.map((result) => result.success && result.data.papers.length)).toEqual([63, 35])
    for (const result of results) {
      expect(result.messages.map((message) => [message.severity, message.ruleId])).toEqual([
        ['warning', 'missing-metadata'],
      ])
    }
    expect(results.map((result) => result.messages[0]?.line)).toEqual([269, 109])
    const [first, second] = results.map((result) => (result.success ? result.data : null))
    const lacking = (digest: typeof first) =>
      defined(digest)
        .papers.filter((paper) => paper.published === null)
        .map((paper) => paper.title)
    expect(lacking(first)).toEqual(['Fantastic Pretraining Optimizers and Where to Find Them'])
    expect(lacking(second)).toEqual([
      'A Framework for Fast and Stable Representations of Multiparameter Persistent Homology Decompositions',
    ])
  })

  it('read the header, and infer 2025 for dates without a year', () => {
    const digest = parseDigest(readFixture('seeds', defined(SEEDS[0])))
    expect(digest.title).toBe('Daily Papers')
    expect(digest.date).toEqual({
      text: 'Oct 31',
      year: 2025,
      month: 10,
      day: 31,
      yearInferred: true,
      iso: '2025-10-31',
    })
    const optimizing = defined(digest.papers[2])
    expect(optimizing.published).toEqual({
      text: 'May 13',
      year: 2025,
      month: 5,
      day: 13,
      yearInferred: true,
      iso: '2025-05-13',
    })
    expect(optimizing).toMatchObject({ comments: 2, upvotes: null })
    const benchmarking = digest.papers.find(
      (paper) => paper.title === 'Benchmarking Neural Network Training Algorithms',
    )
    expect(benchmarking).toMatchObject({
      authorCount: 25,
      comments: 1,
      upvotes: null,
      published: { text: 'Jun 12, 2023', year: 2023, yearInferred: false },
    })
  })

  it('keep abstracts verbatim: LaTeX leftovers, a trailing backslash, Unicode', () => {
    const [first, second] = SEEDS.map((name) => parseDigest(readFixture('seeds', name)).papers)
    expect(first?.[0]?.abstract).toContain('found 75\\%-95\\% predicted')
    expect(first?.[0]?.abstract.endsWith('proposed method.\\')).toBe(true)
    const homology = second?.find((paper) => paper.title.startsWith('A Framework for Fast'))
    expect(homology?.abstract).toContain('{\\em persistent homology}')
    const eigenvector = second?.find(
      (paper) => paper.title === 'Approximating the Top Eigenvector in Random Order Streams',
    )
    expect(eigenvector?.abstract).toContain('R = σ_1(A)^2/σ_2(A)^2 = Ω(1), then')
  })

  it('take links out of abstracts without the punctuation after them', () => {
    const links = SEEDS.flatMap((name) =>
      parseDigest(readFixture('seeds', name)).papers.flatMap((paper) => paper.links),
    )
    expect(links).toContain('https://github.com/SJTU-DeepVisionLab/FLoRA')
    expect(links).toContain('https://gomes.andrew.cmu.edu/iron-mind')
    expect(links).toContain('https://step-law.github.io/')
    expect(links).toContain('https://dx.doi.org/10.21227/hcc1-6p22')
    for (const link of links) expect(link).toMatch(/^https?:\/\/\S+[^.,;:)]$/)
    expect(links).toHaveLength(25)
  })

  it('parse the same from UTF-8 bytes as from text', () => {
    for (const name of SEEDS) {
      const text = readFixture('seeds', name)
      expect(safeParseDigest(new TextEncoder().encode(text))).toEqual(safeParseDigest(text))
    }
  })
})
