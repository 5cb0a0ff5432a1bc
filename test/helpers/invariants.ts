import type { Node, Point, Position } from 'unist'
import type { Diagnostic, DigestRoot } from '../../src/index.js'
import { defined } from './defined.js'

// What must hold of any parse, whatever the input: positions that point into
// the text, and every non-blank line accounted for. Computed from the text
// alone, apart from the parser's own scanner.

/** A text's lines: LF, CRLF and CR end a line; a leading byte-order mark takes no column. */
export class LineIndex {
  /** Offset of each line's first column, by 0-based line index. */
  readonly starts: number[] = []
  /** Offset just past each line's content (before its line ending). */
  readonly ends: number[] = []

  constructor(readonly text: string) {
    let start = text.charCodeAt(0) === 0xfeff ? 1 : 0
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index)
      if (code !== 10 && code !== 13) continue
      this.starts.push(start)
      this.ends.push(index)
      if (code === 13 && text.charCodeAt(index + 1) === 10) index++
      start = index + 1
    }
    this.starts.push(start)
    this.ends.push(text.length)
  }

  /** The 1-based line and column of an offset. */
  point(offset: number): Point {
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (defined(this.starts[middle]) <= offset) low = middle
      else high = middle - 1
    }
    // Offset 0, before a byte-order mark, is still column 1.
    return { line: low + 1, column: Math.max(1, offset - defined(this.starts[low]) + 1), offset }
  }

  /**
   * Each non-blank line (by `String.prototype.trim`, with the zero-width
   * spaces the parser also trims): its number and the offsets of its trimmed content.
   */
  *nonBlank(): Generator<{ line: number; start: number; end: number }> {
    for (let index = 0; index < this.starts.length; index++) {
      const lineStart = defined(this.starts[index])
      const content = this.text.slice(lineStart, this.ends[index])
      if (trimStart(content) === '') continue
      const start = lineStart + content.length - trimStart(content).length
      yield { line: index + 1, start, end: lineStart + trimEnd(content).length }
    }
  }
}

interface AnyNode extends Node {
  value?: unknown
  children?: AnyNode[]
}

/** A point's offset, which every point the parser makes has. */
const offsetOf = (point: Point): number => defined(point.offset, `an offset in ${JSON.stringify(point)}`)

/**
 * Throw if a position does not lie inside the text, or its line and column
 * do not match its offsets.
 */
export function checkPosition(
  lines: LineIndex,
  position: Position | undefined,
  what: string,
): asserts position is Position {
  if (!position) throw new Error(`${what} has no position`)
  const { start, end } = position
  const { length } = lines.text
  const where = `${what} at ${JSON.stringify(position)}`
  if (start.offset === undefined || end.offset === undefined) throw new Error(`${where}: no offsets`)
  if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= length))
    throw new Error(`${where}: outside 0..${String(length)} or reversed`)
  for (const point of [start, end]) {
    const expected = lines.point(offsetOf(point))
    if (point.line !== expected.line || point.column !== expected.column) {
      throw new Error(
        `${where}: ${JSON.stringify(point)} should be line ${String(expected.line)}, column ${String(expected.column)}`,
      )
    }
  }
}

/**
 * Throw unless every node of the tree has a position inside the text and
 * consistent with it, children lie inside their parent, in order and without
 * overlaps, and each literal's value is the text it spans.
 */
export function checkTree(text: string, tree: DigestRoot, lines = new LineIndex(text), verbatim = true): void {
  const visit = (node: AnyNode, path: string): Position => {
    checkPosition(lines, node.position, path)
    const { start, end } = node.position
    // In the text rendering a node's value is the text it spans (its lines
    // joined, if it runs over several); in the others, its markup is not part of it.
    if (verbatim && typeof node.value === 'string' && !isTextOf(node.value, text.slice(start.offset, end.offset))) {
      throw new Error(`${path}: value ${JSON.stringify(node.value)} is not the text it spans`)
    }
    let previous = offsetOf(start)
    node.children?.forEach((child, index) => {
      const at = `${path} > ${child.type}[${String(index)}]`
      const position = visit(child, at)
      if (offsetOf(position.start) < previous)
        throw new Error(`${at}: starts before its previous sibling ends, or before its parent`)
      previous = offsetOf(position.end)
    })
    if (previous > offsetOf(end)) throw new Error(`${path}: a child ends after its parent`)
    return node.position
  }
  visit(tree, 'root')
}

