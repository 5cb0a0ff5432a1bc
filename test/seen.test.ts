import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { idNumber, MAX_REMEMBERED, SeenCards } from '../src/grammar/seen.js'

// The card grammar remembers the papers it has seen in a table of numbers
// for arXiv ids and a set for other keys (src/grammar/seen.ts); it must say
// what one set of every key says, emptied when it holds `max` keys and a new
// one comes (as the grammar did before).

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000)

/** The reference: one set of strings. */
class Reference {
  readonly #max: number
  readonly #seen = new Set<string>()
  constructor(max: number) {
    this.#max = max
  }
  add(key: string): boolean {
    if (this.#seen.has(key)) return true
    if (this.#seen.size >= this.#max) this.#seen.clear()
    this.#seen.add(key)
    return false
  }
}

const digits = (count: number) =>
  fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), { minLength: count, maxLength: count })
/** Ids, and keys that nearly are ids or are titles and dates. */
const keys = fc.oneof(
  fc
    .tuple(digits(4), fc.constantFrom(4, 5))
    .chain(([head, length]) => digits(length).map((tail) => `${head.join('')}.${tail.join('')}`)),
  fc.constantFrom(
    '1501.1000',
    '1501.01000',
    '0150.11000',
    '1501.10000',
    '0000.0000',
    '0000.00000',
    '9999.99999',
    '1501,1000',
    '1501.1000a',
  ),
  fc.constantFrom('A Title\nAug 14, 2021', 'A Title\n', '', '15011.000', '1501.100', '1501.100000', '٣501.1000'),
  fc.string({ maxLength: 12 }),
)

describe('the cards seen', () => {
  it('says what a set of every key says, emptied at its bound', () => {
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (sequence, max) => {
        const seen = new SeenCards(max)
        const reference = new Reference(max)
        for (const key of sequence) expect(seen.add(key)).toBe(reference.add(key))
      }),
      { numRuns: RUNS / 10, seed: 7171 },
    )
  })

  it('tells every id apart', () => {
    fc.assert(
      fc.property(keys, keys, (a, b) => {
        const [x, y] = [idNumber(a), idNumber(b)]
        if (x !== -1 && y !== -1) expect(x === y).toBe(a === b)
        expect(x === -1).toBe(!/^\d{4}\.\d{4,5}$/.test(a))
        expect(x).toBeLessThan(2 ** 31 - 1)
      }),
      { numRuns: RUNS, seed: 7172 },
    )
  })

  it('tells apart ids of four and five digits that spell the same digits', () => {
    expect(idNumber('1501.1000')).not.toBe(idNumber('0150.11000'))
    expect(idNumber('0000.0000')).not.toBe(idNumber('0000.00000'))
  })

  it('remembers up to its bound, as a set does, with papers of a long stream', () => {
    const seen = new SeenCards()
    const reference = new Reference(MAX_REMEMBERED)
    // Papers that come again after 50,000 others, a few titles among them, past the bound twice.
    let differences = 0
    let repeats = 0
    for (let serial = 0; serial < 2.5 * MAX_REMEMBERED; serial++) {
      const paper = (serial * 7919) % 50_000
      const key =
        paper % 97 === 0 ? `Title ${String(paper)}\nMay 1` : `${String(1501 + (paper % 3))}.${String(10_000 + paper)}`
      const said = seen.add(key)
      if (said !== reference.add(key)) differences++
      if (said) repeats++
    }
    expect(differences).toBe(0)
    expect(repeats).toBeGreaterThan(10_000)
  })
})
