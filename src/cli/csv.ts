// Pure: no Node.js API, so the playground page writes its CSV with it too.
import type { Paper } from '../index.js'

/** The columns of `parse --format csv`, in order. */
export const CSV_COLUMNS = [
  'file',
  'digestDate',
  'line',
  'arxivId',
  'title',
  'authorCount',
  'organization',
  'published',
  'upvotes',
  'comments',
  'submittedBy',
  'githubRepo',
  'githubStars',
  'links',
  'abstract',
] as const

/**
 * One CSV field, as RFC 4180 writes it: quoted, with its quotes doubled,
 * when it holds a quote, a comma, CR or LF; as it is otherwise.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** One CSV record, ended by CRLF (RFC 4180); `null` is an empty field. */
function csvRecord(fields: readonly (string | number | null)[]): string {
  return `${fields.map((field) => (field === null ? '' : csvField(String(field)))).join(',')}\r\n`
}

/** The header record of `--format csv`. */
export const CSV_HEADER = csvRecord(CSV_COLUMNS)

/**
 * A paper as a record of {@link CSV_COLUMNS}: `digestDate` and `published`
 * are the ISO date, else the date as written, else empty; `links` are joined
 * by single spaces; `null` is empty.
 */
export function paperRecord(file: string, digestDate: string | null, paper: Paper): string {
  const published = paper.published ? (paper.published.iso ?? paper.published.text) : null
  return csvRecord([
    file,
    digestDate,
    paper.line,
    paper.arxivId,
    paper.title,
    paper.authorCount,
    paper.organization,
    published,
    paper.upvotes,
    paper.comments,
    paper.submittedBy,
    paper.githubRepo,
    paper.githubStars,
    paper.links.join(' '),
    paper.abstract,
  ])
}
