import { classifyLine } from './classify.js'
import { type Line, positionOf } from './line.js'
import { LineScanner } from './scanner.js'
import type { Token } from './tokens.js'

/**
 * Split a digest into lines and classify each one by its shape: `blank`,
 * `text`, `header`, `authors`, `separator` or `date`. Every line gives a token
 * (but the empty remainder after a final line ending), with a unist position
 * (1-based line and column, 0-based offset) that covers the line without its
 * surrounding white space.
 *
 * LF, CRLF and CR line endings are all accepted, and a byte-order mark is
 * skipped. The tokenizer does not decide what a line means in its record; the
 * grammar ({@link parseTree}) does.
 *
 * @example
 * ```ts
 * import { tokenize } from 'papers-digest'
 *
 * tokenize('Oct 31\n\n  • 4 authors').map((token) => token.type)
 * // => ['date', 'blank', 'authors']
 * ```
 *
 * @param text The digest's text.
 * @returns One token per line, in order.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  const scanner = new LineScanner({
    line(value, line, column, offset) {
      tokens.push(toToken(classifyLine(value, line, column, offset)))
    },
    blank(value, line, column, offset) {
      tokens.push({ type: 'blank', position: positionOf({ value, line, column, offset }) })
    },
    // A string holds no undecodable bytes, so the scanner has nothing to say.
    message() {},
  })
  scanner.push(text)
  scanner.end()
  return tokens
}

function toToken(line: Line): Token {
  const { value } = line
  const position = positionOf(line)
  switch (line.kind) {
    case 'authors':
      return { type: 'authors', value, count: line.count, position }
    case 'date': {
      const { text, month, day, year, count } = line.date
      return { type: 'date', value, text, month: month ?? 0, day, year, comments: count, position }
    }
    default:
      return { type: line.kind, value, position }
  }
}

export type * from './tokens.js'
