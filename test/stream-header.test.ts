import { describe, expect, it } from 'vitest'
import { type Digest, parseDigest, parseDigestStream } from '../src/index.js'
import { defined } from './helpers/defined.js'
import { readFixture } from './helpers/fixtures.js'

const SEED = readFixture('seeds', '001_f604c4867d4d0d65')

/** What the stream reports, in order: the header (as 'header') and each paper's line. */
async function events(text: string, year?: number) {
  const seen: Array<string | number> = []
  let header: Omit<Digest, 'papers'> | null = null
  const options = {
    year,
    onMessage() {},
    onHeader(found: Omit<Digest, 'papers'>) {
      header = found
      seen.push('header')
    },
  }
  for await (const paper of parseDigestStream([text.slice(0, 500), text.slice(500)], options)) seen.push(paper.line)
  return { seen, header: header as Omit<Digest, 'papers'> | null }
}

describe('parseDigestStream: onHeader', () => {
  it("reports the digest's own fields once, before the first paper, as parseDigest gives them", async () => {
    const { seen, header } = await events(SEED, 2025)
    expect(seen[0]).toBe('header')
    expect(seen.filter((event) => event === 'header')).toHaveLength(1)
    expect(seen).toHaveLength(36)
    const { papers: _, ...expected } = parseDigest(SEED, { year: 2025 })
    expect(header).toEqual(expected)
    expect(defined(defined(header).date).iso).toBe('2025-12-12')
  })

  it('gives the date without a year when the stream is given none, as it does for papers', async () => {
    const { header } = await events(SEED)
    expect(defined(header).date).toMatchObject({ text: 'Dec 12', year: null, iso: null })
  })

  it('reports it at the end when there is no paper, and an empty header when there is none', async () => {
    const headerOnly = SEED.split('\n\n').slice(0, 6).join('\n\n')
    expect(await events(headerOnly, 2025)).toMatchObject({ seen: ['header'], header: { title: 'Daily Papers' } })
    expect(await events('')).toEqual({
      seen: ['header'],
      header: { title: null, date: null, rendering: 'text', page: null, query: null },
    })
  })
})
