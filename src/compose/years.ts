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
  #pending: Line[] = []
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
      if (this.#infer) this.#pending.push(line)
      else this.#unknown(line, 'a stream cannot infer one; pass options.year')
    }
  }

  /** The text has ended: infer the year of the dates that lack one. */
  end(): void {
    const pending = this.#pending
    if (pending.length === 0) return
    if (this.#latest > 0 && this.#latest < 9999) {
      const year = (this.#inferred = this.#latest + 1)
      // Only now can February 29 be checked against its year.
      for (const line of pending) {
        const invalid = line.date!.month === 2 && line.date!.day === 29 ? invalidDate(line, year) : null
        if (invalid) this.#message(invalid)
      }
    } else {
      const others = pending.length > 1 ? ` (nor do ${pending.length - 1} other dates)` : ''
      this.#unknown(pending[0]!, `no date in the digest writes a year to infer it from${others}; pass options.year`)
    }
    this.#pending = []
  }

  /** The year of a date: written, given or (once the text has ended) inferred; `null` if none is known. */
  of(date: DateParts): number | null {
    return date.year ?? this.#given ?? this.#inferred
  }

  /** The inferred year, once the text has ended; `null` if there is none. */
  get inferred(): number | null {
    return this.#inferred
  }

  #unknown(line: Line, why: string): void {
    if (this.#warned) return
    this.#warned = true
    this.#message(diagnostic('unknown-year', `${quote(line.date!.text)} has no year, and ${why}`, positionOf(line)))
  }
}
