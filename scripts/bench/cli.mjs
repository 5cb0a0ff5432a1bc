// npm run bench:cli: the command line on a 400 MB digest, against a bare
// decoding read of the same file, and its start against a bare `node -e 0`.
//
// Each command runs in a child process of its own, as a user runs it; the
// tasks take turns within each round and the medians are compared, so that a
// busy machine slows them all alike and the ratios hold. The input is made
// from the seeds' records (input.mjs) into the system's temporary folder the
// first time, and kept there (see BUILDER). Its name holds the page's date, as a scrape's
// may (2025-10-31.txt): the name gives the year of the dates that write none,
// so a single read is enough; `big.txt` (the same bytes, a hard link) makes
// the command read the file once more for its years (inferYear).
//
// Targets (throughput, as a ratio to the bare read): validate >= 0.5x,
// parse --format ndjson >= 0.3x, at most 128 MB RSS; --version <= 1.6x the
// time of `node -e 0`. No timing is asserted in the unit tests.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createWriteStream, existsSync, linkSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { digestChunks } from './input.mjs'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const STARTS = Number(process.env.BENCH_STARTS ?? 21)
const BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
// The digest is kept between runs, in a folder named by a hash of the
// builder (input.mjs): a digest written by an earlier builder is never
// measured (one of before the serial numbers was 232,712 duplicate-paper
// warnings, whose writing cost a third of validate's time).
const BUILDER = createHash('sha256')
  .update(readFileSync(new URL('input.mjs', import.meta.url)))
  .digest('hex')
  .slice(0, 12)
const DIR = join(tmpdir(), `papers-digest-bench-${BUILDER}`)
const NAMED = join(DIR, '2025-10-31.txt')
const UNNAMED = join(DIR, 'big.txt')
const MB = 1e6

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`)
mkdirSync(DIR, { recursive: true })
if (!existsSync(NAMED)) {
  console.log(`writing ${NAMED} (400 MB) …`)
  const out = createWriteStream(`${NAMED}.part`)
  for await (const chunk of digestChunks(400 * MB)) {
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve))
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())))
  const { renameSync } = await import('node:fs')
  renameSync(`${NAMED}.part`, NAMED)
}
if (!existsSync(UNNAMED)) linkSync(NAMED, UNNAMED)
const bytes = statSync(NAMED).size

// A bare decoding read: the file in 64 KiB chunks through TextDecoder (stream: true), its lines counted.
const BARE_READ = `
const { createReadStream } = require('node:fs')
const decoder = new TextDecoder('utf-8')
let lines = 0
;(async () => {
  for await (const chunk of createReadStream(process.argv[1], { highWaterMark: 64 * 1024 })) {
    const text = decoder.decode(chunk, { stream: true })
    for (let at = text.indexOf('\\n'); at !== -1; at = text.indexOf('\\n', at + 1)) lines++
  }
  decoder.decode()
  process.stdout.write(lines + '\\n')
})()
`

// Loaded before the command: reports the process's peak RSS on standard error as it exits.
const PEAK = `data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => process.stderr.write('\\nmaxrss ' + process.resourceUsage().maxRSS + '\\n'))",
)}`

/** Run a child to its end, its standard output thrown away: its time in ms and its peak RSS in bytes. */
function time(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let tail = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (text) => (tail = (tail + text).slice(-200)))
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = performance.now() - started
      if (code !== 0 && code !== 1) return reject(new Error(`${args.join(' ')} exited ${code}: ${tail}`))
      const peak = /maxrss (\d+)/.exec(tail)
      resolve({ ms, rss: peak ? Number(peak[1]) * 1024 : null })
    })
  })
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Each task's median time and largest peak RSS, the tasks taking turns within each round. */
async function measure(tasks, rounds) {
  const results = new Map(tasks.map((task) => [task.name, { times: [], rss: 0 }]))
  for (let round = 0; round < rounds; round++) {
    for (const task of tasks) {
      const { ms, rss } = await time(task.args)
      const result = results.get(task.name)
      result.times.push(ms)
      result.rss = Math.max(result.rss, rss ?? 0)
    }
  }
  return new Map([...results].map(([name, { times, rss }]) => [name, { ms: median(times), rss }]))
}

const cli = (...args) => ['--import', PEAK, BIN, ...args]
console.log(`papers-digest command line: ${(bytes / MB).toFixed(0)} MB digest, ${ROUNDS} rounds`)
const big = await measure(
  [
    { name: 'bare decoding read', args: ['--import', PEAK, '-e', BARE_READ, NAMED] },
    { name: 'validate 2025-10-31.txt', args: cli('validate', NAMED) },
    { name: 'parse --format ndjson 2025-10-31.txt', args: cli('parse', NAMED, '--format', 'ndjson') },
    { name: 'parse --format json 2025-10-31.txt', args: cli('parse', NAMED) },
    { name: 'parse --format csv 2025-10-31.txt', args: cli('parse', NAMED, '--format', 'csv') },
    { name: 'validate big.txt (reads it twice)', args: cli('validate', UNNAMED) },
    { name: 'parse --format ndjson big.txt (twice)', args: cli('parse', UNNAMED, '--format', 'ndjson') },
  ],
  ROUNDS,
)
const bare = big.get('bare decoding read').ms
const targets = { 'validate 2025-10-31.txt': 0.5, 'parse --format ndjson 2025-10-31.txt': 0.3 }
for (const [name, { ms, rss }] of big) {
  const ratio = bare / ms
  const target = targets[name] ? `  (target >= ${targets[name]}x)` : ''
  console.log(
    `  ${name.padEnd(40)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${(bytes / MB / (ms / 1000)).toFixed(0).padStart(4)} MB/s  ${ratio.toFixed(2)}x bare  peak RSS ${(rss / MB).toFixed(0)} MB${target}`,
  )
}

const start = await measure(
  [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'papers-digest --version', args: [BIN, '--version'] },
  ],
  STARTS,
)
const node = start.get('node -e 0').ms
const version = start.get('papers-digest --version').ms
console.log(
  `  --version ${version.toFixed(1)} ms, node -e 0 ${node.toFixed(1)} ms: ${(version / node).toFixed(2)}x  (target <= 1.6x)`,
)
console.log(
  `  machine: ${cpus().length} x ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`,
)
