import { constants, createReadStream } from 'node:fs'
import { access, stat } from 'node:fs/promises'
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
}

/** Where the bytes of standard input come from. */
export type Stdin = AsyncIterable<Uint8Array>

/**
 * The inputs named on the command line (none, or `-`, is standard input),
 * each checked before anything is printed.
 *
 * @throws {CliError} Naming every file that is missing, a directory or
 *   unreadable, one per line; or standard input named twice.
 */
export async function openInputs(args: readonly string[]): Promise<Input[]> {
  if (args.length === 0) return [{ name: STDIN, path: null, rereadable: false }]
  if (args.filter((arg) => arg === '-').length > 1)
    throw new CliError('standard input (-) can be named only once', true)
  const problems: string[] = []
  const inputs: Input[] = []
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ name: STDIN, path: null, rereadable: false })
      continue
    }
    try {
      const stats = await stat(arg)
      if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
      // access, not open: opening a pipe to check it would block, or cut off its writer.
      await access(arg, constants.R_OK)
      inputs.push({ name: arg, path: arg, rereadable: stats.isFile() })
    } catch (error) {
      problems.push(`cannot read ${arg}: ${describeError(error)}`)
    }
  }
  if (problems.length > 0) throw new CliError(problems.join('\n'))
  return inputs
}

/**
 * The bytes of an input, as they are read (never decoded here: the parser
 * reports bytes that are not UTF-8). A read error becomes a {@link CliError}.
 */
export async function* chunks(input: Input, stdin: Stdin): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    if (input.path === null) yield* stdin
    else yield* createReadStream(input.path) as AsyncIterable<Uint8Array>
  } catch (error) {
    throw new CliError(`cannot read ${input.name}: ${describeError(error)}`)
  }
}

/**
 * An input whole, or its first `limit + 1` bytes when it is longer: enough
 * for the batch parser to report `input-too-large` without reading (or
 * holding) the rest.
 */
export async function readWhole(input: Input, stdin: Stdin, limit: number): Promise<Uint8Array> {
  const pieces: Uint8Array[] = []
  let size = 0
  for await (const piece of chunks(input, stdin)) {
    pieces.push(piece)
    size += piece.length
    if (size > limit) break
  }
  return Buffer.concat(pieces, Math.min(size, limit + 1))
}
