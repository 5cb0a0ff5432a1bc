// The text rendering's line classifier as it was before it read lines by hand
// (commit 4dbc14d), kept as the reference that test/classify.test.ts compares
// the current one with: its patterns and its reading, the header lines shared.
import { readDateByPattern as readDate } from '../../src/dates.js'
import type { Line } from '../../src/tokenize/line.js'
import { at } from '../../src/at.js'
import { HEADER_LINES } from '../../src/tokenize/classify.js'

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

// `• N author(s)`: the count may be unreadable (`• nine authors`), but the
// shape must be there; any other line that starts with `•` is text.
const AUTHORS = /^•\s*(\S+?)\s*authors?$/
const COUNT = /^\d{1,9}$/
// White space other than a single ASCII space, and characters that take no
// room: inside a short line they are read as one space (or nothing).
const ODD_SPACE = /[^\S ]|\u200b|\u200c|\u200d|\u2060| {2}/
const ODD_SPACES = /(?:\s|\u200b|\u200c|\u200d|\u2060)+/g

/**
 * The line of the text rendering that a trimmed, non-empty `value` is, by its
 * shape alone.
 */
export function classifyLine(value: string, line: number, column: number, offset: number): Line {
  const first = value.charCodeAt(0)
  if (value.length <= MAX_SHORT_LINE) {
    const shape = ODD_SPACE.test(value) ? value.replace(ODD_SPACES, ' ').trim() : value
    if (first === codes.bullet) {
      const match = AUTHORS.exec(shape)
      if (match) {
        const count = COUNT.test(at(match, 1)) ? Number(match[1]) : null
        return { kind: 'authors', value, line, column, offset, count }
      }
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
