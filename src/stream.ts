import { composeHeader, composePaper, ownStrings } from './compose/compose.js'
import type { HeaderRecord } from './grammar/record.js'
import { Pipeline } from './pipeline.js'
import { DigestParseError } from './error.js'
import { checkOptions, type RenderingOption } from './options.js'
import type { Diagnostic, Digest, Paper } from './schema/schema.js'
import { isPaper } from './schema/validate.generated.js'

/**
 * Chunks of a digest: text, or UTF-8 bytes cut anywhere (a Node.js stream is one).
 *
 * @example
 * ```ts
 * const chunks: DigestChunks = createReadStream('digest.txt') // or (await fetch(url)).body
 * ```
 */
export type DigestChunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>

/**
 * Options of {@link parseDigestStream}.
 *
 * @example
 * ```ts
 * const options: StreamOptions = { year: 2025, onMessage: (m) => console.error(m.message) }
 * ```
 */
export interface StreamOptions {
  /**
   * The year of dates that do not write one. A stream cannot look ahead to
   * infer it as {@link parseDigest} does (see {@link inferYear} for a file you
   * can read twice).
   *
   * Default: none; such dates get `year: null`, with one `unknown-year` warning.
   */
  year?: number | undefined
  /**
   * Whether warnings count as errors: the stream then throws a
   * `DigestParseError` at the first diagnostic of any kind.
   *
   * Default: `false`.
   */
  strict?: boolean | undefined
  /**
   * Receives each diagnostic in source order, as soon as no earlier line can
   * still give one (a record's problems are known when the record ends). With
   * it, the caller owns the diagnostics, and the stream does not throw for
   * errors (but with `strict`) nor keep them.
   *
   * Default: none; the diagnostics are kept, and if any is an error, the
   * stream throws a `DigestParseError` carrying them all once every paper has
   * been yielded.
   */
  onMessage?: ((message: Diagnostic) => void) | undefined
  /**
   * How the page was written down (see {@link ParseOptions.rendering}).
   *
   * Default: `"auto"`.
   */
  rendering?: RenderingOption | undefined
  /**
   * Receives the digest's own fields (its `title`, `date`, `rendering`,
   * `page` and `query`: a `Digest` without its papers) once, before the first
   * paper is yielded, or at the end when there is none. Its `date` has a year
   * only when the text writes one or `year` gives it, as for papers.
   *
   * Default: none; the digest's fields are not reported.
   */
  onHeader?: ((header: Omit<Digest, 'papers'>) => void) | undefined
}

/**
 * Parse a digest as it arrives, yielding each paper as soon as its record is
 * complete, in memory bounded by a few records whatever the input's size.
 * It is the same parser as {@link parseDigest}, fed chunk by chunk: on the
 * same text (and the same `year`), it yields the same papers and reports the
 * same diagnostics, wherever the chunks are cut (inside a UTF-8 sequence or a
 * CRLF included). Bytes that are not UTF-8 are reported (`invalid-encoding`).
 * One thing it cannot do: in reference-style markdown whose link list comes
 * after the cards, the batch functions read the arXiv ids from that list at
 * the end, while the stream has yielded those papers already (`arxivId: null`).
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs'
 * import { parseDigestStream } from 'papers-digest'
 *
 * const papers = parseDigestStream(createReadStream('digest.txt'), {
 *   year: 2025,
 *   onMessage: (m) => console.error(`${m.line}:${m.column} ${m.message} (${m.ruleId})`),
 * })
 * for await (const paper of papers) console.log(JSON.stringify(paper))
 * ```
 *
 * @param chunks The digest, in pieces: strings, or UTF-8 bytes.
 * @param options The year of dates without one, `strict`, `onMessage`, and
 *   `onHeader` for the digest's own fields (its date, for one).
 * @throws {DigestParseError} With `strict`, at the first diagnostic; without
 *   `onMessage`, after the last paper when there were errors. Its `digest`
 *   holds the header's title and date, and no papers (they were yielded).
 * @throws {TypeError} When an option is not one it takes, or a chunk is neither a string nor a Uint8Array.
 */
