// The core compiles against the ECMAScript library alone, without Node.js or
// DOM types (tsconfig.core.json), so that it cannot come to depend on one
// runtime. TextDecoder is the one web platform API it uses, and every runtime
// it supports has it (browsers, Node.js, Deno, Bun); it is declared here with
// only what this file calls.
declare const TextDecoder: new (
  label: 'utf-8' | 'utf-16le' | 'utf-16be',
  options: { fatal?: boolean; ignoreBOM?: boolean },
) => { decode(input: Uint8Array, options?: { stream?: boolean }): string }

/** Text decoded from bytes, and where it holds replacement characters. */
export interface Decoded {
  text: string
  /** Indices in `text` of the U+FFFD that replaced bytes that were not UTF-8. */
  replaced: number[]
}

/** Bytes to text, piece by piece. */
export interface Decoder {
  /**
   * @param final Whether this is the last piece: an incomplete sequence at
   *   its end is then invalid rather than held back.
   */
  decode(piece: Uint8Array, final?: boolean): Decoded
  /** Decode what is held back, at the end of the bytes or before a string piece. */
  flush(): Decoded
  /** Whether to find where replacement characters are (default); not when the text is only counted. */
  positions: boolean
}

/**
 * Bytes to text, in the encoding their start shows: UTF-16 (little- or
 * big-endian) after its byte-order mark, else UTF-8 (with or without one).
 * The byte-order mark stays in the text, as U+FEFF, which the scanner skips.
 */
export class ByteDecoder implements Decoder {
  #decoder: Decoder | null = null
  #first: Uint8Array | null = null
  #positions = true

  get positions(): boolean {
    return this.#positions
  }

