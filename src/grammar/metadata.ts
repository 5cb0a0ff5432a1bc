import { diagnostic, quote } from '../diagnostics.js'
import type { Diagnostic } from '../schema/schema.js'
import { type AuthorsLine, type DateLine, type SeparatorLine, positionOf, spanOf } from '../tokenize/line.js'
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
  readonly #first: AuthorsLine | SeparatorLine
  #last: AuthorsLine | SeparatorLine | DateLine
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

  /** Add an `authors`, `separator` or `date` line. */
  add(line: AuthorsLine | SeparatorLine | DateLine): void {
    if (line.kind === 'authors') this.#authors = line
    else if (line.kind === 'separator') this.#separator = line
    else this.#date = line
    const rank = RANK[line.kind]
    if (rank < this.#lastRank) this.#inOrder = false
    this.#lastRank = rank
    this.#last = line
    this.#lines++
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
      date: date && { value: date.date, first: date, last: date },
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
  get span(): { first: AuthorsLine | SeparatorLine; last: AuthorsLine | SeparatorLine | DateLine } {
    return { first: this.#first, last: this.#last }
  }
}
