import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Block, BlockReader } from '../src/tokenize/blocks.js'
import { isSpaceUnit } from '../src/schema/validate.generated.js'
import { cardLine, classifyBlock } from '../src/tokenize/cards.js'
import { bracketBalance } from '../src/tokenize/inline.js'
import type { SourceLine } from '../src/tokenize/line.js'
import { LineScanner } from '../src/tokenize/scanner.js'
import { blocks, PIECES } from './helpers/blocks.js'
import { FIXTURES } from './helpers/fixtures.js'
import * as reference from './reference/cards.js'

// The block classifier reads the usual lines of a card by one pattern each
// (cardLine), and the rest the general way, with URLs and link texts found
// by other means than before; the reference (test/reference/cards.ts) reads
// every block the general way of commit bb6e0c7. On any block, both must say
// the same.

const RUNS = Number(process.env.PROPERTY_RUNS ?? 10_000)

const LINE = { value: '', line: 1, column: 1, offset: 0 }
const PROSE =
  'Large language models achieve high task performance yet often hallucinate or rely on outdated knowledge. ' +
  'Retrieval-augmented generation (RAG) addresses these gaps by coupling generation with external search. ' +
  'We analyse how hyperparameters influence speed and quality in RAG systems, covering vector stores. '
// The card lines cardLine reads by their shape, short and long (an abstract: 300 characters or more).
const CARD_LINES = [
  '[-](https://huggingface.co/login?next=%2Fpapers%2F2510.10000)',
  '[12](https://huggingface.co/login?next=%2Fpapers%2F2510.1000)',
  '[123456789](https://huggingface.co/login?next=%2Fpapers%2F2510.10000)',
  '### [A Title: With Words](https://huggingface.co/papers/2510.10000)',
  '[- 4 authors](https://huggingface.co/papers/2510.1000)',
  '[1 author](https://huggingface.co/papers/2510.10000)',
  '[- 123456789 authors](https://huggingface.co/papers/2510.10000)',
  '[- 1234567890 authors](https://huggingface.co/papers/2510.10000)',
  '[•  7  authors](https://huggingface.co/papers/2510.10000)',
  `[${PROSE}](https://huggingface.co/papers/2510.10000)`,
  `[${PROSE}](https://huggingface.co/papers/2510.1000)`,
  `[${PROSE}](https://huggingface.co/login?next=%2Fpapers%2F2510.10000)`,
  `### [${PROSE}](https://huggingface.co/papers/2510.10000)`,
  `[${PROSE} It is 0.07\\% off, \\_under\\_ \\\\ a\\ \t b \\é\\](https://huggingface.co/papers/2510.10000)`,
  `[\\ ${PROSE}\\\\](https://huggingface.co/papers/2510.10000)`,
  `[${PROSE} It is 0.07\\% off, \\_under\\_ \\\\ a\\ \t  b \\é end\\](https://huggingface.co/papers/2510.1000)`.replace(
    'end\\]',
    'end]',
  ),
  'Jun 12, 2023[1](https://huggingface.co/papers/2510.10039#community)',
  'September 12, 2023 123456789[123456789](https://huggingface.co/papers/2510.10039#community)',
  'May 13',
  'Aug 14, 2021',
  'Sept. 5 2024 12',
  'Jun 12, 2023 3[1](https://huggingface.co/papers/2510.10039#community)',
]
// What makes or breaks them: markup in the text, and the URL's parts.
const EDITS = [
  '',
  '[',
  ']',
  '](',
  '(',
  ')',
  '!',
  '![',
  '\\',
  '\n',
  ' ',
  '-',
  '0',
  '12',
  '1234567890',
  '.',
  '/',
  'v2',
  '#community',
  'authors',
  ' author',
  'https://',
  'papers/',
  'login?next=%2Fpapers%2F',
  '٣',
  '\\\\',
  '\t',
  '\u00a0',
  '\u2003',
  '\u200b',
  '\ufeff',
]

/** A card line with up to three edits anywhere in it, its length around the abstracts' bound now and then. */
const cardLines: fc.Arbitrary<Block> = fc
  .tuple(
    fc.constantFrom(...CARD_LINES),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...EDITS)), { maxLength: 3 }),
    fc.nat({ max: 4 }),
    fc.boolean(),
  )
  .map(([line, edits, trim, escapes]) => {
    let source = line
    for (const [at, remove, insert] of edits) {
      const where = at % (source.length + 1)
      source = source.slice(0, where) + insert + source.slice(where + remove)
    }
    // A long line cut to just over or under 300 characters, keeping its URL.
    if (trim === 0 && source.length > 300) {
      const url = source.lastIndexOf('](')
      if (url > 260) source = source.slice(0, 300 - (source.length - url) + (edits.length % 3) - 1) + source.slice(url)
    }
    return { source, url: null, escapes, frontMatter: false, first: LINE, last: LINE }
  })

