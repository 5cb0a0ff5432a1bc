import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { type Block, BlockReader } from '../../src/tokenize/blocks.js'
import { LineScanner } from '../../src/tokenize/scanner.js'
import { FIXTURES } from './fixtures.js'

// Blocks of the markdown and weblinks renderings for property tests: the
// blocks of the rendering fixtures (every kind of card part and chrome),
// each changed in a few places by pieces of markup, URLs and card labels.

/** Pieces that make or break the patterns of a card's blocks. */
export const PIECES = [
  'https://',
  'http://',
  'www.',
  'huggingface.co/',
  'papers/',
  'login?next=%2Fpapers%2F',
  '2510.10000',
  'v2',
  '#community',
  'date/2025-10-30',
  'github.com/',
  'arxiv.org/abs/',
  '[',
  ']',
  '(',
  ')',
  '![',
  '!',
  '](',
  '\\',
  '\\\\',
  '\n',
  ' ',
  '\t',
  '-',
  '*',
  '#',
  '### ',
  '•',
  '·',
  '<',
  '>',
  '4',
  '.',
  ',',
  ':',
  ' authors',
  'author',
  's',
  'Upvote ',
  'Submitted by ',
  'Published on ',
  'Aug 14',
  ', 2021',
  'GitHub',
  ' - Hugging Face',
  'Title:',
  'Daily Papers',
  'Next',
]

/** The text of every block of the rendering fixtures, and whether backslashes are escapes in it. */
function fixtureBlocks(): Array<{ source: string; url: string | null; escapes: boolean }> {
  const folder = `${FIXTURES}renderings/`
  const seen = new Map<string, { source: string; url: string | null; escapes: boolean }>()
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.txt'))) {
    const weblinks = file.includes('.weblinks.')
    const reader = new BlockReader(
      (block) => {
        const key = `${block.source}\u0000${block.url ?? ''}`
        if (!seen.has(key)) seen.set(key, { source: block.source, url: block.url, escapes: block.escapes })
      },
      { weblinks, escapes: !weblinks },
    )
    const scanner = new LineScanner({
      line: (value, line, column, offset) => {
        reader.line({ value, line, column, offset })
      },
      message() {},
    })
    scanner.push(readFileSync(folder + file, 'utf8'))
    scanner.end()
    reader.end()
  }
  return [...seen.values()]
}

const FIXTURE_BLOCKS = fixtureBlocks()
const FIXTURE_URLS = [...new Set(FIXTURE_BLOCKS.flatMap((block) => (block.url === null ? [] : [block.url])))]

/**
 * Where edits land: the ends, and around markup (or, when `spaces`, around
 * spaces and URL punctuation too), where the patterns look.
 */
function anchors(text: string, spaces: boolean): number[] {
  const found = [0, text.length]
  const marks = spaces ? '[]()\\ \n#·:/' : '[]()\\\n#'
  for (let at = 0; at < text.length; at++) if (marks.includes(text.charAt(at))) found.push(at, at + 1)
  return found
}

/** A text changed in up to four places: each a few characters deleted, a piece inserted. */
export function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.record({
    anchor: fc.nat(),
    spaces: fc.boolean(),
    shift: fc.integer({ min: -2, max: 2 }),
    remove: fc.nat({ max: 3 }),
    insert: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES)),
  })
  return fc.tuple(text, fc.array(edit, { maxLength: 4 })).map(([base, edits]) => {
    let out = base
    for (const { anchor, spaces, shift, remove, insert } of edits) {
      const places = anchors(out, spaces)
      const where = Math.min(out.length, Math.max(0, (places[anchor % places.length] ?? 0) + shift))
      out = out.slice(0, where) + insert + out.slice(where + remove)
    }
    return out
  })
}

const LINE = { value: '', line: 1, column: 1, offset: 0 }

/** Blocks like those of the renderings, and blocks of random pieces. */
export const blocks: fc.Arbitrary<Block> = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.constantFrom(...FIXTURE_BLOCKS), weight: 4 },
      {
        arbitrary: fc.record({
          source: fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((pieces) => pieces.join('')),
          url: fc.constant(null),
          escapes: fc.boolean(),
        }),
        weight: 1,
      },
    ),
    fc.nat({ max: 9 }),
    fc.constantFrom(...FIXTURE_URLS),
  )
  .chain(([base, pick, otherUrl]) =>
    fc.record({
      source: mutated(fc.constant(base.source)),
      // A URL after a block that has none in the fixtures, now and then.
      url: ((url) => (url === null ? fc.constant(null) : mutated(fc.constant(url))))(
        base.url ?? (pick === 1 ? otherUrl : null),
      ),
      escapes: fc.constant(base.escapes),
      frontMatter: fc.constant(pick === 0),
      first: fc.constant(LINE),
      last: fc.constant(LINE),
    }),
  )
