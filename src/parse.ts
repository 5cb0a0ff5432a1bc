import type { Point } from 'unist'
import { completeYear, composeHeader, composePaper } from './compose/compose.js'
import { diagnostic } from './diagnostics.js'
import { DigestParseError } from './error.js'
import type { HeaderRecord } from './grammar/record.js'
import { type CheckedOptions, checkOptions, type ParseOptions } from './options.js'
import { checkInput, messageBudget, Pipeline, type PipelineOptions } from './pipeline.js'
import type { Diagnostic, Digest, Paper } from './schema/schema.js'
import { isDigest, isPaper, isPaperDate } from './schema/validate.generated.js'
import { paperIdOf } from './tokenize/cards.js'
import { chromeNode, headerNode, paperNode } from './tree/build.js'
import type { DigestRoot } from './tree/types.js'

/**
 * The text of a digest, or its UTF-8 bytes (bytes that are not UTF-8 are reported).
 *
 * @example
 * ```ts
 * const input: DigestInput = await readFile('digest.txt') // a Buffer is a Uint8Array
 * parseDigest(input)
 * ```
 */
export type DigestInput = string | Uint8Array

/**
 * What {@link parseTree} returns.
 *
 * @example
 * ```ts
 * const { tree, messages }: TreeResult = parseTree(text)
 * ```
 */
export interface TreeResult {
  /** The syntax tree of every record recovered. */
  tree: DigestRoot
  /** Every diagnostic, errors and warnings, in source order. */
  messages: Diagnostic[]
}

/**
 * What {@link safeParseDigest} returns: the digest, or the error that holds
 * the digest of every record recovered; every diagnostic either way.
 *
 * @example
 * ```ts
 * const result: SafeParseResult = safeParseDigest(text)
 * const digest = result.success ? result.data : result.error.digest
 * ```
 */
export type SafeParseResult =
  | { success: true; data: Digest; messages: Diagnostic[] }
  | { success: false; error: DigestParseError; messages: Diagnostic[] }

const START: Point = { line: 1, column: 1, offset: 0 }

/**
 * Parse a digest into its syntax tree: a unist tree (root → header and paper
 * records → title, abstract, metadata) with a `position` on every node, and
 * the diagnostics of every irregularity. It never throws on the input.
 *
 * @example
 * ```ts
 * import { parseTree } from 'papers-digest'
 *
 * const { tree, messages } = parseTree(text)
 * for (const node of tree.children) {
 *   if (node.type === 'paper') console.log(node.position.start.line, node.children[0].value)
 * }
 * ```
 *
 * @param input The digest's text, or its UTF-8 bytes.
 * @param options `year` and `maxBytes` apply; `strict` does not (nothing throws on the input).
 * @throws {TypeError} When an option is not one it takes, or the input is neither a string nor a Uint8Array.
 */
export function parseTree(input: DigestInput, options?: ParseOptions | null): TreeResult {
  const checked = checkOptions(options)
  const children: DigestRoot['children'] = []
  const messages: Diagnostic[] = []
  const pipeline = new Pipeline(wholeText(checked, input), {
    header(header) {
      const node = headerNode(header)
      if (node) children.push(node)
    },
    paper: (record) => children.push(paperNode(record)),
    chrome: (span) => children.push(chromeNode(span)),
    message: (message) => messages.push(message),
  })
  const end = parseWhole(pipeline, input, checked, messages)
  return { tree: { type: 'root', children, position: { start: START, end } }, messages }
}
/**
 * Parse a digest into a `Digest`, validated against {@link DigestSchema}.
 *
 * @example
 * ```ts
 * import { parseDigest } from 'papers-digest'
 *
 * const digest = parseDigest(text)
 * for (const paper of digest.papers) console.log(paper.title, paper.published?.iso)
 * ```
 *
 * @param input The digest's text, or its UTF-8 bytes.
 * @param options The year of dates without one, `strict`, and the size limit.
 * @returns The digest, which may still have warnings (see {@link safeParseDigest} to read them).
 * @throws {DigestParseError} When the text has errors, or any warning with
 *   `strict`. It carries every diagnostic and the digest of the records recovered.
 * @throws {TypeError} When an option is not one it takes, or the input is neither a string nor a Uint8Array.
 */
export function parseDigest(input: DigestInput, options?: ParseOptions | null): Digest {
  const result = safeParseDigest(input, options)
  if (!result.success) throw result.error
  return result.data
}

/**
 * Like {@link parseDigest}, but never throws on the input: it returns the
 * outcome, as zod's `safeParse` does, with every diagnostic either way.
 *
 * @example
 * ```ts
 * import { safeParseDigest } from 'papers-digest'
 *
 * const result = safeParseDigest(text)
 * for (const m of result.messages) console.warn(`${m.line}:${m.column} ${m.message}`)
 * if (result.success) save(result.data)
 * else save(result.error.digest) // the records recovered
 * ```
 *
 * @param input The digest's text, or its UTF-8 bytes.
 * @param options The year of dates without one, `strict`, and the size limit.
 * @throws {TypeError} When an option is not one it takes, or the input is neither a string nor a Uint8Array.
 */
