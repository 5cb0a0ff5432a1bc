import type { Position } from 'unist'
import { diagnostic, quote, type RuleId } from '../diagnostics.js'
import type { Diagnostic } from '../schema/schema.js'
import { HEADER_LINES } from '../tokenize/classify.js'
import { type Line, positionOf, spanOf } from '../tokenize/line.js'
import { invalidDate, readRoughDate } from './date-node.js'
import { MetadataBlock } from './metadata.js'
import { type Choice, splitRecords } from './records.js'

/** One record: a paper's lines. */
export interface PaperRecord {
  title: Line
  abstract: Line | null
  /** The metadata block's lines, in source order, or `null` when it has none. */
  metadata: readonly Line[] | null
}

/** Where the grammar's results go, in source order. */
export interface GrammarHandlers {
  /** The header's lines (`header` lines and the digest's `date` line); called once, unless there are none. */
  header(lines: readonly Line[]): void
  paper(record: PaperRecord): void
  message(message: Diagnostic): void
}

// A run of text lines is held until a metadata block ends it. A run that grows
// this long (only damaged text does that) is split without waiting, keeping
// its last lines for the next split, so memory stays bounded by a few records.
const MAX_RUN = 64
const KEEP = 8

/**
 * The record grammar: lines in, one at a time, records and diagnostics out.
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
export class RecordGrammar {
  readonly #handlers: GrammarHandlers
  readonly #year: number | null
  #inHeader = true
  readonly #header: Line[] = []
  #digestDate = false
  #first: Line | null = null
  #run: Line[] = []
  #block: MetadataBlock | null = null
  #skipped: { first: Line; last: Line; lines: number; block: boolean } | null = null

  /**
   * @param year The year given in the options, against which a date without
   *   one is checked (February 29).
   */
  constructor(handlers: GrammarHandlers, year: number | null) {
    this.#handlers = handlers
    this.#year = year
  }

  line(line: Line): void {
    const { kind } = line
    if (kind === 'blank') return
    this.#first ??= line
    if (this.#inHeader) {
      if (this.#headerLine(line)) return
      this.#endHeader()
    }
    const block = this.#block
    if (kind === 'authors' || kind === 'separator') {
      if (block?.accepts(kind)) return block.add(line)
      if (block) this.#endBlock(false)
      this.#block = new MetadataBlock(line)
      return
    }
    if (block) {
      if (kind === 'date' || (kind === 'text' && block.expectsDate() && readRoughDate(line))) {
        block.add(line)
        return this.#endBlock(false)
      }
      this.#endBlock(false)
    }
    this.#run.push(line)
    if (this.#run.length >= MAX_RUN) this.#splitLongRun()
  }

  end(): void {
    if (this.#inHeader) this.#endHeader()
    if (this.#block) this.#endBlock(true)
    else this.#emit(splitRecords(this.#run, false), this.#run, null, false)
    this.#run = []
    this.#reportSkipped()
  }

  /** Take a line into the header, if it belongs there. */
  #headerLine(line: Line): boolean {
    if (line.kind === 'header' || (line.kind === 'date' && !this.#digestDate)) {
      if (line.kind === 'date') this.#digestDate = true
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
      this.#message(
        'missing-header',
        `the text does not start with the page header (${quote(HEADER_LINES[0])} … ${quote(HEADER_LINES[4])})`,
        position,
      )
    } else if (missing.length > 0) {
      this.#message(
        'missing-header',
        `the page header lacks ${missing.map((line) => quote(line)).join(', ')}`,
        position,
      )
    } else if (!this.#digestDate) {
      this.#message('missing-header', "the page header is not followed by the digest's date", position)
    }
    for (const line of lines) if (line.kind === 'date') this.#checkDate(line)
    if (lines.length > 0) this.#handlers.header(lines)
  }

  /** The metadata block has ended: the run before it splits into records. */
  #endBlock(atEnd: boolean): void {
    const block = this.#block!
    this.#block = null
    this.#emit(splitRecords(this.#run, true), this.#run, block, atEnd)
    this.#run = []
  }

  #splitLongRun(): void {
    const run = this.#run
    const choices = splitRecords(run, false)
    let kept = 0
    while (kept < choices.length && lastLine(choices[kept]!) < run.length - KEEP) kept++
    const rest = kept < choices.length ? firstLine(choices[kept]!) : run.length
    this.#emit(choices.slice(0, kept), run, null, false)
    this.#run = run.slice(rest)
  }

  /** Emit the records and stray lines of a run, in order. */
  #emit(choices: Choice[], run: Line[], block: MetadataBlock | null, atEnd: boolean): void {
    let taken = false
    for (const choice of choices) {
      if (choice.kind === 'stray') {
        this.#skip(run[choice.line]!, run[choice.line]!, 1, false)
        continue
      }
      this.#reportSkipped()
      const title = run[choice.title]!
      const abstract = choice.abstract === null ? null : run[choice.abstract]!
      const metadata = choice.metadata && block ? block : null
      taken ||= metadata !== null
      this.#handlers.paper({ title, abstract, metadata: metadata && metadata.lines })
      if (!abstract) this.#message('missing-abstract', `${quote(title.value)} has no abstract`, positionOf(title))
      if (!metadata) {
        this.#message(
          'missing-metadata',
          `${quote(title.value)} has no metadata block ("• N authors", "·", date)`,
          positionOf(title),
        )
        continue
      }
      for (const problem of metadata.problems(atEnd, title.value)) this.#handlers.message(problem)
      if (metadata.date) this.#checkDate(metadata.date)
    }
    if (block && !taken) this.#skip(block.lines[0]!, block.lines[block.lines.length - 1]!, block.lines.length, true)
  }

  /**
   * Note skipped lines: stray text lines, or a metadata block that no title
   * precedes. Lines skipped one after another, with no record between them,
   * make one span, reported once, when the next record (or the end) comes;
   * only its ends are kept, so a flood of them costs no memory.
   */
  #skip(first: Line, last: Line, lines: number, block: boolean): void {
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
        : `${lines} lines that belong to no record`
    const where = lines === 1 ? '' : ` (lines ${first.line} to ${last.line})`
    this.#message('unexpected-line', `skipped ${what}${where}: ${quote(first.value)}`, spanOf(first, last))
  }

  #checkDate(line: Line): void {
    const invalid = invalidDate(line, line.date!.year ?? this.#year)
    if (invalid) this.#handlers.message(invalid)
  }

  #message(ruleId: RuleId, message: string, position: Position): void {
    this.#handlers.message(diagnostic(ruleId, message, position))
  }
}

const firstLine = (choice: Choice): number => (choice.kind === 'stray' ? choice.line : choice.title)
const lastLine = (choice: Choice): number => (choice.kind === 'stray' ? choice.line : (choice.abstract ?? choice.title))
