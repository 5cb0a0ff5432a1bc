// Every date rule in one place: month names, how a date is written, which
// dates exist, and how a date is shown again. The tokenizer, the grammar,
// the years, composition and the stringifier all ask this module.
//
// The page writes three-letter English month names (`Aug 14, 2021`,
// `May 13`); full names and `Sept` are accepted too, since scrapers sometimes
// expand them.

// prettier-ignore
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const
// prettier-ignore
const FULL_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const

const MONTHS = new Map<string, number>([['Sept', 9]])
MONTH_NAMES.forEach((name, index) => MONTHS.set(name, index + 1))
FULL_NAMES.forEach((name, index) => MONTHS.set(name, index + 1))

/** What a date says, as written. */
export interface DateParts {
  /** The date as written, without a count after it: `May 13`, `Aug 14, 2021`. */
  readonly text: string
  /** 1 to 12, or `null` for a month name that is not one. */
  readonly month: number | null
  readonly day: number
  /** The written year, or `null`. */
  readonly year: number | null
  /** The count written after the date (the comments), or `null`. */
  readonly count: number | null
}

/** The month number (1 to 12) of a month name, or `undefined`. */
export function monthNumber(name: string): number | undefined {
  return MONTHS.get(name)
}

/** The page's three-letter name of month `month` (1 to 12). */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? '???'
}

/** Whether `year` is a leap year in the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

/**
 * How many days month `month` has; in a year that is not known yet, February
 * has 29, since the year may still turn out to be a leap year.
 */
