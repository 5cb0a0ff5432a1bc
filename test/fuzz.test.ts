import { describe, expect, it } from 'vitest'
import { fuzz } from './helpers/fuzz.js'

// The damage fuzzer (test/helpers/fuzz.ts): canonical digests of the seeds'
// records, one line-level mutation each. `npm run fuzz` prints its rates over
// 20,000 runs; here it runs a tenth of PROPERTY_RUNS (1,000 by default).

const RUNS = Math.max(100, Math.round(Number(process.env.PROPERTY_RUNS ?? 10_000) / 10))
const TIMEOUT = Math.max(120_000, RUNS * 20)

describe('the damage fuzzer', () => {
  it(
    `over ${String(RUNS)} one-mutation runs: no throw, no line lost, the stream as the batch, canonical text read back`,
    async () => {
      const { totals, examples } = await fuzz(RUNS, 70_001)
      expect(examples.filter(({ what }) => /threw|lostLines|streamDiffers|roundTrip/.test(what))).toEqual([])
      expect(totals).toMatchObject({ threw: 0, lostLines: 0, streamDiffers: 0, roundTripDiffers: 0 })
    },
    TIMEOUT,
  )
})
