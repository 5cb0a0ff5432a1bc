import { dateProblem } from '../dates.js'
import { diagnostic, quote, type RuleId } from '../diagnostics.js'
import { HEADER_LINES, classifyLine } from '../tokenize/classify.js'
import type { Position } from 'unist'
import { type DateLine, type Line, type SourceLine, positionOf, spanOf } from '../tokenize/line.js'
import { readRoughDate } from '../dates.js'
import { MetadataBlock, gluedMetadata, isDateHead, isDateTail, joinedDate } from './metadata.js'
import type { Field, Grammar, GrammarEvents, Metadata, PaperRecord } from './record.js'
import { type Reading, splitRun, splitRunBeforeBlock } from './records.js'
import { at } from '../at.js'

// A run of text lines is held until a metadata block ends it. A run that grows
// this long (only damaged text does that) is split without waiting, keeping
// its last lines for the next split, so memory stays bounded by a few records.
const MAX_RUN = 64
const RUN_OVERLAP = 8
// At most this many lines of debris between the header's lines (`Sign in`),
// each at most this long.
const MAX_HEADER_DEBRIS = 2
const MAX_HEADER_DEBRIS_LENGTH = 48
// How many papers are remembered to tell a paper seen before (`duplicate-paper`):
// enough for any page, and bounded for a stream of any length.
const MAX_REMEMBERED = 65_536

/**
 * The record grammar of the text rendering (a browser copy of the page):
 * lines in, one at a time, records and diagnostics out.
 *
 *   digest   = header? record*
 *   header   = (header line | digest date)*     before the first record
 *   record   = title abstract? metadata?        at least one of the two
 *   metadata = authors "·" date
 *
 * Text lines gather in a run until a metadata block (or the end) comes; the
 * run then splits into records (records.ts). Nothing is guessed silently:
 * every line ends up in a record or in an `unexpected-line` diagnostic.
 */
export class TextGrammar implements Grammar {
  readonly #events: GrammarEvents
  readonly #year: number | null
  #inHeader = true
  readonly #header: Line[] = []
  /** Lines in the header that are not header lines, until the next line shows whether the header goes on. */
  #headerPending: Line[] = []
  /** A header line or a date after such lines: the header's, or the abstract of a title among them (the next line tells). */
  #headerHeld: Line | null = null
  #digestDate: DateLine | null = null
  #digestDateLast: SourceLine | null = null
  #first: SourceLine | null = null
  #run: Line[] = []
  #block: MetadataBlock | null = null
  /** The block has its date: the next line may still end it (a date split over two lines). */
  #blockDated = false
  #skipped: { first: SourceLine; last: SourceLine; lines: number; block: boolean } | null = null
  /** The papers seen so far, and the last one, by a hash of their title, abstract length and date (two numbers). */
  readonly #seen = new SeenPapers()
  #previousKey = -1
  #previousHigh = -1

  /**
   * @param year The year given in the options, against which a date without
   *   one is checked (February 29).
   */
  constructor(events: GrammarEvents, year: number | null) {
    this.#events = events
    this.#year = year
  }

  line(value: string, number: number, column: number, offset: number): void {
    this.#take(classifyLine(value, number, column, offset))
  }

