import { dateProblem } from '../dates.js'
import { diagnostic, quote, type RuleId } from '../diagnostics.js'
import { HEADER_LINES, classifyLine } from '../tokenize/classify.js'
import { type DateLine, type Line, type SourceLine, positionOf, spanOf } from '../tokenize/line.js'
import { readRoughDate } from '../dates.js'
import { MetadataBlock } from './metadata.js'
import type { Field, Grammar, GrammarEvents, PaperRecord } from './record.js'
import { type Reading, splitRun, splitRunBeforeBlock } from './records.js'

// A run of text lines is held until a metadata block ends it. A run that grows
// this long (only damaged text does that) is split without waiting, keeping
// its last lines for the next split, so memory stays bounded by a few records.
const MAX_RUN = 64
const RUN_OVERLAP = 8
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
  #digestDate: DateLine | null = null
  #first: SourceLine | null = null
  #run: Line[] = []
  #block: MetadataBlock | null = null
  #skipped: { first: SourceLine; last: SourceLine; lines: number; block: boolean } | null = null
  /** The papers seen so far, and the last one, by a hash of their title, abstract length and date. */
  readonly #seen = new Set<number>()
  #previousKey: number | null = null

  /**
   * @param year The year given in the options, against which a date without
   *   one is checked (February 29).
   */
  constructor(events: GrammarEvents, year: number | null) {
    this.#events = events
    this.#year = year
  }

  line(value: string, number: number, column: number, offset: number): void {
    const line = classifyLine(value, number, column, offset)
    this.#first ??= line
    if (this.#inHeader) {
      if (this.#headerLine(line)) return
      this.#endHeader()
    }
    const block = this.#block
    if (line.kind === 'authors' || line.kind === 'separator') {
      if (block?.accepts(line.kind)) {
        block.add(line)
        return
      }
      if (block) this.#endBlock(false)
      this.#block = new MetadataBlock(line)
      return
    }
    if (block) {
      const date = line.kind === 'date' ? line : line.kind === 'text' && block.expectsDate() ? asRoughDate(line) : null
      if (date) {
        block.add(date)
        this.#endBlock(false)
        return
      }
      this.#endBlock(false)
    }
    this.#run.push(line)
    if (this.#run.length >= MAX_RUN) this.#splitLongRun()
  }

  end(): void {
    if (this.#inHeader) this.#endHeader()
    if (this.#block) this.#endBlock(true)
    else this.#emit(splitRun(this.#run), this.#run, null, false)
    this.#run = []
    this.#reportSkipped()
  }

  /** The offset of the earliest line the grammar still holds, whose diagnostics may still come. */
  heldFrom(): number {
    const skipped = this.#skipped
    const first = skipped?.first ?? this.#run[0] ?? this.#block?.span.first ?? (this.#inHeader ? this.#first : null)
    return first ? first.offset : Infinity
  }

  /** Take a line into the header, if it belongs there. */
  #headerLine(line: Line): boolean {
    if (line.kind === 'header' || (line.kind === 'date' && !this.#digestDate)) {
      if (line.kind === 'date') this.#digestDate = line
      this.#header.push(line)
      return true
    }
    return false
  }

  #endHeader(): void {
    this.#inHeader = false
    const lines = this.#header
    const present = new Set(lines.map((line) => line.value))
    const missing = HEADER_LINES.filter((line) => !present.has(line))
    const first = lines[0] ?? this.#first
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
    if (date) this.#checkDate(date)
    if (lines.length === 0) return
    this.#events.header({
      title: present.has('Daily Papers') ? 'Daily Papers' : null,
      date: date && { value: date.date, first: date, last: date },
      page: present.has('Daily Papers') ? 'daily' : null,
      query: null,
      lines: lines.map((line) => ({ first: line, last: line })),
    })
  }

  /** The metadata block has ended: the run before it splits into records. */
  #endBlock(textEnded: boolean): void {
    const block = this.#block
    this.#block = null
    if (block) this.#emit(splitRunBeforeBlock(this.#run), this.#run, block, textEnded)
    this.#run = []
  }

  #splitLongRun(): void {
    const run = this.#run
    const readings = splitRun(run)
    const lastOf = (reading: Reading): number =>
      reading.kind === 'stray' ? reading.line : (reading.abstract ?? reading.title)
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
      const abstract = reading.abstract === null ? null : (run[reading.abstract] ?? null)
      const owned = reading.metadata ? block : null
      taken ||= owned !== null
      const metadata = owned?.metadata() ?? null
      const last = metadata?.last ?? abstract ?? title
      const key = paperKey(title.value, abstract?.value.length ?? 0, owned?.date?.value ?? '')
      if (key === this.#previousKey) {
        // The same record again, right after itself: one paper, as the cards
        // of a page's two layouts are (its problems were told the first time);
        // its lines are page chrome.
        const lines = [title, abstract, metadata?.authors?.first, metadata?.separator?.first, metadata?.date?.first]
        for (const line of lines.filter((line) => line != null).sort((a, b) => a.offset - b.offset)) {
          this.#events.chrome({ first: line, last: line })
        }
        continue
      }
      this.#previousKey = key
      const record: PaperRecord = {
        first: title,
        last,
        title: field(title),
        abstract: abstract && field(abstract),
        metadata,
        upvotes: null,
        submittedBy: null,
        github: null,
        arxivId: null,
        extras: [],
        refs: [],
      }
      this.#events.paper(record)
      if (this.#seen.has(key)) {
        this.#message('duplicate-paper', `${quote(title.value)} is in the digest already`, positionOf(title))
      } else {
        if (this.#seen.size >= MAX_REMEMBERED) this.#seen.clear()
        this.#seen.add(key)
      }
      if (!abstract) this.#message('missing-abstract', `${quote(title.value)} has no abstract`, positionOf(title))
      if (!owned) {
        const message = `${quote(title.value)} has no metadata block ("• N authors", "·", date)`
        this.#message('missing-metadata', message, positionOf(title))
        continue
      }
      for (const problem of owned.problems(title.value, textEnded)) this.#events.message(problem)
      if (owned.date) this.#checkDate(owned.date)
    }
    if (block && !taken) {
      const { first, last } = block.span
      this.#skip(first, last, block.size, true)
    }
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

  #checkDate(line: DateLine): void {
    const problem = dateProblem(line.date, line.date.year ?? this.#year)
    if (problem !== null) {
      this.#message('invalid-date', `${quote(line.date.text)} is not a date: ${problem}`, positionOf(line))
    }
  }

  #message(ruleId: RuleId, message: string, position: ReturnType<typeof positionOf>): void {
    this.#events.message(diagnostic(ruleId, message, position))
  }
}

/**
 * A 53-bit hash of what tells a paper: its title, its abstract's length and
 * its date. A number, not the text: a title is a slice of the chunk it came
 * in, and keeping it would keep the whole chunk.
 */
function paperKey(title: string, abstractLength: number, date: string): number {
  // Two 32-bit FNV-1a hashes with different offsets, 21 bits of one above the other's 32.
  let a = 0x811c9dc5
  let b = 0x01000193
  const text = `${title}\n${String(abstractLength)}\n${date}`
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x0100019d)
  }
  return (a >>> 11) * 2 ** 32 + (b >>> 0)
}

function field(line: SourceLine): Field<string> {
  return { value: line.value, first: line, last: line }
}

/** A text line roughly shaped like a date, read as the date line it must be. */
function asRoughDate(line: Line): DateLine | null {
  const date = readRoughDate(line.value)
  return date && { kind: 'date', value: line.value, line: line.line, column: line.column, offset: line.offset, date }
}