describe('the block classifier', () => {
  it('says what the reference says of every block', () => {
    fc.assert(
      fc.property(blocks, (block) => {
        expect(classifyBlock(block)).toEqual(reference.classifyBlock(block))
      }),
      { numRuns: RUNS, seed: 5151 },
    )
  })

  it('says what the reference says of the card lines it reads by their shape, and of near misses', () => {
    fc.assert(
      fc.property(cardLines, (block) => {
        expect(classifyBlock(block)).toEqual(reference.classifyBlock(block))
      }),
      { numRuns: RUNS, seed: 5152 },
    )
  })

  // A block that is its first line (its source that line's value) has no
  // line break, and cardLine does not look for one.
  it('says what the reference says of the card lines as blocks of one line', () => {
    fc.assert(
      fc.property(
        cardLines.filter((block) => !block.source.includes('\n')),
        (block) => {
          const line = { ...LINE, value: block.source }
          const oneLine = { ...block, first: line, last: line }
          expect(classifyBlock(oneLine)).toEqual(reference.classifyBlock(oneLine))
        },
      ),
      { numRuns: RUNS, seed: 5156 },
    )
  })

  // The block reader takes a line that cardLine reads to balance its
  // brackets, without counting them (see LineRecognizer).
  it('reads by their shape only blocks whose brackets balance', () => {
    fc.assert(
      fc.property(fc.oneof(blocks, cardLines), (block) => {
        if (cardLine(block) !== null) expect(bracketBalance(block.source)).toBe(0)
      }),
      { numRuns: RUNS, seed: 5155 },
    )
  })
})

describe('the white space a card line is trimmed of', () => {
  it('is what String.prototype.trim removes, every UTF-16 code unit checked', () => {
    const differ: string[] = []
    for (let code = 0; code <= 0xffff; code++) {
      if (isSpaceUnit(code) !== (String.fromCharCode(code).trim() === '')) differ.push(`U+${code.toString(16)}`)
    }
    expect(differ).toEqual([])
  })
})

describe('the block reader', () => {
  // read() hands a one-line block on as the line's own object; line() makes
  // a block object of each. Both must give the same blocks, whatever the lines.
  const plain = (line: SourceLine): SourceLine => ({
    value: line.value,
    line: line.line,
    column: line.column,
    offset: line.offset,
  })
  const plainBlock = (block: Block) => ({
    source: block.source,
    first: plain(block.first),
    last: plain(block.last),
    url: block.url,
    frontMatter: block.frontMatter,
    escapes: block.escapes,
  })
  // read() asks cardLine of each line, as the card grammar has it do: what it
  // hands on with a block must be what the classifier makes of the block.
  function read(text: string, layout: { weblinks: boolean; escapes: boolean }, parts: boolean) {
    const found: Array<ReturnType<typeof plainBlock>> = []
    const reader = new BlockReader(
      (block, known) => {
        found.push(plainBlock(block))
        // A token only with a line read() made, and the classifier's.
        if (known) expect(parts && known).toEqual(classifyBlock(block))
        else if (parts && block.first === block.last && !block.frontMatter) expect(cardLine(block)).toBeNull()
      },
      layout,
      cardLine,
    )
    const scanner = new LineScanner({
      line: (value, line, column, offset) => {
        if (parts) reader.read(value, line, column, offset)
        else reader.line({ value, line, column, offset })
      },
      message() {},
    })
    scanner.push(text)
    scanner.end()
    reader.end()
    return found
  }
  const lines = fc
    .array(fc.oneof(fc.constantFrom(...PIECES, ...CARD_LINES, '', '---', '·', '   indented', 'Upvote', '12')), {
      maxLength: 40,
    })
    .chain((pieces) =>
      fc.tuple(fc.constant(pieces), fc.array(fc.constantFrom('\n', '\n\n', ' ', ''), { minLength: 40, maxLength: 40 })),
    )
    .map(([pieces, gaps]) => pieces.map((piece, index) => piece + (gaps[index] ?? '\n')).join(''))

  it('gives the same blocks from read() as from line()', () => {
    fc.assert(
      fc.property(lines, fc.boolean(), (text, weblinks) => {
        const layout = { weblinks, escapes: !weblinks }
        expect(read(text, layout, true)).toEqual(read(text, layout, false))
      }),
      { numRuns: RUNS, seed: 5154 },
    )
  })

  it('gives the same blocks from read() as from line() on every rendering fixture', () => {
    const folder = `${FIXTURES}renderings/`
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.txt'))) {
      const weblinks = file.includes('.weblinks.')
      const text = readFileSync(folder + file, 'utf8')
      const layout = { weblinks, escapes: !weblinks }
      expect(read(text, layout, true), file).toEqual(read(text, layout, false))
    }
  })
})
