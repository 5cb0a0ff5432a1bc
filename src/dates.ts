// Calendar facts shared by the tokenizer, the grammar, composition and the
// stringifier. The page writes three-letter English month names; full names
// and `Sept` are accepted too, since scrapers sometimes expand them.

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

const FULL_NAMES = [
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

const MONTHS = new Map<string, number>()
for (let index = 0; index < 12; index++) {
  MONTHS.set(MONTH_NAMES[index]!, index + 1)
  MONTHS.set(FULL_NAMES[index]!, index + 1)
}
MONTHS.set('Sept', 9)

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
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`
}
