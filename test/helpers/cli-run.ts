import { Readable, Writable } from 'node:stream'
import { cli } from '../../src/cli/cli.js'

// The command line in process, for the tests of merge, the feeds and the
// scripting options: cli(argv, io) over in-memory streams.

export interface Run {
  code: number
  stdout: string
  stderr: string
}

/** A writable stream that keeps what is written; `tty` makes it look like a terminal. */
function sink(tty = false): Writable & { text(): string } {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.from(chunk))
      callback()
    },
  })
  if (tty) Object.assign(stream, { isTTY: true })
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') })
}

/** `papers-digest ...argv`, with `stdin` as standard input (empty by default). */
export async function run(
  argv: readonly string[],
  {
    stdin = '',
    env = {},
    tty = false,
  }: { stdin?: string | Uint8Array; env?: Record<string, string | undefined>; tty?: boolean } = {},
): Promise<Run> {
  const stdout = sink(tty)
  const stderr = sink(tty)
  const bytes = typeof stdin === 'string' ? Buffer.from(stdin) : stdin
  const input = Readable.from(bytes.length > 0 ? [bytes] : [])
  const code = await cli(argv, { stdin: input, stdout, stderr, env })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

export const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '')
