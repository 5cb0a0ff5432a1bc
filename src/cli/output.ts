import { open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Writable } from 'node:stream'
import type { Diagnostic } from '../index.js'
import { CliError, describeError } from './errors.js'
import type { Stdin } from './inputs.js'

/** What a write gives: nothing when it is done, or a promise to wait for before writing more. */
export type Pending = Promise<void> | undefined

/** Thrown by {@link Output.write} once the reader has gone away (EPIPE, as with `| head`). */
export class OutputClosed extends Error {
  override name = 'OutputClosed'
}

// Small writes are gathered into blocks of this many bytes: one write per
// line would cost more than the parsing. Each is encoded into the block as it
// comes, so that nothing is joined and encoded again.
const BLOCK = 64 * 1024
// The most UTF-8 bytes a UTF-16 code unit takes.
const MAX_BYTES_PER_UNIT = 3
const QUOTE = 0x22

/**
 * A stream written in blocks, waiting for 'drain' when it is full, so that
 * memory stays flat however slow the reader. A reader that goes away (EPIPE)
 * makes the next write throw {@link OutputClosed} (the command then stops
 * quietly); any other write error throws a {@link CliError}.
 *
 * A write returns nothing when what it wrote was only gathered, and a promise
 * to wait for when a block went out and the stream is full: the hot paths
 * then cost no promise per line.
 */
export class Output {
  readonly #stream: Writable
  readonly #name: string
  readonly #capacity: number
  #block: Buffer
  #used = 0
  #closed = false
  #error: CliError | null = null

  /**
   * @param name How messages name the stream: `standard output`.
   * @param block How many bytes to gather before writing them out: 0 writes
   *   each at once (diagnostics, which a user may be watching).
   */
  constructor(stream: Writable, name: string, block = BLOCK) {
    this.#stream = stream
    this.#name = name
    this.#capacity = block
    this.#block = Buffer.allocUnsafe(block)
    // Without a listener, a write error would be an uncaught exception.
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.#closed = true
      else this.#error ??= new CliError(`cannot write to ${this.#name}: ${describeError(error)}`)
    })
  }

  write(text: string): Pending {
    this.#check()
    const wait = this.#room(text.length * MAX_BYTES_PER_UNIT)
    if (text.length * MAX_BYTES_PER_UNIT > this.#capacity) return this.#send(Buffer.from(text)) ?? wait
    this.#used += this.#block.write(text, this.#used)
    return wait
  }

  /**
   * Write `"text"`: a JSON string of a text known to need no escaping,
   * without building it. `ascii` says the text is ASCII only, which is then
   * copied as it is rather than encoded (several times faster).
   */
  writeQuoted(text: string, ascii = false): Pending {
    this.#check()
    const size = text.length * (ascii ? 1 : MAX_BYTES_PER_UNIT) + 2
    const wait = this.#room(size)
    if (size > this.#capacity) return this.#send(Buffer.from(`"${text}"`)) ?? wait
    const block = this.#block
    block[this.#used++] = QUOTE
    this.#used += block.write(text, this.#used, ascii ? 'latin1' : 'utf8')
    block[this.#used++] = QUOTE
    return wait
  }

  /** Write out what is gathered, and wait until the stream can take more. */
  async flush(): Promise<void> {
    this.#check()
    const wait = this.#sendBlock()
    if (wait) await wait
  }

  /** Make room for `bytes` in the block, sending it if it has too little. */
  #room(bytes: number): Pending {
    return this.#used + bytes > this.#capacity ? this.#sendBlock() : undefined
  }

  #sendBlock(): Pending {
    if (this.#used === 0) return undefined
    const full = this.#block.subarray(0, this.#used)
    // The stream owns the block it was given until it has written it.
    this.#block = Buffer.allocUnsafe(this.#capacity)
    this.#used = 0
    return this.#send(full)
  }

  #send(bytes: Uint8Array): Pending {
    const stream = this.#stream
    if (stream.write(bytes)) return undefined
    return new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('drain', done)
        stream.off('close', done)
        stream.off('error', done)
        resolve()
      }
      stream.on('drain', done)
      stream.on('close', done)
      stream.on('error', done)
    }).then(() => {
      this.#check()
    })
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
  /** Where the data goes: standard output, or the file of `-o`. */
  out: Output
  /** Where `parse` writes diagnostics: standard error. */
  err: Output
  /** Whether an input has failed so far (the exit code if the reader goes away). */
  failed: boolean
  /** Whether to colour the diagnostics written to standard output, and to standard error. */
  colour: { out: boolean; err: boolean }
}

