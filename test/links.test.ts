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