export function daysInMonth(month: number, year: number | null): number {
  if (month === 2) return year === null || isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** `2021-08-14`. */
export function isoDate(year: number, month: number, day: number): string {
  // Every paper's date has one, and a digest's papers share a few hundred
  // dates: each is made once (building one makes four strings).
  const key = isoKey(year, month, day)
  const known = key === -1 ? undefined : ISO_DATES.get(key)
  if (known !== undefined) return known
  const yyyy = year >= 1000 ? String(year) : String(year).padStart(4, '0')
  const iso = `${yyyy}-${TWO_DIGITS[month] ?? String(month)}-${TWO_DIGITS[day] ?? String(day)}`
  if (key !== -1) {
    if (ISO_DATES.size >= MAX_ISO_DATES) ISO_DATES.clear()
    ISO_DATES.set(key, iso)
  }
  return iso
}

/** The iso dates made so far, by {@link isoKey}. */
const ISO_DATES = new Map<number, string>()
const MAX_ISO_DATES = 4096

/** `year * 10,000 + month * 100 + day`, one number for each date of whole numbers from 0 (the month and day under 100); else -1. */
function isoKey(year: number, month: number, day: number): number {
  // `x >>> 0 === x`: a whole number from 0 (under 2^32).
  const whole = year >>> 0 === year && month >>> 0 === month && day >>> 0 === day
  return whole && month < 100 && day < 100 ? year * 10_000 + month * 100 + day : -1
}

/** `00` to `31`: every card's date writes two of them. */
const TWO_DIGITS = Array.from({ length: 32 }, (_, index) => String(index).padStart(2, '0'))

// `Mon D`, then `, YYYY` or ` YYYY` (a four-digit number right after the day
// is a year: nobody has 1,000 comments), then ` N` (the comment count).
const DATE = /^([A-Z][a-z]{2,8})\.? (\d{1,2})(?:,? (\d{4}))?(?: (\d{1,9}))?$/
// Where a date must stand (after `·`), a line only roughly shaped like one is
// still read as one, so that `Foo 12, 2024` or a date cut short (`Aug 14, 20`)
// is reported as an invalid date rather than lost.
const ROUGH_DATE = /^(\p{L}+)\.? +(\d{1,4})(?:, *(\d{1,6}))?(?: +(\d{1,9}))?$/u

/**
 * The date a line writes, in the page's own shape (`Aug 14, 2021`, `May 13 2`),
 * or `null`. `value` is trimmed, with its inner white space single spaces.
 */
export function readDate(value: string): DateParts | null {
  // Every card has a date line, and many short lines are tried as one: read
  // by hand, as the pattern would (test/dates.test.ts compares the two).
  const length = value.length
  let at = 1
  const first = value.charCodeAt(0)
  if (!(first >= 65 && first <= 90)) return null
  while (at < length && isLower(value.charCodeAt(at))) at++
  if (at < 3 || at > 9) return null
  const name = at
  if (value.charCodeAt(at) === 46 /* . */) at++
  if (value.charCodeAt(at) !== 32) return null
  const dayStart = ++at
  let day = 0
  while (at < length && isDigit(value.charCodeAt(at))) day = day * 10 + value.charCodeAt(at++) - 48
  if (at === dayStart || at - dayStart > 2) return null
  let year: number | null = null
  let code = value.charCodeAt(at)
  if (code === 44 /* , */) {
    // `, YYYY`, and nothing else after a comma.
    if (value.charCodeAt(at + 1) !== 32) return null
    const digits = digitsAt(value, at + 2)
    if (digits !== 4) return null
    year = numberAt(value, at + 2, 4)
    at += 6
    code = value.charCodeAt(at)
  } else if (code === 32) {
    // ` YYYY` when four digits end the line or stand before the count.
    const digits = digitsAt(value, at + 1)
    if (digits === 4 && (at + 5 === length || value.charCodeAt(at + 5) === 32)) {
      year = numberAt(value, at + 1, 4)
      at += 5
      code = value.charCodeAt(at)
    }
  }
  let count: number | null = null
  const textEnd = at
  if (at < length) {
    if (code !== 32) return null
    const digits = digitsAt(value, at + 1)
    if (digits === 0 || digits > 9 || at + 1 + digits !== length) return null
    count = numberAt(value, at + 1, digits)
  }
  const month = name === 3 ? SHORT_MONTHS.get(threeLetters(value)) : monthNumber(value.slice(0, name))
  if (month === undefined) return null
  return { text: textEnd === length ? value : value.slice(0, textEnd), month, day, year, count }
}

/** The page's three-letter month names by {@link threeLetters}: no string made to look one up. */
const SHORT_MONTHS = new Map(MONTH_NAMES.map((name, index) => [threeLetters(name), index + 1]))

/** The first three characters of `value` as one number. */
function threeLetters(value: string): number {
  return (value.charCodeAt(0) << 16) | (value.charCodeAt(1) << 8) | value.charCodeAt(2)
}

const isLower = (code: number) => code >= 97 && code <= 122
const isDigit = (code: number) => code >= 48 && code <= 57

/** How many digits stand in `value` from `at` on. */
function digitsAt(value: string, at: number): number {
  let end = at
  while (isDigit(value.charCodeAt(end))) end++
  return end - at
}

/** The number the `digits` digits of `value` from `at` on write. */
export function numberAt(value: string, at: number, digits: number): number {
  let number = 0
  for (let index = at; index < at + digits; index++) number = number * 10 + value.charCodeAt(index) - 48
  return number
}

/** {@link readDate} by the pattern: the reference the hand-written reader is tested against. */
export function readDateByPattern(value: string): DateParts | null {
  const match = DATE.exec(value)
  if (!match) return null
  const month = monthNumber(match[1] ?? '')
  if (month === undefined) return null
  return dateParts(value, month, match)
}

/** Like {@link readDate}, for a line only roughly shaped like a date (the month may be unknown). */
export function readRoughDate(value: string): DateParts | null {
  const match = ROUGH_DATE.exec(value)
  if (!match) return null
  return dateParts(value, monthNumber(match[1] ?? '') ?? null, match)
}

/**
 * What a date says, from a pattern's match whose groups 2 to 4 are the day,
 * the year and the count, as in {@link readDate}'s.
 */
export function dateParts(value: string, month: number | null, match: RegExpExecArray): DateParts {
  // Indices rather than a destructuring, which goes through the array's iterator (every card has a date).
  const year = match[3]
  const count = match[4]
  return {
    text: count === undefined ? value : value.slice(0, value.length - count.length).trimEnd(),
    month,
    day: Number(match[2]),
    year: year === undefined ? null : Number(year),
    count: count === undefined ? null : Number(count),
  }
}

/**
 * Why `date` is not a date, or `null` if it is one.
 *
 * @param year The year to check the day against: the written one, else the
 *   one given or inferred, else `null` (February then has 29 days).
 */
export function dateProblem(
  date: Pick<DateParts, 'text' | 'month' | 'day' | 'year'>,
  year: number | null,
): string | null {
  const { month, day } = date
  if (month === null) return `unknown month "${/^\p{L}*/u.exec(date.text)?.[0] ?? ''}"`
  // A year below 1000 must still be written with four digits (`0812`).
  const { year: written } = date
  if (written !== null && (written < 1 || written > 9999 || (written < 1000 && !/[, ]\d{4}$/.test(date.text)))) {
    return 'the year must have four digits, from 0001 to 9999'
  }
  if (day < 1) return 'there is no day 0'
  // A day the month never has is wrong whatever the year: say so without one,
  // so that the batch and the stream word it alike. Only February 29 depends.
  const most = daysInMonth(month, null)
  const name = FULL_NAMES[month - 1] ?? ''
  if (day > most) return `${name} has ${String(most)} days`
  if (day > daysInMonth(month, year)) return `${name} ${String(year ?? '')} has 28 days`
  return null
}

/** The date as the page writes it: `Aug 14, 2021`, `May 13`. */
export function writeDate(month: number, day: number, year: number | null): string {
  return `${monthName(month)} ${String(day)}${year === null ? '' : `, ${String(year).padStart(4, '0')}`}`
}
