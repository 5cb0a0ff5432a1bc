import type { Writable } from 'node:stream'
import type { Diagnostic } from '../index.js'
import { CliError, describeError } from './errors.js'
import type { Stdin } from './inputs.js'

/** Thrown by {@link Output.write} once the reader has gone away (EPIPE, as with `| head`). */
export class OutputClosed extends Error {
  override name = 'OutputClosed'
}

// Small writes are gathered into blocks of this many characters: one write
// per line would cost more than the parsing.
const BLOCK = 64 * 1024

/**
 * A stream written in blocks, waiting for 'drain' when it is full, so that
 * memory stays flat however slow the reader. A reader that goes away (EPIPE)
 * makes the next write throw {@link OutputClosed} (the command then stops
 * quietly); any other write error throws a {@link CliError}.
 */
export class Output {
  readonly #stream: Writable
  readonly #name: string
  readonly #block: number
  #pending: string[] = []
  #size = 0
  #closed = false
  #error: CliError | null = null

  /**
   * @param name How messages name the stream: `standard output`.
   * @param block How many characters to gather before writing them out: 0
   *   writes each at once (diagnostics, which a user may be watching).
   */
  constructor(stream: Writable, name: string, block = BLOCK) {
    this.#stream = stream
    this.#name = name
    this.#block = block
    // Without a listener, a write error would be an uncaught exception.
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.#closed = true
      else this.#error ??= new CliError(`cannot write to ${this.#name}: ${describeError(error)}`)
    })
  }

  async write(text: string): Promise<void> {
    this.#check()
    this.#pending.push(text)
    this.#size += text.length
    if (this.#size >= this.#block) await this.flush()
  }

  /** Write out what is gathered, and wait until the stream can take more. */
  async flush(): Promise<void> {
    this.#check()
    if (this.#pending.length === 0) return
    const text = this.#pending.join('')
    this.#pending = []
    this.#size = 0
    const stream = this.#stream
    if (stream.write(text)) return
    await new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('drain', done)
        stream.off('close', done)
        stream.off('error', done)
        resolve()
      }
      stream.on('drain', done)
      stream.on('close', done)
      stream.on('error', done)
    })
    this.#check()
  }

  #check(): void {
    if (this.#error) throw this.#error
    if (this.#closed || this.#stream.destroyed) {
      this.#closed = true
      throw new OutputClosed()
    }
  }
}

/** What a command works with. */
export interface Context {
  stdin: Stdin
  /** Where the data goes: standard output. */
  out: Output
  /** Where `parse` writes diagnostics: standard error. */
  err: Output
  /** Whether an input has failed so far (the exit code if the reader goes away). */
  failed: boolean
}

/** A diagnostic as one line: `FILE:LINE:COLUMN: SEVERITY: MESSAGE (RULE-ID)`. */
export function formatDiagnostic(file: string, message: Diagnostic): string {
  return `${file}:${String(message.line)}:${String(message.column)}: ${message.severity}: ${message.message} (${message.ruleId})\n`
}

const byPosition = (a: Diagnostic, b: Diagnostic): number => a.line - b.line || a.column - b.column

// How many diagnostics are held back for ordering before they go out anyway,
// so that a long run of damaged lines cannot fill memory.
const MAX_HELD = 10_000

/**
 * The diagnostics of one input: counted, and handed on in line order. The
 * stream reports a record's problems when the record ends, not always in line
 * order; holding them until the next paper and sorting them gives the batch
 * parser's order.
 */
export class Report {
  errors = 0
  warnings = 0
  #held: Diagnostic[] = []
  readonly #emit: (message: Diagnostic) => Promise<void> | void

  /** @param emit Receives each diagnostic, in line order. */
  constructor(emit: (message: Diagnostic) => Promise<void> | void) {
    this.#emit = emit
  }

  /** Take a diagnostic (the stream's synchronous `onMessage`). */
  add = (message: Diagnostic): void => {
    if (message.severity === 'error') this.errors++
    else this.warnings++
    this.#held.push(message)
  }

  /**
   * Hand on the diagnostics of lines before `line` (the line of the paper
   * just yielded: nothing earlier can still be reported), or all of them.
   */
  async release(line = Infinity): Promise<void> {
    if (this.#held.length === 0) return
    if (this.#held.length > MAX_HELD) line = Infinity
    this.#held.sort(byPosition)
    const later = this.#held.findIndex((message) => message.line >= line)
    const count = later < 0 ? this.#held.length : later
    if (count === 0) return
    const ready = count === this.#held.length ? this.#held : this.#held.slice(0, count)
    this.#held = count === this.#held.length ? [] : this.#held.slice(count)
    for (const message of ready) await this.#emit(message)
  }

  /** Whether the input fails: any error, or any warning with `strict`. */
  failed(strict: boolean): boolean {
    return this.errors > 0 || (strict && this.warnings > 0)
  }
}

/**
 * A diagnostic in the command line's words: the library's messages name its
 * API (`options.year`, `parseDigestStream`); the CLI names its own way out.
 *
 * @param tooLarge The message of `input-too-large`.
 * @param year Whether the command has `--year`, to name it for `options.year`.
 */
export function forCli(message: Diagnostic, tooLarge: string, year: boolean): Diagnostic {
  if (message.ruleId === 'input-too-large') return { ...message, message: tooLarge }
  if (year && message.message.includes('options.year'))
    return { ...message, message: message.message.replaceAll('options.year', '--year') }
  return message
}