// SGR codes, each with the one that ends it.
const BOLD = ['\u001b[1m', '\u001b[22m'] as const
const DIM = ['\u001b[2m', '\u001b[22m'] as const
const RED = ['\u001b[31m', '\u001b[39m'] as const
const YELLOW = ['\u001b[33m', '\u001b[39m'] as const
const paint = ([open, close]: readonly [string, string], text: string): string => `${open}${text}${close}`

/** A diagnostic as one line: `FILE:LINE:COLUMN: SEVERITY: MESSAGE (RULE-ID)`, in colour on a terminal. */
export function formatDiagnostic(file: string, message: Diagnostic, colour = false): string {
  const { line, column, severity, ruleId } = message
  const place = `${file}:${String(line)}:${String(column)}:`
  if (!colour) return `${place} ${severity}: ${message.message} (${ruleId})\n`
  const bold = paint(BOLD, place)
  const label = paint(BOLD, paint(severity === 'error' ? RED : YELLOW, `${severity}:`))
  return `${bold} ${label} ${message.message} ${paint(DIM, `(${ruleId})`)}\n`
}

/** The summary line of `validate`, its counts of errors and warnings in colour on a terminal. */
export function formatSummary(files: number, papers: number, errors: number, warnings: number, colour = false): string {
  const counted = `${String(files)} files, ${String(papers)} papers`
  const error = `${String(errors)} errors`
  const warning = `${String(warnings)} warnings`
  return colour
    ? `${counted}, ${errors > 0 ? paint(RED, error) : error}, ${warnings > 0 ? paint(YELLOW, warning) : warning}\n`
    : `${counted}, ${error}, ${warning}\n`
}

/**
 * Whether to colour what goes to a stream: never when `NO_COLOR` is set
 * (to anything but the empty string); always when `FORCE_COLOR` is (but to
 * `0` or `false`, which is never); else only on a terminal that is not `dumb`.
 */
export function useColour(stream: Writable, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force !== 'false'
  return (stream as { isTTY?: boolean }).isTTY === true && env.TERM !== 'dumb'
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
  release(line = Infinity): Pending {
    // The common case, a paper with nothing held: no promise.
    if (this.#held.length === 0) return undefined
    return this.#release(line)
  }

  async #release(line: number): Promise<void> {
    if (this.#held.length > MAX_HELD) line = Infinity
    this.#held.sort(byPosition)
    let count = 0
    for (const message of this.#held) {
      if (message.line >= line) break
      count++
    }
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
 * option `options.year`, where the command line has `--year`.
 */
export function forCli(message: Diagnostic): Diagnostic {
  if (message.message.includes('options.year'))
    return { ...message, message: message.message.replaceAll('options.year', '--year') }
  return message
}

/**
 * The file of `-o`: written to a temporary file beside it, which replaces it
 * only once everything is written, so that a command that prints nothing
 * (`--strict` on a bad input, an I/O error) leaves the file as it was. A path
 * that is not a regular file (`/dev/stdout`, a pipe) is written directly.
 */
export class OutputFile {
  readonly stream: Writable
  readonly #path: string
  readonly #temporary: string | null

  private constructor(stream: Writable, path: string, temporary: string | null) {
    this.stream = stream
    this.#path = path
    this.#temporary = temporary
  }

  /** @throws {CliError} When the file cannot be written. */
  static async open(path: string): Promise<OutputFile> {
    try {
      const existing = await stat(path).catch(() => null)
      if (existing?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' })
      const direct = existing !== null && !existing.isFile()
      const temporary = direct ? null : join(dirname(path), `.${basename(path)}.${String(process.pid)}.tmp`)
      const handle = await open(temporary ?? path, 'w')
      return new OutputFile(handle.createWriteStream(), path, temporary)
    } catch (error) {
      throw new CliError(`cannot write to ${path}: ${describeError(error)}`)
    }
  }

  /** Close the file, and put it in place. */
  async commit(): Promise<void> {
    try {
      await this.#close()
      if (this.#temporary) await rename(this.#temporary, this.#path)
    } catch (error) {
      await this.discard()
      throw new CliError(`cannot write to ${this.#path}: ${describeError(error)}`)
    }
  }

  /** Close the file, and remove what was written (the path keeps what it had). */
  async discard(): Promise<void> {
    await this.#close().catch(() => {})
    if (this.#temporary) await rm(this.#temporary, { force: true }).catch(() => {})
  }

  #close(): Promise<void> {
    const stream = this.stream
    if (stream.closed) return Promise.resolve()
    return new Promise((resolve, reject) => {
      stream.once('error', reject)
      stream.once('close', () => {
        resolve()
      })
      stream.end()
    })
  }
}
