import type { SourceLine } from './line.js'
import { bracketBalance } from './inline.js'

/**
 * A block of the markdown or weblinks rendering: the lines that make one
 * thing of the page (a heading, a link, a paragraph), joined.
 */
export interface Block {
  /** The lines' values joined with `\n`, markup and all. */
  readonly source: string
  readonly first: SourceLine
  readonly last: SourceLine
  /** The URL written on a line of its own right after the block (weblinks). */
  readonly url: string | null
  /** A line of the front matter (`---` … `---` at the very start). */
  readonly frontMatter: boolean
  /** Whether backslashes are markdown's escapes (not in the weblinks rendering). */
  readonly escapes: boolean
}

// A link left open (`[` without its `]`) joins the lines after it, but not
// forever: past this many, the block ends and is read as it is.
const MAX_OPEN_LINES = 200
// Text hard-wrapped at a column (72 or 80, as text browsers do) leaves lines
// at least this long before each wrap.
const MIN_WRAPPED = 60
const MAX_WRAP_WIDTH = 100
const WRAP_SLACK = 10
const LABEL = /^(?:Upvote|GitHub|Submitted by)$/
const VALUE = /^(?:[\d.,]+[kKmM]?|-|@?[\w.-]+)$/
const BARE_URL = /^<?https?:\/\/\S+$/

/**
 * A line as the block reader takes it from {@link BlockReader.read}: a
 * {@link SourceLine} (its own fields are a source line's, and nothing else),
 * which is also the block of that one line, its other fields read from it.
 * Most blocks are one line: each then needs no object of its own.
 */
abstract class LineBlock implements SourceLine, Block {
  readonly value: string
  readonly line: number
  readonly column: number
  readonly offset: number

  constructor(value: string, line: number, column: number, offset: number) {
    this.value = value
    this.line = line
    this.column = column
    this.offset = offset
  }

  get source(): string {
    return this.value
  }

  get first(): SourceLine {
    return this
  }

  get last(): SourceLine {
    return this
  }

  get url(): null {
    return null
  }

  get frontMatter(): boolean {
    return false
  }

  abstract get escapes(): boolean
}

/** A line of the markdown rendering, whose backslashes are escapes. */
class EscapedLine extends LineBlock {
  get escapes(): boolean {
    return true
  }
}

/** A line of the weblinks rendering, whose backslashes are text. */
class PlainLine extends LineBlock {
  get escapes(): boolean {
    return false
  }
}

/** Whether a line is nothing but a URL. */
export function isBareUrl(value: string): boolean {
  // It starts with `h` or `<`: most lines are ruled out without the pattern.
  const first = value.charCodeAt(0)
  return (first === 0x68 || first === 0x3c) && value.length < 4096 && BARE_URL.test(value)
}

/**
 * What a line is, told as soon as {@link BlockReader.read} has it, before the
 * reader knows whether the line is a block of its own: a line it recognises
 * (`null` otherwise) must have brackets that balance ({@link bracketBalance}
 * is 0), which the reader then need not count.
 */
export type LineRecognizer<T extends object> = (line: Block) => T | null

/**
 * Joins the lines of the markdown and weblinks renderings into blocks, one
 * line at a time, holding the current block until the next line shows
 * whether it continues it:
 * - a link left open (more `[` than `]`) goes on over the lines after it,
 *   blank ones included (a crawler hard-wraps long link texts);
 * - a line ending with a backslash (a hard break) goes on to the next line;
 * - a heading goes on to the next line when that is indented (a wrapped title);
 * - prose goes on to the next line when that is prose too (text hard-wrapped
 *   at a column);
 * - in the weblinks rendering, a line that is only a URL is the URL of the
 *   block before it.
 */
export class BlockReader<T extends object = never> {
  readonly #emit: (block: Block, known?: T | null) => void
  readonly #weblinks: boolean
  readonly #escapes: boolean
  readonly #recognize: LineRecognizer<T> | null
  /** The first line of the block held, or `null`. */
  #first: SourceLine | null = null
  /**
   * What the recognizer made of the first line when read() gave it: handed
   * on with the block if the line stays a block of its own.
   */
  #known: T | null | undefined = undefined
  /** What the recognizer made of the line read() is handing to line(). */
  #next: T | null | undefined = undefined
  /** Its last line so far. */
  #last: SourceLine | null = null
  /** Its lines, once it has more than one: most blocks are one line, and need no array. */
  #lines: SourceLine[] | null = null
  #balance = 0
  #url: string | null = null
  /** Inside front matter (`---` … `---` at the very start): each line is a block. */
  #frontMatter: boolean | null = null

  /**
   * @param emit Receives each block, with what the recognizer made of it when
   *   the block is one line that read() gave (`null` or `undefined` otherwise).
   * @param recognize Told each line that read() gives, before the line is placed.
   */
  constructor(
    emit: (block: Block, known?: T | null) => void,
    layout: { weblinks: boolean; escapes: boolean },
    recognize: LineRecognizer<T> | null = null,
  ) {
    this.#emit = emit
    this.#weblinks = layout.weblinks
    this.#escapes = layout.escapes
    this.#recognize = recognize
  }

