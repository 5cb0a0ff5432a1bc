import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Token, tokenize } from '../src/index.js'
import { LineScanner } from '../src/tokenize/scanner.js'
import { classifyLine, isSpace } from '../src/tokenize/classify.js'
import { propertyRuns } from './helpers/runs.js'

const kinds = (text: string) => tokenize(text).map((token) => token.type)

describe('tokenize', () => {
  it('classifies each line by its shape', () => {
    const text =
      'new\n\nDaily Papers\nOct 31\nA title\n  • 4 authors\n·\nAug 14, 2021\nMay 13 2\nJun 12, 2023 1\n• many authors'
    expect(kinds(text)).toEqual([
      'header',
      'blank',
      'header',
      'date',
      'text',
      'authors',
      'separator',
      'date',
      'date',
      'date',
      'authors',
    ])
  })

  it('reads the parts of dates and author counts', () => {
    const [date, upvoted, authors, one, unreadable] = tokenize(
      'Jun 12, 2023 1\nMay 13 2\n  • 25 authors\n• 1 author\n• 0x authors',
    )
    expect(date).toMatchObject({
      type: 'date',
      value: 'Jun 12, 2023 1',
      text: 'Jun 12, 2023',
      month: 6,
      day: 12,
      year: 2023,
      comments: 1,
    })
    expect(upvoted).toMatchObject({ text: 'May 13', month: 5, day: 13, year: null, comments: 2 })
    expect(authors).toMatchObject({ type: 'authors', value: '• 25 authors', count: 25 })
    expect(one).toMatchObject({ count: 1 })
    expect(unreadable).toMatchObject({ type: 'authors', count: null })
  })

  it('leaves date-like text that is not a date line as text', () => {
    expect(kinds('Mayonnaise 3\nGPT 4\nMay 2024\nScaling laws as of May 13, 2024\nmay 13')).toEqual([
      'text',
      'text',
      'text',
      'text',
      'text',
    ])
  })

  it('gives positions without the surrounding white space', () => {
    const [authors] = tokenize('  • 4 authors \t')
    expect(authors?.position).toEqual({
      start: { line: 1, column: 3, offset: 2 },
      end: { line: 1, column: 14, offset: 13 },
    })
  })

  it('accepts LF, CRLF and CR line endings alike', () => {
    const lines = (text: string) =>
      tokenize(text).map((token) => [token.type, token.position.start.line, token.position.start.column])
    const lf = lines('a\n\n  • 1 author\n·')
    expect(lines('a\r\n\r\n  • 1 author\r\n·')).toEqual(lf)
    expect(lines('a\r\r  • 1 author\r·')).toEqual(lf)
    expect(tokenize('a\r\nb')[1]?.position.start.offset).toBe(3)
  })

  it('skips a byte-order mark, which takes no column', () => {
    expect(tokenize('\uFEFFnew')[0]).toMatchObject({
      type: 'header',
      position: { start: { line: 1, column: 1, offset: 1 } },
    })
  })

  it('gives no token for the empty remainder after a final line ending', () => {
    expect(kinds('a\n')).toEqual(['text'])
    expect(kinds('')).toEqual([])
    expect(kinds('\n')).toEqual(['blank'])
  })
})

describe('the incremental scanner', () => {
  const scan = (pieces: string[]) => {
    const lines: Array<{ kind: string; value: string; line: number; column: number; offset: number }> = []
    const scanner = new LineScanner({
      line: (value, line, column, offset) => lines.push(classifyLine(value, line, column, offset)),
      blank: (value, line, column, offset) => lines.push({ kind: 'blank', value, line, column, offset }),
      message() {},
    })
    for (const piece of pieces) scanner.push(piece)
    scanner.end()
    return lines
  }

  it('gives the same lines wherever the text is cut, CRLF pairs and a BOM included', () => {
    const text = '\uFEFFnew\r\n\r\nOct 31\r\n  • 4 authors\r·\nMay 13 2 \t\r\n\r\nlast'
    const whole = scan([text])
    for (let cut = 0; cut <= text.length; cut++) {
      for (let second = cut; second <= text.length; second += 3) {
        expect(scan([text.slice(0, cut), text.slice(cut, second), text.slice(second)])).toEqual(whole)
      }
    }
  })

  it('matches tokenize, one character at a time', () => {
    const text = 'new\n\nOct 31\n\nTitle\n\nAbstract.\n\n  • 4 authors\n·\nAug 14, 2021'
    const tokens: Token[] = tokenize(text)
    expect(scan(Array.from(text)).map((line) => [line.kind, line.value, line.line, line.column, line.offset])).toEqual(
      tokens.map((token) => [
        token.type,
        'value' in token ? token.value : '',
        token.position.start.line,
        token.position.start.column,
        token.position.start.offset,
      ]),
    )
  })
})

describe('the scanner on long texts with every kind of line ending', () => {
  type Found = [value: string, line: number, column: number, offset: number]
  /** The lines that are not blank, as the scanner hands them to the grammar. */
  function scanned(pieces: readonly string[]): Found[] {
    const lines: Found[] = []
    const scanner = new LineScanner({ line: (...found) => lines.push(found), message() {} })
    for (const piece of pieces) scanner.push(piece)
    scanner.end()
    return lines
  }
  /** The same, by a regex split: each line trimmed of white space, blank ones dropped. */
  function reference(text: string): Found[] {
    const lines: Found[] = []
    const ending = /\r\n|\r|\n/g
    let start = text.charCodeAt(0) === 0xfeff ? 1 : 0
    for (let number = 1; ; number++) {
      ending.lastIndex = start
      const found = ending.exec(text)
      const end = found ? found.index : text.length
      let from = start
      let to = end
      while (from < to && isSpace(text.charCodeAt(from))) from++
      while (to > from && isSpace(text.charCodeAt(to - 1))) to--
      if (from < to) lines.push([text.slice(from, to), number, from - start + 1, from])
      if (!found) return lines
      start = end + found[0].length
    }
  }
  // Lines long and short, so that the carriage returns fall on every side
  // of the scanner's search windows (16,384 characters).
  const part = fc.record({
    text: fc.oneof(
      fc.constantFrom('', ' ', 'a', '  • 4 authors', '·', 'Aug 14, 2021', ' \t x \t '),
      fc.nat({ max: 40_000 }).map((length) => 'x'.repeat(length)),
    ),
    ending: fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\r', '\r\n\r\n', '\n\r'),
  })
  it('gives the lines a regex split gives, wherever the text is cut', () => {
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 4 }),
        (parts, bom, cuts) => {
          const text = (bom ? '\uFEFF' : '') + parts.map(({ text, ending }) => text + ending).join('')
          const expected = reference(text)
          expect(scanned([text])).toEqual(expected)
          const at = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b)
          const pieces = [...at, text.length].map((end, index) => text.slice(index === 0 ? 0 : at[index - 1], end))
          expect(scanned(pieces)).toEqual(expected)
        },
      ),
      { numRuns: propertyRuns(200), seed: 1616 },
    )
  })
})
