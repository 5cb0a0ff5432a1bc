import { type DateParts, dateProblem } from '../dates.js'
import { diagnostic, quote } from '../diagnostics.js'
import type { Field } from '../grammar/record.js'
import type { Diagnostic } from '../schema/schema.js'
import { spanOf } from '../tokenize/line.js'

/** How the years of dates that write none are found. */
export type YearMode =
  /** A whole text: wait for its end, then infer the year from the years written in it. */
  | 'infer'
  /** A stream, which cannot look ahead: only `options.year` can give one. */
  | 'given-only'

/**
 * The year of each date that does not write one (SPEC section 2): the year
 * given in the options; else, for a whole digest, the year the page's own
 * date links name, else one more than the latest year written in it (the page
 * writes the year only for earlier years); else none, with one `unknown-year`
 * warning.
 *
 * It is told of every date in source order.
 */
export class Years {
  readonly #given: number | null
  readonly #mode: YearMode
  readonly #message: (message: Diagnostic) => void
  #latest = 0
  #pageYear: number | null = null
  // Of the dates waiting for an inferred year, only these are needed at the
  // end: the first (for `unknown-year`) and the February 29s (to check).
  #firstYearless: Field<DateParts> | null = null
  #leapDays: Array<Field<DateParts>> = []
  #inferred: number | null = null
  #warned = false

  /** @param given `options.year`, if any. */
  constructor(given: number | null, mode: YearMode, message: (message: Diagnostic) => void) {
    this.#given = given
    this.#mode = mode
    this.#message = message
  }

  /** Note a date, in source order. */
  note(date: Field<DateParts>): void {
    const { value } = date
    if (value.year !== null) {
      if (value.year > this.#latest && dateProblem(value, value.year) === null) this.#latest = value.year
    } else if (this.#given === null && dateProblem(value, null) === null) {
      if (this.#mode === 'given-only') this.#unknown(date)
      else {
        this.#firstYearless ??= date
        if (value.month === 2 && value.day === 29) this.#leapDays.push(date)
      }
    }
  }

  /** Note the year of the page's own date, which its links name (`/papers/date/2026-03-24`). */
  notePageYear(year: number): void {
    this.#pageYear ??= year
  }

  /** The text has ended: infer the year of the dates that lack one. */
  end(): void {
    const first = this.#firstYearless
    if (first === null) return
    const year = (this.#inferred = this.yearFromText)
    if (year === null) {
      this.#unknown(first)
      return
    }
    // Only now can February 29 be checked against its year.
    for (const date of this.#leapDays) {
      const problem = dateProblem(date.value, year)
      if (problem !== null) {
        const message = `${quote(date.value.text)} is not a date: ${problem}`
        this.#message(diagnostic('invalid-date', message, spanOf(date.first, date.last)))
      }
    }
    this.#leapDays = []
  }

  /**
   * The year a whole text gives its year-less dates: the page's own year,
   * else one more than the latest year written so far; `null` if neither is
   * known (or the latest is 9999).
   */
  get yearFromText(): number | null {
    if (this.#pageYear !== null) return this.#pageYear
    return this.#latest > 0 && this.#latest < 9999 ? this.#latest + 1 : null
  }

  /** The year of a date: written, given or (once the text has ended) inferred; `null` if none is known. */
  yearOf(date: DateParts): number | null {
    return date.year ?? this.#given ?? this.#inferred
  }

  /** The inferred year, once the text has ended; `null` if there is none. */
  get inferred(): number | null {
    return this.#inferred
  }

  /** Warn once, at the first date whose year stays unknown; the batch and the stream say the same. */
  #unknown(date: Field<DateParts>): void {
    if (this.#warned) return
    this.#warned = true
    const message = `${quote(date.value.text)} has no year, and none could be inferred; pass options.year`
    this.#message(diagnostic('unknown-year', message, spanOf(date.first, date.last)))
  }
}
