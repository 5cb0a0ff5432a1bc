import { type DateParts, dateProblem } from '../dates.js'
import { diagnostic, quote, type RuleId } from '../diagnostics.js'
import { type Block, BlockReader } from '../tokenize/blocks.js'
import { type CardToken, cardLine, classifyBlock } from '../tokenize/cards.js'
import { type SourceLine, spanOf } from '../tokenize/line.js'
import type { Field, GithubLink, Grammar, GrammarEvents, HeaderRecord, Metadata, PaperRecord, Span } from './record.js'
import { SeenCards } from './seen.js'

type Page = HeaderRecord['page']

// A card's lists (its references, extras and trailing chrome) are made when
// their first item comes: most cards have none.
const NONE: readonly never[] = Object.freeze([])

/** A card while it is read. */
interface Card {
  first: SourceLine
  last: SourceLine
  id: string | null
  /** Labels of the card's reference-style links, whose URLs a link list may give later. */
  refs: string[] | null
  title: Field<string>
  abstract: Field<string> | null
  upvotes: Field<number> | null
  submittedBy: Field<string> | null
  authors: Field<number> | null
  organization: Field<string> | null
  separator: Span | null
  date: Field<DateParts> | null
  comments: Field<number> | null
  github: Field<GithubLink> | null
  /** Links and avatars inside the card that are none of its parts. */
  extras: Span[] | null
  /** Chrome after the card's last part, which becomes the card's if a part follows. */
  trailing: Span[] | null
}

/**
 * The card grammar of the markdown and weblinks renderings: blocks in (see
 * blocks.ts), classified by their markup and links (cards.ts), records and
 * diagnostics out.
 *
 *   page   = chrome* header-date? (card | chrome)*
 *   card   = before* title abstract? after*
 *   before = upvotes | submitted-by          (their own id, when they have one, is the title's)
 *   after  = authors | organization | "·" | date | comments | upvotes | github | link
 *
 * A card starts at its title (a heading, or a link to the paper's page where
 * no card waits for its abstract) and ends where the next starts. Only a
 * title makes a paper: text that no card takes is an `unexpected-line`.
 */
export class CardGrammar implements Grammar {
  readonly #events: GrammarEvents
  readonly #year: number | null
  readonly #reader: BlockReader<CardToken>
  #inHeader = true
  #headerTitle: string | null = null
  #headerDate: Field<DateParts> | null = null
  #page: Page = null
  #query: string | null = null
  #pageYear: { year: number; month: number; day: number; after: boolean } | null = null
  #sawByline = false
  #headerLines: Span[] = []
  #card: Card | null = null
  /** A finished card, whose object the next card takes (a card a paper would be 150 bytes more of garbage). */
  #spare: Card | null = null
  #pending: Array<{ block: Block; token: CardToken }> = []
  /** The title and abstract of the last card, to tell it when it comes again. */
  #previousTitle: string | null = null
  #previousAbstract: string | null = null
  readonly #seen = new SeenCards()
  #skipped: { first: SourceLine; last: SourceLine; count: number } | null = null

