import type { Position } from 'unist'

/**
 * A line of the digest, classified by its shape alone. The tokenizer knows
 * nothing of records: whether a `date` line is a paper's date, the digest's
 * own date or a title that happens to look like one is the grammar's call.
 */
export type Token =
  | BlankToken
  | TextToken
  | HeaderToken
  | AuthorsToken
  | SeparatorToken
  | DateToken

/** Token kinds, the `type` of a {@link Token}. */
export type TokenType = Token['type']

/** An empty line, or one with only white space. */
export interface BlankToken {
  type: 'blank'
  position: Position
}

/** Any other line: a title, an abstract, or a stray line. */
export interface TextToken {
  type: 'text'
  /** The line without leading and trailing white space. */
  value: string
  position: Position
}

/** One of the five lines of the page header, such as `Daily Papers`. */
export interface HeaderToken {
  type: 'header'
  value: string
  position: Position
}

/** A line that starts with `•`: the author count, such as `• 4 authors`. */
export interface AuthorsToken {
  type: 'authors'
  value: string
  /** The number written, or `null` when the line cannot be read as `• N authors`. */
  count: number | null
  position: Position
}

/** The lone `·` between the author count and the date. */
export interface SeparatorToken {
  type: 'separator'
  value: string
  position: Position
}

/**
 * A line shaped like a date with a known month name: `Aug 14, 2021`,
 * `May 21`, `May 13 2` (2 upvotes), `Jun 12, 2023 1`. The day is as written,
 * not yet checked against the month.
 */
export interface DateToken {
  type: 'date'
  value: string
  /** The date without the upvote count: `Jun 12, 2023`. */
  text: string
  /** 1 to 12. */
  month: number
  day: number
  /** The year as written, or `null` when the line has none. */
  year: number | null
  /** The trailing count as written, or `null` when the line has none. */
  upvotes: number | null
  position: Position
}