export async function* parseDigestStream(
  chunks: DigestChunks,
  options?: StreamOptions | null,
): AsyncGenerator<Paper, void, undefined> {
  const strict = checkOptions({ strict: options?.strict }).strict
  const onMessage = options?.onMessage
  const kept: Diagnostic[] = []
  // Set by the message handler, which push and end call (TypeScript cannot
  // see that, and would narrow `failed` to false).
  let failed = false as boolean
  const reader = new DigestReader({
    year: options?.year,
    rendering: options?.rendering,
    onHeader: options?.onHeader,
    onMessage(message) {
      if (onMessage) onMessage(message)
      else kept.push(message)
      failed ||= strict || message.severity === 'error'
    },
  })
  const fail = (): DigestParseError =>
    new DigestParseError(onMessage ? [] : kept, { ...reader.header(), papers: [] }, strict)

  for await (const chunk of chunks) {
    // The papers are handed over before reading on, so that none are held longer.
    const papers = reader.push(chunk)
    if (strict && failed) throw fail()
    yield* papers
  }
  const papers = reader.end()
  if (strict && failed) throw fail()
  yield* papers
  if (failed && !onMessage) throw fail()
}

const NO_PAPERS: readonly Paper[] = Object.freeze([])

/**
 * Options of {@link DigestReader}.
 *
 * @example
 * ```ts
 * const options: DigestReaderOptions = { year: 2025, onMessage: (m) => console.error(m.message) }
 * ```
 */
export interface DigestReaderOptions {
  /**
   * The year of dates that do not write one (see {@link StreamOptions.year}).
   *
   * Default: none; such dates get `year: null`, with one `unknown-year` warning.
   */
  year?: number | undefined
  /**
   * How the page was written down (see {@link StreamOptions.rendering}).
   *
   * Default: `"auto"`.
   */
  rendering?: RenderingOption | undefined
  /**
   * Receives each diagnostic in source order, as soon as no earlier line can
   * still give one. The reader keeps none and throws for none: they are the
   * caller's.
   *
   * Default: none; it is required.
   */
  onMessage: (message: Diagnostic) => void
  /**
   * Receives the digest's own fields once, before the first paper is
   * composed, or at the end if there is none.
   *
   * Default: none; {@link DigestReader.header} gives them at any time.
   */
  onHeader?: ((header: Omit<Digest, 'papers'>) => void) | undefined
  /**
   * Whether each paper gets strings of its own. A paper's title, abstract
   * and other strings are otherwise slices of the chunk they were read
   * from, and V8 keeps a whole string alive as long as any slice of it is:
   * one paper kept would keep its chunk (or the whole text, given as one
   * string). Turn it off only if each paper is written out and dropped at
   * once (the command line's `ndjson`, `csv` and `validate` do), which saves
   * the copies (about 7 % of the time).
   *
   * Default: `true`.
   */
  copyStrings?: boolean | undefined
  /**
   * Whether to build each paper. A reader that needs only the diagnostics
   * and how many papers there are (a validator: the command line's
   * `validate`) turns it off: `push` and `end` then return no papers, and
   * {@link DigestReader.count} says how many were read. The diagnostics are
   * the same either way (composing a paper finds no problem the grammar has
   * not reported); it saves composing and validating each paper (about 15 %
   * of the time).
   *
   * Default: `true`.
   */
  papers?: boolean | undefined
}

/**
 * The parser behind {@link parseDigestStream}, without its async generator:
 * push each chunk in as it comes (from a stream's `data` events, a
 * `ReadableStream` reader, or a loop), and take the papers it completed,
 * composed and validated, at once, with no promise a paper. On the same
 * text, cut anywhere, it gives the same papers and diagnostics as
 * {@link parseDigestStream}, in memory bounded by a few records.
 *
 * @example
 * ```ts
 * import { DigestReader } from 'papers-digest'
 *
 * const reader = new DigestReader({ year: 2025, onMessage: (m) => console.error(m.message) })
 * socket.on('data', (chunk) => reader.push(chunk).forEach(save))
 * socket.on('end', () => reader.end().forEach(save))
 * ```
 */
