import type { Point, Position } from 'unist'
import type { DateParts } from '../dates.js'

/**
 * One line of the input as the scanner hands it on: its text without the
 * white space around it, and where it starts. A flat object with no unist
 * objects: positions are built only where someone asks for them (`parseTree`,
 * `tokenize`, a diagnostic), which keeps `parseDigest` from allocating a tree
 * it drops.
 */
export interface SourceLine {
  /** The line without its surrounding white space; a blank line's white space. */
  readonly value: string
  /** 1-based line number. */
  readonly line: number
  /** 1-based column of `value`'s first character. */
  readonly column: number
  /** 0-based offset of `value`'s first character in the whole text. */
  readonly offset: number
}

/**
 * A line of the text rendering, classified by its shape: each kind carries
 * its own data, and nothing else.
 */
export type Line = TextLine | HeaderLine | AuthorsLine | SeparatorLine | DateLine

/** A line of prose: a title, an abstract, or a stray. */
export interface TextLine extends SourceLine {
  readonly kind: 'text'
}

/** One of the page header's lines (`Daily Papers`, …). */
export interface HeaderLine extends SourceLine {
  readonly kind: 'header'
}

/** `  • 4 authors`. */
export interface AuthorsLine extends SourceLine {
  readonly kind: 'authors'
  /** The count written, or `null` when it cannot be read. */
  readonly count: number | null
}

/** The lone `·` of a metadata block. */
export interface SeparatorLine extends SourceLine {
  readonly kind: 'separator'
}

/** `Aug 14, 2021`, `May 13 2`. */
export interface DateLine extends SourceLine {
  readonly kind: 'date'
  readonly date: DateParts
}

export type LineKind = Line['kind']

export function startOf(line: SourceLine): Point {
  return { line: line.line, column: line.column, offset: line.offset }
}

export function endOf(line: SourceLine): Point {
  return { line: line.line, column: line.column + line.value.length, offset: line.offset + line.value.length }
}

export function positionOf(line: SourceLine): Position {
  return { start: startOf(line), end: endOf(line) }
}

/** The position from the start of `first` to the end of `last`. */
export function spanOf(first: SourceLine, last: SourceLine): Position {
  return { start: startOf(first), end: endOf(last) }
}
