import type { Point, Position } from 'unist'

/** A line's kind, by its shape. */
export type LineKind = 'blank' | 'text' | 'header' | 'authors' | 'separator' | 'date'

/**
 * A line as the scanner hands it to the grammar: one flat object of one
 * shape, with no unist objects. Positions, nodes and public tokens are built
 * from it only where someone asks for them (`parseTree`, `tokenize`, a
 * diagnostic), which keeps `parseDigest` from allocating a tree it drops.
 */
export interface Line {
  kind: LineKind
  /** The line without its surrounding white space; a blank line's white space. */
  value: string
  /** 1-based line number. */
  line: number
  /** 1-based column of `value`'s first character. */
  column: number
  /** 0-based offset of `value`'s first character in the whole text. */
  offset: number
  /** `authors`: the count written, or `null` when it cannot be read. */
  count: number | null
  /** `date`: what the date line says. */
  date: DateParts | null
}

/** What a date line says, as written. */
export interface DateParts {
  /** The date without the upvote count. */
  text: string
  /** 1 to 12, or `null` for an unknown month name. */
  month: number | null
  day: number
  year: number | null
  upvotes: number | null
}

export function makeLine(kind: LineKind, value: string, line: number, column: number, offset: number): Line {
  return { kind, value, line, column, offset, count: null, date: null }
}

function startOf(line: Line): Point {
  return { line: line.line, column: line.column, offset: line.offset }
}

function endOf(line: Line): Point {
  return { line: line.line, column: line.column + line.value.length, offset: line.offset + line.value.length }
}

export function positionOf(line: Line): Position {
  return { start: startOf(line), end: endOf(line) }
}

/** The position from the start of `first` to the end of `last`. */
export function spanOf(first: Line, last: Line): Position {
  return { start: startOf(first), end: endOf(last) }
}
