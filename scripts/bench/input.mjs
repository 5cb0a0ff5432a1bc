// Large digests for the benchmarks, built from the two seeds: the first
// seed's header and date, then the records of both seeds over and over.
import { readFileSync } from 'node:fs'

const seed = (name) => readFileSync(new URL(`../../fixtures/seeds/${name}.txt`, import.meta.url), 'utf8')
const SEEDS = [seed('000_b52436321a9b76b2'), seed('001_f604c4867d4d0d65')]
// Everything after the digest's date line (the sixth block) is records.
const records = (text) => text.split('\n\n').slice(6).join('\n\n')

export const HEADER = SEEDS[0].split('\n\n').slice(0, 6).join('\n\n')
/** One round of records: both seeds' records, then a blank line to join the next round. */
export const ROUND = `${records(SEEDS[0])}\n\n${records(SEEDS[1])}`
const ROUND_BYTES = new TextEncoder().encode(`\n\n${ROUND}`)

// The titles of one round, to number them in the next ones: a record is a
// title, its abstract, and a metadata block if it has one.
const TITLES = new Set()
{
  let parts = 0
  for (const block of ROUND.split('\n\n')) {
    if (block.startsWith('  • ') || parts === 1) parts++
    else {
      TITLES.add(block)
      parts = 1
    }
  }
}

/**
 * A digest of about `bytes` UTF-8 bytes (whole records only), each paper
 * once: titles are numbered (`Title (round.index)`) but for the first of each
 * in the first round, as the same paper twice is a `duplicate-paper` (the two
 * seeds share ten papers).
 */
export function makeDigest(bytes) {
  const rounds = Math.max(1, Math.round((bytes - HEADER.length) / ROUND_BYTES.length))
  const blocks = ROUND.split('\n\n')
  const parts = [HEADER]
  for (let round = 0; round < rounds; round++) {
    const seen = new Set()
    blocks.forEach((block, index) => {
      const title = TITLES.has(block)
      const numbered = title && (round > 0 || seen.has(block))
      if (title) seen.add(block)
      parts.push(`\n\n${numbered ? `${block} (${round}.${index})` : block}`)
    })
  }
  return parts.join('')
}

/**
 * The same digest as UTF-8 chunks of `chunkBytes`, cut regardless of lines
 * or characters, produced on the fly: it never exists whole in memory.
 */
export async function* digestChunks(bytes, chunkBytes = 64 * 1024) {
  const header = new TextEncoder().encode(HEADER)
  yield header
  const rounds = Math.max(1, Math.round((bytes - header.length) / ROUND_BYTES.length))
  const total = rounds * ROUND_BYTES.length
  for (let start = 0; start < total; start += chunkBytes) {
    const end = Math.min(start + chunkBytes, total)
    const from = start % ROUND_BYTES.length
    // A chunk may wrap around from the end of one round into the next.
    if (from + (end - start) <= ROUND_BYTES.length) yield ROUND_BYTES.subarray(from, from + (end - start))
    else {
      const chunk = new Uint8Array(end - start)
      chunk.set(ROUND_BYTES.subarray(from))
      chunk.set(ROUND_BYTES.subarray(0, end - start - (ROUND_BYTES.length - from)), ROUND_BYTES.length - from)
      yield chunk
    }
  }
}
