import type { Point } from 'unist'
import { diagnostic } from '../diagnostics.js'
import type { Diagnostic } from '../schema/schema.js'
import { isSpace } from './classify.js'

/**
 * Where the scanner's lines and its own diagnostics go. A line comes as its
 * parts, so that each consumer builds the one object it needs.
 */
export interface ScannerHandlers {
  /** A line that is not blank: its value without the white space around it, and where that starts. */
  line(value: string, line: number, column: number, offset: number): void
  /** A blank line and its white space, when blank lines are asked for. */
  blank?(value: string, line: number, column: number, offset: number): void
  message(message: Diagnostic): void
}

/**
 * The longest line the pipeline reads, in characters (UTF-16 code units):
 * 1 MiB. A longer one is reported (`line-too-long`) and skipped; its text is
 * never held, so a line of any length costs no memory.
 */
export const MAX_LINE = 2 ** 20

// How many characters ahead of the line being read are searched for a CR at a time.
const CR_WINDOW = 16_384
// Runs of empty lines, each skipped in one search (see #skipBlank).
const LF_RUN = /\n+/y
const CRLF_RUN = /(?:\r\n)+/y
// Lone CRs, but not the last before an LF (a CRLF) or at the piece's end (its LF may come next).
const CR_RUN = /\r+(?=[^\n])/y

/**
 * The incremental tokenizer. Text comes in as pieces cut anywhere (inside a
 * line, between the two characters of a CRLF); a {@link Line} goes out for
 * each finished line, so the lines do not depend on where the cuts fell.
 *
 * Line endings are LF, CRLF or a lone CR. A byte-order mark at the very start
 * is skipped and takes no column. Each line's value and column leave out its
 * leading and trailing white space.
 */
export class LineScanner {
  readonly #handlers: ScannerHandlers
  readonly #blank: ScannerHandlers['blank']
  readonly #maxLine: number
  #line = 1
  /** Offset, in the whole text, of the next piece's first character. */
  #offset = 0
  /** Offset of the current line's first column. */
  #lineStart = 0
  /** The current line's pieces so far, when it spans several pieces. */
  #carry: string[] = []
  /** The current line is over the longest: its text has been dropped. */
  #tooLong = false
  /** The last piece ended with CR: an LF opening the next one completes it. */
  #afterCR = false
  /** Offsets of U+FFFD characters that replaced bytes that were not UTF-8. */
  #replaced: number[] = []
  #replacedNext = 0
  /** The lines with replaced characters so far, reported as one span when a line without any ends. */
  #invalid: { start: Point; end: Point; count: number; lines: number } | null = null

  /**
   * @param handlers Receives the lines and the `invalid-encoding` and
   *   `line-too-long` diagnostics; blank lines only if it has a `blank`
   *   handler (the grammar does not need them).
   * @param maxLine The longest line handed on, in characters; a longer one
   *   is reported and skipped. Default: no limit.
   */
  constructor(handlers: ScannerHandlers, maxLine = Infinity) {
    this.#handlers = handlers
    this.#blank = handlers.blank?.bind(handlers)
    this.#maxLine = maxLine
  }

  /** The offset of the earliest character whose diagnostic may still come; `Infinity` if none. */
  heldFrom(): number {
    return this.#invalid?.start.offset ?? Infinity
  }

