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

/** A digest of about `bytes` UTF-8 bytes (whole records only). */
export function makeDigest(bytes) {
  const rounds = Math.max(1, Math.round((bytes - HEADER.length) / ROUND_BYTES.length))
  return `${HEADER}${`\n\n${ROUND}`.repeat(rounds)}`
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
