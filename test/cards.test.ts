import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyBlock, loginPaperId, paperPageId, siteLength } from '../src/tokenize/cards.js'
import { blocks, mutated } from './helpers/blocks.js'
import * as reference from './reference/cards.js'

// The block classifier runs each pattern only where a cheap check (a first
// character, an ending, the path of a URL) allows a match; the reference
// (test/reference/cards.ts) runs them all. On any block, both must say the same.

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000)

describe('the block classifier', () => {
  it('says what the reference says of every block', () => {
    fc.assert(
      fc.property(blocks, (block) => {
        expect(classifyBlock(block)).toEqual(reference.classifyBlock(block))
      }),
      { numRuns: RUNS, seed: 5151 },
    )
  })
  it('reads the URLs of the site by hand as their patterns do', () => {
    const SITE = /^https?:\/\/(?:www\.)?huggingface\.co\//
    const PAPER_URL = /^https?:\/\/(?:www\.)?huggingface\.co\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?\/?(#community)?$/
    const LOGIN_URL = /^https?:\/\/(?:www\.)?huggingface\.co\/login\?next=%2Fpapers%2F(\d{4}\.\d{4,5})/
    const urls = mutated(
      fc.constantFrom(
        'https://huggingface.co/papers/2510.10000',
        'http://www.huggingface.co/papers/2510.100001v12/#community',
        'https://huggingface.co/papers/2510.1000#community',
        'https://huggingface.co/login?next=%2Fpapers%2F2510.10000',
        'https://www.huggingface.co/login?next=%2Fpapers%2F2510.1000x',
        'https://huggingface.co/CarnegieMellonU',
        'https://github.com/owner/repo',
      ),
    )
    fc.assert(
      fc.property(urls, (url) => {
        const site = SITE.exec(url)
        expect(siteLength(url)).toBe(site ? site[0].length : -1)
        expect(paperPageId(url)).toBe(PAPER_URL.exec(url)?.[1] ?? null)
        if (paperPageId(url) !== null) expect(url.endsWith('#community')).toBe(PAPER_URL.exec(url)?.[2] !== undefined)
        expect(loginPaperId(url)).toBe(LOGIN_URL.exec(url)?.[1] ?? null)
      }),
      { numRuns: RUNS, seed: 5152 },
    )
  })
})
