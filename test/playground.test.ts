import { parse as parseCsv } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { analyze } from '../docs/playground/src/analyze.js'
import { CSV_COLUMNS, csvField, toCsv, toNdjson } from '../docs/playground/src/formats.js'
import { createHandler } from '../docs/playground/src/handler.js'
import type { Reply } from '../docs/playground/src/protocol.js'
import { BLANK, OUTSIDE, type View, viewOf } from '../docs/playground/src/view.js'
import { defined } from './helpers/defined.js'
import { readFixture, readGolden } from './helpers/fixtures.js'

// The playground's pure parts, without a browser: what the worker makes of a
// text, and the downloads. `npm run test:browser` tests the page itself.

const SEED = readFixture('seeds', '001_f604c4867d4d0d65')
const SEED_GOLDEN = readGolden('seeds', '001_f604c4867d4d0d65')
const STRAY = readFixture('damage', 'stray-line')

const kindAt = (view: View, line: number) =>
  view.lines.kinds[defined(view.lines.kind[line], `the kind of line ${String(line)}`)]

describe('the view of a parse', () => {
  const view = viewOf(analyze(SEED), SEED)

  it('lists the papers, with the lines of each', () => {
    expect(view.papers.title).toEqual(SEED_GOLDEN.digest.papers.map((paper) => paper.title))
    expect([...view.papers.line]).toEqual(SEED_GOLDEN.digest.papers.map((paper) => paper.line))
    expect([view.papers.start[0], view.papers.end[0]]).toEqual([13, 19])
    expect(view.papers.meta[0]).toBe('lines 13–19 · 9 authors · 2024-05-23 · 0 comments')
    // The record without metadata: its title and abstract.
    const bare = view.papers.line.indexOf(109)
    expect([view.papers.start[bare], view.papers.end[bare], view.papers.notes[bare]]).toEqual([109, 111, 1])
  })

  it('says what each line is, and which paper it lies in', () => {
    expect([1, 11, 12, 13, 15, 17, 19].map((line) => kindAt(view, line))).toEqual([
      'headerLine',
      'date',
      '',
      'title',
      'abstract',
      'metadata',
      'metadata',
    ])
    expect([view.lines.paper[11], view.lines.paper[13], view.lines.paper[19], view.lines.paper[21]]).toEqual([
      -1, 0, 0, 1,
    ])
    const { all, paper, other, outside, blank } = view.lineCounts
    expect(all).toBe(SEED.split('\n').length)
    expect(paper + other + outside + blank).toBe(all)
    expect([other, outside]).toEqual([6, 0])
  })

  it('gives the diagnostics in columns, with the digest summary and its JSON', () => {
    expect(view.messages.ruleId).toEqual(SEED_GOLDEN.messages.map((message) => message.ruleId))
    expect([...view.messages.line]).toEqual(SEED_GOLDEN.messages.map((message) => message.line))
    expect(view.summary).toMatchObject({ title: 'Daily Papers', date: '2025-12-12', errors: 0, warnings: 1 })
    expect(JSON.parse(view.json.head)).toEqual(SEED_GOLDEN.digest)
  })

  it('marks the lines that belong to no record, each named by a diagnostic', () => {
    const stray = viewOf(analyze(STRAY), STRAY)
    const lines = readGolden('damage', 'stray-line')
      .messages.filter((message) => message.ruleId === 'unexpected-line')
      .map((message) => message.line)
    expect(lines).toEqual([53, 59])
    for (const line of lines) {
      expect(stray.lines.kind[line]).toBe(OUTSIDE)
      expect(stray.lines.paper[line]).toBe(-1)
    }
    expect(stray.lineCounts.outside).toBe(2)
    expect(stray.lines.kind[52]).toBe(BLANK)
  })

  it('keeps only the head of a long JSON, and its length', () => {
    const short = viewOf(analyze(SEED), SEED, 100)
    expect(short.json.head).toHaveLength(100)
    expect(short.json.length).toBe(view.json.length)
  })

  it('takes the year option', () => {
    expect(viewOf(analyze(SEED, 2030), SEED).summary.date).toBe('2030-12-12')
  })
})

describe('the downloads', () => {
  const digest = analyze(SEED).digest

  it('quote CSV fields as RFC 4180 does', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', '0'].map(csvField)).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      '"cr\r"',
      '0',
    ])
  })

  it('write the CSV columns of SPEC section 5, a row per paper', () => {
    const csv = toCsv(digest)
    expect(csv.slice(0, csv.indexOf('\r\n')).split(',')).toEqual([...CSV_COLUMNS])
    const rows = parseCsv<Record<string, string>>(csv, { columns: true })
    expect(rows).toHaveLength(35)
    expect(rows[0]).toEqual({
      file: 'playground',
      digestDate: '2025-12-12',
      line: '13',
      arxivId: '',
      title: 'FLoRA: Low-Rank Core Space for N-dimension',
      authorCount: '9',
      organization: '',
      published: '2024-05-23',
      upvotes: '',
      comments: '0',
      submittedBy: '',
      githubRepo: '',
      githubStars: '',
      links: 'https://github.com/SJTU-DeepVisionLab/FLoRA',
      abstract: defined(SEED_GOLDEN.digest.papers[0], 'the first paper').abstract,
    })
    expect(rows.map((row) => row.abstract)).toEqual(SEED_GOLDEN.digest.papers.map((paper) => paper.abstract))
  })

  it('write NDJSON: a paper a line, with its file and the digest date', () => {
    const lines = toNdjson(digest).split('\n')
    expect(lines.pop()).toBe('')
    expect(lines.map((line): unknown => JSON.parse(line))).toEqual(
      SEED_GOLDEN.digest.papers.map((paper) => ({ file: 'playground', digestDate: '2025-12-12', ...paper })),
    )
  })
})

describe("the worker's handler", () => {
  const text = (reply: Reply) => ('text' in reply ? reply.text : `no text: ${JSON.stringify(reply)}`)

  it('parses, then answers about the last parse', () => {
    const handle = createHandler()
    const { reply, transfer } = handle({ type: 'parse', id: 1, text: SEED, year: undefined })
    expect('view' in reply && reply.view.papers.title).toHaveLength(35)
    expect(transfer.length).toBeGreaterThan(0)
    expect(JSON.parse(text(handle({ type: 'paper', id: 2, parse: 1, index: 0 }).reply))).toEqual(
      SEED_GOLDEN.digest.papers[0],
    )
    expect(JSON.parse(text(handle({ type: 'diagnostic', id: 3, parse: 1, index: 0 }).reply))).toEqual(
      SEED_GOLDEN.messages[0],
    )
    expect(JSON.parse(text(handle({ type: 'export', id: 4, parse: 1, format: 'json' }).reply))).toEqual(
      SEED_GOLDEN.digest,
    )
    expect(text(handle({ type: 'export', id: 5, parse: 1, format: 'csv' }).reply)).toBe(toCsv(analyze(SEED).digest))
  })

  it('refuses a question about a parse that is no longer the last', () => {
    const handle = createHandler()
    handle({ type: 'parse', id: 1, text: SEED, year: undefined })
    handle({ type: 'parse', id: 2, text: STRAY, year: undefined })
    expect(handle({ type: 'export', id: 3, parse: 1, format: 'csv' }).reply).toEqual({
      id: 3,
      error: 'the text has changed since',
    })
  })
})
