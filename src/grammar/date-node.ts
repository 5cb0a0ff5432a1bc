import { daysInMonth, monthNumber } from '../dates.js'
import { diagnostic, quote } from '../diagnostics.js'
import type { Diagnostic } from '../schema/schema.js'
import { type DateParts, type Line, positionOf } from '../tokenize/line.js'

const FULL_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

// Where a date line must be (after `·`), a line that is only roughly shaped
// like one is still read as one, so that `Foo 12, 2024` or a date cut short
// (`Aug 14, 20`) is reported as an invalid date rather than a stray line.
const ROUGH_DATE = /^(\p{L}+)\.? +(\d{1,4})(?:, *(\d{1,6}))?(?: +(\d{1,9}))?$/u

/**
 * Read a text line that is roughly shaped like a date as a date line: its
 * kind becomes `date`. Returns whether it could.
 */
export function readRoughDate(line: Line): boolean {
  const match = ROUGH_DATE.exec(line.value)
  if (!match) return false
  const { value } = line
  const upvotes = match[4]
  line.kind = 'date'
  line.date = {
    text: upvotes === undefined ? value : value.slice(0, value.length - upvotes.length - 1).trimEnd(),
    month: monthNumber(match[1]!) ?? null,
    day: Number(match[2]),
    year: match[3] === undefined ? null : Number(match[3]),
    upvotes: upvotes === undefined ? null : Number(upvotes),
  }
  return true
}

/**
 * Why `date` is not a date, or `null` if it is one.
 *
 * @param year The year to check the day against: the written one, else the
 *   one given in the options, else `null` (February then has 29 days).
 */
export function dateProblem(
  date: Pick<DateParts, 'text' | 'month' | 'day' | 'year'>,
  year: number | null,
): string | null {
  const { month, day } = date
  if (month === null) return `unknown month "${/^\p{L}*/u.exec(date.text)![0]}"`
  // A year below 1000 must still be written with four digits (`0812`).
  const { year: written } = date
  if (written !== null && (written < 1 || written > 9999 || (written < 1000 && !/[, ]\d{4}$/.test(date.text)))) {
    return 'the year must have four digits, from 0001 to 9999'
  }
  if (day < 1) return 'there is no day 0'
  // A day the month never has is wrong whatever the year: say so without one,
  // so that the batch and the stream word it alike. Only February 29 depends.
  const most = daysInMonth(month, null)
  if (day > most) return `${FULL_MONTHS[month - 1]} has ${most} days`
  if (day > daysInMonth(month, year)) return `${FULL_MONTHS[month - 1]} ${year} has 28 days`
  return null
}

/** The `invalid-date` diagnostic of date line `line` checked against `year`, or `null`. */
export function invalidDate(line: Line, year: number | null): Diagnostic | null {
  const problem = dateProblem(line.date!, year)
  return problem === null
    ? null
    : diagnostic('invalid-date', `${quote(line.date!.text)} is not a date: ${problem}`, positionOf(line))
}
