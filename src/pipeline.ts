import type { Point } from 'unist'
import { type YearMode, Years } from './compose/years.js'
import { ByteDecoder } from './decode.js'
import { diagnostic, MessageBudget } from './diagnostics.js'
import { CardGrammar } from './grammar/cards.js'
import { DETECTION_LINES, type Detected, type Rendering, detectRendering } from './grammar/detect.js'
import type { Grammar, GrammarEvents, HeaderRecord, PaperRecord, Span } from './grammar/record.js'
import { TextGrammar } from './grammar/text.js'
import type { Diagnostic } from './schema/schema.js'
import type { SourceLine } from './tokenize/line.js'
import { LineScanner, MAX_LINE } from './tokenize/scanner.js'

/** What a pipeline is told to do. */
export interface PipelineOptions {
  /** `options.year`, or `null`. */
  readonly year: number | null
  readonly years: YearMode
  /** The rendering to read, or `auto` to detect it. */
  readonly rendering: Rendering | 'auto'
  /**
   * How many diagnostics a whole text keeps (see {@link messageBudget});
   * the rest are counted in one `too-many-diagnostics`. The stream keeps no
   * count: it hands each on.
   */
  readonly messages?: number
}

/**
 * How many diagnostics the batch functions keep for an input of `length`
 * characters or bytes: 10,000, or one for every 256 of them if that is more.
 * The seeds and the real captures give one for every 2,600 bytes at most
 * (17 warnings in the 45 KB trending capture), far below it;
 * text made to give a diagnostic every few bytes would otherwise take some 25
 * times its size in memory (a diagnostic and its position are about 300
 * bytes), over the "about ten times" the batch functions promise.
 */
export function messageBudget(length: number): number {
  return Math.max(10_000, Math.floor(length / 256))
}

/** Where a pipeline's results go: records and chrome in source order, diagnostics in source order. */
export interface PipelineEvents {
  header(header: HeaderRecord): void
  paper(record: PaperRecord): void
  chrome(span: Span): void
  /** A reference-style link's definition; only a whole text can use those that come after their cards. */
  definition?(label: string, url: string): void
  message(message: Diagnostic): void
}

