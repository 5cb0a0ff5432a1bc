// npm run bench: every figure of the performance goals, each as a ratio
// taken in one process, on digests of realistic density (input.mjs).
//
// Speeds are medians of rounds in which every task runs once, in turn, so
// that a busy machine slows them all alike and the ratios hold. Memory is
// measured in child processes (memory.mjs), each parse alone. No collection
// is forced between runs: V8 shrinks its young generation after one, and
// the next parse would pay to grow it back, which is not the parser's cost.
// Only between groups of tasks (`node --expose-gc`, as `npm run bench` runs it).
//
//   BENCH_ROUNDS (default 9) and BENCH_MB (the size of the digests, default 16).
import { execFileSync } from 'node:child_process'
import { cpus, totalmem } from 'node:os'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { parseDigest, parseDigestStream, parseTree } from '../../dist/index.js'
import { density, makeDigest, PAPERS_PER_MB } from './input.mjs'

const MB = 1e6
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const SIZE = Number(process.env.BENCH_MB ?? 16) * MB
const options = { maxBytes: Infinity }
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const chunked = (bytes, size = 64 * 1024) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size))

async function drain(chunks) {
  let count = 0
  for await (const paper of parseDigestStream(chunks, { year: 2025, onMessage() {} })) count += paper.line > 0 ? 1 : 0
  return count
}

/** Median milliseconds of each task, the tasks taking turns within each round (after two rounds to warm up). */
async function times(tasks) {
  const runs = new Map(tasks.map((task) => [task.name, []]))
  for (let round = 0; round < 2; round++) for (const task of tasks) await task.run()
  for (let round = 0; round < ROUNDS; round++) {
    for (const task of tasks) {
      const started = performance.now()
      await task.run()
      runs.get(task.name).push(performance.now() - started)
    }
  }
  return new Map(tasks.map((task) => [task.name, median(runs.get(task.name))]))
}

/** A digest in one rendering, its bytes and its papers. */
function input(rendering, bytes = SIZE) {
  const text = makeDigest(bytes, rendering)
  const encoded = new TextEncoder().encode(text)
  const papers = parseDigest(text, options).papers.length
  return { rendering, text, bytes: encoded, megabytes: encoded.length / MB, papers }
}

const goals = []
/** Print a goal's figure, and keep it for the summary. */
function goal(name, value, target, format) {
  const met = target.atLeast === undefined ? value <= target.atMost : value >= target.atLeast
  const bound = target.atLeast === undefined ? `<= ${target.atMost}` : `>= ${target.atLeast}`
  goals.push({ name, value: format(value), bound, met })
}
const ratio = (value) => `${value.toFixed(3)}x`

console.log(
  `papers-digest benchmark, ${ROUNDS} rounds; digests of ${PAPERS_PER_MB} papers a MB in the text rendering (the same cards in the others).`,
)
console.log('Speed (median of the rounds; each group of tasks takes turns on its own input):')
/** Time a group of tasks on one input, and print them. */
async function group(digest, tasks) {
  // Each group starts from a collected heap, so that it does not pay for
  // the garbage of the group before it (remark-parse makes a lot).
  globalThis.gc?.()
  const { rendering, megabytes, papers } = digest
  console.log(`  ${rendering}: ${megabytes.toFixed(1)} MB, ${papers} papers (${density(rendering).toFixed(0)} a MB)`)
  const measured = await times(tasks)
  for (const task of tasks) {
    const ms = measured.get(task.name)
    const mbps = (task.megabytes ?? megabytes) / (ms / 1000)
    console.log(`    ${task.name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms ${mbps.toFixed(1).padStart(8)} MB/s`)
  }
  return measured
}

// Each group holds only the tasks of one ratio: a task pays for some of the
// garbage of the one before it (the byte parses and remark-parse make a lot),
// which would slow the others in a group with them.
let text = input('text')
const textSpeed = await group(text, [
  { name: 'text.split("\\n")', run: () => text.text.split('\n') },
  { name: 'parseDigest(string)', run: () => parseDigest(text.text, options) },
])
goal(
  'text: parseDigest / split',
  textSpeed.get('text.split("\\n")') / textSpeed.get('parseDigest(string)'),
  { atLeast: 0.5 },
  ratio,
)
// The byte parses against the string parse, each pair in a group of its own.
const bytesSpeed = await group(text, [
  { name: 'parseDigest(string)', run: () => parseDigest(text.text, options) },
  { name: 'parseDigest(bytes)', run: () => parseDigest(text.bytes, options) },
])
goal(
  'bytes: parseDigest(bytes) / parseDigest(string)',
  bytesSpeed.get('parseDigest(string)') / bytesSpeed.get('parseDigest(bytes)'),
  { atLeast: 0.8 },
  ratio,
)
const textChunks = chunked(text.bytes)
const streamSpeed = await group(text, [
  { name: 'parseDigest(string)', run: () => parseDigest(text.text, options) },
  { name: 'parseDigestStream(64 KiB byte chunks)', run: () => drain(textChunks) },
])
goal(
  'bytes: stream of 64 KiB chunks / parseDigest(string)',
  streamSpeed.get('parseDigest(string)') / streamSpeed.get('parseDigestStream(64 KiB byte chunks)'),
  { atLeast: 0.7 },
  ratio,
)

