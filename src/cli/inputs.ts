import { constants, createReadStream } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { CliError, describeError } from './errors.js'

/** The name of standard input in output and diagnostics. */
const STDIN = '<stdin>'

/** One input of a command: a file, or standard input. */
export interface Input {
  /** The name in output and diagnostics: the path as given, or `<stdin>`. */
  name: string
  /** The path; `null` for standard input. */
  path: string | null
  /**
   * Whether it can be read twice (a regular file), which lets a command read
   * the years first. Standard input and pipes (`<(zcat digest.gz)`) cannot.
   */
  rereadable: boolean
  /**
   * The year the file's name gives (`2025-10-31.txt`, `papers-2025-10-31.md`):
   * the page's year, for its dates that write none. `undefined` if none.
   */
  yearHint: number | undefined
}

/** Where the bytes of standard input come from. */
export type Stdin = AsyncIterable<Uint8Array>

// A date in a file's name: YYYY-MM-DD, not inside a longer run of digits.
const NAMED_DATE = /(?<![0-9])((?:1[89]|2[0-9])[0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(?![0-9])/

/** The year a file's name gives, if it holds a date. */
export function yearFromName(path: string): number | undefined {
  const match = NAMED_DATE.exec(basename(path))
  return match ? Number(match[1]) : undefined
}

/**
 * The inputs named on the command line (none, or `-`, is standard input),
 * each checked before anything is printed.
 *
 * @throws {CliError} Naming every file that is missing, a directory or
 *   unreadable, one per line; or standard input named twice.
 */
export async function openInputs(args: readonly string[]): Promise<Input[]> {
  const stdin: Input = { name: STDIN, path: null, rereadable: false, yearHint: undefined }
  if (args.length === 0) return [stdin]
  if (args.filter((arg) => arg === '-').length > 1)
    throw new CliError('standard input (-) can be named only once', true)
  const problems: string[] = []
  const inputs: Input[] = []
  for (const arg of args) {
    if (arg === '-') {
      inputs.push(stdin)
      continue
    }
    try {
      const stats = await stat(arg)
      if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
      // access, not open: opening a pipe to check it would block, or cut off its writer.
      await access(arg, constants.R_OK)
      inputs.push({ name: arg, path: arg, rereadable: stats.isFile(), yearHint: yearFromName(arg) })
    } catch (error) {
      problems.push(`cannot read ${arg}: ${describeError(error)}`)
    }
  }
  if (problems.length > 0) throw new CliError(problems.join('\n'))
  return inputs
}

// How much a file is read at a time: large reads keep the reading ahead of
// the parser (which would otherwise wait for them), in few turns of the event
// loop; the parser holds only a few records whatever the size.
const READ_SIZE = 256 * 1024
// How much is decoded at a time: the decoder is fastest on pieces that stay
// in the processor's cache.
const DECODE_SIZE = 64 * 1024

/**
 * The bytes of an input, as they are read (never decoded here: the parser
 * reports bytes that are not UTF-8). A read error becomes a {@link CliError}.
 */
export async function* chunks(input: Input, stdin: Stdin): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    if (input.path === null) yield* stdin
    else yield* createReadStream(input.path, { highWaterMark: READ_SIZE }) as AsyncIterable<Uint8Array>
  } catch (error) {
    throw new CliError(`cannot read ${input.name}: ${describeError(error)}`)
  }
}

/**
 * The chunks of a digest decoded here, in one streaming decode (about twice
 * as fast as the parser's own decoding of each piece, which must find and
 * report bytes that are not UTF-8), as long as they are plain UTF-8: from
 * the first chunk that is not (an invalid sequence, a NUL byte, a UTF-16
 * byte-order mark), the bytes go to the parser as they are, the bytes of an
 * incomplete sequence held back from the chunk before included, so that it
 * reports what it finds exactly as it would have. The text the parser gets is
 * the same either way.
 */
export async function* decoded(
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<string | Uint8Array, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  // The bytes of a sequence cut at the end of the last chunk, which the decoder holds.
  let held: Uint8Array = EMPTY
  let raw = false
  for await (const chunk of source) {
    if (raw) {
      yield chunk
      continue
    }
    for (let start = 0; start < chunk.length; start += DECODE_SIZE) {
      const piece = start === 0 && chunk.length <= DECODE_SIZE ? chunk : chunk.subarray(start, start + DECODE_SIZE)
      if (raw) {
        yield piece
        continue
      }
      let text: string | null = null
      if (!piece.includes(0)) {
        try {
          text = decoder.decode(piece, { stream: true })
        } catch {
          text = null
        }
      }
      if (text === null) {
        raw = true
        yield held.length > 0 ? Buffer.concat([held, piece]) : piece
        continue
      }
      held = piece.length >= 3 ? cutSequence(piece) : cutSequence(Buffer.concat([held, piece]))
      if (text) yield text
    }
  }
  if (raw) return
  try {
    const text = decoder.decode()
    if (text) yield text
  } catch {
    yield held
  }
}

const EMPTY = new Uint8Array(0)

/** A copy of the incomplete UTF-8 sequence that ends `bytes`, if it ends with one. */
function cutSequence(bytes: Uint8Array): Uint8Array {
  // Back over at most three continuation bytes to the last lead byte.
  let lead = bytes.length - 1
  while (lead >= 0 && lead > bytes.length - 4 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--
  if (lead < 0) return EMPTY
  const byte = bytes[lead] ?? 0
  const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1
  return lead + size > bytes.length ? bytes.slice(lead) : EMPTY
}

/** An input read up to a limit: whole, or its first bytes and the rest still to read. */
export type Head =
  { whole: true; bytes: Uint8Array } | { whole: false; chunks: AsyncIterable<Uint8Array>; close: () => Promise<void> }

/**
 * Read an input until it ends or passes `limit` bytes. A short input comes
 * back whole (one read, for the batch parser); a longer one as the chunks
 * read so far followed by the rest, so that it is still read only once.
 */
export async function readHead(input: Input, stdin: Stdin, limit: number): Promise<Head> {
  const source = chunks(input, stdin)
  const pieces: Uint8Array[] = []
  let size = 0
  for (;;) {
    const next = await source.next()
    if (next.done) {
      const [first] = pieces
      return { whole: true, bytes: first && pieces.length === 1 ? first : Buffer.concat(pieces, size) }
    }
    pieces.push(next.value)
    size += next.value.length
    if (size > limit) break
  }
  async function* rest(): AsyncGenerator<Uint8Array, void, undefined> {
    for (let piece = pieces.shift(); piece !== undefined; piece = pieces.shift()) yield piece
    yield* { [Symbol.asyncIterator]: () => source }
  }
  return {
    whole: false,
    chunks: rest(),
    close: async () => {
      await source.return()
    },
  }
}
