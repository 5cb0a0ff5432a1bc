import { diagnostic, quote } from '../diagnostics.js'
import type { Diagnostic } from '../schema/schema.js'
import { classifyLine } from '../tokenize/classify.js'
import {
  type AuthorsLine,
  type DateLine,
  type Line,
  type SeparatorLine,
  type SourceLine,
  positionOf,
  spanOf,
} from '../tokenize/line.js'
import type { Metadata } from './record.js'

/** The lines of a metadata block, in page order. */
const RANK = { authors: 0, separator: 1, date: 2 } as const

/**
 * A metadata block of the text rendering while it is read: `• N authors`,
 * `·`, then a date. A block ends at its date, or at the first line that
 * cannot continue it (a line it already has, or any other line).
 */
export class MetadataBlock {
  #authors: AuthorsLine | null = null
  #separator: SeparatorLine | null = null
  #date: DateLine | null = null
  /** The date's last line: the next one, when the date was split over two. */
  #dateLast: SourceLine | null = null
  /** A line after `·` that may be the start of a date split over two lines. */
  head: Line | null = null
  readonly #first: AuthorsLine | SeparatorLine
  #last: SourceLine
  #lines = 0
  #inOrder = true
  #lastRank = -1

  constructor(first: AuthorsLine | SeparatorLine) {
    this.#first = this.#last = first
    this.add(first)
  }

