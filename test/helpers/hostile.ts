import { readFileSync } from 'node:fs'
import { defined } from './defined.js'
import { FIXTURES, readFixture } from './fixtures.js'

// Hostile inputs, for the library's tests and the CLI's: small ones are files
// in fixtures/hostile/ (see its README.md), large ones are made on demand.

export interface HostileInput {
  name: string
  about: string
  /** Made in memory, megabytes long, rather than read from a committed file. */
  large: boolean
  /**
   * Every few bytes make a paper or a diagnostic (or, for bytes that are not
   * text, a replacement character), so its parse time goes with its output
   * more than with its size: much slower per MB than a digest's.
   */
  dense?: boolean
  /**
   * Hundreds of megabytes: read only by `npm run test:long` (LONG_INPUTS=1),
   * where seconds more do not matter.
   */
  long?: boolean
  /** The input as the library takes it: text, or bytes (which may not be UTF-8). */
  input: () => string | Uint8Array
  /**
   * Its UTF-8 bytes made directly, for an input too large to make as text and
   * encode: the text is then their decoding (see {@link readInput}).
   */
  bytes?: () => Uint8Array
}

/** UTF-8 bytes of a text (a lone surrogate counts as U+FFFD, three bytes) or of bytes. */
export const byteLength = (value: string | Uint8Array): number =>
  typeof value === 'string' ? Buffer.byteLength(value) : value.length

const SEEDS = ['000_b52436321a9b76b2', '001_f604c4867d4d0d65'].map((name) => readFixture('seeds', name))
const FIRST_BLOCKS = defined(SEEDS[0]).split('\n\n')
const HEADER = FIRST_BLOCKS.slice(0, 6).join('\n\n')
// Both seeds' records, after their header and date (the first six blocks).
const ROUND = SEEDS.map((seed) => seed.split('\n\n').slice(6).join('\n\n')).join('\n\n')

/** A well-formed digest of `rounds` rounds of the seeds' records, each paper once (see roundOf). */
export function wellFormed(rounds: number): string {
  const parts = [HEADER]
  for (let round = 0; round < rounds; round++) parts.push(roundOf(round))
  return parts.join('')
}

/**
 * One round of the seeds' records, after a blank line. Its titles are
 * numbered (`Title (round.index)`) but for the first of each in round 0: the
 * two seeds share ten papers, and the same paper twice is a `duplicate-paper`.
 */
function roundOf(round: number, count = RECORDS.length): string {
  return RECORDS.slice(0, count)
    .map(([title, ...rest], index) => {
      const first = round === 0 && RECORDS.findIndex(([other]) => other === title) === index
      return `\n\n${[first ? title : `${String(title)} (${String(round)}.${String(index)})`, ...rest].join('\n\n')}`
    })
    .join('')
}

/** A well-formed digest of about `bytes` UTF-8 bytes (whole rounds, at least one). */
export function wellFormedOfSize(bytes: number): string {
  return wellFormed(Math.max(1, Math.round(bytes / byteLength(ROUND))))
}

/** The records of one round, each as its blocks (title, abstract, metadata block if any). */
const RECORDS = ROUND.split('\n\n').reduce<string[][]>((records, block) => {
  const last = records.at(-1)
  if (last && (block.startsWith('  • ') || last.length === 1)) last.push(block)
  else records.push([block])
  return records
}, [])

/** A digest of `records` records, the seeds' over and over (numbered as in {@link wellFormed}). */
export function manyRecords(records: number): string {
  const rounds = Math.floor(records / RECORDS.length)
  return wellFormed(rounds) + roundOf(rounds, records - rounds * RECORDS.length)
}

const encoder = new TextEncoder()
// As a file is read: a byte-order mark is kept, and bytes that are not UTF-8 become U+FFFD.
const decode = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)

/**
 * The UTF-8 bytes of {@link manyRecords}, a round of records at a time, made
 * as they are read: 175 MB of them never need be in memory at once.
 */
export function* manyRecordsChunks(records: number): Generator<Uint8Array> {
  const rounds = Math.floor(records / RECORDS.length)
  yield encoder.encode(HEADER)
  for (let index = 0; index < rounds; index++) yield encoder.encode(roundOf(index))
  yield encoder.encode(roundOf(rounds, records - rounds * RECORDS.length))
}

