import { isoDate } from '../dates.js'
import { dateProblem } from '../grammar/date-node.js'
import type { PaperRecord } from '../grammar/grammar.js'
import type { Paper, PaperDate } from '../schema/schema.js'
import type { DateParts, Line } from '../tokenize/line.js'
import { findLinks } from './links.js'
import type { Years } from './years.js'

/** The typed date of a date line, or `null` if it is not a valid date. */
function composeDate(date: DateParts, years: Years): PaperDate | null {
  const year = years.of(date)
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
export function composePaper({ title, abstract, metadata }: PaperRecord, years: Years): Paper {
  let authorCount: number | null = null
  let published: PaperDate | null = null
  let upvotes: number | null = null
  for (const line of metadata ?? []) {
    if (line.kind === 'authors') {
      authorCount = line.count !== null && line.count > 0 ? line.count : null
    } else if (line.kind === 'date') {
      published = composeDate(line.date!, years)
      upvotes = line.date!.upvotes ?? 0
    }
  }
  const text = abstract ? abstract.value : ''
  return {
    title: title.value,
    abstract: text,
    authorCount,
    published,
    upvotes,
    links: findLinks(text),
    line: title.line,
  }
}

/** The digest's title and date, from its header's lines. */
export function composeHeader(lines: readonly Line[], years: Years): { title: string | null; date: PaperDate | null } {
  let title: string | null = null
  let date: PaperDate | null = null
  for (const line of lines) {
    if (line.kind === 'date') date = composeDate(line.date!, years)
    else if (line.value === 'Daily Papers') title = line.value
  }
  return { title, date }
}
