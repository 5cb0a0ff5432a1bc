import { describe, expect, it } from 'vitest'
import { type Token, tokenize } from '../src/index.js'
import { LineScanner } from '../src/tokenize/scanner.js'
import { classifyLine } from '../src/tokenize/classify.js'

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
