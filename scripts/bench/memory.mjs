// Peak memory of one parse, in a process of its own so that nothing else
// counts: `node scripts/bench/memory.mjs stream 400` or `... batch 16`.
// Prints one JSON line. Peak RSS is the kernel's own high-water mark (VmHWM).
import { readFileSync, writeFileSync } from 'node:fs'
import { parseDigest, parseDigestStream } from '../../dist/index.js'
import { digestChunks, makeDigest } from './input.mjs'

const status = (field) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024
const [mode, megabytes] = [process.argv[2], Number(process.argv[3])]
const bytes = megabytes * 1e6

if (mode === 'stream') {
  let papers = 0
  const started = performance.now()
  for await (const paper of parseDigestStream(digestChunks(bytes), { year: 2025, onMessage() {} }))
    papers += paper.line > 0 ? 1 : 0
  const seconds = (performance.now() - started) / 1000
  console.log(JSON.stringify({ mode, megabytes, papers, seconds, peakRss: status('VmHWM') }))
} else {
  const text = makeDigest(bytes)
  const inputBytes = Buffer.byteLength(text)
  globalThis.gc?.()
  const before = status('VmRSS')
  writeFileSync('/proc/self/clear_refs', '5') // restart the high-water mark from here
  const digest = parseDigest(text, { maxBytes: Infinity })
  const peakRss = status('VmHWM')
  console.log(
    JSON.stringify({
      mode,
      megabytes: inputBytes / 1e6,
      papers: digest.papers.length,
      before,
      peakRss,
      aboveStart: peakRss - before,
      ratio: (peakRss - before) / inputBytes,
    }),
  )
}
