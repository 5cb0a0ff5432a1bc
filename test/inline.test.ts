import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bracketBalance, matchingBracket, readInline, squeeze } from '../src/tokenize/inline.js'
import * as reference from './reference/inline.js'

// The inline reader finds markup with `indexOf` rather than regexes (it is
// on the path of every abstract); test/reference/inline.ts is the reader as
// it was before, with regexes. On any text, both must read the same.

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000)
const PIECES = [
  '[',
  ']',
  '(',
  ')',
  '\\',
  '\\\\',
  '!',
  '![',
  '\n',
  ' ',
  '\t',
  'a',
  'word',
  '](',
  '][',
  '\\\\\n',
  '<',
  '>',
  '"',
  "'",
  '#',
  'https://huggingface.co/papers/2510.10000',
  '#community',
  '·',
]
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''))

describe('the inline reader', () => {
  it('reads every text as the reference reader does', () => {
    fc.assert(
      fc.property(texts, fc.boolean(), (text, escapes) => {
        expect(readInline(text, escapes)).toEqual(reference.readInline(text, escapes))
      }),
      { numRuns: RUNS, seed: 4242 },
    )
  })

  it('counts brackets and matches them as the reference does', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(bracketBalance(text)).toBe(reference.bracketBalance(text))
        for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1)) {
          expect(matchingBracket(text, at)).toBe(reference.matchingBracket(text, at))
        }
      }),
      { numRuns: RUNS, seed: 4243 },
    )
  })

  it('squeezes white space as the reference does', () => {
    const spaced = fc
      .array(
        fc.constantFrom(
          'a',
          'May',
          '29',
          ',',
          ' ',
          '  ',
          '\t',
          '\n',
          '\u00a0',
          '\u2028',
          '\u200b',
          '\u0085',
          '\u3000',
          '·',
        ),
        {
          maxLength: 12,
        },
      )
      .map((pieces) => pieces.join(''))
    fc.assert(
      fc.property(spaced, (text) => {
        expect(squeeze(text)).toBe(reference.squeeze(text))
      }),
      { numRuns: RUNS, seed: 4244 },
    )
  })

  it('reads the usual blocks of a card', () => {
    for (const text of [
      '[A title](https://huggingface.co/papers/2510.10000)',
      '[An abstract with 75\\\\%-95\\\\% and \\[brackets\\].](https://huggingface.co/papers/2510.10000)',
      '[![avatar](https://cdn/x.png)Carnegie Mellon University](https://huggingface.co/CarnegieMellonU)',
      'May 29[6](https://huggingface.co/papers/2606.00683#community)',
      '[Wrapped\\\\\nabstract](https://huggingface.co/papers/2510.10000)',
    ]) {
      expect(readInline(text)).toEqual(reference.readInline(text))
      expect(bracketBalance(text)).toBe(reference.bracketBalance(text))
    }
  })
})
