import type { Analysis } from './analyze.js'
import type { ShownPaper } from './shown.js'

/**
 * What the page shows of a parse, made in the worker and sent in columns
 * (arrays of strings and numbers rather than an object per paper): a paste
 * with fifty thousand tiny records then costs the page's thread a few
 * milliseconds to receive, not seconds. The page asks the worker for the rest
 * (a paper's JSON, the downloads) when it needs it.
 */
export interface View {
  success: boolean
  /** How long the parse took, in milliseconds. */
  ms: number
  summary: {
    title: string | null
    /** The digest's date: its ISO date, else as written. */
    date: string | null
    /** `undefined` when this version of the parser does not report it. */
    rendering: string | undefined
    page: string | null | undefined
    query: string | null | undefined
    errors: number
    warnings: number
  }
  /** How many lines there are, and where the non-blank ones went. */
  lineCounts: { all: number; paper: number; other: number; outside: number; blank: number }
  /** Each line (indexed by its 1-based number) in `kinds`, and the paper it lies in (-1 for none). */
  lines: { kind: Uint8Array; paper: Int32Array; kinds: string[] }
  papers: {
    title: string[]
    /** Its lines, authors, date and counts, in a few words. */
    meta: string[]
    /** The title's line (`paper.line`). */
    line: Int32Array
    /** Its first and last lines in the tree (its title line when the tree has no node for it). */
    start: Int32Array
    end: Int32Array
    /** How many diagnostics fall on its lines, and whether one is an error. */
    notes: Int32Array
    errors: Uint8Array
  }
  messages: {
    severity: ('error' | 'warning')[]
    ruleId: string[]
    message: string[]
    line: Int32Array
    column: Int32Array
    /** Its first and last lines (`position`, else `line`). */
    start: Int32Array
    end: Int32Array
  }
  /** The JSON's first characters (the view shows no more) and its whole length. */
  json: { head: string; length: number }
}

/** The kinds every view has: blank lines, and non-blank lines in no node of the tree. */
export const BLANK = 0
export const OUTSIDE = 1

/** Make the view of `analysis`, the parse of `text`. */
export function viewOf(analysis: Analysis, text: string, jsonHead = 100_000): View {
  const { digest, messages, blocks } = analysis
  const lines = text.split(/\r\n|\r|\n/)
  const count = lines.length

  // Each line's node and part, from the tree.
  const kinds = ['', 'outside']
  const kindIndex = new Map<string, number>()
  const kindOf = (type: string): number => {
    let index = kindIndex.get(type)
    if (index === undefined) {
      index = kinds.push(type) - 1
      kindIndex.set(type, index)
    }
    return index
  }
  const kind = new Uint8Array(count + 1)
  const block = new Int32Array(count + 1).fill(-1)
  blocks.forEach((node, index) => {
    const type = kindOf(node.type)
    for (let line = node.start; line <= Math.min(node.end, count); line++) {
      block[line] = index
      kind[line] = type
    }
    for (const part of node.parts) {
      const type = kindOf(part.type)
      for (let line = part.start; line <= Math.min(part.end, count); line++) kind[line] = type
    }
  })

  // Each paper's node: the paper node that starts at its title line.
  const nodeAt = new Map<number, number>()
  blocks.forEach((node, index) => {
    if (node.type === 'paper' && !nodeAt.has(node.start)) nodeAt.set(node.start, index)
  })
  const papers = digest.papers.length
  const start = new Int32Array(papers)
  const end = new Int32Array(papers)
  const paper = new Int32Array(count + 1).fill(-1)
  digest.papers.forEach(({ line }, index) => {
    const node = blocks[nodeAt.get(line) ?? -1]
    start[index] = node?.start ?? line
    end[index] = node?.end ?? line
    for (let at = start[index]; at <= Math.min(end[index], count); at++) paper[at] = index
  })

  const lineCounts = { all: count, paper: 0, other: 0, outside: 0, blank: 0 }
  for (let line = 1; line <= count; line++) {
    if ((lines[line - 1] ?? '').trim() === '') {
      kind[line] = BLANK
      lineCounts.blank++
    } else if (block[line] === -1) {
      kind[line] = OUTSIDE
      lineCounts.outside++
    } else if (blocks[block[line] ?? -1]?.type === 'paper') lineCounts.paper++
    else lineCounts.other++
  }

  const notes = new Int32Array(papers)
  const errors = new Uint8Array(papers)
  const columns: View['messages'] = {
    severity: [],
    ruleId: [],
    message: [],
    line: new Int32Array(messages.length),
    column: new Int32Array(messages.length),
    start: new Int32Array(messages.length),
    end: new Int32Array(messages.length),
  }
  messages.forEach((message, index) => {
    columns.severity.push(message.severity)
    columns.ruleId.push(message.ruleId)
    columns.message.push(message.message)
    columns.line[index] = message.line
    columns.column[index] = message.column
    const first = message.position?.start.line ?? message.line
    columns.start[index] = first
    columns.end[index] = Math.max(first, message.position?.end.line ?? first)
    const at = paper[Math.min(Math.max(1, message.line), count)] ?? -1
    if (at >= 0) {
      notes[at] = (notes[at] ?? 0) + 1
      if (message.severity === 'error') errors[at] = 1
    }
  })
  const errorCount = messages.filter((message) => message.severity === 'error').length

  return {
    success: analysis.success,
    ms: analysis.ms,
    summary: {
      title: digest.title,
      date: digest.date ? (digest.date.iso ?? digest.date.text) : null,
      rendering: digest.rendering,
      page: digest.page,
      query: digest.query,
      errors: errorCount,
      warnings: messages.length - errorCount,
    },
    lineCounts,
    lines: { kind, paper, kinds },
    papers: {
      title: digest.papers.map((paper) => paper.title),
      meta: digest.papers.map((paper, index) => describe(paper, start[index] ?? 1, end[index] ?? 1)),
      line: Int32Array.from(digest.papers, (paper) => paper.line),
      start,
      end,
      notes,
      errors,
    },
    messages: columns,
    json: { head: analysis.json.slice(0, jsonHead), length: analysis.json.length },
  }
}

/** The buffers of a view's arrays, to transfer rather than copy. */
export function buffersOf(view: View): ArrayBuffer[] {
  const arrays = [
    view.lines.kind,
    view.lines.paper,
    ...Object.values(view.papers),
    ...Object.values(view.messages),
  ].filter((value): value is Int32Array | Uint8Array => ArrayBuffer.isView(value))
  return arrays.map((array) => array.buffer as ArrayBuffer)
}

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`
}

/** A paper in a few words: its lines, authors, date, counts. */
export function describe(paper: ShownPaper, start: number, end: number): string {
  const words = [start === end ? `line ${String(start)}` : `lines ${String(start)}–${String(end)}`]
  if (paper.organization) words.push(paper.organization)
  if (paper.authorCount !== null) words.push(plural(paper.authorCount, 'author'))
  words.push(paper.published ? (paper.published.iso ?? paper.published.text) : 'no date')
  if (paper.upvotes !== null) words.push(plural(paper.upvotes, 'upvote'))
  if (typeof paper.comments === 'number') words.push(plural(paper.comments, 'comment'))
  if (paper.abstract === '') words.push('no abstract')
  return words.join(' · ')
}
