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
