// npm run bench: throughput, ratios, linear time and memory, in one run.
//
// Speeds are medians of rounds in which every task runs once, in turn, so
// that a busy machine slows them all alike and the ratios hold. Memory is
// measured in child processes (memory.mjs), each parse alone. No collection
// is forced between runs: V8 shrinks its young generation after one, and
// the next parse would pay to grow it back, which is not the parser's cost.
import { execFileSync } from 'node:child_process'
import { cpus, totalmem } from 'node:os'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { parseDigest, parseDigestStream, parseTree } from '../../dist/index.js'
import { makeDigest } from './input.mjs'

const MB = 1e6
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const byteLength = (text) => Buffer.byteLength(text)
const chunked = (bytes, size = 64 * 1024) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size))

async function drain(chunks) {
  let count = 0
  for await (const paper of parseDigestStream(chunks, { year: 2025, onMessage() {} })) count += paper.line > 0 ? 1 : 0
  return count
}

/** Median MB/s of each task, the tasks taking turns within each round. */
async function speeds(tasks) {
  const times = new Map(tasks.map((task) => [task.name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (const task of tasks) {
      const started = performance.now()
      await task.run()
      times.get(task.name).push(performance.now() - started)
    }
  }
  return new Map(tasks.map((task) => [task.name, task.bytes / MB / (median(times.get(task.name)) / 1000)]))
}

const text = makeDigest(50 * MB)
const bytes = new TextEncoder().encode(text)
const small = makeDigest(2 * MB) // remark-parse is slow: a smaller digest of the same records
const remark = unified().use(remarkParse)
const papers = parseDigest(text, { maxBytes: Infinity }).papers.length

console.log(`papers-digest benchmark: ${(bytes.length / MB).toFixed(1)} MB digest (${papers} papers), ${ROUNDS} rounds`)
const speed = await speeds([
  { name: 'text.split("\\n")', bytes: bytes.length, run: () => text.split('\n') },
  { name: 'parseTree', bytes: bytes.length, run: () => parseTree(text, { maxBytes: Infinity }) },
  { name: 'parseDigest', bytes: bytes.length, run: () => parseDigest(text, { maxBytes: Infinity }) },
  { name: 'parseDigestStream', bytes: bytes.length, run: () => drain(chunked(bytes)) },
  { name: 'remark-parse', bytes: byteLength(small), run: () => remark.parse(small) },
])
for (const [name, value] of speed) console.log(`  ${name.padEnd(20)} ${value.toFixed(1).padStart(8)} MB/s`)
const digestSpeed = speed.get('parseDigest')
const versusSplit = digestSpeed / speed.get('text.split("\\n")')
const versusRemark = digestSpeed / speed.get('remark-parse')
console.log(`  parseDigest / split        ${versusSplit.toFixed(3)}x  (target >= 0.25)`)
console.log(`  parseDigest / remark-parse ${versusRemark.toFixed(0)}x  (target >= 100)`)

// Linear time: the time per MB at 1, 10 and 100 MB.
const sizes = [1, 10, 100].map((megabytes) => makeDigest(megabytes * MB))
const perMegabyte = await speeds(
  sizes.map((digest) => ({
    name: `${Math.round(byteLength(digest) / MB)} MB`,
    bytes: byteLength(digest),
    run: () => parseDigest(digest, { maxBytes: Infinity }),
  })),
)
const msPerMb = [...perMegabyte].map(([name, value]) => [name, 1000 / value])
for (const [name, value] of msPerMb) console.log(`  parseDigest at ${name.padEnd(7)} ${value.toFixed(2)} ms/MB`)
const spread = Math.max(...msPerMb.map(([, v]) => v)) / Math.min(...msPerMb.map(([, v]) => v))
console.log(`  spread of ms/MB across sizes: ${spread.toFixed(2)}x  (target <= 1.5)`)

// Memory, each in a fresh process.
const child = (...args) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', new URL('memory.mjs', import.meta.url).pathname, ...args], {
      encoding: 'utf8',
    }),
  )
const stream = child('stream', '400')
const batch = child('batch', '16')
console.log(
  `  parseDigestStream, 400 MB: peak RSS ${(stream.peakRss / 2 ** 20).toFixed(1)} MiB (target <= 128 MiB), ${stream.papers} papers at ${(400 / stream.seconds).toFixed(0)} MB/s`,
)
console.log(
  `  parseDigest, ${batch.megabytes.toFixed(0)} MB: peak ${(batch.aboveStart / 2 ** 20).toFixed(1)} MiB above the starting RSS = ${batch.ratio.toFixed(2)}x the input (target <= 4x)`,
)
console.log(
  `  machine: ${cpus().length} x ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`,
)