  end(): void {
    if (this.#headerHeld) {
      this.#takeIntoHeader(this.#headerHeld)
      this.#headerHeld = null
    }
    if (this.#inHeader) for (const line of this.#endHeader()) this.#take(line)
    const block = this.#block
    if (block) {
      const head = block.head
      this.#endBlock(true)
      if (head) this.#run.push(head)
    }
    this.#emit(splitRun(this.#run), this.#run, null, false)
    this.#run = []
    this.#reportSkipped()
  }

  /** The offset of the earliest line the grammar still holds, whose diagnostics may still come. */
  heldFrom(): number {
    const skipped = this.#skipped
    const first = skipped?.first ?? this.#run[0] ?? this.#block?.span.first ?? (this.#inHeader ? this.#first : null)
    return first ? first.offset : Infinity
  }

  #take(line: Line): void {
    this.#first ??= line
    if (this.#inHeader) {
      if (this.#headerLine(line)) return
      for (const held of this.#endHeader()) this.#take(held)
    }
    const block = this.#block
    if (block && this.#afterDate(block, line)) return
    if (block?.head && this.#afterHead(block, block.head, line)) return

    // Metadata glued to the text after it: split, and each part read.
    if (line.kind === 'text') {
      const glued = gluedMetadata(line, this.#block?.expectsDate() ?? false)
      if (glued) {
        const message = `${quote(glued.head.value)} runs on into ${quote(glued.rest.value)} (a lost line ending): read as two lines`
        this.#message('incomplete-metadata', message, positionOf(line))
        this.#take(glued.head)
        this.#take(classifyLine(glued.rest.value, glued.rest.line, glued.rest.column, glued.rest.offset))
        return
      }
    }
    if (line.kind === 'authors' || line.kind === 'separator') {
      if (this.#block?.accepts(line.kind)) {
        this.#block.add(line)
        return
      }
      if (this.#block) this.#endBlock(false)
      this.#block = new MetadataBlock(line)
      return
    }
    const open = this.#block
    if (open) {
      const expects = open.expectsDate()
      const date = line.kind === 'date' ? line : line.kind === 'text' && expects ? asRoughDate(line) : null
      if (date) {
        open.add(date)
        this.#blockDated = true
        return
      }
      if (expects && isDateHead(line)) {
        open.head = line
        return
      }
      this.#endBlock(false)
    }
    this.#run.push(line)
    if (this.#run.length >= MAX_RUN) this.#splitLongRun()
  }

  /**
   * The line after a block's date: the rest of the date, split over two
   * lines (`Sep 3`, `0, 2023`), or the end of the block. Returns whether it
   * took the line.
   */
  #afterDate(block: MetadataBlock, line: Line): boolean {
    if (!this.#blockDated) return false
    const date = block.date
    const joined = date && block.dateLast === date && isDateTail(line) ? joinedDate(date, line) : null
    if (joined) {
      block.extendDate(joined, line)
      this.#splitDate(joined, line)
    }
    this.#endBlock(false)
    return joined !== null
  }

  /** The line after a possible start of a date after `·`: its end, or not. Returns whether it took the line. */
  #afterHead(block: MetadataBlock, head: Line, line: Line): boolean {
    block.head = null
    const joined = joinedDate(head, line)
    if (joined) {
      block.add(joined, line)
      this.#splitDate(joined, line)
      this.#endBlock(false)
      return true
    }
    // Not a date: the block ends without one, and the line is text.
    this.#endBlock(false)
    this.#run.push(head)
    return false
  }

  #splitDate(date: DateLine, last: SourceLine): void {
    const message = `the date ${quote(date.value)} is split over two lines`
    this.#message('incomplete-metadata', message, spanOf(date, last))
  }

  /**
   * Take a line into the header, if it belongs there: a header line, the
   * digest's date (also split over two lines, its month on the first, or with
   * the next line glued to it), or a line between them that the next one
   * shows to be debris. A whole date is never made another one by the line
   * after it (`Jan 1`, then `0`, is not `Jan 10`).
   */
  #headerLine(line: Line): boolean {
    const pending = this.#headerPending
    const held = this.#headerHeld
    if (held) {
      // A header line or a date after lines held as debris is the header's,
      // unless a metadata block follows it, which makes the held line a
      // title and it that title's abstract.
      this.#headerHeld = null
      pending.push(held)
      if (line.kind === 'authors' || line.kind === 'separator') return false
      pending.pop()
      this.#takeIntoHeader(held)
    }
    if (!this.#digestDate) {
      const held = pending.at(-1)
      const split = held ? joinedDate(held, line) : null
      if (split) {
        pending.pop()
        this.#skipPending()
        this.#setDigestDate(split, line)
        this.#headerMessage(`the digest's date ${quote(split.value)} is split over two lines`, spanOf(split, line))
        return true
      }
      const glued = line.kind === 'text' ? gluedMetadata(line, true) : null
      if (glued?.head.kind === 'date') {
        this.#skipPending()
        this.#setDigestDate(glued.head, glued.head)
        this.#headerMessage(
          `the digest's date runs on into ${quote(glued.rest.value)} (a lost line ending): read as two lines`,
          positionOf(line),
        )
        this.#take(classifyLine(glued.rest.value, glued.rest.line, glued.rest.column, glued.rest.offset))
        return true
      }
    }
    // After lines held as debris, only a header line not seen yet goes on with
    // the header: one seen already is the abstract the held line is the title of.
    const seen = line.kind === 'header' && pending.length > 0 && this.#header.some((held) => held.value === line.value)
    if ((line.kind === 'header' && !seen) || (line.kind === 'date' && !this.#digestDate)) {
      if (pending.length > 0) this.#headerHeld = line
      else this.#takeIntoHeader(line)
      return true
    }
    // A line that is not the header's, at the start or between its lines:
    // held until the next one shows whether the header goes on.
    const debris = line.kind === 'text' && line.value.length <= MAX_HEADER_DEBRIS_LENGTH
    const started = this.#header.length > 0 || this.#first === (pending[0] ?? line)
    if (debris && started && pending.length < MAX_HEADER_DEBRIS) {
      pending.push(line)
      return true
    }
    return false
  }

  /** A header line or the digest's date, after the lines held before it, which were debris. */
  #takeIntoHeader(line: Line): void {
    this.#skipPending()
    if (line.kind === 'date') this.#setDigestDate(line, line)
    else this.#header.push(line)
  }

  #setDigestDate(date: DateLine, last: SourceLine): void {
    this.#digestDate = date
    this.#digestDateLast = last
    this.#header.push(date)
  }

  /** The lines held in the header were debris between its lines. */
  #skipPending(): void {
    const pending = this.#headerPending
    for (const line of pending) this.#skip(line, line, 1, false)
    pending.length = 0
  }

  #headerMessage(message: string, position: Position): void {
    this.#message('missing-header', message, position)
  }

