import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RENDERINGS, SEEDS, type FixtureRendering, enrichedSeed, render } from '../scripts/render-fixtures.js'
import { type Paper, parseDigestStream, parseTree, safeParseDigest, stringifyDigest } from '../src/index.js'
import { defined } from './helpers/defined.js'
import { FIXTURES, golden, readGolden } from './helpers/fixtures.js'
import { LineIndex, checkMessages, checkTree, unaccounted } from './helpers/invariants.js'

// The seeds' papers written in each rendering the parser reads (with made-up
// arXiv ids, vote counts and organisations, see scripts/render-fixtures.ts).
// Each file must give the seed's papers back, every field its rendering holds.

/** The fields a rendering with links holds. */
const LINKED: ReadonlyArray<keyof Paper> = [
  'title',
  'abstract',
  'authorCount',
  'organization',
  'published',
  'upvotes',
  'comments',
  'arxivId',
  'links',
]

/** The fields each rendering holds; the others come back null (or 0 comments). */
const HELD: Record<FixtureRendering, ReadonlyArray<keyof Paper>> = {
  markdown: LINKED,
  weblinks: LINKED,
  // The link list is at the end: the batch parser reads the ids from it (the stream cannot, see below).
  refs: LINKED,
  // A text extraction of trending cards shows no links and no comment count.
  trending: ['title', 'abstract', 'authorCount', 'organization', 'published', 'upvotes', 'links'],
}
/**
 * The batch parser's papers as a stream gives them: a stream yields each card
 * as it ends, before the link list at the end of reference-style markdown
 * names its arXiv id.
 */
const streamable = (rendering: FixtureRendering, papers: Paper[]): Paper[] =>
  rendering === 'refs' ? papers.map((paper) => ({ ...paper, arxivId: null })) : papers

const CASES = SEEDS.flatMap((seed) => RENDERINGS.map((rendering) => [seed, rendering] as const))
const fixture = (seed: string, rendering: string) => `${seed}.${rendering}`
const read = (seed: string, rendering: string) =>
  readFileSync(`${FIXTURES}renderings/${fixture(seed, rendering)}.txt`, 'utf8')

describe('the seeds in every rendering', () => {
  it.each(CASES)('%s written as %s is what the script writes', (seed, rendering) => {
    expect(read(seed, rendering)).toBe(render(enrichedSeed(seed), rendering))
  })

  it.each(CASES)('%s written as %s gives the seed’s papers back', (seed, rendering) => {
    const result = safeParseDigest(read(seed, rendering))
    expect(result.success).toBe(true)
    const papers = result.success ? result.data.papers : []
    const want = enrichedSeed(seed).papers
    const pick = (paper: Paper) => Object.fromEntries(HELD[rendering].map((field) => [field, paper[field]]))
    expect(papers.map(pick)).toEqual(want.map(pick))
    // The one seed record without metadata is reported in every rendering, and nothing else.
    expect(result.messages.map((message) => message.ruleId)).toEqual(['missing-metadata'])
  })

  it.each(CASES)('%s written as %s matches its golden file', (seed, rendering) => {
    expect(golden(read(seed, rendering))).toEqual(readGolden('renderings', fixture(seed, rendering)))
  })

  it.each(CASES)(
    '%s written as %s: positions in the text, no line lost, stream equals batch',
    async (seed, rendering) => {
      const text = read(seed, rendering)
      const { tree, messages } = parseTree(text)
      const lines = new LineIndex(text)
      checkTree(text, tree, lines, false)
      checkMessages(text, messages, lines)
      expect(unaccounted(text, tree, messages, lines)).toEqual([])
      const batch = safeParseDigest(text, { year: 2025 })
      const digest = batch.success ? batch.data : batch.error.digest
      const chunks: string[] = []
      for (let at = 0; at < text.length; at += 1009) chunks.push(text.slice(at, at + 1009))
      const streamed: Paper[] = []
      const streamedMessages: unknown[] = []
      const options = { year: 2025, onMessage: (message: unknown) => streamedMessages.push(message) }
      for await (const paper of parseDigestStream(chunks, options)) streamed.push(paper)
      expect(streamed).toEqual(streamable(rendering, digest.papers))
      expect(streamedMessages).toEqual(batch.messages)
    },
  )

  it('the markdown rendering holds every field: parsing what stringifyDigest writes gives the digest back', () => {
    for (const seed of SEEDS) {
      const digest = {
        ...enrichedSeed(seed),
        papers: enrichedSeed(seed).papers.map((paper, index) => ({
          ...paper,
          submittedBy: index % 3 === 0 ? 'akhaliq' : null,
          githubRepo: index % 4 === 0 ? `https://github.com/example/repo-${String(index)}` : null,
          githubStars: index % 4 === 0 ? index * 1000 + 7 : null,
        })),
      }
      const result = safeParseDigest(stringifyDigest(digest, { rendering: 'markdown' }))
      const back = result.success ? result.data : result.error.digest
      const placeless = (papers: Paper[]) => papers.map((paper) => ({ ...paper, line: 0 }))
      expect(placeless(back.papers)).toEqual(placeless(digest.papers))
      expect({ ...back, papers: [] }).toEqual({ ...digest, rendering: 'markdown', papers: [] })
    }
  })
})

describe('the stream, for every rendering', () => {
  it('gives the batch parser’s papers and diagnostics wherever the bytes are cut', async () => {
    const texts = CASES.map(([seed, rendering]) => new TextEncoder().encode(read(seed, rendering)))
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: CASES.length - 1 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        async (which, fractions) => {
          const bytes = defined(texts[which], `text ${String(which)}`)
          const rendering = defined(CASES[which], `case ${String(which)}`)[1]
          const cuts = [...new Set(fractions.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b)
          const chunks = [0, ...cuts].map((start, index) => bytes.subarray(start, [...cuts, bytes.length][index]))
          const batch = safeParseDigest(bytes, { year: 2025 })
          const digest = batch.success ? batch.data : batch.error.digest
          const messages: unknown[] = []
          const papers: Paper[] = []
          const options = { year: 2025, onMessage: (message: unknown) => messages.push(message) }
          for await (const paper of parseDigestStream(chunks, options)) papers.push(paper)
          expect(papers).toEqual(streamable(rendering, digest.papers))
          expect(messages).toEqual(batch.messages)
        },
      ),
      // Each run parses a whole file twice: a long pass takes at most 500.
      { numRuns: Math.min(Number(process.env.PROPERTY_RUNS ?? 40), 500), seed: 4_242 },
    )
  })
})
