// The text rendering against an earlier build of the package, in one process:
// the same realistic digest (input.mjs) parsed by both, taking turns.
//
//   git worktree add /tmp/before 6c7a4b3 && (cd /tmp/before && npm install && npm run build)
//   npm run build && node scripts/bench/versus.mjs /tmp/before/dist/index.js
//
// 6c7a4b3 is the package before this round's work (the renderings, the
// damage rules, the speed work), which read the text rendering only.
// BENCH_ROUNDS (default 15), BENCH_MB (default 16), and BENCH_RENDERING
// (text, markdown or weblinks; default text) to A/B two builds of the others.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseDigest } from '../../dist/index.js'
import { makeDigest } from './input.mjs'

const [path] = process.argv.slice(2)
if (!path) {
  console.error('usage: node scripts/bench/versus.mjs PATH/TO/OTHER/dist/index.js')
  process.exit(2)
}
const before = await import(pathToFileURL(resolve(path)).href)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
const RENDERING = process.env.BENCH_RENDERING ?? 'text'
const text = makeDigest(Number(process.env.BENCH_MB ?? 16) * 1e6, RENDERING)
const options = { maxBytes: Infinity, year: 2025 }
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const tasks = [
  { name: 'split', run: () => text.split('\n').length },
  { name: 'before', run: () => before.safeParseDigest(text, options) },
  { name: 'now', run: () => parseDigest(text, options).papers.length },
]
const nowPapers = parseDigest(text, options).papers.length
const result = before.safeParseDigest(text, options)
const beforePapers = (result.success ? result.data : result.error.digest).papers.length
const runs = new Map(tasks.map((task) => [task.name, []]))
// CPU time too (user and system, the collector's threads included): on a
// shared machine it counts what the task did, not how long it waited.
const cpu = new Map(tasks.map((task) => [task.name, []]))
// Each task pays for some of the garbage of the one before it: the order
// turns every round, so that each follows each as often.
for (let round = 0; round < ROUNDS + 2; round++) {
  for (const task of [...tasks.slice(round % tasks.length), ...tasks.slice(0, round % tasks.length)]) {
    const started = performance.now()
    const used = process.cpuUsage()
    task.run()
    const { user, system } = process.cpuUsage(used)
    if (round >= 2) {
      runs.get(task.name).push(performance.now() - started)
      cpu.get(task.name).push((user + system) / 1000)
    }
  }
}
const ms = Object.fromEntries(tasks.map((task) => [task.name, median(runs.get(task.name))]))
console.log(
  `${RENDERING} rendering, ${(text.length / 1e6).toFixed(1)} MB, ${String(nowPapers)} papers (before: ${String(beforePapers)}), median of ${String(ROUNDS)} rounds`,
)
console.log(`  split ${ms.split.toFixed(1)} ms, before ${ms.before.toFixed(1)} ms, now ${ms.now.toFixed(1)} ms`)
console.log(`  before / split ${(ms.split / ms.before).toFixed(3)}x, now / split ${(ms.split / ms.now).toFixed(3)}x`)
console.log(`  now against before: ${(ms.before / ms.now).toFixed(3)}x the speed`)
const cpuMs = Object.fromEntries(tasks.map((task) => [task.name, median(cpu.get(task.name))]))
console.log(
  `  CPU time: before ${cpuMs.before.toFixed(1)} ms, now ${cpuMs.now.toFixed(1)} ms: ${(cpuMs.before / cpuMs.now).toFixed(3)}x`,
)
