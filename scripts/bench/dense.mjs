// Memory and time on dense input: inputs made so that every few bytes make a
// paper, a diagnostic or a replacement character, and the long lines and
// closing brackets that once took quadratic time or all of the memory.
//
//   npm run build && node scripts/bench/dense.mjs            (all of it)
//   node scripts/bench/dense.mjs one KIND MIB                  (one parse, in this process)
//   node scripts/bench/dense.mjs cli KIND MIB ARGS…            (the command line on it)
//
// Each measure runs in a process of its own, so that nothing else counts:
// the batch functions' peak RSS above the RSS before the parse (the kernel's
// high-water mark, VmHWM, restarted after the input is made), as a ratio to
// the input's size; the stream's and the command line's peak RSS, whole.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findLinks } from '../../dist/compose/links.js'
import { parseDigestStream, safeParseDigest } from '../../dist/index.js'

const MIB = 2 ** 20
const status = (field) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024

/** A line of numbered text, so that no two records are the same paper. */
const numbered = (index) => index.toString(36).padStart(5, '0')

/** Each kind of dense input: its bytes, about `bytes` long. */
const KINDS = {
  // Not text: a line of one invalid byte, 2 bytes a line.
  'invalid-bytes': (bytes) => repeat([0xff, 0x0a], bytes),
  // Text at its start, then the same: read as text, every line a replacement character.
  'invalid-bytes-after-text': (bytes) => {
    const head = new TextEncoder().encode(records(8192, full))
    const out = new Uint8Array(bytes)
    out.set(head)
    out.set(repeat([0xff, 0x0a], bytes - head.length), head.length)
    return out
  },
  // Whole records, every one a paper: as short as a record can be and still be one.
  records: (bytes) => encode(records(bytes, full)),
  // Records without metadata: a paper and a missing-metadata warning each.
  'records-without-metadata': (bytes) =>
    encode(records(bytes, (index) => `Title ${numbered(index)} of a Study\n\nWe report ${numbered(index)}.\n\n`)),
  // Titles with a broken metadata block and no abstract: a paper and three diagnostics each.
  diagnostics: (bytes) =>
    encode(records(bytes, (index) => `Title ${numbered(index)} of a Study\n\n• 0 authors\n·\nFeb 30\n\n`)),
  // One-letter lines, that a parser taking letters for titles makes records of.
  'tiny-lines': (bytes) => encode('x\n\n'.repeat(Math.floor(bytes / 3))),
  // Lone `·` lines: each a metadata block with no title.
  'lone-dots': (bytes) => encode('·\n'.repeat(Math.floor(bytes / 3))),
}

function full(index) {
  return `Title ${numbered(index)} of a Study\n\nWe report ${numbered(index)}.\n\n• 1 authors\n·\nMay 1\n\n`
}

function records(bytes, record) {
  const parts = []
  let length = 0
  for (let index = 0; length < bytes; index++) {
    const part = record(index)
    parts.push(part)
    length += Buffer.byteLength(part)
  }
  return parts.join('')
}

function repeat(unit, bytes) {
  const out = new Uint8Array(bytes - (bytes % unit.length))
  for (let index = 0; index < out.length; index++) out[index] = unit[index % unit.length]
  return out
}

const encode = (text) => new TextEncoder().encode(text)

const [mode, kind, mib] = process.argv.slice(2)
if (mode === 'one') {
  // One batch parse in this process: the input as a string (or bytes, for the invalid ones).
  const bytes = KINDS[kind](Number(mib) * MIB)
  const input = kind.startsWith('invalid') ? bytes : Buffer.from(bytes).toString()
  globalThis.gc?.()
  const before = status('VmRSS')
  writeFileSync('/proc/self/clear_refs', '5')
  const started = performance.now()
  const result = safeParseDigest(input, { maxBytes: Infinity })
  const seconds = (performance.now() - started) / 1000
  const peak = status('VmHWM')
  const digest = result.success ? result.data : result.error.digest
  console.log(
    JSON.stringify({
      kind,
      bytes: bytes.length,
      papers: digest.papers.length,
      messages: result.messages.length,
      seconds,
      aboveStart: peak - before,
      ratio: (peak - before) / bytes.length,
    }),
  )
} else if (mode === 'stream-line') {
  // A line of `mib` MiB through the stream, made on the fly: peak RSS whole.
  const size = Number(kind) * MIB
  async function* chunks() {
    const piece = encode('A title '.repeat(8192))
    for (let sent = 0; sent < size; sent += piece.length) yield piece
    yield encode('\n\nA title\n\nAn abstract.\n\n• 1 authors\n·\nMay 1')
  }
  const messages = []
  let papers = 0
  const started = performance.now()
  for await (const paper of parseDigestStream(chunks(), { year: 2025, onMessage: (m) => messages.push(m.ruleId) }))
    papers += paper.line > 0 ? 1 : 0
  console.log(
    JSON.stringify({
      megabytes: size / 1e6,
      papers,
      messages,
      seconds: (performance.now() - started) / 1000,
      peakRss: status('VmHWM'),
    }),
  )
} else {
  main()
}