export function safeParseDigest(input: DigestInput, options?: ParseOptions | null): SafeParseResult {
  const checked = checkOptions(options)
  let header: HeaderRecord | null = null
  const papers: Paper[] = []
  // Papers are composed as they come, which lets their lines go at once;
  // those whose date has no year get it once the whole text has been seen.
  const yearless: Paper[] = []
  // Reference-style links whose URLs a link list at the end gives (which the stream cannot wait for).
  const unresolved: Array<{ paper: Paper; refs: readonly string[] }> = []
  const definitions = new Map<string, string>()
  const messages: Diagnostic[] = []
  // The digest must pass DigestSchema: each paper is checked as it is
  // composed (while it is in the cache, rather than all again at the end),
  // its date again if its year is completed, and the digest's own fields once.
  let valid = true
  const pipeline: Pipeline = new Pipeline(wholeText(checked, input), {
    header: (found) => (header = found),
    paper(record) {
      const paper = composePaper(record, pipeline.years)
      valid &&= isPaper(paper)
      papers.push(paper)
      if (paper.published?.year === null) yearless.push(paper)
      if (paper.arxivId === null && record.refs.length > 0) unresolved.push({ paper, refs: record.refs })
    },
    chrome() {},
    definition: (label, url) => definitions.set(label, url),
    message: (message) => messages.push(message),
  })
  parseWhole(pipeline, input, checked, messages)
  for (const { paper, refs } of unresolved) {
    for (const ref of refs) {
      const url = definitions.get(ref)
      paper.arxivId = url === undefined ? null : paperIdOf(url)
      if (paper.arxivId !== null) break
    }
  }
  const year = pipeline.years.inferred
  if (year !== null) {
    for (const paper of yearless) {
      completeYear(paper, year)
      valid &&= paper.published === null || isPaperDate(paper.published)
    }
  }
  const fields = composeHeader(header, pipeline.years, pipeline.rendering ?? 'text')
  const data: Digest = { ...fields, papers }
  if (!valid || !isDigest({ ...fields, papers: [] })) {
    throw new Error(
      'papers-digest: internal error: a parsed digest does not pass DigestSchema; please report it with the input',
    )
  }
  const failed = messages.some((message) => checked.strict || message.severity === 'error')
  return failed
    ? { success: false, error: new DigestParseError(messages, data, checked.strict), messages }
    : { success: true, data, messages }
}

/**
 * The tree of {@link parseTree} and the digest of {@link safeParseDigest}, in
 * one pass (for the unified plugin, which gives both). Not a public export.
 */
export function parseTreeAndDigest(input: DigestInput, options?: ParseOptions | null): TreeResult & { digest: Digest } {
  const checked = checkOptions(options)
  const children: DigestRoot['children'] = []
  const messages: Diagnostic[] = []
  let header: HeaderRecord | null = null
  const papers: Paper[] = []
  const yearless: Paper[] = []
  const pipeline: Pipeline = new Pipeline(wholeText(checked, input), {
    header(found) {
      header = found
      const node = headerNode(found)
      if (node) children.push(node)
    },
    paper(record) {
      children.push(paperNode(record))
      const paper = composePaper(record, pipeline.years)
      papers.push(paper)
      if (paper.published?.year === null) yearless.push(paper)
    },
    chrome: (span) => children.push(chromeNode(span)),
    message: (message) => messages.push(message),
  })
  const end = parseWhole(pipeline, input, checked, messages)
  const year = pipeline.years.inferred
  if (year !== null) for (const paper of yearless) completeYear(paper, year)
  const digest: Digest = { ...composeHeader(header, pipeline.years, pipeline.rendering ?? 'text'), papers }
  if (!isDigest(digest)) {
    throw new Error(
      'papers-digest: internal error: a parsed digest does not pass DigestSchema; please report it with the input',
    )
  }
  return { tree: { type: 'root', children, position: { start: START, end } }, messages, digest }
}

/** The pipeline's options for a whole text, which infers years at its end. */
function wholeText(options: CheckedOptions, input: DigestInput): PipelineOptions {
  checkInput(input)
  return { year: options.year, years: 'infer', rendering: options.rendering, messages: messageBudget(input.length) }
}

/**
 * Push the whole input through the pipeline and end it, unless it is over the
 * size limit. Returns the point just past the input.
 */
function parseWhole(pipeline: Pipeline, input: DigestInput, options: CheckedOptions, messages: Diagnostic[]): Point {
  if (isTooLarge(input, options.maxBytes)) {
    const limit = options.maxBytes
    const message = `the input is larger than options.maxBytes (${String(limit)} bytes); parse it with parseDigestStream, which has no limit`
    messages.push(diagnostic('input-too-large', message, { start: START, end: START }))
    return START
  }
  pipeline.push(input)
  return pipeline.end()
}

/** Whether the input is over `maxBytes` in UTF-8, without encoding it. */
function isTooLarge(input: DigestInput, maxBytes: number): boolean {
  if (typeof input !== 'string') return input.length > maxBytes
  // A UTF-16 code unit takes one to three bytes (a surrogate pair, four for two).
  if (input.length > maxBytes) return true
  if (input.length * 3 <= maxBytes) return false
  let bytes = 0
  for (let index = 0; index < input.length && bytes <= maxBytes; index++) {
    const code = input.charCodeAt(index)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && (input.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      bytes += 4
      index++
    } else bytes += 3 // a lone surrogate is written as U+FFFD, three bytes
  }
  return bytes > maxBytes
}
