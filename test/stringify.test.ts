import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Digest,
  type Paper,
  type PaperDate,
  parseDigest,
  parseTree,
  safeParseDigest,
  stringifyDigest,
} from '../src/index.js'
import { defined } from './helpers/defined.js'
import { fixtureNames, readFixture } from './helpers/fixtures.js'

import { paperWith } from './helpers/paper.js'
import { propertyRuns } from './helpers/runs.js'
const SEEDS = fixtureNames('seeds')

const paper = paperWith
const digest = (papers: Paper[], title: string | null = null, date: PaperDate | null = null): Digest => ({
  title,
  date,
  rendering: 'text',
  page: title === null ? null : 'daily',
  query: null,
  papers,
})
const may13: PaperDate = { text: 'May 13', year: 2025, month: 5, day: 13, yearInferred: true, iso: '2025-05-13' }

describe('stringifyDigest', () => {
  it.each(SEEDS)('gives %s back byte for byte, from the digest and from the tree', (name) => {
    const seed = readFixture('seeds', name)
    expect(stringifyDigest(parseDigest(seed))).toBe(seed)
    expect(stringifyDigest(parseTree(seed).tree)).toBe(seed)
  })

  it('writes a paper without metadata, or without an abstract', () => {
    expect(stringifyDigest(digest([paper({})]))).toBe('A title\n\nAn abstract.')
    const bare = paper({ abstract: '', authorCount: 2, published: may13, comments: 0 })
    expect(stringifyDigest(digest([bare]))).toBe('A title\n\n  • 2 authors\n·\nMay 13')
  })

  it('writes the metadata block whole, as far as its fields go', () => {
    expect(stringifyDigest(digest([paper({ authorCount: 3 })]))).toBe('A title\n\nAn abstract.\n\n  • 3 authors\n·')
    expect(stringifyDigest(digest([paper({ published: may13, comments: 4 })]))).toBe(
      'A title\n\nAn abstract.\n\n·\nMay 13 4',
    )
  })

  it('writes "1 authors", as the page does, and no upvote count of 0', () => {
    const text = 'A title\n\nAn abstract.\n\n  • 1 author\n·\nMay 13 0'
    expect(stringifyDigest(parseDigest(text, { year: 2025 }))).toBe(
      'A title\n\nAn abstract.\n\n  • 1 authors\n·\nMay 13',
    )
  })

  it('writes a year only when the text wrote it', () => {
    const written: PaperDate = {
      text: 'Aug 14, 2021',
      year: 2021,
      month: 8,
      day: 14,
      yearInferred: false,
      iso: '2021-08-14',
    }
    const papers = [
      paper({ authorCount: 4, published: written, comments: 2 }),
      paper({ authorCount: 4, published: may13, comments: 0 }),
    ]
    expect(stringifyDigest(digest(papers))).toBe(
      'A title\n\nAn abstract.\n\n  • 4 authors\n·\nAug 14, 2021 2\n\nA title\n\nAn abstract.\n\n  • 4 authors\n·\nMay 13',
    )
    // Four digits, which is all the parser reads as a year.
    const early = { ...written, year: 812, iso: '0812-08-14' }
    expect(stringifyDigest(digest([paper({ authorCount: 1, published: early, comments: 0 })]))).toMatch(
      /\nAug 14, 0812$/,
    )
  })

  it('writes the header only for a digest with a title, and its date either way', () => {
    const papers = [paper({})]
    expect(stringifyDigest(digest(papers, null, may13))).toBe('May 13\n\nA title\n\nAn abstract.')
    expect(stringifyDigest(digest(papers, 'Daily Papers', may13))).toBe(
      'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\nMay 13\n\nA title\n\nAn abstract.',
    )
  })

  it('writes each run of line breaks in a title or an abstract as one space', () => {
    const broken = paper({ title: 'A\r\ntitle\n\non\rthree lines', abstract: 'An\n\n\nabstract.' })
    expect(stringifyDigest(digest([broken]))).toBe('A title on three lines\n\nAn abstract.')
  })

  it('writes a damaged tree canonically where it can, and as written where it cannot', () => {
    const { tree } = parseTree('A title\n\nAn abstract.\n\n·\n• 2 author\nFeb 30, 2023 4')
    expect(stringifyDigest(tree)).toBe('A title\n\nAn abstract.\n\n  • 2 authors\n·\nFeb 30, 2023 4')
    expect(stringifyDigest(parseTree('A title\n\nAn abstract.\n\n  • many authors\n·\nMay  3').tree)).toBe(
      'A title\n\nAn abstract.\n\n  • many authors\n·\nMay 3',
    )
  })
})

