import { readDate } from '../dates.js'
import { isSpaceUnit } from '../schema/validate.generated.js'
import type { Line } from './line.js'

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

const codes = {
  bullet: 0x2022, // •
  middleDot: 0xb7, // ·
  upperA: 0x41,
  upperZ: 0x5a,
} as const

// Only short lines can be anything but text; longer ones skip every regex.
const MAX_SHORT_LINE = 48

/**
 * The line of the text rendering that a trimmed, non-empty `value` is, by its
 * shape alone. Read by hand rather than by patterns (every line of a digest
 * comes here): test/classify.test.ts checks it against the patterns it
 * replaced, `• N author(s)` with `^•\s*(\S+?)\s*authors?$`.
 */
export function classifyLine(value: string, line: number, column: number, offset: number): Line {
  const first = value.charCodeAt(0)
  if (value.length <= MAX_SHORT_LINE) {
    // White space other than a single ASCII space, and characters that take
    // no room: inside a short line they are read as one space (or nothing).
    const shape = hasOddSpace(value) ? value.replace(ODD_SPACES, ' ').trim() : value
    if (first === codes.bullet) {
      const count = authorCount(shape)
      if (count !== undefined) return { kind: 'authors', value, line, column, offset, count }
    }
    if (first === codes.middleDot && shape.length === 1) return { kind: 'separator', value, line, column, offset }
    if (HEADER_LENGTHS.has(shape.length) && HEADER.has(shape)) return { kind: 'header', value, line, column, offset }
    // An upper-case ASCII letter: the only way a date line starts.
    if (first >= codes.upperA && first <= codes.upperZ) {
      const date = readDate(shape)
      if (date) return { kind: 'date', value, line, column, offset, date }
    }
  }
  return { kind: 'text', value, line, column, offset }
}

const ODD_SPACES = /(?:\s|\u200b|\u200c|\u200d|\u2060)+/g

/** Whether `value` holds white space other than single ASCII spaces, or a zero-width character. */
function hasOddSpace(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code === 32) {
      if (value.charCodeAt(index + 1) === 32) return true
    } else if (isSpace(code)) return true
  }
  return false
}

/**
 * The author count of `• N author(s)` (`shape` has single spaces only):
 * the number, `null` for a count that is not one (`• nine authors`), or
 * `undefined` for a line of another shape.
 */
function authorCount(shape: string): number | null | undefined {
  const length = shape.length
  const end = shape.endsWith('authors') ? length - 7 : shape.endsWith('author') ? length - 6 : -1
  let from = shape.charCodeAt(1) === 32 ? 2 : 1
  let to = shape.charCodeAt(end - 1) === 32 ? end - 1 : end
  if (end === -1 || to <= from) {
    // `•authors`: the bullet's space, or the one before the word, may be all there is.
    from = 1
    to = end
    if (end === -1 || to <= from) return undefined
  }
  let digits = true
  for (let index = from; index < to; index++) {
    const code = shape.charCodeAt(index)
    if (code === 32) return undefined
    if (code < 48 || code > 57) digits = false
  }
  return digits && to - from <= 9 ? Number(shape.slice(from, to)) : null
}

/**
 * Whether a UTF-16 code unit is white space around a line: what
 * `String.prototype.trim` removes (the validator's {@link isSpaceUnit}; its
 * line terminators never occur inside a line), and the zero-width spaces
 * scraped text carries.
 */
export function isSpace(code: number): boolean {
  return isSpaceUnit(code) || (code >= 0x200b && code <= 0x200d) || code === 0x2060
}