  /** The header has ended: tell it, and return the lines held in it, which were not its own. */
  #endHeader(): Line[] {
    this.#inHeader = false
    const held = this.#headerPending
    this.#headerPending = []
    const lines = this.#header
    const present = new Set(lines.map((line) => line.value))
    const missing = HEADER_LINES.filter((line) => !present.has(line))
    const first = lines[0] ?? held[0] ?? this.#first
    const position = first
      ? positionOf(first)
      : { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } }
    if (missing.length === HEADER_LINES.length) {
      const message = `the text does not start with the page header (${quote(HEADER_LINES[0])} … ${quote(HEADER_LINES[4])})`
      this.#message('missing-header', message, position)
    } else if (missing.length > 0) {
      this.#message(
        'missing-header',
        `the page header lacks ${missing.map((line) => quote(line)).join(', ')}`,
        position,
      )
    } else if (!this.#digestDate) {
      this.#message('missing-header', "the page header is not followed by the digest's date", position)
    }
    const date = this.#digestDate
    const dateLast = this.#digestDateLast ?? date
    if (date) this.#checkDate(date, dateLast ?? date)
    if (lines.length === 0) return held
    this.#events.header({
      title: present.has('Daily Papers') ? 'Daily Papers' : null,
      date: date && { value: date.date, first: date, last: dateLast ?? date },
      page: present.has('Daily Papers') ? 'daily' : null,
      query: null,
      lines: lines.map((line) => ({ first: line, last: line === date ? (dateLast ?? line) : line })),
    })
    return held
  }

  /** The metadata block has ended: the run before it splits into records. */
  #endBlock(textEnded: boolean): void {
    const block = this.#block
    this.#block = null
    this.#blockDated = false
    if (block) this.#emit(splitRunBeforeBlock(this.#run), this.#run, block, textEnded)
    this.#run = []
  }

  #splitLongRun(): void {
    const run = this.#run
    const readings = splitRun(run)
    const lastOf = (reading: Reading): number =>
      reading.kind === 'stray' ? reading.line : (reading.abstract?.last ?? reading.title)
    const firstOf = (reading: Reading): number => (reading.kind === 'stray' ? reading.line : reading.title)
    let kept = 0
    for (const reading of readings) {
      if (lastOf(reading) >= run.length - RUN_OVERLAP) break
      kept++
    }
    const next = readings[kept]
    this.#emit(readings.slice(0, kept), run, null, false)
    this.#run = run.slice(next ? firstOf(next) : run.length)
  }

  /** Emit the records and stray lines of a run, in order. */
  #emit(readings: readonly Reading[], run: readonly Line[], block: MetadataBlock | null, textEnded: boolean): void {
    let taken = false
    for (const reading of readings) {
      if (reading.kind === 'stray') {
        const line = run[reading.line]
        if (line) this.#skip(line, line, 1, false)
        continue
      }
      const title = run[reading.title]
      if (!title) continue
      this.#reportSkipped()
      const abstract = reading.abstract && abstractField(run, reading.abstract.first, reading.abstract.last)
      const owned = reading.metadata ? block : null
      taken ||= owned !== null
      const metadata = owned?.metadata() ?? null
      const last = metadata?.last ?? abstract?.last ?? title
      if (this.#repeats(title, abstract, metadata, run, reading.abstract)) continue
      const record: PaperRecord = {
        first: title,
        last,
        title: field(title),
        abstract,
        metadata,
        upvotes: null,
        submittedBy: null,
        github: null,
        arxivId: null,
        extras: NONE,
        refs: NONE,
      }
      this.#events.paper(record)
      if (this.#seen.add(this.#previousKey, this.#previousHigh)) {
        this.#message('duplicate-paper', `${quote(title.value)} is in the digest already`, positionOf(title))
      }
      if (!abstract) this.#message('missing-abstract', `${quote(title.value)} has no abstract`, positionOf(title))
      if (!owned) {
        const message = `${quote(title.value)} has no metadata block ("• N authors", "·", date)`
        this.#message('missing-metadata', message, positionOf(title))
        continue
      }
      for (const problem of owned.problems(title.value, textEnded)) this.#events.message(problem)
      if (owned.date) this.#checkDate(owned.date, owned.dateLast ?? owned.date)
    }
    if (block && !taken) {
      const { first, last } = block.span
      this.#skip(first, last, block.size, true)
    }
  }

  /**
   * Whether a record is the one before it again, right after itself: one
   * paper, as the cards of a page's two layouts are (its problems were told
   * the first time), and its lines page chrome. Else it becomes the one before.
   */
  #repeats(
    title: SourceLine,
    abstract: Field<string> | null,
    metadata: Metadata | null,
    run: readonly Line[],
    range: { first: number; last: number } | null,
  ): boolean {
    const key = paperKey(title.value, metadata?.date?.first.value ?? '')
    const high = ((title.value.length << 16) ^ (abstract?.value.length ?? 0)) & 0x3fffffff
    if (key !== this.#previousKey || high !== this.#previousHigh) {
      this.#previousKey = key
      this.#previousHigh = high
      return false
    }
    const lines: SourceLine[] = [title, ...(range ? run.slice(range.first, range.last + 1) : [])]
    for (const part of [metadata?.authors, metadata?.separator, metadata?.date]) if (part) lines.push(part.first)
    for (const line of lines.sort((a, b) => a.offset - b.offset)) this.#events.chrome({ first: line, last: line })
    return true
  }

  /**
   * Note skipped lines: stray text lines, or a metadata block that no title
   * precedes. Lines skipped one after another, with no record between them,
   * make one span, reported once, when the next record (or the end) comes;
   * only its ends are kept, so a flood of them costs no memory.
   */
  #skip(first: SourceLine, last: SourceLine, lines: number, block: boolean): void {
    const skipped = this.#skipped
    if (!skipped) this.#skipped = { first, last, lines, block }
    else {
      skipped.last = last
      skipped.lines += lines
      skipped.block = false
    }
  }

  /** One `unexpected-line` diagnostic for the span of lines skipped so far. */
  #reportSkipped(): void {
    const skipped = this.#skipped
    if (!skipped) return
    this.#skipped = null
    const { first, last, lines, block } = skipped
    const what = block
      ? 'a metadata block with no title before it'
      : lines === 1
        ? 'a line that belongs to no record'
        : `${String(lines)} lines that belong to no record`
    const where = lines === 1 ? '' : ` (lines ${String(first.line)} to ${String(last.line)})`
    this.#message('unexpected-line', `skipped ${what}${where}: ${quote(first.value)}`, spanOf(first, last))
  }

  #checkDate(line: DateLine, last: SourceLine): void {
    const problem = dateProblem(line.date, line.date.year ?? this.#year)
    if (problem !== null) {
      this.#message('invalid-date', `${quote(line.date.text)} is not a date: ${problem}`, spanOf(line, last))
    }
  }

  #message(ruleId: RuleId, message: string, position: ReturnType<typeof positionOf>): void {
    this.#events.message(diagnostic(ruleId, message, position))
  }
}

