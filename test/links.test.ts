import { describe, expect, it } from 'vitest'
import { findLinks } from '../src/compose/links.js'

describe('findLinks', () => {
  it('drops the punctuation that ends the sentence', () => {
    expect(findLinks('Code: https://github.com/SJTU-DeepVisionLab/FLoRA.')).toEqual([
      'https://github.com/SJTU-DeepVisionLab/FLoRA',
    ])
    expect(findLinks('(see https://gomes.andrew.cmu.edu/iron-mind), and')).toEqual([
      'https://gomes.andrew.cmu.edu/iron-mind',
    ])
    expect(findLinks('at https://a.org/x?y=1; then http://b.org/!')).toEqual(['https://a.org/x?y=1', 'http://b.org/'])
  })

  it('keeps brackets the URL opened, and stops at LaTeX braces', () => {
    expect(findLinks('https://en.wikipedia.org/wiki/Foo_(bar).')).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)'])
    expect(findLinks('\\url{https://x.org/code} and \\href{https://y.org}{y}')).toEqual([
      'https://x.org/code',
      'https://y.org',
    ])
  })

  it('finds nothing where there is no URL', () => {
    expect(findLinks('no links: http:// alone, ftp://x.org, or the word https')).toEqual([])
    expect(findLinks('')).toEqual([])
  })
})

describe('findLinks on closing brackets', () => {
  const text = (count: number) => `see https://example.org/a${')'.repeat(count)}`
  const fastest = (run: () => unknown) => {
    let best = Infinity
    for (let round = 0; round < 5; round++) {
      const started = performance.now()
      run()
      best = Math.min(best, performance.now() - started)
    }
    return best
  }

  it('drops every bracket the URL did not open', () => {
    expect(findLinks(text(40_000))).toEqual(['https://example.org/a'])
    expect(findLinks(`(${text(3)}`)).toEqual(['https://example.org/a'])
    expect(findLinks(`https://x.org/f_(g)${')'.repeat(1000)}`)).toEqual(['https://x.org/f_(g)'])
  })

  it('in time linear in their number (counted once, not again for each)', () => {
    const [small, large] = [text(20_000), text(160_000)]
    const [smallMs, largeMs] = [fastest(() => findLinks(small)), fastest(() => findLinks(large))]
    // Eight times the brackets: quadratic would take 64 times as long.
    expect(largeMs).toBeLessThanOrEqual(3 * 8 * Math.max(smallMs, 0.5))
  })
})
