import type { Position } from 'unist'

/**
 * A line of the digest, classified by its shape alone. The tokenizer knows
 * nothing of records: whether a `date` line is a paper's date, the digest's
 * own date or a title that happens to look like one is the grammar's call.
 *
 * @example
 * ```ts
 * for (const token of tokenize(text)) {
 *   if (token.type === 'authors') console.log(token.position.start.line, token.count)
 * }
 * ```
 */
export type Token = BlankToken | TextToken | HeaderToken | AuthorsToken | SeparatorToken | DateToken

/**
 * Token kinds, the `type` of a {@link Token}.
 *
 * @example
 * ```ts
 * const kinds: TokenType[] = tokenize(text).map((token) => token.type) // ['header', 'blank', …]
 * ```
 */
export type TokenType = Token['type']

/**
 * An empty line, or one with only white space.
 *
 * @example
 * ```ts
 * tokenize('\n')[0] // { type: 'blank', position: { start: { line: 1, column: 1, offset: 0 }, end: … } }
 * ```
 */
export interface BlankToken {
  type: 'blank'
  position: Position
}

/**
 * Any other line: a title, an abstract, or a stray line.
 *
 * @example
 * ```ts
 * tokenize('Hyperbolic Category Discovery')[0] // { type: 'text', value: 'Hyperbolic Category Discovery', position }
 * ```
 */
export interface TextToken {
  type: 'text'
  /** The line without leading and trailing white space. */
  value: string
  position: Position
}

/**
 * One of the five lines of the page header, such as `Daily Papers`.
 *
 * @example
 * ```ts
 * tokenize('Daily Papers')[0] // { type: 'header', value: 'Daily Papers', position }
 * ```
 */
export interface HeaderToken {
  type: 'header'
  value: string
  position: Position
}

/**
 * A line that starts with `•`: the author count, such as `• 4 authors`.
 *
 * @example
 * ```ts
 * tokenize('  • 4 authors')[0] // { type: 'authors', value: '• 4 authors', count: 4, position }
 * tokenize('• many authors')[0] // { type: 'authors', value: '• many authors', count: null, position }
 * ```
 */
export interface AuthorsToken {
  type: 'authors'
  value: string
  /** The number written, or `null` when the line cannot be read as `• N authors`. */
  count: number | null
  position: Position
}

/**
 * The lone `·` between the author count and the date.
 *
 * @example
 * ```ts
 * tokenize('·')[0] // { type: 'separator', value: '·', position }
 * ```
 */
export interface SeparatorToken {
  type: 'separator'
  value: string
  position: Position
}

/**
 * A line shaped like a date with a known month name: `Aug 14, 2021`,
 * `May 21`, `May 13 2` (2 comments), `Jun 12, 2023 1`. The day is as written,
 * not yet checked against the month.
 *
 * @example
 * ```ts
 * tokenize('Jun 12, 2023 1')[0]
 * // { type: 'date', value: 'Jun 12, 2023 1', text: 'Jun 12, 2023', month: 6, day: 12, year: 2023, comments: 1, position }
 * ```
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
  /** The comment count written after the date, if any. */
  comments: number | null
  position: Position
}
