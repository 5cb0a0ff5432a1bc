import type { Point } from 'unist'
import { completeYear, composeHeader, composePaper } from './compose/compose.js'
import type { Years } from './compose/years.js'
import { Core } from './core.js'
import { diagnostic } from './diagnostics.js'
import { DigestParseError } from './error.js'
import type { GrammarHandlers } from './grammar/grammar.js'
import { type CheckedOptions, checkOptions, type ParseOptions } from './options.js'
import type { Diagnostic, Digest, Paper } from './schema/schema.js'
import { isDigest } from './schema/validate.generated.js'
import type { Line } from './tokenize/line.js'
import { headerNode, paperNode } from './tree/build.js'
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
 * @param options `year` and `maxBytes` apply; `strict` does not (nothing throws).
 */
export function parseTree(input: DigestInput, options?: ParseOptions | null): TreeResult {
  const children: DigestRoot['children'] = []
  const { messages, end } = run(input, checkOptions(options), () => ({
    header: (lines) => children.push(headerNode(lines)),
    paper: (record) => children.push(paperNode(record)),
  }))
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
 */
export function safeParseDigest(input: DigestInput, options?: ParseOptions | null): SafeParseResult {
  const checked = checkOptions(options)
  let header: readonly Line[] = []
  const papers: Paper[] = []
  // Papers are composed as they come, which lets their lines go at once;
  // those whose date has no year get it once the whole text has been seen.
  const yearless: Paper[] = []
  const { messages, years } = run(input, checked, (years) => ({
    header: (lines) => (header = lines),
    paper(record) {
      const paper = composePaper(record, years)
      papers.push(paper)
      if (paper.published?.year === null) yearless.push(paper)
    },
  }))
  const year = years.inferred
  if (year !== null) for (const paper of yearless) completeYear(paper, year)
  const data: Digest = { ...composeHeader(header, years), papers }
  if (!isDigest(data)) {
    throw new Error(
      'papers-digest: internal error: a parsed digest does not pass DigestSchema; please report it with the input',
    )
  }
  const failed = messages.some((message) => checked.strict || message.severity === 'error')
  return failed
    ? { success: false, error: new DigestParseError(messages, data, checked.strict), messages }
    : { success: true, data, messages }
}

/** Run the core over the whole input, unless it is over the size limit. */
function run(
  input: DigestInput,
  options: CheckedOptions,
  handlers: (years: Years) => Omit<GrammarHandlers, 'message'>,
): { messages: Diagnostic[]; years: Years; end: Point } {
  const messages: Diagnostic[] = []
  const core = new Core(options.year, true, (years) => ({
    ...handlers(years),
    message: (message) => messages.push(message),
  }))
  let end = START
  if (isTooLarge(input, options.maxBytes)) {
    const limit = options.maxBytes
    messages.push(
      diagnostic(
        'input-too-large',
        `the input is larger than options.maxBytes (${String(limit)} bytes); parse it with parseDigestStream, which has no limit`,
        {
          start: START,
          end: START,
        },
      ),
    )
  } else {
    core.push(input)
    end = core.end()
  }
  // Some diagnostics are only found after later lines (a record is resolved
  // at its metadata block; years at the end): put them back in source order.
  messages.sort((a, b) => a.line - b.line || a.column - b.column)
  return { messages, years: core.years, end }
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