  set positions(value: boolean) {
    this.#positions = value
    if (this.#decoder) this.#decoder.positions = value
  }

  decode(piece: Uint8Array, final = false): Decoded {
    if (this.#decoder) return this.#decoder.decode(piece, final)
    const bytes = this.#first ? joined(this.#first, piece) : piece
    this.#first = null
    // Two bytes tell UTF-16's byte-order mark.
    if (bytes.length < 2 && !final) {
      this.#first = bytes.slice()
      return { text: '', replaced: [] }
    }
    const [a, b] = bytes
    const decoder = (this.#decoder =
      a === 0xff && b === 0xfe
        ? new Utf16Decoder(true)
        : a === 0xfe && b === 0xff
          ? new Utf16Decoder(false)
          : new Utf8Decoder())
    decoder.positions = this.#positions
    return decoder.decode(bytes, final)
  }

  flush(): Decoded {
    if (this.#decoder) return this.#decoder.flush()
    return this.#first ? this.decode(new Uint8Array(0), true) : { text: '', replaced: [] }
  }
}

/**
 * UTF-16 bytes to text, piece by piece. A code unit or a surrogate pair cut
 * between two pieces is held back until the next one completes it; a lone
 * surrogate, or an odd byte at the end, becomes U+FFFD, and its place is
 * returned so that its line can be reported.
 */
class Utf16Decoder implements Decoder {
  positions = true
  readonly #littleEndian: boolean
  readonly #native = new TextDecoder('utf-16le', { ignoreBOM: true })
  #held: Uint8Array | null = null

  constructor(littleEndian: boolean) {
    this.#littleEndian = littleEndian
  }

  decode(piece: Uint8Array, final = false): Decoded {
    const bytes = this.#held ? joined(this.#held, piece) : piece
    this.#held = null
    let cut = bytes.length - (bytes.length % 2)
    // A high surrogate at the end waits for its low one.
    if (!final && cut >= 2 && (this.#unit(bytes, cut - 2) & 0xfc00) === 0xd800) cut -= 2
    if (cut < bytes.length && !final) this.#held = bytes.slice(cut)
    // The native decoder reads little-endian: big-endian units are swapped first.
    const little = this.#littleEndian
    const units = little ? bytes.subarray(0, cut) : new Uint8Array(cut)
    const replaced: number[] = []
    for (let at = 0; at < cut; at += 2) {
      const unit = this.#unit(bytes, at)
      if (!little) {
        units[at] = byteAt(bytes, at + 1)
        units[at + 1] = byteAt(bytes, at)
      }
      if (unit < 0xd800 || unit > 0xdfff) continue
      // A surrogate: a high one followed by a low one is a pair, anything else is lone.
      if (unit <= 0xdbff && at + 2 < cut && (this.#unit(bytes, at + 2) & 0xfc00) === 0xdc00) {
        if (!little) {
          units[at + 2] = byteAt(bytes, at + 3)
          units[at + 3] = byteAt(bytes, at + 2)
        }
        at += 2
      } else replaced.push(at / 2)
    }
    let text = this.#native.decode(units)
    // An odd byte at the very end is no code unit.
    if (final && cut < bytes.length) {
      replaced.push(text.length)
      text += '\uFFFD'
    }
    return { text, replaced }
  }

  flush(): Decoded {
    return this.#held ? this.decode(new Uint8Array(0), true) : { text: '', replaced: [] }
  }

  #unit(bytes: Uint8Array, at: number): number {
    const [first, second] = [byteAt(bytes, at), byteAt(bytes, at + 1)]
    return this.#littleEndian ? first | (second << 8) : (first << 8) | second
  }
}

/**
 * UTF-8 bytes to text, piece by piece. A sequence cut between two pieces is
 * held back until the next one completes it. Bytes that are not UTF-8 become
 * U+FFFD, one per maximal invalid subpart (as `TextDecoder` does), and their
 * places are returned so that the lines holding them can be reported.
 */
export class Utf8Decoder implements Decoder {
  positions = true
  // Fast path: a native fatal decode; it throws only when something is wrong.
  // With `stream: true`, Node's TextDecoder takes a path two to three times
  // as fast as without (on a digest). A piece may still end inside a broken
  // sequence (one cut short, before a lead byte held back for the next
  // piece), which a streaming decoder would keep waiting on: the empty
  // decode after each piece ends the stream there, and throws if it does.
  #strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  readonly #lenient = new TextDecoder('utf-8', { ignoreBOM: true })
  #held: Uint8Array | null = null

  /**
   * @param final Whether this is the last piece: an incomplete sequence at
   *   its end is then invalid rather than held back.
   */
  decode(piece: Uint8Array, final = false): Decoded {
    const bytes = this.#held ? joined(this.#held, piece) : piece
    this.#held = null
    const cut = final ? bytes.length : completeLength(bytes)
    if (cut < bytes.length) this.#held = bytes.slice(cut)
    const body = cut < bytes.length ? bytes.subarray(0, cut) : bytes
    try {
      const text = this.#strict.decode(body, STREAM)
      this.#strict.decode(EMPTY)
      return { text, replaced: [] }
    } catch {
      // A decoder that has thrown starts afresh.
      this.#strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
      return this.#repair(body)
    }
  }

  /** Decode what is held back, at the end of the bytes or before a string piece. */
  flush(): Decoded {
    return this.#held ? this.decode(new Uint8Array(0), true) : { text: '', replaced: [] }
  }

  #repair(bytes: Uint8Array): Decoded {
    // The native decoder replaces each maximal invalid subpart with one
    // U+FFFD; walking the bytes finds where those are in its text, without
    // a decode call for each (random bytes hold hundreds of thousands a MB).
    const text = this.#lenient.decode(bytes)
    const replaced: number[] = []
    if (!this.positions) return { text, replaced }
    let index = 0
    let at = 0
    while (at < bytes.length) {
      // `?? 0`, here and in the functions below: the index is in bounds, which its type cannot say.
      if ((bytes[at] ?? 0) < 0x80) {
        at++
        index++
        continue
      }
      const size = sequenceSize(bytes, at)
      if (size < 0) replaced.push(index)
      // A four-byte sequence is a surrogate pair: two UTF-16 code units.
      index += size === 4 ? 2 : 1
      at += size < 0 ? -size : size
    }
    return { text, replaced }
  }
}

const STREAM = { stream: true }
const EMPTY = new Uint8Array(0)

/**
 * The size of the well-formed UTF-8 sequence at `at` (Unicode table 3-7), or,
 * negated, the size of the maximal subpart that starts one and fails.
 */
function sequenceSize(bytes: Uint8Array, at: number): number {
  const lead = bytes[at] ?? 0
  let need: number
  let low = 0x80
  let high = 0xbf
  if (lead >= 0xc2 && lead <= 0xdf) need = 1
  else if (lead >= 0xe0 && lead <= 0xef) {
    need = 2
    if (lead === 0xe0)
      low = 0xa0 // no overlong forms
    else if (lead === 0xed) high = 0x9f // no surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    need = 3
    if (lead === 0xf0)
      low = 0x90 // no overlong forms
    else if (lead === 0xf4) high = 0x8f // nothing past U+10FFFF
  } else return -1
  for (let k = 1; k <= need; k++) {
    const byte = bytes[at + k]
    if (byte === undefined || byte < low || byte > high) return -k
    low = 0x80
    high = 0xbf
  }
  return need + 1
}

/** How many bytes precede an incomplete sequence at the end, if there is one. */
function completeLength(bytes: Uint8Array): number {
  const length = bytes.length
  // Back over at most three continuation bytes to the last lead byte.
  let lead = length - 1
  while (lead >= 0 && lead > length - 4 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--
  if (lead < 0) return length
  const byte = bytes[lead] ?? 0
  const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
  return lead + size > length ? lead : length
}

/** The byte at `at`, which the callers keep inside the array (0 past its end). */
function byteAt(bytes: Uint8Array, at: number): number {
  return bytes[at] ?? 0
}

/** The bytes held back from the last piece, then the next piece. */
function joined(held: Uint8Array, piece: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(held.length + piece.length)
  bytes.set(held)
  bytes.set(piece, held.length)
  return bytes
}
