import type { Point } from 'unist'
import { type YearMode, Years } from './compose/years.js'
import { Utf8Decoder } from './decode.js'
import { CardGrammar } from './grammar/cards.js'
import { DETECTION_LINES, type Detected, type Rendering, detectRendering } from './grammar/detect.js'
import type { Grammar, GrammarEvents, HeaderRecord, PaperRecord, Span } from './grammar/record.js'
import { TextGrammar } from './grammar/text.js'
import type { Diagnostic } from './schema/schema.js'
import type { SourceLine } from './tokenize/line.js'
import { LineScanner } from './tokenize/scanner.js'

/**
 * The size of the pieces large byte input is decoded in: the decoder is
 * fastest on pieces (see decode.ts), and text this long is a large object to
 * V8, which its young generation never copies (the papers' strings point
 * into it).
 */
const DECODE_BYTES = 256 * 1024

/** What a pipeline is told to do. */
export interface PipelineOptions {
  /** `options.year`, or `null`. */
  readonly year: number | null
  readonly years: YearMode
  /** The rendering to read, or `auto` to detect it. */
  readonly rendering: Rendering | 'auto'
}

/** Where a pipeline's results go: records and chrome in source order, diagnostics in source order. */
export interface PipelineEvents {
  header(header: HeaderRecord): void
  paper(record: PaperRecord): void
  chrome(span: Span): void
  message(message: Diagnostic): void
}

/**
 * The one parser behind every entry point: text or bytes in by pieces,
 * records and diagnostics out as soon as each record is complete. The batch
 * functions push the whole input at once and end; the stream pushes each
 * chunk. The stages, in order:
 *
 *   bytes → Utf8Decoder → LineScanner → (rendering detection) → grammar → records
 *                                                                   └→ Years (dates)
 *
 * Diagnostics pass through one ordered buffer: each is released once no line
 * before it is held by a stage, so every entry point gets them in source order.
 */
export class Pipeline {
  readonly years: Years
  readonly #options: PipelineOptions
  readonly #scanner: LineScanner
  readonly #messages: OrderedMessages
  readonly #events: GrammarEvents
  #decoder: Utf8Decoder | null = null
  #rendering: Rendering | null = null
  #grammar: Grammar | null = null
  /** The first lines, held until the rendering is known. */
  #detecting: SourceLine[] = []

  constructor(options: PipelineOptions, events: PipelineEvents) {
    this.#options = options
    const messages = (this.#messages = new OrderedMessages(events.message, options.years === 'infer'))
    const years = (this.years = new Years(options.year, options.years, (message) => messages.push(message)))
    this.#events = {
      header(header) {
        if (header.date) years.note(header.date)
        events.header(header)
      },
      paper(record) {
        const date = record.metadata?.date
        if (date) years.note(date)
        events.paper(record)
      },
      chrome: (span) => events.chrome(span),
      yearHint: (year) => years.notePageYear(year),
      message: (message) => messages.push(message),
    }
    if (options.rendering !== 'auto') {
      this.#start({ rendering: options.rendering, escapes: options.rendering === 'markdown' })
    }
    this.#scanner = new LineScanner({
      line: (value, line, column, offset) => this.#line(value, line, column, offset),
      message: (message) => messages.push(message),
    })
  }

  /** The rendering read, once it is known. */
  get rendering(): Rendering | null {
    return this.#rendering
  }

  push(piece: string | Uint8Array): void {
    if (typeof piece === 'string') {
      this.#flushBytes()
      this.#scanner.push(piece)
    } else {
      // Large byte input is decoded and scanned a piece at a time.
      const decoder = (this.#decoder ??= new Utf8Decoder())
      for (let at = 0; at < piece.length; at += DECODE_BYTES) {
        const { text, replaced } = decoder.decode(piece.subarray(at, at + DECODE_BYTES))
        this.#scanner.push(text, replaced)
      }
    }
    this.#messages.release(this.#heldFrom())
  }

  /** The input has ended. Returns the point just past its last character. */
  end(): Point {
    this.#flushBytes()
    this.#scanner.end()
    if (!this.#grammar) this.#start(detectRendering(this.#detecting))
    this.#grammar?.end()
    this.years.end()
    this.#messages.release(Infinity)
    return this.#scanner.point()
  }

  #line(value: string, line: number, column: number, offset: number): void {
    const grammar = this.#grammar
    if (grammar) return grammar.line(value, line, column, offset)
    const held = this.#detecting
    held.push({ value, line, column, offset })
    if (held.length >= DETECTION_LINES) this.#start(detectRendering(held))
  }

  #start({ rendering, escapes }: Detected): void {
    this.#rendering = rendering
    const { year } = this.#options
    const grammar = (this.#grammar =
      rendering === 'text'
        ? new TextGrammar(this.#events, year)
        : new CardGrammar(this.#events, year, { weblinks: rendering === 'weblinks', escapes }))
    const held = this.#detecting
    this.#detecting = []
    for (const { value, line, column, offset } of held) grammar.line(value, line, column, offset)
  }

  #heldFrom(): number {
    return this.#grammar?.heldFrom() ?? this.#detecting[0]?.offset ?? Infinity
  }

  #flushBytes(): void {
    if (!this.#decoder) return
    const { text, replaced } = this.#decoder.flush()
    if (text) this.#scanner.push(text, replaced)
  }
}

/**
 * Diagnostics, put in source order. They arrive nearly in order (a record's
 * are known when it ends; a whole text's years at its end), so each is
 * inserted from the back, and released once nothing before it can come.
 */
class OrderedMessages {
  readonly #emit: (message: Diagnostic) => void
  /** Whether to hold everything to the end (a whole text, whose years come last). */
  readonly #holdAll: boolean
  #held: Diagnostic[] = []

  constructor(emit: (message: Diagnostic) => void, holdAll: boolean) {
    this.#emit = emit
    this.#holdAll = holdAll
  }

  push(message: Diagnostic): void {
    const held = this.#held
    let at = held.length
    while (at > 0 && isAfter(held[at - 1], message)) at--
    if (at === held.length) held.push(message)
    else held.splice(at, 0, message)
  }

  /** Release the diagnostics before `offset` (all of them at `Infinity`). */
  release(offset: number): void {
    if (this.#holdAll && offset !== Infinity) return
    const held = this.#held
    let count = 0
    while (count < held.length && offsetOf(held[count]) < offset) count++
    if (count === 0) return
    const out = count === held.length ? held : held.slice(0, count)
    this.#held = count === held.length ? [] : held.slice(count)
    for (const message of out) this.#emit(message)
  }
}

function offsetOf(message: Diagnostic | undefined): number {
  return message?.position?.start.offset ?? 0
}

function isAfter(a: Diagnostic | undefined, b: Diagnostic): boolean {
  if (!a) return false
  return a.line > b.line || (a.line === b.line && a.column > b.column)
}