  /**
   * Scan the next piece of text.
   *
   * @param replaced Indices in `piece` of characters that replaced invalid
   *   bytes, ascending; each line that holds any gets one diagnostic.
   */
  push(piece: string, replaced?: readonly number[]): void {
    const base = this.#offset
    const length = piece.length
    // An empty piece must not end a pending CR's wait for its LF.
    if (length === 0) return
    if (replaced && replaced.length > 0) {
      const pending = this.#replaced
      if (pending.length === 0) this.#replaced = replaced.map((index) => base + index)
      else for (const index of replaced) pending.push(base + index)
    }

    let start = 0
    if (base === 0 && piece.charCodeAt(0) === 0xfeff) start = this.#lineStart = 1
    if (this.#afterCR) {
      this.#afterCR = false
      if (piece.charCodeAt(0) === 10) start = 1
      this.#lineStart = base + start
    }

    // Line feeds are searched for one at a time. Carriage returns are rare:
    // they are searched for a window at a time, just ahead of the line being
    // read (a search of the whole text at once would read it all once more,
    // while the line feeds' searches read it again). Once one is found, the
    // text has them (CRLF), and each is searched for from the last. `cr` is
    // the first CR found from `start` on, or -1 if there is none before `crTo`.
    let lf = piece.indexOf('\n', start)
    let cr = -1
    let crTo = start
    let crFound = false
    for (;;) {
      const limit = lf === -1 ? length : lf
      while (cr === -1 && crTo < limit) {
        const to = crFound ? length : Math.min(length, Math.max(limit, crTo + CR_WINDOW))
        const found = crFound ? piece.indexOf('\r', crTo) - crTo : piece.slice(crTo, to).indexOf('\r')
        if (found < 0) crTo = to
        else {
          cr = crTo + found
          crTo = cr + 1
          crFound = true
        }
      }
      if (lf === -1 && cr === -1) break
      let end: number
      let next: number
      if (cr === -1 || (lf !== -1 && lf < cr)) {
        end = lf
        next = lf + 1
      } else {
        end = cr
        next = cr + 1
        if (next === length) this.#afterCR = true
        else if (piece.charCodeAt(next) === 10) next++
      }
      this.#endLine(piece, start, end, base)
      this.#line++
      start = this.#blank ? next : this.#skipBlank(piece, next)
      this.#lineStart = base + start
      if (lf !== -1 && lf < start) lf = piece.indexOf('\n', start)
      if (cr !== -1 && cr < start) cr = -1
      if (crTo < start) crTo = start
    }
    if (start < length && !this.#tooLong) {
      // A line over the longest is dropped as soon as it is: never held whole.
      if (base + length - this.#lineStart > this.#maxLine) {
        this.#tooLong = true
        this.#carry = []
      } else this.#carry.push(start === 0 ? piece : piece.slice(start))
    }
    this.#offset = base + length
  }

