import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Digest,
  MergedDigestSchema,
  MergedPaperSchema,
  mergeDigests,
  type Paper,
  paperId,
  parseDigest,
} from '../src/index.js'
import { isMergedDigest, isMergedPaper } from '../src/schema/validate.generated.js'
import { defined } from './helpers/defined.js'
import { readFixture } from './helpers/fixtures.js'
import { paperWith } from './helpers/paper.js'

const SEED_0 = parseDigest(readFixture('seeds', '000_b52436321a9b76b2'))
const SEED_1 = parseDigest(readFixture('seeds', '001_f604c4867d4d0d65'))

const paper = (fields: Partial<Paper>): Paper =>
  paperWith({
    title: 'A Paper',
    authorCount: 3,
    published: { text: 'May 21', year: 2025, month: 5, day: 21, yearInferred: true, iso: '2025-05-21' },
    comments: 0,
    line: 7,
    ...fields,
  })
const digest = (iso: string | null, papers: Paper[]): Digest => ({
  title: 'Daily Papers',
  date:
    iso === null
      ? null
      : {
          text: 'day',
          year: Number(iso.slice(0, 4)),
          month: Number(iso.slice(5, 7)),
          day: Number(iso.slice(8)),
          yearInferred: true,
          iso,
        },
  rendering: 'markdown',
  page: 'daily',
  query: null,
  papers,
})

describe('mergeDigests', () => {
  it('merges the two seeds into 88 unique papers, each seen in the digests it is in', () => {
    const merged = mergeDigests([SEED_0, SEED_1])
    expect(SEED_0.papers.length + SEED_1.papers.length).toBe(98)
    expect(merged.papers).toHaveLength(88)
    expect(MergedDigestSchema.parse(merged)).toEqual(merged)
    expect(merged.digests.map((d) => [d.file, d.date?.iso, d.papers])).toEqual([
      [null, '2025-10-31', 63],
      [null, '2025-12-12', 35],
    ])
    const twice = merged.papers.filter((p) => p.seen === 2)
    expect(twice).toHaveLength(10)
    for (const p of twice) {
      expect(p.firstSeen).toEqual({ digest: 0, file: null, date: '2025-10-31' })
      expect(p.lastSeen).toEqual({ digest: 1, file: null, date: '2025-12-12' })
      // Its line is in the last digest it was seen in.
      expect(defined(SEED_1.papers.find((q) => q.title === p.title)).line).toBe(p.line)
    }
    // In the order first seen: the first seed's papers, then the second's new ones.
    expect(merged.papers.slice(0, 63).map((p) => p.title)).toEqual(SEED_0.papers.map((p) => p.title))
    expect(new Set(merged.papers.map(paperId)).size).toBe(88)
  })

  it('names the digests given as { file, digest }, and takes a mix of both shapes', () => {
    const merged = mergeDigests([{ file: 'a.txt', digest: SEED_0 }, SEED_1])
    expect(merged.digests.map((d) => d.file)).toEqual(['a.txt', null])
    expect(defined(merged.papers[0]).firstSeen.file).toBe('a.txt')
  })

  it('recognises a paper by its arXiv id (without version), else by its normalised title and date', () => {
    const a = paper({ title: 'Graph2MDA: a Multi-modal  Model', arxivId: '2606.00683' })
    const merged = mergeDigests([
      digest('2025-05-21', [a]),
      digest('2025-05-22', [paper({ title: 'Another title altogether', arxivId: '2606.00683v2' })]),
      digest('2025-05-23', [paper({ title: 'graph2mda — A MULTI-MODAL model' })]),
      digest('2025-05-24', [paper({ title: 'Graph2MDA: a multi-modal model', published: null })]),
      digest('2025-05-25', [paper({ title: 'Graph2MDA: a multi-modal model', arxivId: '2606.99999' })]),
    ])
    expect(merged.papers.map((p) => [p.seen, p.firstSeen.digest, p.lastSeen.digest])).toEqual([
      [3, 0, 2],
      [1, 3, 3], // no date: not the same paper
      [1, 4, 4], // another arXiv id
    ])
    expect(defined(merged.papers[0]).arxivId).toBe('2606.00683v2') // the newest that shows one
  })

  it('matches a date without a year with the same day in a known year, not two different years', () => {
    const yearless = { text: 'May 21', year: null, month: 5, day: 21, yearInferred: false, iso: null }
    const in2024 = { text: 'May 21, 2024', year: 2024, month: 5, day: 21, yearInferred: false, iso: '2024-05-21' }
    const merged = mergeDigests([
      digest(null, [paper({ published: yearless })]),
      digest(null, [paper({ published: in2024 })]),
      digest(null, [paper({})]), // May 21, 2025
    ])
    expect(merged.papers.map((p) => [p.seen, p.published?.iso])).toEqual([
      [2, '2024-05-21'],
      [1, '2025-05-21'],
    ])
  })

  it('keeps the newest counts, and takes from older digests what the newest does not show', () => {
    const merged = mergeDigests([
      digest('2025-05-21', [paper({ upvotes: 3, comments: 1, githubStars: 10, githubRepo: 'https://github.com/a/b' })]),
      digest('2025-05-22', [
        paper({ upvotes: 12, comments: 4, abstract: 'Newer abstract https://x.org/y.', links: ['https://x.org/y'] }),
      ]),
      digest('2025-05-23', [paper({ upvotes: null, comments: 2, abstract: '', links: [], line: 99 })]),
    ])
    expect(merged.papers).toHaveLength(1)
    expect(merged.papers[0]).toMatchObject({
      upvotes: 12, // the third digest shows none
      comments: 2,
      githubStars: 10,
      githubRepo: 'https://github.com/a/b',
      abstract: 'Newer abstract https://x.org/y.',
      links: ['https://x.org/y'],
      line: 99,
      seen: 3,
    })
  })

  it('counts a paper twice in one digest once, and sorts by the digests’ dates with order: "date"', () => {
    const newer = digest('2025-05-22', [paper({ upvotes: 9 })])
    const older = digest('2025-05-21', [paper({ upvotes: 1 }), paper({ upvotes: 2 })])
    expect(mergeDigests([older, newer]).papers[0]).toMatchObject({ upvotes: 9, seen: 2 })
    expect(mergeDigests([newer, older]).papers[0]).toMatchObject({ upvotes: 2, seen: 2 })
    const byDate = mergeDigests([newer, older], { order: 'date' })
    expect(byDate.papers[0]).toMatchObject({ upvotes: 9, seen: 2, firstSeen: { digest: 0, date: '2025-05-21' } })
    expect(byDate.digests.map((d) => d.date?.iso)).toEqual(['2025-05-21', '2025-05-22'])
  })

  it('leaves the digests given unchanged, and merges none into an empty digest', () => {
    const before = structuredClone([SEED_0, SEED_1])
    const merged = mergeDigests([SEED_0, SEED_1])
    defined(defined(merged.papers[0]).published).year = 1
    expect([SEED_0, SEED_1]).toEqual(before)
    expect(mergeDigests([])).toEqual({ digests: [], papers: [] })
  })

  it('refuses what is not a Digest, and a wrong option, with a TypeError', () => {
    expect(() => mergeDigests([{ papers: 'no' } as unknown as Digest])).toThrow(/digests\[0\] is not a Digest/)
    expect(() => mergeDigests([SEED_0], { order: 'random' as 'date' })).toThrow(TypeError)
  })
})