/** The UTF-8 bytes of {@link manyRecords}, made without making its text (a two-byte string, twice their size). */
export function manyRecordsBytes(records: number): Uint8Array {
  let size = 0
  for (const chunk of manyRecordsChunks(records)) size += chunk.length
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of manyRecordsChunks(records)) {
    bytes.set(chunk, at)
    at += chunk.length
  }
  return bytes
}

const file = (name: string) => () => new Uint8Array(readFileSync(`${FIXTURES}hostile/${name}`))
const text = (name: string) => () => readFileSync(`${FIXTURES}hostile/${name}`, 'utf8')

/**
 * A 1 MB abstract, just under the longest line read (1 MiB): the seeds'
 * prose, with a link (some followed by punctuation) every few hundred characters.
 */
function longAbstract(): string {
  const prose = defined(FIRST_BLOCKS[7]).slice(0, 600)
  const links = ['(see https://example.org/paper_(v2)).', 'Code: https://github.com/a/b,', 'data at http://x.io/d.']
  const sentences = links.map((link) => `${prose} ${link} `).join('')
  return `${HEADER}\n\nA title\n\n${sentences.repeat(Math.floor(1e6 / sentences.length))}\n\n  • 4 authors\n·\nMay 13 2`
}

/** `count` repetitions of `unit`, as bytes. */
function repeatBytes(unit: number[], count: number): Uint8Array {
  const bytes = new Uint8Array(unit.length * count)
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = defined(unit[index % unit.length], 'a byte of the unit')
  return bytes
}

/** A seed digest in UTF-16 with its byte-order mark, little- or big-endian. */
function utf16(littleEndian: boolean): Uint8Array {
  const seed = Buffer.from(`\uFEFF${defined(SEEDS[1], 'the second seed')}`, 'utf16le')
  if (!littleEndian) seed.swap16()
  return new Uint8Array(seed)
}

/** What an executable starts with: an ELF header, tables of NUL-padded numbers, and some strings. */
function elfLike(): Uint8Array {
  const bytes = new Uint8Array(8192)
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0)
  let state = 7
  for (let at = 64; at < 6000; at += 8) {
    state = (state * 1103515245 + 12345) >>> 0
    bytes.set([state & 0xff, (state >> 8) & 0xff, 0, 0, 0, 0, 0, 0], at)
  }
  bytes.set(new TextEncoder().encode('GLIBC_2.34\0libc.so.6\0__cxa_finalize\0main\0.text\0.data\0'), 6000)
  return bytes
}