/**
 * Whether a literal's value is the text it spans: the same, or, for a value
 * over several lines (a hard-wrapped abstract, a date split in two), its
 * lines without the white space around them, each joined to the next by one
 * space or by nothing.
 */
function isTextOf(value: string, spanned: string): boolean {
  if (value === spanned) return true
  const lines = spanned
    .split(/\r\n|\r|\n/)
    .map((line) => trimEnd(trimStart(line)))
    .filter((line) => line !== '')
  const first = lines[0]
  if (lines.length < 2 || first === undefined || !value.startsWith(first)) return false
  let at = first.length
  for (const line of lines.slice(1)) {
    if (value.startsWith(` ${line}`, at)) at += line.length + 1
    else if (value.startsWith(line, at)) at += line.length
    else return false
  }
  return at === value.length
}

/** Throw unless each diagnostic's position is consistent with the text, and its line and column are its start's. */
export function checkMessages(text: string, messages: Diagnostic[], lines = new LineIndex(text)): void {
  for (const message of messages) {
    const what = `${message.ruleId} diagnostic`
    checkPosition(lines, message.position, what)
    if (message.line !== message.position.start.line || message.column !== message.position.start.column) {
      throw new Error(`${what}: line and column are not its position's start`)
    }
  }
}

/** The rules whose diagnostics name the lines they skip. */
const SKIPPING = new Set(['unexpected-line', 'line-too-long', 'binary-input'])

/**
 * The non-blank lines that lie neither inside a node of the tree nor inside
 * the position of a diagnostic that skips them (`unexpected-line`,
 * `line-too-long`, `binary-input`): there should be none.
 */
export function unaccounted(
  text: string,
  tree: DigestRoot,
  messages: Diagnostic[],
  lines = new LineIndex(text),
): number[] {
  const spans: Position[] = []
  const collect = (node: AnyNode): void => {
    if (node.children) node.children.forEach(collect)
    else spans.push(defined(node.position, `a position of a ${node.type}`))
  }
  for (const node of tree.children) collect(node)
  for (const message of messages) if (SKIPPING.has(message.ruleId) && message.position) spans.push(message.position)
  // The spans' union, spans only white space apart counting as one (a line
  // read as two parts, `Aug 14, 2021 Graph2MDA…`, is two nodes); then a
  // sweep, lines and pieces by start: a line is inside some piece if the
  // pieces that start before it reach past its end.
  spans.sort((a, b) => offsetOf(a.start) - offsetOf(b.start))
  const pieces: Array<[number, number]> = []
  for (const { start, end } of spans) {
    const last = pieces.at(-1)
    if (last && offsetOf(start) <= last[1]) last[1] = Math.max(last[1], offsetOf(end))
    else if (last && trimStart(text.slice(last[1], offsetOf(start))) === '') last[1] = Math.max(last[1], offsetOf(end))
    else pieces.push([offsetOf(start), offsetOf(end)])
  }
  const lost: number[] = []
  let next = 0
  let reach = -1
  for (const { line, start, end } of lines.nonBlank()) {
    for (let piece = pieces[next]; piece && piece[0] <= start; piece = pieces[++next]) reach = Math.max(reach, piece[1])
    if (reach < end) lost.push(line)
  }
  return lost
}

const trimStart = (text: string) => text.replace(/^[\s\u200b-\u200d\u2060]+/, '')
const trimEnd = (text: string) => text.replace(/[\s\u200b-\u200d\u2060]+$/, '')