export class DigestReader {
  readonly #pipeline: Pipeline
  #onHeader: DigestReaderOptions['onHeader']
  #header: HeaderRecord | null = null
  #ready: Paper[] = []
  #count = 0

  /** @throws {TypeError} When an option is not one it takes. */
  constructor(options: DigestReaderOptions) {
    const { year, rendering } = checkOptions({ year: options.year, rendering: options.rendering })
    const copy = options.copyStrings ?? true
    if (typeof copy !== 'boolean') throw new TypeError('papers-digest: options.copyStrings must be a boolean')
    const build = options.papers ?? true
    if (typeof build !== 'boolean') throw new TypeError('papers-digest: options.papers must be a boolean')
    if (typeof options.onMessage !== 'function')
      throw new TypeError('papers-digest: options.onMessage must be a function (the reader keeps no diagnostic)')
    this.#onHeader = options.onHeader
    const pipeline: Pipeline = (this.#pipeline = new Pipeline(
      { year, years: 'given-only', rendering },
      {
        header: (found) => (this.#header = found),
        chrome() {},
        paper: (record) => {
          if (this.#onHeader) this.#sendHeader()
          this.#count++
          if (!build) return
          const paper = composePaper(record, pipeline.years)
          if (copy) ownStrings(paper)
          if (!isPaper(paper))
            throw new Error(
              'papers-digest: internal error: a parsed paper does not pass PaperSchema; please report it with the input',
            )
          this.#ready.push(paper)
        },
        message: options.onMessage,
      },
    ))
  }

  /**
   * Read the next chunk: text, or UTF-8 bytes cut anywhere.
   *
   * @returns The papers whose records it completed, in order (often none).
   * @throws {TypeError} When the chunk is neither a string nor a Uint8Array.
   */
  push(chunk: string | Uint8Array): readonly Paper[] {
    this.#pipeline.push(chunk)
    return this.#take()
  }

  /**
   * The input has ended: read what is held.
   *
   * @returns The last papers.
   */
  end(): readonly Paper[] {
    this.#pipeline.end()
    if (this.#onHeader) this.#sendHeader()
    return this.#take()
  }

  /** How many papers have been read so far (built or not: see {@link DigestReaderOptions.papers}). */
  get count(): number {
    return this.#count
  }

  /** The digest's own fields as read so far (its date has a year only when the text or `year` gives one). */
  header(): Omit<Digest, 'papers'> {
    const pipeline = this.#pipeline
    return composeHeader(this.#header, pipeline.years, pipeline.rendering ?? 'text')
  }

  #take(): readonly Paper[] {
    const papers = this.#ready
    if (papers.length === 0) return NO_PAPERS
    this.#ready = []
    return papers
  }

  #sendHeader(): void {
    const send = this.#onHeader
    this.#onHeader = undefined
    send?.(this.header())
  }
}

/**
 * The year {@link parseDigest} would give dates that write none: one more
 * than the latest year written in the digest, or `null` if none is. Read a
 * file with it first, then stream it with that `year`, to get exactly the
 * batch parser's papers in constant memory.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs'
 * import { inferYear, parseDigestStream } from 'papers-digest'
 *
 * const year = (await inferYear(createReadStream(path))) ?? undefined
 * for await (const paper of parseDigestStream(createReadStream(path), { year })) save(paper)
 * ```
 *
 * @param chunks The digest, in pieces: strings, or UTF-8 bytes.
 */
export async function inferYear(chunks: DigestChunks): Promise<number | null> {
  // Its diagnostics are dropped: none is kept, so a long damaged input costs no memory.
  const pipeline = new Pipeline(
    { year: null, years: 'infer', rendering: 'auto', messages: 0 },
    { header() {}, paper() {}, chrome() {}, message() {} },
  )
  for await (const chunk of chunks) pipeline.push(chunk)
  pipeline.end()
  return pipeline.years.yearFromText
}
