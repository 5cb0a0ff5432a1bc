// Hostile inputs against a well-formed digest: time per MB of safeParseDigest
// on each input of test/helpers/hostile.ts, and its ratio to the time per MB
// of a well-formed digest of its size (1 to 10 MB). The small inputs are
// also timed repeated to 1 MB, where fixed costs no longer decide.
//
//   npx tsup && npx tsx scripts/bench/hostile.mjs
//
// (tsx only to read the TypeScript list of inputs; the parser is dist/.)
// Each time is the fastest of several runs, the input and its reference
// taking turns, so that a busy machine slows both alike.
import { safeParseDigest } from '../../dist/index.js'
import { asRead, byteLength, HOSTILE, wellFormedOfSize } from '../../test/helpers/hostile.ts'

const MB = 1e6
const options = { maxBytes: Infinity }

function fastest(runs, ...tasks) {
  const best = tasks.map(() => Infinity)
  for (let run = 0; run < runs; run++) {
    tasks.forEach((task, index) => {
      const started = performance.now()
      task()
      best[index] = Math.min(best[index], performance.now() - started)
    })
  }
  return best
}

function repeated(value, bytes) {
  const times = Math.ceil(bytes / byteLength(value))
  if (typeof value === 'string') return asRead(value.repeat(times))
  const out = new Uint8Array(value.length * times)
  for (let index = 0; index < times; index++) out.set(value, index * value.length)
  return out
}

const rows = []
function measure(name, value) {
  const bytes = byteLength(value)
  const reference = asRead(wellFormedOfSize(Math.min(Math.max(bytes, MB), 10 * MB)))
  const runs = bytes > 50 * MB ? 3 : 7
  const [ms, referenceMs] = fastest(
    runs,
    () => safeParseDigest(value, options),
    () => safeParseDigest(reference, options),
  )
  const perMegabyte = bytes === 0 ? NaN : ms / (bytes / MB)
  const referencePerMegabyte = referenceMs / (byteLength(reference) / MB)
  rows.push({
    name,
    megabytes: bytes / MB,
    ms,
    perMegabyte,
    referencePerMegabyte,
    ratio: perMegabyte / referencePerMegabyte,
  })
}

// Warm up, so that the first rows do not pay for compiling the parser.
const warm = asRead(wellFormedOfSize(10 * MB))
fastest(5, () => safeParseDigest(warm, options))

for (const hostile of HOSTILE) {
  const value = asRead(hostile.input())
  measure(hostile.name + (hostile.dense ? ' (dense)' : ''), value)
  if (!hostile.large && byteLength(value) > 0)
    measure(`${hostile.name} x${Math.ceil(MB / byteLength(value))}`, repeated(value, MB))
}

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '-')
console.log(`| input | MB | ms | ms/MB | well-formed ms/MB | ratio |`)
console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`)
for (const row of rows) {
  console.log(
    `| ${row.name} | ${fixed(row.megabytes, 3)} | ${fixed(row.ms, 2)} | ${fixed(row.perMegabyte, 2)} | ${fixed(row.referencePerMegabyte, 2)} | ${fixed(row.ratio, 2)} |`,
  )
}
const measured = rows.filter((row) => row.megabytes >= 0.1 && !row.name.includes('(dense)'))
const slowest = measured.reduce((a, b) => (b.ratio > a.ratio ? b : a))
console.log(
  `\nslowest, of the inputs of 100 KB or more but the dense ones: ${slowest.name}, ${fixed(slowest.ratio, 2)}x a well-formed digest's time per MB`,
)
