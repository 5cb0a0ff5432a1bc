import { type DateParts, dateProblem, isoDate } from '../dates.js'
import type { HeaderRecord, PaperRecord } from '../grammar/record.js'
import type { Rendering } from '../grammar/detect.js'
import type { Digest, Paper, PaperDate } from '../schema/schema.js'
import { findLinks } from './links.js'
import type { Years } from './years.js'

/** The typed date of what a date says, or `null` if it is not a valid date. */
function composeDate(date: DateParts, years: Years): PaperDate | null {
  const year = years.yearOf(date)
  if (date.month === null || dateProblem(date, year) !== null) return null
  return {
    text: date.text,
    year,
    month: date.month,
    day: date.day,
    yearInferred: date.year === null && year !== null,
    iso: year === null ? null : isoDate(year, date.month, date.day),
  }
}

/**
 * Give a paper composed before the year was inferred the inferred year of its
 * date; a February 29 that the year rules out is then no date (and `Years`
 * has reported it).
 */
export function completeYear(paper: Paper, year: number): void {
  const date = paper.published
  if (!date || date.year !== null) return
  if (dateProblem(date, year) !== null) {
    paper.published = null
    return
  }
  date.year = year
  date.yearInferred = true
  date.iso = isoDate(year, date.month, date.day)
}

/** The typed paper of a record. */
export function composePaper(record: PaperRecord, years: Years): Paper {
  const { metadata } = record
  const date = metadata?.date ?? null
  const authors = metadata?.authors?.value ?? null
  const abstract = record.abstract?.value ?? ''
  const github = record.github?.value ?? null
  return {
    title: record.title.value,
    abstract,
    authorCount: authors !== null && authors > 0 ? authors : null,
    organization: metadata?.organization?.value ?? null,
    published: date && composeDate(date.value, years),
    upvotes: record.upvotes?.value ?? null,
    comments: date ? (metadata?.comments?.value ?? date.value.count ?? 0) : null,
    submittedBy: record.submittedBy?.value ?? null,
    arxivId: record.arxivId,
    githubRepo: github?.repo || null,
    githubStars: github?.stars ?? null,
    links: findLinks(abstract),
    line: record.title.first.line,
  }
}

/**
 * Give a paper strings of its own. Its title, abstract and the rest are
 * slices of the text they were read from, which V8 keeps whole as long as
 * any slice of it lives: one paper kept from a stream would keep the piece of
 * text it came from (or all of it, when the text came as one string). The
 * stream, whose papers are kept one by one, copies them out.
 */
export function ownStrings(paper: Paper): void {
  paper.title = own(paper.title)
  paper.abstract = own(paper.abstract)
  if (paper.organization !== null) paper.organization = own(paper.organization)
  if (paper.submittedBy !== null) paper.submittedBy = own(paper.submittedBy)
  if (paper.arxivId !== null) paper.arxivId = own(paper.arxivId)
  if (paper.githubRepo !== null) paper.githubRepo = own(paper.githubRepo)
  if (paper.published !== null) paper.published.text = own(paper.published.text)
  for (let index = 0; index < paper.links.length; index++) paper.links[index] = own(paper.links[index] ?? '')
}

/**
 * A copy of `text` that holds only its own characters. V8 copies strings
 * under 13 characters when it slices them, and slices longer ones; of the
 * ways to copy those that were measured, a concatenation sliced again is the
 * fastest that V8 really flattens into a string of its own (a template
 * literal, `text + ''` or a one-element `join` give back the slice itself).
 */
function own(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1)
}

/** The digest's own fields, from its header. */
export function composeHeader(header: HeaderRecord | null, years: Years, rendering: Rendering): Omit<Digest, 'papers'> {
  const date = header?.date ?? null
  return {
    title: header?.title ?? null,
    date: date && composeDate(date.value, years),
    rendering,
    page: header?.page ?? null,
    query: header?.query ?? null,
  }
}