/**
 * What tells a paper from another: a 30-bit hash of its title (its first 16
 * characters and its last 8 tell titles apart as well as all of it) and its
 * date, and, as a second number, the lengths of its title and abstract.
 * Small integers, not the text: a title is a slice of the chunk it came in,
 * and keeping it would keep the whole chunk.
 */
function paperKey(title: string, date: string): number {
  let hash = 0x811c9dc5
  const length = title.length
  const head = length > 24 ? 16 : length
  for (let index = 0; index < head; index++) hash = Math.imul(hash ^ title.charCodeAt(index), 0x01000193)
  for (let index = length > 24 ? length - 8 : length; index < length; index++) {
    hash = Math.imul(hash ^ title.charCodeAt(index), 0x01000193)
  }
  for (let index = 0; index < date.length; index++) hash = Math.imul(hash ^ date.charCodeAt(index), 0x01000193)
  return hash >>> 2
}

/**
 * The papers seen so far, by the two numbers of their {@link paperKey}: an
 * open-addressing table in typed arrays, which grows by doubling, so that
 * remembering a paper allocates nothing. At {@link MAX_REMEMBERED} papers it
 * starts again, which bounds it for a stream of any length.
 */
class SeenPapers {
  #keys = new Int32Array(256)
  #highs = new Int32Array(256)
  #size = 0

