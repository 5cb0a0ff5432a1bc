// readDate as it was at commit bb6e0c7, kept as the reference that
// test/dates.test.ts compares the current one with (which reads a match's
// parts by index, and shares them with the card lines' date pattern).
import type { DateParts } from '../../src/dates.js'

// prettier-ignore
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const
// prettier-ignore
const FULL_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const

const MONTHS = new Map<string, number>([['Sept', 9]])
MONTH_NAMES.forEach((name, index) => MONTHS.set(name, index + 1))
FULL_NAMES.forEach((name, index) => MONTHS.set(name, index + 1))

const DATE = /^([A-Z][a-z]{2,8})\.? (\d{1,2})(?:,? (\d{4}))?(?: (\d{1,9}))?$/

export function readDate(value: string): DateParts | null {
  const match = DATE.exec(value)
  if (!match) return null
  const month = MONTHS.get(match[1] ?? '')
  if (month === undefined) return null
  const [, , day = '', year, count] = match
  return {
    text: count === undefined ? value : value.slice(0, value.length - count.length).trimEnd(),
    month,
    day: Number(day),
    year: year === undefined ? null : Number(year),
    count: count === undefined ? null : Number(count),
  }
}
