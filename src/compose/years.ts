import { diagnostic, quote } from '../diagnostics.js'
import { dateProblem, invalidDate } from '../grammar/date-node.js'
import type { Diagnostic } from '../schema/schema.js'
import { type DateParts, type Line, positionOf } from '../tokenize/line.js'

/**
 * The year of each date that does not write one (SPEC section 2): the year
 * given in the options; else, for a whole digest, one more than the latest
 * year written in it (the page writes the year only for earlier years); else
 * none, with one `unknown-year` warning.
 *
 * It sees every date line in source order. A stream cannot look ahead, so
 * when it is told not to infer, it gives up on the first date without a year.
 */
export class Years {
  readonly #given: number | null
  readonly #infer: boolean
  readonly #message: (message: Diagnostic) => void
  #latest = 0
  // Of the dates waiting for an inferred year, only these are needed at the
  // end: the first (for `unknown-year`) and the February 29s (to check).
  #firstYearless: Line | null = null
  #leapDays: Line[] = []
  #inferred: number | null = null
  #warned = false

  /**
   * @param given `options.year`, if any.
   * @param infer Whether to wait for the whole text and infer the year.
   */
  constructor(given: number | null, infer: boolean, message: (message: Diagnostic) => void) {
    this.#given = given
    this.#infer = infer
    this.#message = message
  }

  /** See a date line. */
  see(line: Line): void {
    const date = line.date!
    if (date.year !== null) {
      if (date.year > this.#latest && dateProblem(date, date.year) === null) this.#latest = date.year
    } else if (this.#given === null && dateProblem(date, null) === null) {
      if (!this.#infer) this.#unknown(line)
      else {
        this.#firstYearless ??= line
        if (date.month === 2 && date.day === 29) this.#leapDays.push(line)
      }
    }
  }

  /** The text has ended: infer the year of the dates that lack one. */
  end(): void {
    const first = this.#firstYearless
    if (first === null) return
    const year = (this.#inferred = this.inferable)
    if (year === null) return this.#unknown(first)
    // Only now can February 29 be checked against its year.
    for (const line of this.#leapDays) {
      const invalid = invalidDate(line, year)
      if (invalid) this.#message(invalid)
    }
    this.#leapDays = []
  }

  /** One more than the latest year written so far, or `null` if none is (or it is 9999). */
  get inferable(): number | null {
    return this.#latest > 0 && this.#latest < 9999 ? this.#latest + 1 : null
  }

  /** The year of a date: written, given or (once the text has ended) inferred; `null` if none is known. */
  of(date: DateParts): number | null {
    return date.year ?? this.#given ?? this.#inferred
  }

  /** The inferred year, once the text has ended; `null` if there is none. */
  get inferred(): number | null {
    return this.#inferred
  }

  /** Warn once, at the first date whose year stays unknown; the batch and the stream say the same. */
  #unknown(line: Line): void {
    if (this.#warned) return
    this.#warned = true
    const message = `${quote(line.date!.text)} has no year, and none could be inferred; pass options.year`
    this.#message(diagnostic('unknown-year', message, positionOf(line)))
  }
}
