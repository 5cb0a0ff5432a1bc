// npm run fuzz [-- RUNS [SEED [MUTATION]]]: the damage fuzzer of
// test/helpers/fuzz.ts over RUNS one-mutation runs (default 20000), from
// seed SEED (default 1), printing the rate of each failure, overall and by
// mutation, and the seeds of a few failing runs (`npx tsx scripts/fuzz.ts 1
// SEED` replays one, and prints its text).
import { fuzz, fuzzRun, MUTATIONS, type Mutation } from '../test/helpers/fuzz.js'

const runs = Number(process.argv[2] ?? 20_000)
const seed = Number(process.argv[3] ?? 1)
const only = process.argv[4] as Mutation | undefined
if (only !== undefined && !MUTATIONS.includes(only)) throw new Error(`no mutation ${only}: ${MUTATIONS.join(', ')}`)

if (runs === 1) {
  const result = await fuzzRun(seed, only)
  console.log(result.text)
  console.log('---')
  const { text, ...rest } = result
  console.log(rest)
} else {
  const started = performance.now()
  const { totals, byMutation, examples } = await fuzz(runs, seed, only)
  const percent = (count: number, of = runs) => `${((100 * count) / of).toFixed(2).padStart(6)} %  (${String(count)})`
  console.log(
    `damage fuzzer: ${String(runs)} one-mutation runs from seed ${String(seed)}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  console.log(`  threw                          ${percent(totals.threw)}`)
  console.log(`  lost a line                    ${percent(totals.lostLines)}`)
  console.log(`  stream differs from batch      ${percent(totals.streamDiffers)}`)
  console.log(`  canonical text misread         ${percent(totals.roundTripDiffers)}`)
  console.log(`  a paper no record's own        ${percent(totals.wrongPaper)}`)
  console.log(`  ... with no error near it      ${percent(totals.silentWrongPaper)}   (target <= 0.1 %)`)
  console.log(`  intact neighbour changed       ${percent(totals.neighbourChanged)}   (target <= 0.5 %)`)
  console.log(`  record further away changed    ${percent(totals.farChanged)}   (target 0)`)
  console.log(`  by mutation: runs, silent wrong paper, neighbour changed, far changed`)
  for (const [mutation, row] of [...byMutation].sort()) {
    const rate = (count: number) => `${((100 * count) / row.runs).toFixed(2).padStart(6)} %`
    console.log(
      `    ${mutation.padEnd(17)} ${String(row.runs).padStart(6)} ${rate(row.silent)} ${rate(row.neighbour)} ${rate(row.far)}`,
    )
  }
  if (examples.length > 0) {
    const show = process.env.FUZZ_SHOW
    const shown = show ? examples.filter((e) => e.what.includes(show)) : examples
    console.log(`  failing runs (seed: what), first ${String(Math.min(shown.length, 20))} of ${String(shown.length)}:`)
    for (const { seed: at, what } of shown.slice(0, 20)) console.log(`    ${String(at)}: ${what}`)
  }
}