/**
 * The one parser behind every entry point: text or bytes in by pieces,
 * records and diagnostics out as soon as each record is complete. The batch
 * functions push the whole input at once and end; the stream pushes each
 * chunk. The stages, in order:
 *
 *   bytes → ByteDecoder → (is it text?) → LineScanner → (rendering detection) → grammar → records
 *                                                                                   └→ Years (dates)
 *
 * Rules about the input as a whole live here, so that they hold for every
 * rendering: text that is not text (`binary-input`, judged on its first
 * {@link SNIFF_LENGTH} characters), lines over 1 MiB (`line-too-long`, in the
 * scanner), and an input with no paper at all (`no-papers`).
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
  #decoder: ByteDecoder | null = null
  /** The first characters, held until they show whether the input is text; `null` once they have. */
  #sniffing: Array<{ text: string; replaced: readonly number[] }> | null = []
  #sniffed = 0
  #binary = false
  #papers = 0
  #rendering: Rendering | null = null
  #grammar: Grammar | null = null
  /** The first lines, held until the rendering is known. */
  #detecting: SourceLine[] = []

  constructor(options: PipelineOptions, events: PipelineEvents) {
    this.#options = options
    const messages = (this.#messages = new OrderedMessages(
      (message) => {
        events.message(message)
      },
      options.years === 'infer',
      options.messages ?? Infinity,
    ))
    const years = (this.years = new Years(options.year, options.years, (message) => {
      messages.push(message)
    }))
    this.#events = {
      header(header) {
        if (header.date) years.note(header.date)
        events.header(header)
      },
      paper: (record) => {
        const date = record.metadata?.date
        if (date) years.note(date)
        this.#papers++
        events.paper(record)
      },
      chrome(span) {
        events.chrome(span)
      },
      definition(label, url) {
        events.definition?.(label, url)
      },
      yearHint(year) {
        years.notePageYear(year)
      },
      message(message) {
        messages.push(message)
      },
    }
    if (options.rendering !== 'auto') {
      this.#start({ rendering: options.rendering, escapes: options.rendering === 'markdown' })
    }
    this.#scanner = new LineScanner(
      {
        line: (value, line, column, offset) => {
          this.#line(value, line, column, offset)
        },
        message: (message) => {
          messages.push(message)
        },
      },
      MAX_LINE,
    )
  }

  /** The rendering read, once it is known. */
  get rendering(): Rendering | null {
    return this.#rendering
  }

  /** @throws {TypeError} When `piece` is neither a string nor bytes. */
  push(piece: string | Uint8Array): void {
    checkInput(piece)
    if (typeof piece === 'string') {
      this.#flushBytes()
      this.#text(piece, NONE)
    } else {
      const decoder = (this.#decoder ??= new ByteDecoder())
      // Bytes go through in slices, so that what the decoder makes of them
      // (the places of invalid bytes) stays small whatever the input's size.
      for (let start = 0; start < piece.length; start += BYTE_SLICE) {
        const { text, replaced } = decoder.decode(piece.subarray(start, start + BYTE_SLICE))
        this.#text(text, replaced)
      }
    }
    this.#messages.release(this.#heldFrom())
  }

  /** The input has ended. Returns the point just past its last character. */
  end(): Point {
    this.#flushBytes()
    if (this.#sniffing) this.#sniff()
    this.#scanner.end()
    const end = this.#scanner.point()
    if (this.#binary) {
      const message =
        'the input is not text (NUL bytes, control characters or invalid UTF-8); no papers are read from it'
      this.#messages.push(diagnostic('binary-input', message, { start: START, end }))
    } else {
      if (!this.#grammar) this.#start(detectRendering(this.#detecting))
      this.#grammar?.end()
      if (this.#papers === 0) {
        const message = 'the input holds no paper at all (an empty scrape, or not this page)'
        this.#messages.push(diagnostic('no-papers', message, { start: end, end }))
      }
    }
    this.years.end()
    this.#messages.release(Infinity)
    return end
  }

  /** Decoded text, with the places of its replacement characters. */
  #text(text: string, replaced: readonly number[]): void {
    if (text.length === 0) return
    const held = this.#sniffing
    if (held) {
      held.push({ text, replaced })
      this.#sniffed += text.length
      // One character more than the sample, to tell a surrogate pair at its end.
      if (this.#sniffed > SNIFF_LENGTH) this.#sniff()
    } else if (this.#binary) this.#scanner.count(text)
    else this.#scanner.push(text, replaced)
  }

  /** Decide, on the first characters, whether the input is text, and let them go on. */
  #sniff(): void {
    const held = this.#sniffing ?? []
    this.#sniffing = null
    let sample = ''
    for (const { text } of held) {
      sample += text.slice(0, SNIFF_LENGTH + 1 - sample.length)
      if (sample.length > SNIFF_LENGTH) break
    }
    this.#binary = isBinary(sample)
    if (this.#binary && this.#decoder) this.#decoder.positions = false
    for (const { text, replaced } of held) this.#text(text, replaced)
  }

  #line(value: string, line: number, column: number, offset: number): void {
    const grammar = this.#grammar
    if (grammar) {
      grammar.line(value, line, column, offset)
      return
    }
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
    if (this.#sniffing) return 0
    const grammar = this.#grammar?.heldFrom() ?? this.#detecting[0]?.offset ?? Infinity
    return Math.min(grammar, this.#scanner.heldFrom())
  }

  #flushBytes(): void {
    if (!this.#decoder) return
    const { text, replaced } = this.#decoder.flush()
    this.#text(text, replaced)
  }
}

const START: Point = { line: 1, column: 1, offset: 0 }
const NONE: readonly number[] = []

/**
 * Throw a `TypeError` that says what was given, unless `value` is text or
 * bytes: an `ArrayBuffer` or a number would otherwise read as an empty input
 * (`no-papers`), which hides the mistake.
 */
export function checkInput(value: unknown): asserts value is string | Uint8Array {
  if (typeof value !== 'string' && !isBytes(value)) throw new TypeError(notReadable(value))
}

/** Whether a value is bytes the decoder reads: a `Uint8Array` (a `Buffer` is one), from this realm or another. */
function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || Object.prototype.toString.call(value) === '[object Uint8Array]'
}

/** What to tell a caller who gave something that is neither text nor bytes. */
function notReadable(value: unknown): string {
  const what =
    value === null
      ? 'null'
      : value instanceof ArrayBuffer
        ? 'an ArrayBuffer (wrap it: new Uint8Array(buffer))'
        : ArrayBuffer.isView(value)
          ? `a ${value.constructor.name} (give its bytes: new Uint8Array(view.buffer, view.byteOffset, view.byteLength))`
          : Array.isArray(value)
            ? 'an array'
            : `a value of type ${typeof value}`
  return `papers-digest: a digest is read from a string or a Uint8Array (a Buffer), not from ${what}`
}
// Byte input is decoded in pieces of this size: the decoder is fastest on
// pieces (see decode.ts), and the places of invalid bytes stay few.
const BYTE_SLICE = 256 * 1024

/** How many characters at the start of the input tell whether it is text. */
export const SNIFF_LENGTH = 8192

/**
 * Whether the first {@link SNIFF_LENGTH} characters are not text: more than
 * one in eight is a NUL or another control character that text does not
 * hold (tab, line endings, form feed and escape aside), a replacement
 * character (a byte that was not UTF-8) or a lone surrogate. Text with a
 * few such characters is text, and they are kept; a UTF-16 file without its
 * byte-order mark (every other byte NUL), an executable, an image or random
 * bytes are not.
 */
function isBinary(sample: string): boolean {
  const length = Math.min(sample.length, SNIFF_LENGTH)
  let odd = 0
  for (let index = 0; index < length; index++) {
    const code = sample.charCodeAt(index)
    if (code < 0x20) {
      if (code !== 9 && code !== 10 && code !== 11 && code !== 12 && code !== 13 && code !== 27) odd++
    } else if (code === 0xfffd) odd++
    else if (code >= 0xd800 && code <= 0xdfff) {
      const next = sample.charCodeAt(index + 1)
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index++
      else odd++
    }
  }
  return odd * 8 > length
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
  /** Which diagnostics are kept; the rest are counted. */
  readonly #budget: MessageBudget

  constructor(emit: (message: Diagnostic) => void, holdAll: boolean, budget: number) {
    this.#emit = emit
    this.#holdAll = holdAll
    this.#budget = new MessageBudget(
      budget,
      'a whole text keeps one for every 256 bytes of input (10,000 at least); parseDigestStream with onMessage hands on every one',
    )
  }

  push(message: Diagnostic): void {
    if (this.#budget.keep(message)) this.#hold(message)
  }

  #hold(message: Diagnostic): void {
    const held = this.#held
    let at = held.length
    while (at > 0 && isAfter(held[at - 1], message)) at--
    if (at === held.length) held.push(message)
    else held.splice(at, 0, message)
  }

  /** Release the diagnostics before `offset` (all of them at `Infinity`). */
  release(offset: number): void {
    if (this.#holdAll && offset !== Infinity) return
    const summary = offset === Infinity ? this.#budget.summary() : null
    if (summary) this.#hold(summary)
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