// ---------------------------------------------------------------------------
// The property: every canonical text the stringifier writes parses back to the
// digest it came from, and is written again unchanged.

/** The year given for every date that writes none. */
const Y = 2025
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const HEADER = new Set([
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
])
const DATE_SHAPED = /^[A-Z][a-z]{2,8}\.? \d{1,2}(, \d{4})?( \d{1,9})?$/
const days = (month: number, year: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31

// Words that may open a title (a letter or a digit first), and any others.
const opening = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9'-]{0,11}$/),
  fc.constantFrom(
    'Graph2MDA:',
    'Ωmega',
    'σ-Algebras',
    'Café',
    'Cafe\u0301',
    'Éléments',
    '中文',
    '大規模言語モデル',
    '3D',
    'I',
    '7',
    'Zürich',
  ),
)
const word = fc.oneof(
  { arbitrary: opening, weight: 4 },
  {
    arbitrary: fc.constantFrom(
      'R = σ_1(A)^2/σ_2(A)^2 = Ω(1),',
      '75\\%-95\\%',
      '{\\em persistent homology}',
      '\\emph{not}',
      '$O(n \\log n)$',
      '🚀',
      '👩‍🔬',
      '(RAG)',
      'e.g.,',
      'vs.',
      '—',
      '"quoted"',
      'a·b',
      '•',
      '\\',
      '<3',
      '&',
      'https',
      '1.5×',
      'end.',
    ),
    weight: 1,
  },
)
const url = fc
  .record({
    scheme: fc.constantFrom('http', 'https'),
    host: fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?(?:\.[a-z]{2,6}){1,2}$/),
    path: fc.stringMatching(/^(?:\/[A-Za-z0-9_~-]{1,12}){0,3}\/?$/),
    open: fc.constantFrom('', '('),
    close: fc.constantFrom('', '.', ',', ')', ').'),
  })
  .map(({ scheme, host, path, open, close }) => {
    const link = `${scheme}://${host}${path}`
    return { text: `${open}${link}${close}`, link }
  })
const piece = fc.oneof(
  { arbitrary: word.map((text) => ({ text, link: null as string | null })), weight: 6 },
  { arbitrary: url, weight: 1 },
)

const title = fc
  .tuple(opening, fc.oneof(fc.array(word, { maxLength: 8 }), fc.array(word, { minLength: 15, maxLength: 40 })))
  .map(([first, rest]) => {
    const words = [first, ...rest]
    // Up to 150 characters: long titles are rare but real.
    while (words.join(' ').length > 150) words.pop()
    return words.join(' ')
  })
  .filter((text) => !text.endsWith('.') && !HEADER.has(text) && !DATE_SHAPED.test(text))

/** An abstract and its links, from pieces; at least `min` characters long. */
const abstract = (pieces: fc.Arbitrary<Array<{ text: string; link: string | null }>>, min: number) =>
  fc.tuple(opening, pieces, fc.boolean()).map(([first, rest, backslash]) => {
    const parts = [first, ...rest.map((part) => part.text)]
    while (parts.join(' ').length < min) parts.push('We study the problem and report what we found.')
    // A trailing backslash, as LaTeX leaves it: it also ends a URL right before it.
    const text = parts.join(' ') + (backslash ? '\\' : '')
    return { text, links: rest.flatMap((part) => (part.link === null ? [] : [part.link])) }
  })

const shortOrLong = fc.oneof(fc.array(piece, { maxLength: 3 }), fc.array(piece, { minLength: 20, maxLength: 120 }))

