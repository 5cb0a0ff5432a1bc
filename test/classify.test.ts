import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyLine, isSpace } from '../src/tokenize/classify.js'
import * as reference from './reference/classify.js'
import { propertyRuns } from './helpers/runs.js'

// The text rendering's lines are classified by hand (every line of a digest
// goes through it); test/reference/classify.ts is the classifier by patterns
// it replaced, which must agree with it on every line.

// prettier-ignore
const PIECES = ['•', '• ', '·', ' ', '  ', '\t', '\u00a0', '\u200b', '\u2060', '\u3000', '5', '12', '0', '1234567890', 'nine', 'x', 'author', 'authors', 's', 'Aug', 'May', 'Sept', ', ', '2021', '14', '.', 'Subscribe', 'Daily Papers', 'new', 'A title', 'É']

describe('classifyLine', () => {
  it('classifies every line as the patterns did', () => {
    const lines = fc.oneof(
      fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 7 }).map((parts) => parts.join('')),
      fc.string({ minLength: 1, maxLength: 60 }),
    )
    fc.assert(
      fc.property(lines, (value) => {
        expect(classifyLine(value, 3, 1, 10)).toEqual(reference.classifyLine(value, 3, 1, 10))
      }),
      { numRuns: propertyRuns(5_000), seed: 2_511 },
    )
  })

  it('reads the shapes of an authors line', () => {
    // prettier-ignore
    const cases: Array<[string, number | null | undefined]> = [['• 5 authors', 5], ['•5authors', 5], ['• 1 author', 1], ['• nine authors', null], ['•authors', undefined], ['• authors', undefined], ['• 5 6 authors', undefined], ['• 1234567890 authors', null], ['•\u00a05\tauthors', 5], ['• 5 authorsx', undefined]]
    for (const [value, count] of cases) {
      const line = classifyLine(value, 1, 1, 0)
      expect(line.kind === 'authors' ? line.count : undefined, value).toBe(count)
      expect(line).toEqual(reference.classifyLine(value, 1, 1, 0))
    }
  })

  it('takes as white space what trim() removes and the zero-width spaces, every UTF-16 code unit checked', () => {
    const differ: string[] = []
    for (let code = 0; code <= 0xffff; code++) {
      const expected = String.fromCharCode(code).trim() === '' || (code >= 0x200b && code <= 0x200d) || code === 0x2060
      if (isSpace(code) !== expected) differ.push(`U+${code.toString(16)}`)
    }
    expect(differ).toEqual([])
  })
})
