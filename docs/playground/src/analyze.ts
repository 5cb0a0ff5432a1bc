import { parseTree, safeParseDigest } from '../../../src/index.js'
import type { Diagnostic, ParseOptions } from '../../../src/index.js'
import type { ShownDigest } from './shown.js'

/** A node of the tree, by its lines (1-based, both ends included). */
export interface Span {
  type: string
  start: number
  end: number
}

/** A top-level node of the tree (the header, a paper, …) and its children. */
export interface Block extends Span {
  parts: Span[]
}

/** What the page shows of one parse. */
export interface Analysis {
  /** The digest: `data` on success, else the error's digest of every record recovered. */
  digest: ShownDigest
  success: boolean
  /** Every diagnostic, in source order. */
  messages: Diagnostic[]
  /** The tree's top-level nodes, in source order, from `parseTree`. */
  blocks: Block[]
  /** The digest as `papers-digest parse --format json` writes it. */
  json: string
  /** How long the parse took, in milliseconds. */
  ms: number
}

interface LooseNode {
  type: string
  position?: { start: { line: number }; end: { line: number } }
  children?: LooseNode[]
}

/**
 * Parse `text` twice: into the digest (`safeParseDigest`) and into the tree
 * (`parseTree`), whose positions say which lines each paper spans. Pure; runs
 * in the worker, or on the page when there is no worker.
 */
export function analyze(text: string, year?: number): Analysis {
  const started = performance.now()
  const options: ParseOptions = year === undefined ? {} : { year }
  const result = safeParseDigest(text, options)
  const { tree } = parseTree(text, options)
  const digest: ShownDigest = result.success ? result.data : result.error.digest
  // Read the tree loosely: the parser may add node types the page does not know yet.
  const blocks = (tree.children as LooseNode[]).map((node) => ({
    ...span(node),
    parts: (node.children ?? []).map(span),
  }))
  return {
    digest,
    success: result.success,
    messages: result.messages,
    blocks,
    json: `${JSON.stringify(digest, null, 2)}\n`,
    ms: performance.now() - started,
  }
}

function span(node: LooseNode): Span {
  const start = node.position?.start.line ?? 1
  return { type: node.type, start, end: node.position?.end.line ?? start }
}