  /** Whether a line of this kind continues the block. */
  accepts(kind: 'authors' | 'separator' | 'date'): boolean {
    if (this.#date !== null) return false
    return kind === 'date' || (kind === 'authors' ? this.#authors === null : this.#separator === null)
  }

  /** Whether a line only roughly shaped like a date would be its date. */
  expectsDate(): boolean {
    return this.#date === null && this.#separator !== null
  }

  /**
   * Add an `authors`, `separator` or `date` line; a date may end on a later
   * line (`last`), when it was split over two.
   */
  add(line: AuthorsLine | SeparatorLine | DateLine, last: SourceLine = line): void {
    if (line.kind === 'authors') this.#authors = line
    else if (line.kind === 'separator') this.#separator = line
    else {
      this.#date = line
      this.#dateLast = last
    }
    const rank = RANK[line.kind]
    if (rank < this.#lastRank) this.#inOrder = false
    this.#lastRank = rank
    this.#last = last
    this.#lines += last === line ? 1 : 2
  }

  /** Put a date that goes on to the next line (`last`) in place of the block's date, its last line. */
  extendDate(date: DateLine, last: SourceLine): void {
    this.#date = date
    this.#dateLast = last
    this.#last = last
    this.#lines++
  }

  /** The date's last line. */
  get dateLast(): SourceLine | null {
    return this.#dateLast
  }

  /** How many lines the block has. */
  get size(): number {
    return this.#lines
  }

  /** The block's parts by name. */
  metadata(): Metadata {
    const authors = this.#authors
    const date = this.#date
    return {
      first: this.#first,
      last: this.#last,
      authors: authors && { value: authors.count, first: authors, last: authors },
      organization: null,
      separator: this.#separator && { first: this.#separator, last: this.#separator },
      date: date && { value: date.date, first: date, last: this.#dateLast ?? date },
      comments: null,
    }
  }

  /** The date line, if the block has one. */
  get date(): DateLine | null {
    return this.#date
  }

  /**
   * What is wrong with the block once it has ended, beside its date (which
   * the grammar checks).
   *
   * @param title The title of the paper the block belongs to.
   * @param textEnded Whether the text ended inside the block.
   */
  problems(title: string, textEnded: boolean): Diagnostic[] {
    const authors = this.#authors
    const whole = this.#date !== null && this.#separator !== null && authors !== null
    if (this.#inOrder && whole && (authors.count ?? 0) > 0) return []
    const problems: Diagnostic[] = []
    const position = spanOf(this.#first, this.#last)
    const missing = [
      authors === null && 'the author count',
      this.#separator === null && 'the "·" line',
      this.#date === null && 'the date',
    ].filter((part): part is string => part !== false)
    if (textEnded && this.#inOrder && this.#date === null) {
      const message = `the text ends inside the metadata block of ${quote(title)}, before ${missing.join(' and ')}`
      problems.push(diagnostic('truncated-record', message, position))
    } else if (missing.length > 0 || !this.#inOrder) {
      const what = [
        missing.length > 0 && `lacks ${missing.join(' and ')}`,
        !this.#inOrder && 'has its lines out of order',
      ]
      const message = `the metadata block of ${quote(title)} ${what.filter(Boolean).join(' and ')}`
      problems.push(diagnostic('incomplete-metadata', message, position))
    }
    if (authors && (authors.count === null || authors.count < 1)) {
      const reason =
        authors.count === null
          ? `cannot read an author count in ${quote(authors.value)}`
          : 'the author count must be at least 1'
      problems.push(diagnostic('incomplete-metadata', reason, positionOf(authors)))
    }
    return problems
  }

  /** The first and last lines, for a block that no title takes. */
  get span(): { first: AuthorsLine | SeparatorLine; last: SourceLine } {
    return { first: this.#first, last: this.#last }
  }
}

/**
 * The date two lines make when a date was split over them (`Sep 3` and
 * `0, 2023`; `Sep` and `30, 2023`; `May 13` and `2`), or `null`: the second
 * is short, and the two joined, without a space or with one, are a date line.
 * The date line returned starts where the first does, and holds their joined text.
 */
export function joinedDate(head: SourceLine, tail: SourceLine): DateLine | null {
  if (head.value.length > 24 || tail.value.length > 16 || tail.line === head.line) return null
  for (const glue of ['', ' ']) {
    const value = head.value + glue + tail.value
    const line = classifyLine(value, head.line, head.column, head.offset)
    if (line.kind === 'date') return line
  }
  return null
}

/** Whether a line could end a date split over two lines: digits, with a comma and spaces. */
export function isDateTail(line: Line): boolean {
  return line.kind === 'text' && line.value.length <= 16 && /^[\d,\s]+$/.test(line.value) && /\d/.test(line.value)
}

/** Whether a line after `·` could start a date split over two lines: a capital, a few letters, and digits. */
export function isDateHead(line: Line): boolean {
  return line.kind === 'text' && line.value.length <= 16 && /^[A-Z][a-z]*\.?(?: \d{1,2},?)?$/.test(line.value)
}

/** The metadata at the start of a line and the text glued after it (a lost line ending). */
export interface Glued {
  head: Line
  rest: SourceLine
}

/**
 * A line that starts with a line of metadata and runs on into other text:
 * `  • 4 authors·`, `·Aug 14, 2021`, and, where a date is expected, `Aug 14,
 * 2021Graph2MDA: …` (the next title) or `Dec 21, 2023new` (two files joined
 * without a final newline). The longest metadata line wins. `null` for any
 * other line.
 */
export function gluedMetadata(line: SourceLine, dateExpected: boolean): Glued | null {
  const { value } = line
  const first = value.charCodeAt(0)
  if (first === 0xb7 /* · */) return split(line, 1)
  if (first === 0x2022 /* • */) {
    const match = /^•\s*\d{1,9}\s*authors?/.exec(value)
    return match ? split(line, match[0].length) : null
  }
  if (!dateExpected || first < 65 || first > 90) return null
  // The longest start that is a date, and does not end inside a number.
  for (let end = Math.min(value.length - 1, 24); end >= 5; end--) {
    const next = value.charCodeAt(end)
    if ((next >= 48 && next <= 57) || next === 44 /* , */) continue
    const glued = split(line, end)
    if (glued?.head.kind === 'date') return glued
  }
  return null
}

function split(line: SourceLine, at: number): Glued | null {
  const head = line.value.slice(0, at).trimEnd()
  const rest = line.value.slice(at)
  const start = rest.length - rest.trimStart().length
  if (head === '' || rest.trim() === '') return null
  return {
    head: classifyLine(head, line.line, line.column, line.offset),
    rest: { value: rest.trim(), line: line.line, column: line.column + at + start, offset: line.offset + at + start },
  }
}
