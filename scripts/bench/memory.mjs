// Memory of one parse, in a process of its own so that nothing else counts:
//   node scripts/bench/memory.mjs stream 400      peak RSS while streaming 400 MB
//   node scripts/bench/memory.mjs batch 16        peak RSS of parseDigest on 16 MB
//   node --expose-gc scripts/bench/memory.mjs keep 66 bytes|text
//                                                 heap kept by one paper of a 66 MB stream
// Prints one JSON line. Peak RSS is the kernel's own high-water mark (VmHWM).
import { readFileSync, writeFileSync } from 'node:fs'
import { parseDigest, parseDigestStream } from '../../dist/index.js'
import { digestChunks, makeDigest } from './input.mjs'

const status = (field) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024
const [mode, megabytes] = [process.argv[2], Number(process.argv[3])]
const bytes = megabytes * 1e6

if (mode === 'keep') {
  // The stream's chunks: UTF-8 bytes, or pieces of one string (each a slice
  // of it, as `text.slice` gives). Once the stream has ended, nothing but the
  // kept paper holds any of it.
  const source = process.argv[4]
  async function* pieces() {
    const text = makeDigest(bytes)
    for (let at = 0; at < text.length; at += 65536) yield text.slice(at, at + 65536)
  }
  globalThis.gc()
  const before = process.memoryUsage().heapUsed
  let kept = null
  let papers = 0
  const chunks = source === 'bytes' ? digestChunks(bytes) : pieces()
  for await (const paper of parseDigestStream(chunks, { year: 2025, onMessage() {} })) {
    if (papers++ === 1000) kept = paper
  }
  globalThis.gc()
  globalThis.gc()
  const heap = process.memoryUsage().heapUsed - before
  console.log(JSON.stringify({ mode, source, megabytes, papers, heap, title: kept?.title.length }))
} else if (mode === 'stream') {
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
