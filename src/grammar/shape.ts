import type { Line } from '../tokenize/line.js'
import { at } from '../at.js'
import { isSpace } from '../tokenize/classify.js'

// How unlikely a line is in a role, by its shape: what titles, abstracts and
// page debris look like in real digests. Titles are one line of 29 to 133
// characters that does not end a sentence; abstracts are long, end with a
// full stop (or a URL), and start with a capital; debris is a few words of
// navigation (`Share`, `Sign in`). The record structure decides first
// (records.ts); these costs choose between the readings it allows. They are
// bounded (a long title or a short abstract is unusual, not impossible), but
// for `Infinity`: a whole HTML tag, or a header line, is never a title, and
// a line with no letter is never one either (`12`, `…`, `\uFFFD`).

/** Shorter than this, a line is as likely a link or a button as a title or an abstract. */
const DEBRIS = 8
/** The widest column text is hard-wrapped at (text browsers wrap at 80 to 100, markdown at 72 to 120). */
const MAX_WRAP = 140
/** The cost of an abstract hard-wrapped over several lines, beyond each line break's. */
const WRAPPED = 4
/** How much shorter than the widest line a wrapped line may be, beyond the word that did not fit. */
const WRAP_SLACK = 2

/** The cost of reading `line` (a text, header or date line) as a title. */
export function titleCost(line: Line): number {
  if (line.kind === 'header' || isMarkup(line.value) || !hasLetter(line.value)) return Infinity
  if (line.kind === 'date') return 4
  const { value } = line
  const length = value.length
  // A sentence is never a title: no title in the seeds ends with a full stop,
  // and every abstract does (a swapped or lost title leaves one in its place).
  if (length >= 16 && value.charCodeAt(length - 1) === 46 /* . */) return Infinity
  // A title of abstract length is all but impossible; a long one is merely rare.
  let cost = length < DEBRIS ? 6 : length < 16 ? 3 : length <= 160 ? 0 : length <= 300 ? 3 : length <= 500 ? 8 : 20
  // Titles do not end a sentence, nor start in the middle of one.
  if (endsSentence(value) && length >= DEBRIS) cost += 8
  if (startsLower(value)) cost += 3
  // Nor stop in the middle of one, as the lines of a hard-wrapped text do.
  if (endsMidSentence(value)) cost += 5
  if (value.startsWith('http://') || value.startsWith('https://')) cost += 8
  return cost + tagCost(value)
}

/**
 * The cost of reading `line`, between a title and its abstract, as a line
 * that belongs to no record: a little more than a stray elsewhere (the
 * paper then spans a line that is not its own), and much more unless it is
 * debris (short, or markup), which is what falls between a title and its abstract.
 */
export function gapStrayCost(line: Line): number {
  const debris = line.kind !== 'text' || line.value.length < 24 || tagCost(line.value) > 0 || isMarkup(line.value)
  return debris ? 9 : 18
}

/**
 * The cost of reading `line`, between a record's abstract and its metadata
 * block, as a line that belongs to no record. Debris is short and says
 * little; a line shaped like nothing but a title (longer than links and
 * buttons, and not a sentence) is there as likely the title of the next
 * record, whose abstract was lost.
 */
export function trailingStrayCost(line: Line): number {
  if (line.kind !== 'text') return 8
  const title = titleCost(line)
  if (line.value.length >= 24 && title === 0) return 14
  // An abstract there is another record's (its title lost, or merged into
  // it): the block is as likely that record's, and is given to neither.
  if (title === Infinity && line.value.length >= 100) return 18
  return 8
}

/** The cost of reading `line` (a text, header or date line) as a one-line abstract. */
export function abstractCost(line: Line): number {
  if (isMarkup(line.value)) return Infinity
  if (line.kind !== 'text') return 6
  return abstractShape(line.value.length, firstLineCost(line.value), endsAbstract(line.value))
}

/**
 * The shapes of a run's lines, each worked out once, for the dynamic
 * programming that tries every reading: each line's cost as a title, a
 * one-line abstract and a stray, and each line break's inside a hard-wrapped
 * abstract.
 */
export class RunShapes {
  readonly title: Float64Array
  readonly abstract: Float64Array
  /** As a stray between a title and its abstract. */
  readonly gap: Float64Array
  /** As a stray between the last paper and the metadata block. */
  readonly trailing: Float64Array
  readonly #lines: readonly Line[]
  /** The cost of the line break after each line inside an abstract (`Infinity`: the next line cannot go on it). */
  readonly #break: Float64Array
  /** How long each line would be with the next line's first word on it, and the slack. */
  readonly #fit: Float64Array
  /** Each line's length if it has a space in it (a line that is one word can be wider than the column). */
  readonly #width: Float64Array
  readonly #first: Float64Array
  readonly #ends: Uint8Array