  /**
   * Read the next line from its parts: as {@link line}, but a block of this
   * one line is then the line's own object (a {@link LineBlock}), and the
   * recognizer is told of it.
   */
  read(value: string, line: number, column: number, offset: number): void {
    const block = this.#escapes
      ? new EscapedLine(value, line, column, offset)
      : new PlainLine(value, line, column, offset)
    this.#next = this.#recognize?.(block)
    this.line(block)
  }

  line(line: SourceLine): void {
    const known = this.#next
    this.#next = undefined
    if (this.#frontMatter !== false) {
      const fence = /^-{3,}$/.test(line.value)
      if (this.#frontMatter === null && !fence) this.#frontMatter = false
      else {
        this.#frontMatter = this.#frontMatter === null || !fence
        this.#emit({ source: line.value, first: line, last: line, url: null, frontMatter: true, escapes: false })
        return
      }
    }
    const first = this.#first
    const last = this.#last
    if (first && last) {
      if (this.#continues(first, last, line)) {
        this.#add(first, line)
        this.#balance += bracketBalance(line.value)
        return
      }
      if (this.#weblinks && this.#url === null && isBareUrl(line.value) && !isBareUrl(first.value)) {
        this.#url = line.value.replace(/^<|>$/g, '')
        this.#add(first, line)
        return
      }
      this.#flush()
    }
    this.#first = this.#last = line
    // A line the recognizer knows balances its brackets (see LineRecognizer).
    this.#known = known
    this.#balance = known ? 0 : bracketBalance(line.value)
  }

  end(): void {
    this.#flush()
  }

  /** The offset of the first line held, or `Infinity`. */
  heldFrom(): number {
    return this.#first?.offset ?? Infinity
  }

  /** Add a line to the block that starts with `first`. */
  #add(first: SourceLine, line: SourceLine): void {
    const lines = this.#lines
    if (lines) lines.push(line)
    else this.#lines = [first, line]
    this.#last = line
  }

  #continues(first: SourceLine, last: SourceLine, line: SourceLine): boolean {
    if (this.#url !== null) return false
    const count = this.#lines?.length ?? 1
    if (this.#balance > 0) return count < MAX_OPEN_LINES
    if (this.#weblinks) return false
    const adjacent = line.line === last.line + 1
    if (!adjacent) return false
    if (last.value.endsWith('\\') && isProse(line.value)) return true
    // A label on a line of its own, its value on the next: `Upvote` / `12`, `GitHub` / `3.29k`.
    if (count === 1 && LABEL.test(last.value) && VALUE.test(line.value)) return true
    if (first.value.startsWith('#')) return line.column > 1 && isProse(line.value)
    if (!isProse(first.value) || !(isProse(line.value) || isBareUrl(line.value))) return false
    // Text wrapped at a column: every line fits the column (text browsers wrap
    // at 72 to 80), and a line ends early only where the next word would not
    // have fitted. A line much longer than those before it is not a wrap.
    const width = this.#widest
    if (width > MAX_WRAP_WIDTH || line.value.length > width + WRAP_SLACK) return false
    if (last.value.length >= MIN_WRAPPED) return true
    const word = line.value.search(/\s|$/)
    return width >= MIN_WRAPPED && last.value.length + 1 + word > width
  }

  /** The longest line of the block so far. */
  get #widest(): number {
    const lines = this.#lines
    if (!lines) return this.#first?.value.length ?? 0
    let widest = 0
    for (const line of lines) widest = Math.max(widest, line.value.length)
    return widest
  }

  #flush(): void {
    const first = this.#first
    const last = this.#last
    if (!first || !last) return
    const lines = this.#lines
    const url = this.#url
    if (lines === null && first instanceof LineBlock) {
      // A block of one line that read() made: the line is the block (its
      // escapes are the reader's, since the reader made it).
      this.#first = this.#last = null
      this.#balance = 0
      this.#emit(first, this.#known)
      return
    }
    const count = lines === null ? 1 : url === null ? lines.length : lines.length - 1
    const source =
      lines === null || count === 1
        ? first.value
        : lines
            .slice(0, count)
            .map((line) => line.value)
            .join('\n')
    this.#first = this.#last = null
    this.#lines = null
    this.#url = null
    this.#balance = 0
    this.#emit({ source, first, last, url, frontMatter: false, escapes: this.#escapes })
  }
}

const NOT_PROSE =
  /^(?:[#>|![·•]|[-*+] |\d+$|[-*_=]{3,}$|\*\*[^*]+:\*\*|Submitted by |Upvote\b|GitHub\b|arXiv Page|Published on |\d{1,9} authors?$|[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?(?: \d+)?$)/

/** Whether a line reads as a line of a paragraph, rather than markup of its own. */
function isProse(value: string): boolean {
  return value.length > 0 && !NOT_PROSE.test(value) && !isBareUrl(value)
}