export const HOSTILE: HostileInput[] = [
  { name: 'empty', about: 'no bytes at all', large: false, input: text('empty.txt') },
  {
    name: 'header-only',
    about: 'the page header and the digest date, no records',
    large: false,
    input: text('header-only.txt'),
  },
  {
    name: 'random-bytes',
    about: '4 KiB of random bytes (seeded), mostly not UTF-8',
    large: false,
    input: file('random.bin'),
  },
  {
    name: 'control-chars',
    about: 'NUL and other C0/C1 control characters in titles, abstracts and metadata',
    large: false,
    input: text('control-chars.txt'),
  },
  {
    name: 'lone-surrogates',
    about: 'UTF-8-style encodings of lone surrogates (ED A0 80 …): invalid bytes',
    large: false,
    input: file('lone-surrogates.bin'),
  },
  {
    name: 'lone-surrogates-string',
    about: 'a JavaScript string with lone surrogates in a title, an abstract and metadata',
    large: false,
    input: () =>
      `${HEADER}\n\nA title \ud800 with a lone high surrogate\n\nAn abstract \udc00 with a lone low one, and \ud83d\n\n  • 4 authors\n\ud800·\nMay 13 2\udfff`,
  },
  {
    name: 'line-separators',
    about: 'U+2028 and U+2029 inside and around lines',
    large: false,
    input: text('line-separators.txt'),
  },
  {
    name: 'long-line',
    about: 'one 5 MB line with no line ending',
    large: true,
    input: () => 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(87_720),
  },
  {
    name: 'long-abstract',
    about: 'a record whose abstract is one 1 MB line, with thousands of links',
    large: true,
    input: longAbstract,
  },
  { name: 'blank-lines', about: 'two million blank lines', large: true, input: () => '\n'.repeat(2_000_000) },
  {
    name: 'blank-crlf-lines',
    about: 'a million blank lines ending in CRLF',
    large: true,
    input: () => '\r\n'.repeat(1_000_000),
  },
  { name: 'bullets', about: '200,000 bullets (•) on one line', large: true, input: () => '•'.repeat(200_000) },
  {
    name: 'tiny-records',
    about: '256 KB of one-letter lines ("x", a blank line, "x"…), each two a record if letters were titles',
    large: true,
    dense: true,
    input: () => 'x\n\n'.repeat(85_334),
  },
  {
    name: 'lone-dots',
    about: '256 KB of lone "·" lines, each a metadata block with no title',
    large: true,
    dense: true,
    input: () => '·\n'.repeat(85_334),
  },
  {
    name: 'closing-brackets',
    about: 'a URL followed by 80,000 closing brackets',
    large: true,
    dense: true,
    input: () => `${HEADER}\n\nA title\n\nSee https://example.org/a${')'.repeat(80_000)}\n\n  • 4 authors\n·\nMay 13 2`,
  },
  {
    name: 'invalid-bytes',
    about: '256 KiB of lines that are one invalid byte each (FF, LF)',
    large: true,
    // Not text: nothing is read from it, but its bytes are still decoded (to
    // place its end), and invalid bytes are the native decoder's slow path.
    dense: true,
    input: () => repeatBytes([0xff, 0x0a], 2 ** 17),
  },
  {
    name: 'invalid-bytes-after-text',
    about: 'the first 8 KiB of a digest, then 256 KiB of lines that are one invalid byte each',
    large: true,
    dense: true,
    input: () => {
      const text = wellFormed(1)
      const digest = new TextEncoder().encode(`${text.slice(0, text.lastIndexOf('\n\n', 8192))}\n\n`)
      const bytes = new Uint8Array(digest.length + 2 ** 18)
      bytes.set(digest)
      bytes.set(repeatBytes([0xff, 0x0a], 2 ** 17), digest.length)
      return bytes
    },
  },
  {
    name: 'utf-16le',
    about: 'a seed digest in UTF-16, little-endian, with its byte-order mark',
    large: false,
    input: () => utf16(true),
  },
  {
    name: 'utf-16be',
    about: 'a seed digest in UTF-16, big-endian, with its byte-order mark',
    large: false,
    input: () => utf16(false),
  },
  {
    name: 'executable',
    about: 'the first 8 KiB of an executable (ELF): NUL bytes, numbers, a few strings',
    large: false,
    input: elfLike,
  },
  {
    name: 'records-100k',
    about: 'a well-formed digest of 100,000 records (about 175 MB)',
    large: true,
    long: true,
    input: () => decode(manyRecordsBytes(100_000)),
    bytes: () => manyRecordsBytes(100_000),
  },
]

/** Whether the long inputs are read (`npm run test:long`). */
export const LONG_INPUTS = process.env.LONG_INPUTS === '1'

/** The hostile inputs this run reads: the long ones only with LONG_INPUTS. */
export const HOSTILE_HERE = HOSTILE.filter((input) => LONG_INPUTS || input.long !== true)

/** The input as bytes, as a file or standard input would hold it (a lone surrogate becomes U+FFFD). */
export function hostileBytes(input: HostileInput): Uint8Array {
  if (input.bytes) return input.bytes()
  const value = input.input()
  return typeof value === 'string' ? encoder.encode(value) : value
}

const LONE_SURROGATE = /\p{Surrogate}/u

/**
 * The input as a file or a decoder gives it: a flat string. A string built by
 * `repeat` or `+` is a rope, slower to index, which is not the parser's cost.
 */
export function asRead<T extends string | Uint8Array>(value: T): T {
  if (typeof value !== 'string') return value
  // UTF-16 keeps lone surrogates; UTF-8 gives the compact one-byte strings of ASCII text.
  return (
    LONE_SURROGATE.test(value) ? Buffer.from(value, 'utf16le').toString('utf16le') : Buffer.from(value).toString()
  ) as T
}

/**
 * The input as a file or a decoder gives it ({@link asRead}); decoded from
 * its bytes when it has them, which is flat already (copying 350 MB of text
 * to flatten it again would be time and memory lost).
 */
export function readInput(input: HostileInput): string | Uint8Array {
  return input.bytes ? decode(input.bytes()) : asRead(input.input())
}
