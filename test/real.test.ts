import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type Paper, parseDigestStream, parseTree, safeParseDigest, stringifyDigest } from '../src/index.js'
import { LineIndex, checkMessages, checkTree, unaccounted } from './helpers/invariants.js'

// Real captures of the page in other renderings, with the papers a careful
// reader finds in them (../shared/real/NAME.expected.json). They are
// third-party page text, so they stay where they are: CI has ../shared
// beside the clone.
const REAL = new URL('../../shared/real/', import.meta.url)
const CAPTURES = ['search-citations-firecrawl-md', 'search-intercode-weblinks', 'trending-linkmd'] as const
const FIELDS = [
  'title',
  'abstract',
  'authorCount',
  'organization',
  'publishedText',
  'upvotes',
  'comments',
  'submittedBy',
  'arxivId',
  'githubRepo',
  'githubStars',
] as const
type Expected = Record<(typeof FIELDS)[number], unknown>

const available = existsSync(REAL)
const read = (name: string) => readFileSync(new URL(`${name}.txt`, REAL), 'utf8')
const expectedOf = (name: string) =>
  (JSON.parse(readFileSync(new URL(`${name}.expected.json`, REAL), 'utf8')) as { papers: Expected[] }).papers
const fieldsOf = (paper: Paper): Expected => ({ ...paper, publishedText: paper.published?.text ?? null })

describe.runIf(available)('the real captures in ../shared/real', () => {
  it.each(CAPTURES)('%s: every expected paper, field by field, and no other', (name) => {
    const result = safeParseDigest(read(name))
    expect(result.success).toBe(true)
    const papers = result.success ? result.data.papers : []
    const expected = expectedOf(name)
    expect(papers).toHaveLength(expected.length)
    let exact = 0
    const wrong: string[] = []
    expected.forEach((want, index) => {
      const got = papers[index] ? fieldsOf(papers[index]) : undefined
      for (const field of FIELDS) {
        if (got && JSON.stringify(got[field]) === JSON.stringify(want[field])) exact++
        else wrong.push(`paper ${String(index)} ${field}`)
      }
    })
    // The issue asks for 99 %; every field is right today, and any change shows here.
    expect(wrong).toEqual([])
    expect(exact / (expected.length * FIELDS.length)).toBeGreaterThanOrEqual(0.99)
  })

  it('says which rendering and page each capture is', () => {
    const digests = CAPTURES.map((name) => {
      const result = safeParseDigest(read(name))
      return result.success ? result.data : result.error.digest
    })
    expect(digests.map(({ rendering, page, query }) => ({ rendering, page, query }))).toEqual([
      { rendering: 'markdown', page: 'search', query: 'source citations' },
      { rendering: 'weblinks', page: 'search', query: 'Intercode Bash' },
      { rendering: 'markdown', page: 'trending', query: null },
    ])
    // Dated pages: the link to the day before names the year of their own date.
    expect(digests[0]?.date).toMatchObject({ text: 'Oct 2', iso: '2026-10-02', yearInferred: true })
    expect(digests[1]?.date).toMatchObject({ text: 'Mar 25', iso: '2026-03-25', yearInferred: true })
  })

  it.each(CAPTURES)('%s: positions in the original text, and no line lost', (name) => {
    const text = read(name)
    const { tree, messages } = parseTree(text)
    const lines = new LineIndex(text)
    checkTree(text, tree, lines, false)
    checkMessages(text, messages, lines)
    expect(unaccounted(text, tree, messages, lines)).toEqual([])
  })

  it.each(CAPTURES)('%s: written as markdown, parses back to the same papers and page', (name) => {
    const result = safeParseDigest(read(name))
    const digest = result.success ? result.data : result.error.digest
    const again = safeParseDigest(stringifyDigest(digest, { rendering: 'markdown' }))
    expect(again.success).toBe(true)
    const back = again.success ? again.data : again.error.digest
    const placeless = (papers: Paper[]) => papers.map((paper) => ({ ...paper, line: 0 }))
    expect(placeless(back.papers)).toEqual(placeless(digest.papers))
    expect({ ...back, papers: [] }).toEqual({ ...digest, rendering: 'markdown', papers: [] })
  })

  it.each(CAPTURES)(
    '%s: the stream gives the batch parser’s papers and diagnostics, wherever it is cut',
    async (name) => {
      const text = read(name)
      const bytes = new TextEncoder().encode(text)
      const batch = safeParseDigest(text, { year: 2026 })
      const digest = batch.success ? batch.data : batch.error.digest
      for (const size of [1, 7, 4096, 65_536]) {
        const chunks: Uint8Array[] = []
        // One byte at a time is slow; cut a window of the text that finely, the rest coarsely.
        for (let at = 0; at < bytes.length; at += at < 3000 ? size : 65_536)
          chunks.push(bytes.slice(at, at + (at < 3000 ? size : 65_536)))
        const messages: unknown[] = []
        const papers: Paper[] = []
        for await (const paper of parseDigestStream(chunks, { year: 2026, onMessage: (m) => messages.push(m) }))
          papers.push(paper)
        expect(papers).toEqual(digest.papers)
        expect(messages).toEqual(batch.messages)
      }
    },
  )
})

describe.runIf(!available)('the real captures', () => {
  it.skip('need ../shared/real beside the clone', () => {})
})