// remark-parse is slow: it reads a smaller digest of the same records, and
// the ratio is of the speeds in MB/s.
const small = makeDigest(2 * MB)
const smallMegabytes = Buffer.byteLength(small) / MB
const remark = unified().use(remarkParse)
const remarkSpeed = await group(text, [
  { name: 'parseDigest(string)', run: () => parseDigest(text.text, options) },
  { name: `remark-parse (${smallMegabytes.toFixed(1)} MB)`, megabytes: smallMegabytes, run: () => remark.parse(small) },
])
goal(
  'text: parseDigest / remark-parse',
  text.megabytes /
    remarkSpeed.get('parseDigest(string)') /
    (smallMegabytes / remarkSpeed.get(`remark-parse (${smallMegabytes.toFixed(1)} MB)`)),
  { atLeast: 100 },
  (value) => `${value.toFixed(0)}x`,
)
const treeSpeed = await group(text, [
  { name: 'text.split("\\n")', run: () => text.text.split('\n') },
  { name: 'parseTree', run: () => parseTree(text.text, options) },
])
console.log(
  `    (parseTree / split ${ratio(treeSpeed.get('text.split("\\n")') / treeSpeed.get('parseTree'))}, no target)`,
)
text = null

for (const rendering of ['markdown', 'weblinks']) {
  const digest = input(rendering)
  const measured = await group(digest, [
    { name: 'text.split("\\n")', run: () => digest.text.split('\n') },
    { name: 'parseDigest(string)', run: () => parseDigest(digest.text, options) },
  ])
  const value = measured.get('text.split("\\n")') / measured.get('parseDigest(string)')
  if (rendering === 'markdown') goal('markdown: parseDigest / split', value, { atLeast: 0.25 }, ratio)
  else console.log(`    (weblinks: parseDigest / split ${ratio(value)}, no target)`)
}

// Scale: the time per paper of parseDigest at 1, 10 and 100 MB; the smaller
// digests parsed as many times as make 100 MB in each round, so that each
// task takes as long and a pause of the machine weighs as much on each.
const scales = [1, 10, 100].map((megabytes) => ({ ...input('text', megabytes * MB), repeat: 100 / megabytes }))
globalThis.gc?.()
const scaled = await times(
  scales.map((digest) => ({
    name: `${Math.round(digest.megabytes)} MB`,
    run: () => {
      for (let time = 0; time < digest.repeat; time++) parseDigest(digest.text, options)
    },
  })),
)
console.log('Scale (parseDigest, text):')
const perPaper = scales.map((digest) => {
  const microseconds = (scaled.get(`${Math.round(digest.megabytes)} MB`) * 1000) / digest.papers / digest.repeat
  console.log(
    `  ${`${Math.round(digest.megabytes)} MB`.padEnd(7)} ${digest.papers} papers ${microseconds.toFixed(2)} µs a paper`,
  )
  return microseconds
})
goal(
  'scale: spread of the time a paper, 1 to 100 MB',
  Math.max(...perPaper) / Math.min(...perPaper),
  { atMost: 1.5 },
  (value) => `${value.toFixed(2)}x`,
)

// Memory, each in a fresh process.
const child = (...args) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', new URL('memory.mjs', import.meta.url).pathname, ...args], {
      encoding: 'utf8',
    }),
  )
const keptFromBytes = child('keep', '66', 'bytes')
const keptFromText = child('keep', '66', 'text')
const stream = child('stream', '400')
const batch = child('batch', '16')
console.log('Memory (each in a process of its own):')
for (const kept of [keptFromBytes, keptFromText]) {
  console.log(
    `  one paper kept of a ${kept.megabytes} MB stream of ${kept.source === 'bytes' ? '64 KiB byte chunks' : '64 Ki-character pieces of one string'}: ${(kept.heap / 2 ** 20).toFixed(1)} MiB of heap`,
  )
}
goal(
  'memory: one paper kept of a 66 MB stream',
  Math.max(keptFromBytes.heap, keptFromText.heap) / 2 ** 20,
  { atMost: 16 },
  (value) => `${value.toFixed(1)} MiB`,
)
console.log(
  `  parseDigestStream, 400 MB: peak RSS ${(stream.peakRss / 2 ** 20).toFixed(1)} MiB (target <= 128 MiB), ${stream.papers} papers at ${(400 / stream.seconds).toFixed(0)} MB/s`,
)
console.log(
  `  parseDigest, ${batch.megabytes.toFixed(0)} MB: peak ${(batch.aboveStart / 2 ** 20).toFixed(1)} MiB above the starting RSS = ${batch.ratio.toFixed(2)}x the input (target <= 4x)`,
)

console.log('Goals:')
for (const { name, value, bound, met } of goals) {
  console.log(`  ${met ? 'met   ' : 'MISSED'} ${name.padEnd(52)} ${value.padStart(10)}  (target ${bound})`)
}
console.log(
  `  machine: ${cpus().length} x ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`,
)