  /**
   * Count the lines of the next piece without reading them, so that the
   * point at the end stays right (the input was found not to be text).
   */
  count(piece: string): void {
    const base = this.#offset
    const length = piece.length
    if (length === 0) return
    if (base === 0 && piece.charCodeAt(0) === 0xfeff) this.#lineStart = 1
    if (this.#afterCR) {
      this.#afterCR = false
      if (piece.charCodeAt(0) === 10) this.#lineStart = base + 1
    }
    let lf = piece.indexOf('\n', this.#lineStart - base)
    let cr = piece.indexOf('\r', this.#lineStart - base)
    while (lf !== -1 || cr !== -1) {
      let next: number
      if (cr === -1 || (lf !== -1 && lf < cr)) next = lf + 1
      else {
        next = cr + 1
        if (next === length) this.#afterCR = true
        else if (piece.charCodeAt(next) === 10) next++
      }
      this.#line++
      this.#lineStart = base + next
      if (lf !== -1 && lf < next) lf = piece.indexOf('\n', next)
      if (cr !== -1 && cr < next) cr = piece.indexOf('\r', next)
    }
    this.#carry = []
    this.#offset = base + length
  }

  /**
   * Skip the blank lines from `at` on, when they are not handed on: without
   * a search and a call per line, millions of them take no longer than a
   * digest of the same size. An empty line alone (the usual gap between
   * blocks) is stepped over, a run of them (LF, CRLF or lone CR) is one regex
   * search, a line of spaces and tabs one short loop. A CR that ends the
   * piece is left to the caller, which waits for its LF.
   */
  #skipBlank(piece: string, at: number): number {
    const length = piece.length
    for (;;) {
      const code = piece.charCodeAt(at)
      if (code === 10 || code === 13) {
        const width = code === 13 && piece.charCodeAt(at + 1) === 10 ? 2 : 1
        if (code === 13 && at + 1 === length) return at
        if (piece.charCodeAt(at + width) !== code) {
          this.#line++
          at += width
          continue
        }
        const run = code === 10 ? LF_RUN : width === 2 ? CRLF_RUN : CR_RUN
        run.lastIndex = at
        run.test(piece)
        this.#line += (run.lastIndex - at) / width
        at = run.lastIndex
        continue
      }
      if (code !== 32 && code !== 9) return at
      let end = at + 1
      while (piece.charCodeAt(end) === 32 || piece.charCodeAt(end) === 9) end++
      // A line of white space over the longest is left to be reported, as it
      // would be if the piece ended inside it.
      if (end - at > this.#maxLine) return at
      const ending = piece.charCodeAt(end)
      if (ending === 10) end++
      else if (ending === 13 && end + 1 < length) end += piece.charCodeAt(end + 1) === 10 ? 2 : 1
      else return at
      this.#line++
      at = end
    }
  }

  /** Scan the last line, which has no line ending. */
  end(): void {
    if (this.#carry.length > 0 || this.#tooLong) this.#endLine('', 0, 0, this.#offset)
    this.#reportInvalid()
  }

  /** The point just past the text scanned so far. */
  point(): Point {
    return this.#point(this.#offset)
  }

  #endLine(piece: string, from: number, to: number, base: number): void {
    if (this.#tooLong || base + to - this.#lineStart > this.#maxLine) {
      this.#skipLong(base + to)
      return
    }
    let text = piece
    if (this.#carry.length > 0) {
      if (to > from) this.#carry.push(piece.slice(from, to))
      text = this.#carry.join('')
      this.#carry = []
      base = this.#lineStart
      from = 0
      to = text.length
    }

    let a = from
    let b = to
    while (a < b && isSpace(text.charCodeAt(a))) a++
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--
    const column = base + a - this.#lineStart + 1
    if (a === b) {
      // A blank line's value is its white space, so that its position spans it.
      this.#blank?.(text.slice(from, to), this.#line, base + from - this.#lineStart + 1, base + from)
      return
    }
    if (this.#replacedNext < this.#replaced.length) this.#noteReplaced(base + to)
    else if (this.#invalid) this.#reportInvalid()
    this.#handlers.line(a === 0 && b === text.length ? text : text.slice(a, b), this.#line, column, base + a)
  }

  /** Report the line over the longest that ends at `lineEnd`, and go on after it. */
  #skipLong(lineEnd: number): void {
    this.#tooLong = false
    this.#carry = []
    this.#noteReplaced(lineEnd)
    const length = lineEnd - this.#lineStart
    const message = `skipped a line of ${String(length)} characters, longer than the longest read (${String(this.#maxLine)})`
    this.#handlers.message(
      diagnostic('line-too-long', message, { start: this.#point(this.#lineStart), end: this.#point(lineEnd) }),
    )
  }

  /**
   * Note the replaced characters of the line ending at `lineEnd`. Lines that
   * hold any, one after another (blank lines between them aside), make one
   * span, reported once a line without any ends: a flood of invalid bytes
   * gives one diagnostic, not one a line.
   */
  #noteReplaced(lineEnd: number): void {
    const replaced = this.#replaced
    const from = this.#replacedNext
    const first = replaced[from]
    if (first === undefined || first >= lineEnd) {
      this.#reportInvalid()
      return
    }
    // Locals, not fields, in the loop: random bytes put thousands on a line.
    let next = from + 1
    while (next < replaced.length && (replaced[next] ?? lineEnd) < lineEnd) next++
    const last = replaced[next - 1] ?? first
    if (next === replaced.length) {
      this.#replaced = []
      this.#replacedNext = 0
    } else this.#replacedNext = next
    const invalid = this.#invalid
    const end = this.#point(last + 1)
    if (invalid) {
      invalid.end = end
      invalid.count += next - from
      invalid.lines++
    } else this.#invalid = { start: this.#point(first), end, count: next - from, lines: 1 }
  }

  /** One diagnostic for the span of lines with replaced characters, if there is one. */
  #reportInvalid(): void {
    const invalid = this.#invalid
    if (!invalid) return
    this.#invalid = null
    const { start, end, count, lines } = invalid
    const what = count === 1 ? 'a byte sequence' : `${String(count)} byte sequences`
    const where =
      lines === 1 ? 'on this line' : `on ${String(lines)} lines (${String(start.line)} to ${String(end.line)})`
    this.#handlers.message(
      diagnostic(
        'invalid-encoding',
        `${what} ${where} ${count === 1 ? 'is' : 'are'} not valid UTF-8 (replaced with U+FFFD)`,
        { start, end },
      ),
    )
  }

  #point(offset: number): Point {
    return { line: this.#line, column: offset - this.#lineStart + 1, offset }
  }
}
