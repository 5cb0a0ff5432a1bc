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
 */
export async function* parseDigestStream(
  chunks: DigestChunks,
  options?: StreamOptions | null,
): AsyncGenerator<Paper, void, undefined> {
  const { year, strict, rendering } = checkOptions({
    year: options?.year,
    strict: options?.strict,
    rendering: options?.rendering,
  })
  const onMessage = options?.onMessage
  let onHeader = options?.onHeader
  const kept: Diagnostic[] = []
  let header: HeaderRecord | null = null
  let ready: Paper[] = []
  // Set by the message handler, which core.push and core.end call (TypeScript
  // cannot see that, and would narrow `failed` to false).
  let failed = false as boolean

  const pipeline: Pipeline = new Pipeline(
    { year, years: 'given-only', rendering },
    {
      header: (found) => (header = found),
      chrome() {},
      paper(record) {
        if (onHeader) sendHeader(onHeader)
        const paper = composePaper(record, pipeline.years)
        // A paper kept by the caller keeps only its own strings, not the text.
        ownStrings(paper)
        if (!isPaper(paper))
          throw new Error(
            'papers-digest: internal error: a parsed paper does not pass PaperSchema; please report it with the input',
          )
        ready.push(paper)
      },
      message(message) {
        if (onMessage) onMessage(message)
        else kept.push(message)
        failed ||= strict || message.severity === 'error'
      },
    },
  )
  const sendHeader = (send: (header: Omit<Digest, 'papers'>) => void): void => {
    onHeader = undefined
    send(composeHeader(header, pipeline.years, pipeline.rendering ?? 'text'))
  }
  const fail = (): DigestParseError => {
    const digest: Digest = { ...composeHeader(header, pipeline.years, pipeline.rendering ?? 'text'), papers: [] }
    return new DigestParseError(onMessage ? [] : kept, digest, strict)
  }

  for await (const chunk of chunks) {
    pipeline.push(chunk)
    if (strict && failed) throw fail()
    // Hand the papers over before reading on, so that none are held longer.
    const papers = ready
    ready = []
    yield* papers
  }
  pipeline.end()
  if (onHeader) sendHeader(onHeader)
  if (strict && failed) throw fail()
  yield* ready
  if (failed && !onMessage) throw fail()
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