describe('paperId', () => {
  it('is the paper page for an arXiv id, else a urn of the date and the normalised title', () => {
    expect(paperId(paper({ arxivId: '2606.00683v3' }))).toBe('https://huggingface.co/papers/2606.00683')
    expect(paperId(paper({ title: 'Graph2MDA: a Multi-modal Model!' }))).toBe(
      'urn:papers-digest:2025-05-21:graph2mda-a-multi-modal-model',
    )
    const yearless = { text: 'May 1', year: null, month: 5, day: 1, yearInferred: false, iso: null }
    expect(paperId(paper({ title: 'Ωmega σ', published: yearless }))).toBe(
      'urn:papers-digest:--05-01:%CF%89mega-%CF%83',
    )
    expect(paperId(paper({ published: null }))).toBe('urn:papers-digest:undated:a-paper')
  })
})

describe('the generated validators of the merged shapes', () => {
  const merged = mergeDigests([SEED_0, SEED_1])
  const anything = fc.oneof(fc.constant(null), fc.string(), fc.integer({ min: -2, max: 3 }), fc.constant({}))
  it.each([
    ['MergedPaper', isMergedPaper, MergedPaperSchema, defined(merged.papers[70])],
    ['MergedDigest', isMergedDigest, MergedDigestSchema, { ...merged, papers: merged.papers.slice(60, 70) }],
  ] as const)('accept exactly what %sSchema accepts', (_, predicate, schema, valid) => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), anything, (pick, nested, replacement) => {
        const value = structuredClone(valid) as unknown as Record<string, unknown>
        const target = Array.isArray(value.papers)
          ? (value.papers[pick % value.papers.length] as Record<string, unknown>)
          : value
        const seen = nested % 3 === 0 ? (target.lastSeen as Record<string, unknown>) : target
        const keys = Object.keys(seen)
        seen[defined(keys[pick % keys.length])] = replacement
        expect(predicate(value)).toBe(schema.safeParse(value).success)
      }),
      { numRuns: 2000, seed: 20261123 },
    )
    expect(predicate(valid)).toBe(true)
  })
})