  /**
   * @param layout `weblinks`: each link's URL stands on a line of its own;
   *   `escapes`: backslashes are markdown's escapes.
   */
  constructor(events: GrammarEvents, year: number | null, layout: { weblinks: boolean; escapes: boolean }) {
    this.#events = events
    this.#year = year
    // Each line is read by cardLine as it comes, which spares the block
    // reader counting its brackets; a line that is a block of its own comes
    // back with the token cardLine made of it, if it made one.
    this.#reader = new BlockReader<CardToken>(
      (block, known) => {
        this.#block(block, known)
      },
      layout,
      cardLine,
    )
  }

  line(value: string, line: number, column: number, offset: number): void {
    this.#reader.read(value, line, column, offset)
  }

  end(): void {
    this.#reader.end()
    this.#takePending(true)
    this.#finishCard(true)
    if (this.#inHeader) this.#endHeader()
    this.#reportSkipped()
  }

  heldFrom(): number {
    const offsets = [
      this.#reader.heldFrom(),
      this.#card?.first.offset ?? Infinity,
      this.#skipped?.first.offset ?? Infinity,
      this.#pending[0]?.block.first.offset ?? Infinity,
      this.#inHeader ? (this.#headerLines[0]?.first.offset ?? Infinity) : Infinity,
    ]
    return Math.min(...offsets)
  }

  /** A block, with the token cardLine made of it if the block reader has one. */
  #block(block: Block, known: CardToken | null | undefined): void {
    const token = known ?? classifyBlock(block)
    switch (token.kind) {
      case 'heading':
        this.#startCard(block, token.text, token.id)
        if (token.ref !== null && this.#card) (this.#card.refs ??= []).push(token.ref)
        return
      case 'definition':
        this.#events.definition?.(token.label, token.url)
        {
          this.#chrome(block, null, null)
          return
        }
      case 'paperLink': {
        const card = this.#card
        if (card && !card.abstract && !hasMetadata(card) && (card.id === null || card.id === token.id)) {
          card.id ??= token.id
          card.abstract = field(block, token.text)
          this.#part(block, card)
          return
        }
        this.#startCard(block, token.text, token.id)
        return
      }
      case 'upvotes': {
        const card = this.#card
        const own = card && !card.upvotes && (token.id === null ? !token.before : token.id === card.id)
        if (own) {
          card.upvotes = field(block, token.count)
          this.#part(block, card)
          return
        }
        this.#pending.push({ block, token })
        return
      }
      case 'submittedBy':
        this.#pending.push({ block, token })
        return
      case 'chrome': {
        this.#chrome(block, token.title, token.url)
        return
      }
      case 'pageDate':
        if (!this.#pageYear) {
          this.#pageYear = token
          if (!this.#inHeader) this.#hintYear()
        }
        {
          this.#chrome(block, null, null)
          return
        }
      default: {
        this.#cardPart(block, token)
        return
      }
    }
  }

  /** A part that can only follow a title. */
  #cardPart(block: Block, token: CardToken): void {
    // Plain text after `Submitted by` (a text extraction of a trending card): the title.
    if (token.kind === 'text' && this.#pending.some(({ token: before }) => before.kind === 'submittedBy')) {
      this.#startCard(block, token.text, null)
      return
    }
    this.#takePending(false)
    const card = this.#card
    switch (token.kind) {
      case 'text':
        if (card && !card.abstract && !hasMetadata(card)) {
          if (token.ref !== null) (card.refs ??= []).push(token.ref)
          card.abstract = field(block, token.text)
          this.#part(block, card)
          return
        }
        // A short line after the abstract, where the author count stands: the organisation.
        if (card?.abstract && !card.authors && !card.organization && !card.date && isName(token.text)) {
          card.organization = field(block, token.text)
          this.#part(block, card)
          return
        }
        if (!card && this.#sawByline && this.#query === null) {
          this.#query = token.text
          this.#chrome(block, null, null)
          return
        }
        if (!card && this.#query !== null && token.text.toLowerCase() === this.#query.toLowerCase()) {
          this.#chrome(block, null, null)
          return
        }
        {
          this.#skip(block)
          return
        }
      case 'authors':
        if (card && !card.authors && !card.organization && !card.date) {
          card.authors = field(block, token.count)
          this.#part(block, card)
          return
        }
        {
          this.#skip(block)
          return
        }
      case 'organization':
        // The header's `by AK` links to a user page, as a card's organisation does.
        if (!card && this.#inHeader) {
          this.#chrome(block, null, null)
          return
        }
        if (card && !card.authors && !card.organization && !card.date) {
          card.organization = field(block, token.name)
          this.#part(block, card)
          return
        }
        {
          this.#skip(block)
          return
        }
      case 'separator':
        if (card && !card.separator && !card.date) {
          card.separator = span(block)
          this.#part(block, card)
          return
        }
        {
          this.#skip(block)
          return
        }
      case 'date':
        if (!card && this.#inHeader && !this.#headerDate) {
          this.#headerDate = field(block, token.date)
          this.#headerLines.push(span(block))
          return
        }
        if (card && !card.date) {
          // `· Published on DATE` writes the separator on the date's line: the date node spans both.
          card.date = field(block, token.date)
          this.#part(block, card)
          return
        }
        {
          this.#skip(block)
          return
        }
      case 'comments':
        if (card?.date && !card.comments && card.date.value.count === null) {
          card.comments = field(block, token.count)
          this.#part(block, card)
          return
        }
        {
          this.#skip(block)
          return
        }
      case 'github':
        if (card && !card.github) {
          card.github = field(block, { repo: token.repo, stars: token.stars })
          this.#part(block, card)
          return
        }
        {
          this.#skip(block)
          return
        }
      case 'link':
        if (card) {
          card.id ??= token.id
          ;(card.extras ??= []).push(span(block))
          this.#part(block, card)
          return
        }
        {
          this.#chrome(block, null, null)
          return
        }
      default: {
        this.#skip(block)
        return
      }
    }
  }

  /**
   * A part has been added to the current card: whatever chrome came between
   * is the card's now, and the card reaches to the part's end.
   */
  #part(block: Block, card: Card): void {
    this.#reportSkipped()
    this.#adoptTrailing(card)
    card.last = block.last
  }

  #startCard(block: Block, title: string, id: string | null): void {
    this.#finishCard(false)
    if (this.#inHeader) this.#endHeader()
    this.#reportSkipped()
    // The array is kept and emptied (most cards have one part before their
    // title): a new one a card would take a backing store a card.
    const before = this.#pending
    const first = before[0]?.block.first ?? block.first
    // Every field is set below, in the same order for each card.
    const card = this.#spare ?? ({} as Card)
    this.#spare = null
    card.first = first
    card.last = block.last
    card.id = id
    card.refs = null
    card.title = field(block, title)
    card.abstract = null
    card.upvotes = null
    card.submittedBy = null
    card.authors = null
    card.organization = null
    card.separator = null
    card.date = null
    card.comments = null
    card.github = null
    card.extras = null
    card.trailing = null
    for (const { block: part, token } of before) {
      if (token.kind === 'upvotes' && !card.upvotes && (token.id === null || id === null || token.id === id)) {
        card.upvotes = field(part, token.count)
        card.id ??= token.id
      } else if (token.kind === 'submittedBy' && !card.submittedBy) {
        card.submittedBy = field(part, token.user)
      } else {
        this.#message(
          'unexpected-line',
          `skipped a line that belongs to no card: ${quote(part.source)}`,
          spanOf(part.first, part.last),
        )
      }
    }
    // Emptied by pop: setting its length to 0 would drop its backing store.
    while (before.length > 0) before.pop()
    this.#card = card
  }

  /**
   * Pending parts that no title followed: they belong to the current card when
   * it can take them (`Upvote N` after a trending card's date), else to none.
   */
  #takePending(textEnded: boolean): void {
    const pending = this.#pending
    if (pending.length === 0) return
    this.#pending = []
    for (const { block, token } of pending) {
      const card = this.#card
      if (card && token.kind === 'upvotes' && !card.upvotes && (token.id === null || token.id === card.id)) {
        card.upvotes = field(block, token.count)
        this.#part(block, card)
      } else if (card && token.kind === 'submittedBy' && !card.submittedBy && !textEnded) {
        card.submittedBy = field(block, token.user)
        this.#part(block, card)
      } else this.#skip(block)
    }
  }

  #finishCard(textEnded: boolean): void {
    const card = this.#card
    if (!card) return
    this.#card = null
    const title = card.title.value
    const abstract = card.abstract?.value ?? ''
    if (title === this.#previousTitle && abstract === this.#previousAbstract) {
      // The same card again, right after itself: the page's second layout.
      this.#events.chrome({ first: card.first, last: card.last })
    } else {
      this.#previousTitle = title
      this.#previousAbstract = abstract
      this.#emitCard(card, textEnded)
    }
    if (card.trailing) for (const trailing of card.trailing) this.#events.chrome(trailing)
    // Its record holds its fields, not the card: the next card reuses it.
    this.#spare = card
  }

  #emitCard(card: Card, textEnded: boolean): void {
    const { authors, organization, separator, date, comments } = card
    const metadata: Metadata | null =
      authors || organization || separator || date || comments
        ? {
            first: firstOf(authors, organization, separator, date, comments),
            last: lastOf(authors, organization, separator, date, comments),
            authors,
            organization,
            separator,
            date,
            comments,
          }
        : null
    const record: PaperRecord = {
      first: card.first,
      last: card.last,
      title: card.title,
      abstract: card.abstract,
      metadata,
      upvotes: card.upvotes,
      submittedBy: card.submittedBy,
      github: card.github,
      arxivId: card.id,
      refs: card.refs ?? NONE,
      extras: card.extras ?? NONE,
    }
    this.#events.paper(record)
    const title = card.title
    if (!card.abstract) {
      this.#message('missing-abstract', `${quote(title.value)} has no abstract`, spanOf(title.first, title.last))
    }
    if (!metadata) {
      const message = `${quote(title.value)} has no author count, organisation or date`
      this.#message('missing-metadata', message, spanOf(title.first, title.last))
    }
    if (card.separator && !card.date) {
      const rule: RuleId = textEnded ? 'truncated-record' : 'incomplete-metadata'
      const message = textEnded
        ? `the text ends inside the card of ${quote(title.value)}, before its date`
        : `the card of ${quote(title.value)} has a "·" but no date after it`
      this.#message(rule, message, spanOf(card.separator.first, card.separator.last))
    }
    if (card.date) {
      const { value } = card.date
      const problem = dateProblem(value, value.year ?? this.#year)
      if (problem !== null) {
        const message = `${quote(value.text)} is not a date: ${problem}`
        this.#message('invalid-date', message, spanOf(card.date.first, card.date.last))
      }
    }
    const key = card.id ?? `${title.value}\n${card.date?.value.text ?? ''}`
    if (this.#seen.add(key)) {
      this.#message('duplicate-paper', `${quote(title.value)} is on the page already`, spanOf(title.first, title.last))
    }
  }

  #chrome(block: Block, title: string | null, url: string | null): void {
    if (this.#inHeader) {
      if (title !== null) this.#headerTitle ??= title
      if (url !== null) this.#fromUrl(url)
      const text = block.source
      if (/and the research community$/.test(text)) this.#sawByline = true
      this.#headerLines.push(span(block))
      return
    }
    this.#reportSkipped()
    const card = this.#card
    if (card) (card.trailing ??= []).push(span(block))
    else this.#events.chrome(span(block))
  }

  /** Chrome inside a card becomes the card's once a part follows it. */
  #adoptTrailing(card: Card): void {
    const trailing = card.trailing
    if (!trailing) return
    if (card.extras) card.extras.push(...trailing)
    else card.extras = trailing
    card.trailing = null
  }

  /** What the page's own URL (front matter) says: which list, and the query. */
  #fromUrl(url: string): void {
    const match = /huggingface\.co\/papers(\/[^?#\s]*)?(?:\?([^#\s]*))?/.exec(url)
    if (!match) return
    const path = match[1] ?? ''
    const query = searchQuery(match[2] ?? '')
    if (query !== null && query !== '') {
      this.#page ??= 'search'
      this.#query ??= query
    } else if (path.startsWith('/trending')) this.#page ??= 'trending'
    else if (path.startsWith('/week')) this.#page ??= 'weekly'
    else if (path.startsWith('/month')) this.#page ??= 'monthly'
    else if (path === '' || path === '/' || path.startsWith('/date')) this.#page ??= 'daily'
  }

  #endHeader(): void {
    this.#inHeader = false
    const title = this.#headerTitle
    const page: Page =
      this.#page ?? (title === 'Trending Papers' ? 'trending' : title === 'Daily Papers' ? 'daily' : null)
    const date = this.#headerDate
    if (date) {
      const problem = dateProblem(date.value, date.value.year ?? this.#year)
      if (problem !== null) {
        this.#message(
          'invalid-date',
          `${quote(date.value.text)} is not a date: ${problem}`,
          spanOf(date.first, date.last),
        )
      }
    }
    this.#hintYear()
    if (this.#headerLines.length === 0 && title === null) {
      const message = 'the text does not start with the page header'
      this.#message('missing-header', message, {
        start: { line: 1, column: 1, offset: 0 },
        end: { line: 1, column: 1, offset: 0 },
      })
    }
    this.#events.header({ title, date, page, query: this.#query, lines: this.#headerLines })
  }

  /** The year the page's date link names, once the header's date is known. */
  #hintYear(): void {
    const pageYear = this.#pageYear
    if (!pageYear) return
    // A link to the day before (or after) the page's own date: a year's turn between them moves the year.
    let { year } = pageYear
    const month = this.#headerDate?.value.month
    if (month === 1 && pageYear.month === 12) year++
    else if (month === 12 && pageYear.month === 1) year--
    this.#events.yearHint(year)
  }

  #skip(block: Block): void {
    const skipped = this.#skipped
    if (skipped) {
      skipped.last = block.last
      skipped.count++
    } else this.#skipped = { first: block.first, last: block.last, count: 1 }
  }

  #reportSkipped(): void {
    const skipped = this.#skipped
    if (!skipped) return
    this.#skipped = null
    const { first, last, count } = skipped
    const what = count === 1 ? 'a line that belongs to no card' : `${String(count)} blocks that belong to no card`
    const where = first.line === last.line ? '' : ` (lines ${String(first.line)} to ${String(last.line)})`
    this.#message('unexpected-line', `skipped ${what}${where}: ${quote(first.value)}`, spanOf(first, last))
  }

  #message(ruleId: RuleId, message: string, position: ReturnType<typeof spanOf>): void {
    this.#events.message(diagnostic(ruleId, message, position))
  }
}

