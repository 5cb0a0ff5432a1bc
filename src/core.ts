import type { Point } from 'unist'
import { Years } from './compose/years.js'
import { Utf8Decoder } from './decode.js'
import { type GrammarHandlers, RecordGrammar } from './grammar/grammar.js'
import { LineScanner } from './tokenize/scanner.js'

/**
 * The one parser behind every entry point: text or bytes in by pieces,
 * records and diagnostics out as soon as each record is complete. The batch
 * functions push the whole input at once and end; the stream pushes each
 * chunk. Decoding, then the scanner, the grammar, and the years of dates.
 */
export class Core {
  readonly years: Years
  readonly #scanner: LineScanner
  readonly #grammar: RecordGrammar
  #decoder: Utf8Decoder | null = null

  /**
   * @param year `options.year`, if given.
   * @param infer Whether years missing from dates are inferred once the text
   *   has ended (batch), rather than left unknown (stream).
   * @param makeHandlers The handlers, given the {@link Years} that composing a
   *   paper needs.
   */
  constructor(year: number | null, infer: boolean, makeHandlers: (years: Years) => GrammarHandlers) {
    // Years reports through the handlers, which need Years: bind it late.
    let handlers: GrammarHandlers | undefined
    const years = (this.years = new Years(year, infer, (message) => handlers!.message(message)))
    handlers = makeHandlers(years)
    const grammar = (this.#grammar = new RecordGrammar(
      {
        header(lines) {
          for (const line of lines) if (line.kind === 'date') years.see(line)
          handlers.header(lines)
        },
        paper(record) {
          for (const line of record.metadata ?? []) if (line.kind === 'date') years.see(line)
          handlers.paper(record)
        },
        message: handlers.message,
      },
      year,
    ))
    this.#scanner = new LineScanner({ line: (line) => grammar.line(line), message: handlers.message })
  }

  push(piece: string | Uint8Array): void {
    if (typeof piece === 'string') {
      this.#flushBytes()
      this.#scanner.push(piece)
    } else {
      const { text, replaced } = (this.#decoder ??= new Utf8Decoder()).decode(piece)
      this.#scanner.push(text, replaced)
    }
  }

  /** The input has ended. Returns the point just past its last character. */
  end(): Point {
    this.#flushBytes()
    this.#scanner.end()
    this.#grammar.end()
    this.years.end()
    return this.#scanner.point()
  }

  #flushBytes(): void {
    if (!this.#decoder) return
    const { text, replaced } = this.#decoder.flush()
    if (text) this.#scanner.push(text, replaced)
  }
}