  constructor(lines: readonly Line[]) {
    const n = lines.length
    this.#lines = lines
    this.title = new Float64Array(n)
    this.abstract = new Float64Array(n)
    this.gap = new Float64Array(n)
    this.trailing = new Float64Array(n)
    this.#break = new Float64Array(n)
    this.#fit = new Float64Array(n)
    this.#width = new Float64Array(n)
    this.#first = new Float64Array(n)
    this.#ends = new Uint8Array(n)
    for (let index = 0; index < n; index++) {
      const line = at(lines, index)
      const { value } = line
      const text = line.kind === 'text' && !isMarkup(value)
      this.title[index] = titleCost(line)
      this.abstract[index] = abstractCost(line)
      this.gap[index] = gapStrayCost(line)
      this.trailing[index] = trailingStrayCost(line)
      this.#width[index] = value.includes(' ') ? value.length : 0
      this.#first[index] = text ? firstLineCost(value) : Infinity
      this.#ends[index] = endsAbstract(value) ? 1 : 0
      const next = lines[index + 1]
      if (!next || !text || next.kind !== 'text' || isMarkup(next.value)) {
        this.#break[index] = Infinity
        continue
      }
      // A hard-wrapped text has no blank line between its lines; blocks do.
      this.#break[index] = continuationCost(value, next.value) + (next.line > line.line + 1 ? 8 : 0)
      const space = next.value.indexOf(' ')
      this.#fit[index] = value.length + 1 + (space === -1 ? next.value.length : space) + WRAP_SLACK
    }
  }

  /**
   * Read lines from `first` on as one abstract, hard-wrapped, grown a line
   * at a time: each step costs no more than the line it adds.
   */
  wrap(first: number): Wrap {
    return new Wrap(this, first)
  }