  /** Remember a paper; whether it was remembered already. */
  add(key: number, high: number): boolean {
    let keys = this.#keys
    let mask = keys.length - 1
    // Keys are stored plus one: 0 is an empty slot.
    for (let slot = key & mask; keys[slot] !== 0; slot = (slot + 1) & mask) {
      if (keys[slot] === key + 1 && this.#highs[slot] === high) return true
    }
    if (this.#size >= MAX_REMEMBERED) this.#clear()
    else if (2 * (this.#size + 1) > keys.length) this.#grow()
    keys = this.#keys
    mask = keys.length - 1
    let slot = key & mask
    while (keys[slot] !== 0) slot = (slot + 1) & mask
    keys[slot] = key + 1
    this.#highs[slot] = high
    this.#size++
    return false
  }

  #grow(): void {
    const keys = this.#keys
    const highs = this.#highs
    const grown = new Int32Array(keys.length * 2)
    const grownHighs = new Int32Array(keys.length * 2)
    const mask = grown.length - 1
    // Every key is new to the grown table: each goes to its first free slot.
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot] ?? 0
      if (key === 0) continue
      let to = (key - 1) & mask
      while (grown[to] !== 0) to = (to + 1) & mask
      grown[to] = key
      grownHighs[to] = highs[slot] ?? 0
    }
    this.#keys = grown
    this.#highs = grownHighs
  }

  #clear(): void {
    this.#keys.fill(0)
    this.#size = 0
  }
}

/** No extra lines, no reference-style links: the text rendering has neither. */
const NONE: readonly never[] = Object.freeze([])

function field(line: SourceLine): Field<string> {
  return { value: line.value, first: line, last: line }
}

/** The abstract on lines `first` to `last` of a run: hard-wrapped lines joined with one space. */
function abstractField(run: readonly Line[], first: number, last: number): Field<string> | null {
  const from = run[first]
  const to = run[last]
  if (!from || !to) return null
  if (first === last) return field(from)
  const parts: string[] = []
  for (let index = first; index <= last; index++) parts.push(at(run, index).value)
  return { value: parts.join(' '), first: from, last: to }
}

/** A text line roughly shaped like a date, read as the date line it must be. */
function asRoughDate(line: Line): DateLine | null {
  const date = readRoughDate(line.value)
  return date && { kind: 'date', value: line.value, line: line.line, column: line.column, offset: line.offset, date }
}
