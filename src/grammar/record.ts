import type { DateParts } from '../dates.js'
import type { Diagnostic } from '../schema/schema.js'
import type { SourceLine } from '../tokenize/line.js'

/** The source lines a part of a record spans, first to last. */
export interface Span {
  readonly first: SourceLine
  readonly last: SourceLine
}

/** A part of a record: what it says, and the lines that say it (markup included). */
export interface Field<T> extends Span {
  readonly value: T
}

/** The part of a card after its abstract: who wrote it, and when. */
export interface Metadata extends Span {
  /** The author count written (`null` when it cannot be read). */
  readonly authors: Field<number | null> | null
  /** The organisation shown instead of the author count. */
  readonly organization: Field<string> | null
  /** The lone `·`. */
  readonly separator: Span | null
  /** The date; its `count`, when written on the same line, is the comment count. */
  readonly date: Field<DateParts> | null
  /** A comment count written on a line of its own after the date. */
  readonly comments: Field<number> | null
}

/** A GitHub link and its star count. */
export interface GithubLink {
  readonly repo: string
  readonly stars: number | null
}

/**
 * One paper's record, as a grammar found it: every part by name, with the
 * lines it spans. Both grammars (the text rendering's and the cards') make
 * these; composition and the tree builder read them, and nothing else.
 */
export interface PaperRecord extends Span {
  readonly title: Field<string>
  readonly abstract: Field<string> | null
  readonly metadata: Metadata | null
  readonly upvotes: Field<number> | null
  readonly submittedBy: Field<string> | null
  readonly github: Field<GithubLink> | null
  /** The arXiv id the card's links name. */
  readonly arxivId: string | null
  /** Lines inside the card that are none of its parts (links, avatars, chrome). */
  readonly extras: readonly Span[]
  /** Labels of the card's reference-style links (`[Title][13]`), for a link list that comes later. */
  readonly refs: readonly string[]
}

/** What the page's header says, once the first record starts. */
export interface HeaderRecord {
  /** `Daily Papers` or `Trending Papers`, when the header shows it. */
  readonly title: string | null
  /** The digest's own date line. */
  readonly date: Field<DateParts> | null
  readonly page: 'daily' | 'weekly' | 'monthly' | 'search' | 'trending' | null
  readonly query: string | null
  /** The lines of the header, for the tree. */
  readonly lines: readonly Span[]
}

/** Where a grammar's results go, in source order. */
export interface GrammarEvents {
  /** The header, once, when it has ended (before the first record). */
  header(header: HeaderRecord): void
  paper(record: PaperRecord): void
  /** Lines of page chrome that belong to no record (menus, footers, links). */
  chrome(span: Span): void
  /** The year of the page's own date, from its links (`/papers/date/2026-03-24`). */
  yearHint(year: number): void
  /** A reference-style link's definition (`[13]: https://…`), for whoever holds the cards that use it. */
  definition?(label: string, url: string): void
  message(message: Diagnostic): void
}

/** A grammar: lines in, one at a time, events out. */
export interface Grammar {
  /**
   * The next line that is not blank, as its parts (see {@link SourceLine}):
   * each grammar builds the one object it needs of them.
   */
  line(value: string, line: number, column: number, offset: number): void
  end(): void
  /** The offset of the earliest line still held, whose diagnostics may still come; `Infinity` if none. */
  heldFrom(): number
}