/** A valid date, with a written year or else the year `Y`. */
const dateOf = (written: fc.Arbitrary<number | null>) =>
  fc
    .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }), year: written })
    .map(({ month, day: n, year }): PaperDate => {
      const resolved = year ?? Y
      const day = ((n - 1) % days(month, resolved)) + 1
      const text = `${defined(MONTHS[month - 1])} ${String(day)}${year === null ? '' : `, ${String(year)}`}`
      const iso = `${String(resolved)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
      return { text, year: resolved, month, day, yearInferred: year === null, iso }
    })
const date = dateOf(fc.option(fc.integer({ min: 1990, max: 2024 }), { freq: 2 }))
const yearless = dateOf(fc.constant(null))

const withMetadata = fc
  .record({
    title,
    abstract: fc.oneof(
      { arbitrary: abstract(shortOrLong, 1), weight: 12 },
      { arbitrary: fc.constant({ text: '', links: [] as string[] }), weight: 1 },
      // Short abstracts shaped like other lines: where the structure says abstract, they are one.
      {
        arbitrary: fc
          .constantFrom('May 5', 'Jun 12, 2023 1', 'Subscribe', 'Daily Papers')
          .map((text) => ({ text, links: [] as string[] })),
        weight: 1,
      },
    ),
    authorCount: fc.integer({ min: 1, max: 40 }),
    published: date,
    comments: fc.integer({ min: 0, max: 50 }),
  })
  .map(({ abstract: { text, links }, ...fields }): Paper => ({
    ...NO_CARD_FIELDS,
    ...fields,
    abstract: text,
    links,
    line: 0,
  }))

/** The fields the text rendering cannot hold. */
const NO_CARD_FIELDS = {
  organization: null,
  upvotes: null,
  submittedBy: null,
  arxivId: null,
  githubRepo: null,
  githubStars: null,
} as const

const withoutMetadata = fc
  .record({ title, abstract: abstract(fc.array(piece, { minLength: 25, maxLength: 80 }), 250) })
  .map(({ title, abstract: { text, links } }): Paper => ({
    title,
    abstract: text,
    authorCount: null,
    published: null,
    comments: null,
    ...NO_CARD_FIELDS,
    links,
    line: 0,
  }))

const digests = fc
  .record({
    title: fc.constantFrom('Daily Papers', null),
    date: fc.option(yearless),
    papers: fc.array(fc.oneof({ arbitrary: withMetadata, weight: 4 }, { arbitrary: withoutMetadata, weight: 1 }), {
      minLength: 5,
      maxLength: 20,
    }),
  })
  .map((digest): Digest => {
    // Each title's line, counted from the canonical layout: blocks and the blank lines between them.
    let line = 1 + (digest.title === null ? 0 : 10) + (digest.date === null ? 0 : 2)
    const papers = digest.papers.map((paper) => {
      const placed = { ...paper, line }
      line += 2 + (paper.abstract === '' ? 0 : 2) + (paper.authorCount === null ? 0 : 4)
      return placed
    })
    return { ...digest, rendering: 'text', page: digest.title === null ? null : 'daily', query: null, papers }
  })

/**
 * Digests whose every title and abstract is shaped like one: titles of 24
 * characters or more (those in the seeds have 29 to 133) that start with a
 * capital and do not stop after a comma or a word like `of`, and abstracts
 * that end a sentence. Others, with nothing to vouch for them, are what page
 * debris looks like, and a parser that reports them is right to.
 */
const plausibleDigests = digests.map((digest): Digest => ({
  ...digest,
  papers: digest.papers.map((paper) => ({
    ...paper,
    title: `Towards ${paper.title.slice(0, 100).trim()} for Learning Models`,
    abstract: paper.abstract.length >= 20 && !/[.!?\\]$/.test(paper.abstract) ? `${paper.abstract}.` : paper.abstract,
  })),
}))

describe('stringifyDigest and the parser', () => {
  const numRuns = propertyRuns(1000)
  const roundTrip = (generated: Digest, text: string, parsed: Digest) => {
    expect(parsed.title).toBe(generated.title)
    expect(parsed.date).toEqual(generated.date)
    expect(parsed.papers).toEqual(generated.papers)
    expect(stringifyDigest(parsed)).toBe(text)
    expect(stringifyDigest(parseTree(text, { year: Y }).tree)).toBe(text)
  }

  it('agree on every canonical text whose titles look like titles: it parses back to its digest, and is written again unchanged', () => {
    fc.assert(
      fc.property(plausibleDigests, (generated) => {
        const text = stringifyDigest(generated)
        const result = safeParseDigest(text, { year: Y })
        // Warnings are expected (a missing header, metadata or abstract); errors are not.
        expect(result.messages.filter((message) => message.severity === 'error')).toEqual([])
        roundTrip(generated, text, result.success ? result.data : result.error.digest)
      }),
      { seed: 20_251_031, numRuns },
    )
  })

  it('never read any canonical text back differently without an error: titles of a word or two may be debris', () => {
    fc.assert(
      fc.property(digests, (generated) => {
        const text = stringifyDigest(generated)
        const result = safeParseDigest(text, { year: Y })
        if (result.messages.some((message) => message.severity === 'error')) return
        roundTrip(generated, text, result.success ? result.data : result.error.digest)
      }),
      { seed: 20_251_032, numRuns },
    )
  })
})

// The markdown rendering holds every field: the digests above, with the
// fields only cards show, written as markdown and parsed back.
const cardFields = fc.record({
  arxivId: fc.option(fc.stringMatching(/^2[0-9]{3}\.[0-9]{5}$/), { freq: 4 }),
  upvotes: fc.option(fc.nat({ max: 5000 })),
  organization: fc.option(
    fc.constantFrom('Carnegie Mellon University', 'OCC', 'CIS, LMU Munich', 'Zürich [NLP]', 'a\\b lab'),
    { freq: 3 },
  ),
  submittedBy: fc.option(fc.stringMatching(/^[A-Za-z][\w-]{0,15}$/), { freq: 3 }),
  github: fc.option(
    fc.record({ repo: fc.stringMatching(/^[a-z]{1,8}\/[a-z-]{1,12}$/), stars: fc.option(fc.nat({ max: 200_000 })) }),
    { freq: 3 },
  ),
  bracketed: fc.constantFrom('', ' [1]', ' [see \\[2\\]]', ' a\\b'),
})
const markdownDigests = fc
  .record({
    digest: digests,
    cards: fc.array(cardFields, { minLength: 20, maxLength: 20 }),
    page: fc.constantFrom(null, 'daily', 'weekly', 'monthly', 'trending'),
    query: fc.option(fc.constantFrom('source citations', 'rag & retrieval', 'Zürich')),
  })
  .map(({ digest, cards, page, query }): Digest => ({
    ...digest,
    rendering: 'markdown',
    page: query === null ? (digest.title === null ? page : (page ?? 'daily')) : 'search',
    query,
    papers: digest.papers.map((paper, index): Paper => {
      const card = defined(cards[index % cards.length], 'a card')
      const organization = paper.authorCount === null || card.organization === null ? null : card.organization
      return {
        ...paper,
        title: paper.title + card.bracketed,
        authorCount: organization === null ? paper.authorCount : null,
        organization,
        arxivId: card.arxivId,
        upvotes: card.upvotes,
        submittedBy: card.submittedBy,
        githubRepo: card.github === null ? null : `https://github.com/${card.github.repo}`,
        githubStars: card.github === null ? null : card.github.stars,
        line: 0,
      }
    }),
  }))

describe('stringifyDigest to markdown and the parser', () => {
  it('agree on every digest: every field comes back', () => {
    const numRuns = propertyRuns(300)
    fc.assert(
      fc.property(markdownDigests, (digest) => {
        const text = stringifyDigest(digest, { rendering: 'markdown' })
        const result = safeParseDigest(text)
        const back = result.success ? result.data : result.error.digest
        expect(back.papers.map((paper) => ({ ...paper, line: 0 }))).toEqual(digest.papers)
        expect({ ...back, papers: [] }).toEqual({ ...digest, papers: [] })
        expect(result.messages.filter((message) => message.severity === 'error')).toEqual([])
      }),
      { numRuns, seed: 11_011 },
    )
  })
})