function child(...args) {
  const script = fileURLToPath(import.meta.url)
  return JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8' }))
}

/** The command line on a file of `kind`: exit status and peak RSS, from /usr/bin/time. */
function cli(file, args) {
  const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args, file], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 256 * MIB,
  })
  const lines = result.stderr.trim().split('\n')
  const crashed = /internal error|heap out of memory|^\s+at /m.test(result.stderr)
  return { status: result.status, peakRss: Number(lines.at(-1)) * 1024, crashed }
}

function main() {
  const size = 4
  console.log(
    `Dense input: parseDigest's peak RSS above its start, on ${size} and ${4 * size} MiB; the rise from one to the other per byte added is what the input costs, Node's own memory aside`,
  )
  console.log(
    `| input | papers | diagnostics | s | above start, ${size} MiB | ratio | ${4 * size} MiB | ratio | per byte added |`,
  )
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const kind of Object.keys(KINDS)) {
    const small = child('one', kind, String(size))
    const large = child('one', kind, String(4 * size))
    const slope = (large.aboveStart - small.aboveStart) / (large.bytes - small.bytes)
    console.log(
      `| ${kind} | ${small.papers} | ${small.messages} | ${small.seconds.toFixed(2)} | ${(small.aboveStart / MIB).toFixed(1)} MiB | ${small.ratio.toFixed(1)}x | ${(large.aboveStart / MIB).toFixed(1)} MiB | ${large.ratio.toFixed(1)}x | ${slope.toFixed(1)}x |`,
    )
  }

  // Closing brackets after a URL: linear, not quadratic.
  for (const count of [40_000, 80_000]) {
    const text = `see https://example.org/a${')'.repeat(count)}`
    const started = performance.now()
    findLinks(text)
    console.log(`  findLinks, a URL and ${count} closing brackets: ${(performance.now() - started).toFixed(1)} ms`)
  }

  // A 600 MB line through the stream: skipped, in constant memory.
  const line = child('stream-line', '600')
  console.log(
    `  parseDigestStream, one ${line.megabytes.toFixed(0)} MB line then a record: ${line.papers} paper, ${line.messages.join(', ')}; peak RSS ${(line.peakRss / MIB).toFixed(0)} MiB, ${line.seconds.toFixed(1)} s`,
  )

  // The command line, every format, on the densest inputs.
  const directory = tmpdir()
  console.log(`The command line on ${size} MiB of each: exit status and peak RSS (whole process)`)
  console.log('| input | command | exit | peak RSS |')
  console.log('| --- | --- | ---: | ---: |')
  const commands = [
    ['parse'],
    ['parse', '--format', 'ndjson'],
    ['parse', '--format', 'csv'],
    ['validate'],
    ['validate', '--format', 'json'],
  ]
  for (const kind of ['invalid-bytes', 'records', 'diagnostics']) {
    const file = join(directory, `papers-digest-dense-${kind}.txt`)
    writeFileSync(file, KINDS[kind](size * MIB))
    for (const args of commands) {
      const { status: exit, peakRss, crashed } = cli(file, args)
      console.log(
        `| ${kind} | ${args.join(' ')} | ${exit}${crashed ? ' (crashed)' : ''} | ${(peakRss / MIB).toFixed(0)} MiB |`,
      )
    }
    rmSync(file)
  }
}
