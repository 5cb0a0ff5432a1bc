import { monthNumber } from '../dates.js'
import { type Line, makeLine } from './line.js'

/** The five lines of the page header, in page order. */
export const HEADER_LINES = [
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
] as const

const HEADER = new Set<string>(HEADER_LINES)
// Checked first: most short lines have none of these lengths.
const HEADER_LENGTHS = new Set<number>(HEADER_LINES.map((line) => line.length))

const BULLET = 0x2022 // •
const MIDDLE_DOT = 0xb7 // ·

// Only short lines can be anything but text; longer ones skip every regex.
const MAX_SHORT_LINE = 48

const DATE = /^([A-Z][a-z]{2,8})\.? (\d{1,2})(?:, (\d{4}))?(?: (\d{1,9}))?$/
const AUTHORS = /^•\s*\d{1,9}\s*authors?$/

/** The line of a trimmed, non-empty `value`, classified by its shape. */
export function classifyLine(value: string, line: number, column: number, offset: number): Line {
  const first = value.charCodeAt(0)
  if (first === BULLET) {
    const result = makeLine('authors', value, line, column, offset)
    // parseInt skips the white space after the bullet, as the pattern allows.
    if (AUTHORS.test(value)) result.count = Number.parseInt(value.slice(1), 10)
    return result
  }
  if (value.length <= MAX_SHORT_LINE) {
    if (first === MIDDLE_DOT && value.length === 1) return makeLine('separator', value, line, column, offset)
    if (HEADER_LENGTHS.has(value.length) && HEADER.has(value)) return makeLine('header', value, line, column, offset)
    // An upper-case ASCII letter: the only way a date line starts.
    if (first >= 65 && first <= 90) {
      const match = DATE.exec(value)
      const month = match && monthNumber(match[1]!)
      if (match && month) {
        const result = makeLine('date', value, line, column, offset)
        const upvotes = match[4]
        result.date = {
          text: upvotes === undefined ? value : value.slice(0, value.length - upvotes.length - 1),
          month,
          day: Number(match[2]),
          year: match[3] === undefined ? null : Number(match[3]),
          upvotes: upvotes === undefined ? null : Number(upvotes),
        }
        return result
      }
    }
  }
  return makeLine('text', value, line, column, offset)
}

/**
 * Whether a UTF-16 code unit is white space as `String.prototype.trim` sees
 * it (line terminators aside, which never occur inside a line).
 */
export function isSpace(code: number): boolean {
  if (code === 32 || code === 9) return true
  if (code < 0xa0) return code === 11 || code === 12
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}
