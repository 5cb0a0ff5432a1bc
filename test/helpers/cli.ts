import { Readable, Writable } from 'node:stream'
import { cli } from '../../src/cli/cli.js'

// The command line run in process: cli(argv, io) over in-memory streams, as
// the bin runs it over the process's own. Spawning the bin costs a Node.js
// start each time; only the few things a process shows are tested that way
// (see cli-bin.test.ts).

/** What a run of the command gives. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Standard input: bytes or text, or chunks as a pipe would give them (an iterable, so it can be made as it is read). */
export type CliInput = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>

// A pipe hands standard input over in pieces of this size.
const CHUNK = 64 * 1024

/** Standard input as the bin's process.stdin gives it: a readable stream of byte chunks. */
export function stdinOf(input: CliInput = ''): Readable {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const bytes = typeof input === 'string' ? Buffer.from(input) : input
    return Readable.from(
      (function* () {
        for (let start = 0; start < bytes.length; start += CHUNK) yield bytes.subarray(start, start + CHUNK)
      })(),
    )
  }
  return Readable.from(input)
}

/** A writable stream that keeps what is written, and gives it back as UTF-8 text. */
export function sink(): Writable & { text(): string } {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.from(chunk))
      callback()
    },
  })
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') })
}

/** A writable stream that counts the line feeds written, and keeps none of what is written. */
export function counter(): Writable & { lines: number } {
  const stream = Object.assign(
    new Writable({
      // Strings as they are written: encoding hundreds of megabytes only to count their lines would be time lost.
      decodeStrings: false,
      write(chunk: Buffer | string, _encoding, callback) {
        for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) stream.lines++
        callback()
      },
    }),
    { lines: 0 },
  )
  return stream
}

/**
 * Run the command line in process, as `papers-digest ...argv` with the given
 * standard input (empty by default: a command that reads it then reads no bytes).
 */
export async function runCli(argv: readonly string[], { stdin }: { stdin?: CliInput } = {}): Promise<CliRun> {
  const stdout = sink()
  const stderr = sink()
  const code = await cli(argv, { stdin: stdinOf(stdin), stdout, stderr })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}