/** The `q` parameter of a URL's query string, decoded; `null` without one. */
function searchQuery(search: string): string | null {
  const match = /(?:^|&)q=([^&]*)/.exec(search)
  if (!match?.[1]) return null
  try {
    return decodeURIComponent(match[1].replace(/\+/g, ' '))
  } catch {
    return match[1]
  }
}

/** A name, not a sentence: short, and not ending like one. */
function isName(text: string): boolean {
  return text.length <= 100 && !/[.!?:]$/.test(text)
}

function hasMetadata(card: Card): boolean {
  return card.authors !== null || card.organization !== null || card.separator !== null || card.date !== null
}

function field<T>(block: Block, value: T): Field<T> {
  return { value, first: block.first, last: block.last }
}

/**
 * The span of a block: the block itself, which is one (a block of one line
 * is its line's own object, whose first and last lines are itself), rather
 * than an object a part.
 */
function span(block: Block): Span {
  return block
}

// The first and last lines of a card's metadata, of its parts in any order
// (five arguments rather than an array: they are read for every card).
function firstOf(a: Span | null, b: Span | null, c: Span | null, d: Span | null, e: Span | null): SourceLine {
  const first = earlier(earlier(earlier(earlier(earlier(null, a), b), c), d), e)
  if (!first) throw new Error('papers-digest: internal error: metadata without parts')
  return first
}

function lastOf(a: Span | null, b: Span | null, c: Span | null, d: Span | null, e: Span | null): SourceLine {
  const last = later(later(later(later(later(null, a), b), c), d), e)
  if (!last) throw new Error('papers-digest: internal error: metadata without parts')
  return last
}

function earlier(first: SourceLine | null, part: Span | null): SourceLine | null {
  return part && (!first || part.first.offset < first.offset) ? part.first : first
}

function later(last: SourceLine | null, part: Span | null): SourceLine | null {
  return part && (!last || part.last.offset > last.offset) ? part.last : last
}
