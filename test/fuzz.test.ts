import { beforeAll, describe, expect, it } from 'vitest'
import { fuzz } from './helpers/fuzz.js'

// The damage fuzzer (test/helpers/fuzz.ts): canonical digests of the seeds'
// records, one line-level mutation each. `npm run fuzz` prints its rates over
// 20,000 runs; here it runs a tenth of PROPERTY_RUNS (1,000 by default).

const RUNS = Math.max(100, Math.round(Number(process.env.PROPERTY_RUNS ?? 10_000) / 10))
const TIMEOUT = Math.max(120_000, RUNS * 20)

describe(`the damage fuzzer, over ${String(RUNS)} one-mutation runs`, () => {
  let result: Awaited<ReturnType<typeof fuzz>>
  beforeAll(async () => {
    result = await fuzz(RUNS, 70_001)
  }, TIMEOUT)
  const failing = (what: string) => JSON.stringify(result.examples.filter((example) => example.what.includes(what)))
  const atMost = (rate: number) => Math.max(1, Math.floor(rate * RUNS))

  it('never throws nor loses a line, streams as the batch, and reads every canonical text back', () => {
    expect(result.examples.filter(({ what }) => /threw|lostLines|streamDiffers|roundTrip/.test(what))).toEqual([])
    expect(result.totals).toMatchObject({ threw: 0, lostLines: 0, streamDiffers: 0, roundTripDiffers: 0 })
  })

  it("gives a paper that is no record's own, with no error near it, in at most 0.1 % of runs", () => {
    expect(result.totals.silentWrongPaper, failing('silent')).toBeLessThanOrEqual(atMost(0.001))
  })

  it('changes an intact record next to the damage in at most 0.5 % of runs, and never one further away', () => {
    expect(result.totals.neighbourChanged, failing('neighbour')).toBeLessThanOrEqual(atMost(0.005))
    expect(result.totals.farChanged, failing('far')).toBe(0)
  })
})
