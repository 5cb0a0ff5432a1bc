import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyBlock } from '../src/tokenize/cards.js'
import { blocks } from './helpers/blocks.js'
import * as reference from './reference/cards.js'

// The block classifier reads the usual lines of a card by one pattern each
// (cardLine), and the rest the general way, with URLs and link texts found
// by other means than before; the reference (test/reference/cards.ts) reads
// every block the general way of commit bb6e0c7. On any block, both must say
// the same.

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
})
