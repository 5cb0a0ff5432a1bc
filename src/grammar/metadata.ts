import { diagnostic, quote } from '../diagnostics.js'
import type { Diagnostic } from '../schema/schema.js'
import { type Line, positionOf, spanOf } from '../tokenize/line.js'

/** The lines of a metadata block, in page order. */
const RANK = { authors: 0, separator: 1, date: 2 } as const
type MetadataKind = keyof typeof RANK

/**
 * A metadata block while it is read: `• N authors`, `·`, then a date. A block
 * ends at its date, or at the first line that cannot continue it (a line it
 * already has, or any other line).
 */
export class MetadataBlock {
  authors: Line | null = null
  separator: Line | null = null
  date: Line | null = null
  /** The block's lines, in source order. */
  readonly lines: Line[] = []
  #inOrder = true
  #lastRank = -1

  constructor(first: Line) {
    this.add(first)
  }

  /** Whether a line of this kind continues the block. */
  accepts(kind: MetadataKind): boolean {
    return this.date === null && (kind === 'date' || this[kind] === null)
  }

  /** Whether a line only roughly shaped like a date would be its date. */
  expectsDate(): boolean {
    return this.date === null && this.separator !== null
  }

  /** Add an `authors`, `separator` or `date` line. */
  add(line: Line): void {
    // Plain property writes: a computed `this[kind]` is a slow keyed store.
    const kind = line.kind as MetadataKind
    if (kind === 'authors') this.authors = line
    else if (kind === 'separator') this.separator = line
    else this.date = line
    const rank = RANK[kind]
    if (rank < this.#lastRank) this.#inOrder = false
    this.#lastRank = rank
    this.lines.push(line)
  }

  /** Whether the block is whole, in order, with a readable author count. */
  get complete(): boolean {
    return (
      this.#inOrder &&
      this.date !== null &&
      this.separator !== null &&
      this.authors !== null &&
      (this.authors.count ?? 0) > 0
    )
  }

  /**
   * What is wrong with the block once it has ended, beside its date (which
   * the grammar checks).
   *
   * @param atEnd Whether the text ended inside the block.
   * @param title The title of the paper the block belongs to.
   */
  problems(atEnd: boolean, title: string): Diagnostic[] {
    if (this.complete) return []
    const problems: Diagnostic[] = []
    const position = spanOf(this.lines[0]!, this.lines[this.lines.length - 1]!)
    const missing = [
      this.authors === null && 'the author count',
      this.separator === null && 'the "·" line',
      this.date === null && 'the date',
    ].filter((part): part is string => part !== false)
    if (atEnd && this.#inOrder && this.date === null) {
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
    const authors = this.authors
    if (authors && (authors.count === null || authors.count < 1)) {
      const reason =
        authors.count === null
          ? `cannot read an author count in ${quote(authors.value)}`
          : 'the author count must be at least 1'
      problems.push(diagnostic('incomplete-metadata', reason, positionOf(authors)))
    }
    return problems
  }
}