  /** @internal */ breakAfter(index: number): number {
    return at(this.#break, index)
  }
  /** @internal */ fitAfter(index: number): number {
    return at(this.#fit, index)
  }
  /** @internal */ width(index: number): number {
    return at(this.#width, index)
  }
  /** @internal */ firstCost(index: number): number {
    return at(this.#first, index)
  }
  /** @internal */ ends(index: number): boolean {
    return this.#ends[index] === 1
  }
  /** @internal */ length(index: number): number {
    return at(this.#lines, index).value.length
  }
  /** @internal */ midSentence(index: number): boolean {
    return !endsSentence(at(this.#lines, index).value)
  }
}

/** An abstract hard-wrapped over lines `first` to `last`, as it grows. */
class Wrap {
  readonly #shapes: RunShapes
  readonly #first: number
  #last: number
  #length: number
  /** The longest line with a space in it: the column the text is wrapped at, or more. */
  #widest: number
  #breaks = 0
  #tooShort = 0
  /** Whether some line break falls inside a sentence, as most in a wrapped text do. */
  #midSentence = false

  constructor(shapes: RunShapes, first: number) {
    this.#shapes = shapes
    this.#first = this.#last = first
    this.#length = shapes.length(first)
    this.#widest = shapes.width(first)
  }

  /** The cost of the lines so far and one line more; `Infinity` once a line cannot be part of it. */
  next(): number {
    const shapes = this.#shapes
    const before = this.#last
    const cost = shapes.breakAfter(before)
    if (cost === Infinity || this.#breaks === Infinity) {
      this.#breaks = Infinity
      return Infinity
    }
    const index = ++this.#last
    this.#length += shapes.length(index) + 1
    this.#breaks += cost
    if (shapes.midSentence(before)) this.#midSentence = true
    // Wrapped at a column, every line but the last is as long as the column
    // allows: the next line's first word would not have fitted on it.
    const width = shapes.width(index)
    if (width > this.#widest) {
      this.#widest = width
      this.#tooShort = 0
      for (let line = this.#first; line < index; line++) if (shapes.fitAfter(line) <= width) this.#tooShort++
    } else if (shapes.fitAfter(before) <= this.#widest) this.#tooShort++
    return (
      this.#breaks +
      6 * this.#tooShort +
      // A hard-wrapped abstract is itself unusual in this rendering, the more
      // so when every break ends a sentence: those are lines of their own.
      WRAPPED +
      (this.#midSentence ? 0 : 8) +
      abstractShape(this.#length, shapes.firstCost(this.#first), shapes.ends(index))
    )
  }

  /** The cost of the line breaks so far alone, which only grows. */
  get breaks(): number {
    return this.#breaks
  }
}

/**
 * The cost of a line break between `before` and `after` inside an abstract:
 * the line before a break is not long (a whole abstract is), and a break
 * rarely falls after a full stop before a capital, where one record ends and
 * the next begins (the more so before a line in title case).
 */
function continuationCost(before: string, after: string): number {
  // Nobody wraps text at a column this far out: a line this long is whole.
  let cost = before.length > MAX_WRAP ? 9 : 1
  if (endsSentence(before)) {
    cost += 5
    // A line that looks like a title after a full stop is one.
    if (!endsSentence(after) && isTitleCase(after)) cost += 4
  }
  if (!startsLower(after) && !startsDigitOrMark(after)) cost += 1
  // Only the last line of a wrapped text is short.
  if (before.length < DEBRIS) cost += 8
  else if (after.length < DEBRIS) cost += 2
  return cost
}

/** The cost of an abstract of `length` characters, by its first line's cost and whether its last ends it. */
function abstractShape(length: number, first: number, ends: boolean): number {
  let cost = length < 40 ? 4 : length < 100 ? 2 : length < 250 ? 1 : 0
  if (length < DEBRIS) cost += 4
  // A short abstract that does not end a sentence looks like a title, or a piece.
  if (length < 300 && !ends) cost += 2
  return cost + first
}

/** Whether a line can end an abstract: it ends a sentence, or with LaTeX's `\\`. */
function endsAbstract(value: string): boolean {
  return endsSentence(value) || value.endsWith('\\')
}

/** The cost of a line as an abstract's first: one that starts in lower case, in title case, or with no letter. */
function firstLineCost(first: string): number {
  let cost = 0
  if (startsLower(first)) cost += 2
  else if (first.length < 160 && !endsSentence(first) && isTitleCase(first)) cost += 3
  if (!hasLetter(first)) cost += 8
  return cost + tagCost(first)
}

// Tags that format text inside a title or an abstract (`<b>Title</b>`);
// any other tag at the start of a line is page structure (`<div …>…</div>`).
const INLINE_TAG = /^<(?:b|i|em|strong|u|s|sub|sup|code|small|mark|tt|q|span)[\s>]/i

/** A line that starts with a tag of the page's structure is debris more often than not. */
function tagCost(value: string): number {
  if (value.charCodeAt(0) !== 60 /* < */) return 0
  const second = value.charCodeAt(1)
  const tag = (second >= 97 && second <= 122) || (second >= 65 && second <= 90) || second === 47
  return tag && !INLINE_TAG.test(value.slice(0, 12)) ? 8 : 0
}

/** Whether a line ends with a full stop, a question or an exclamation mark (before closing quotes or brackets). */
function endsSentence(value: string): boolean {
  let end = value.length - 1
  while (end > 0 && (value[end] === ')' || value[end] === '"' || value[end] === "'" || value[end] === '”')) end--
  const last = value.charCodeAt(end)
  return last === 46 /* . */ || last === 33 /* ! */ || (last === 63 /* ? */ && value.length > 160)
}

/** Most of its longer words capitalised, as titles are: `Information Shapes Koopman Representation`. */
function isTitleCase(value: string): boolean {
  let words = 0
  let capitals = 0
  let start = 0
  for (let index = 0; index <= value.length; index++) {
    if (index < value.length && value.charCodeAt(index) !== 32) continue
    if (index - start >= 4) {
      words++
      const first = value.charCodeAt(start)
      if (first >= 65 && first <= 90) capitals++
    }
    start = index + 1
  }
  return words >= 3 && capitals * 4 >= words * 3
}

// Words a title does not end with, and a line of running text often does.
const FUNCTION_WORD =
  /(?:^|\s)(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|that|which|is|are|was|were|be|as|into|than|its|their|our|we)$/i

/** Whether a line stops where a sentence cannot: after a comma, or a word like `of` or `the`. */
function endsMidSentence(value: string): boolean {
  const last = value.charCodeAt(value.length - 1)
  if (last === 44 /* , */ || last === 59 /* ; */ || last === 40 /* ( */) return true
  // The words are five letters at most: a longer last word needs no pattern.
  let start = value.length
  while (start > 0 && value.length - start <= 5 && !isSpace(value.charCodeAt(start - 1))) start--
  if (value.length - start > 5) return false
  return FUNCTION_WORD.test(value.slice(Math.max(0, start - 1)))
}

function startsLower(value: string): boolean {
  const first = value.charCodeAt(0)
  return first >= 97 && first <= 122
}

function startsDigitOrMark(value: string): boolean {
  const first = value.charCodeAt(0)
  return (first >= 48 && first <= 57) || (first < 65 && first !== 32) || first === 91 || first === 123
}

const LETTER = /\p{L}/u

function hasLetter(value: string): boolean {
  // Most lines start with one: no regular expression on them.
  const first = value.charCodeAt(0)
  if ((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) return true
  return LETTER.test(value.length > 256 ? value.slice(0, 256) : value)
}

/**
 * A line that is one whole HTML tag and nothing else: `<div class="x">`,
 * `</div>`, `<br/>`, `<!-- nav -->`. A line with text between tags
 * (`<b>Title</b>`) is not markup: its text is kept, tags and all.
 */
export function isMarkup(value: string): boolean {
  if (value.charCodeAt(0) !== 60 /* < */ || value.charCodeAt(value.length - 1) !== 62 /* > */) return false
  const second = value.charCodeAt(1)
  // A letter, `/` or `!`: a tag, a closing tag, a comment or a doctype.
  const tag = (second >= 97 && second <= 122) || (second >= 65 && second <= 90) || second === 47 || second === 33
  if (!tag) return false
  // A comment is one tag whatever it holds; any other tag ends at its first `>`.
  if (value.startsWith('<!--')) return value.endsWith('-->')
  return value.indexOf('>') === value.length - 1
}
