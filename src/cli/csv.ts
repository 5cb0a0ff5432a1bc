import type { Paper } from '../index.js'

/** The columns of `parse --format csv`, in order. */
const CSV_COLUMNS = ['file', 'line', 'title', 'authorCount', 'published', 'upvotes', 'links', 'abstract'] as const

/**
 * One CSV field, as RFC 4180 writes it: quoted, with its quotes doubled,
 * when it holds a quote, a comma, CR or LF; as it is otherwise.
 */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** One CSV record, ended by CRLF (RFC 4180); `null` is an empty field. */
function csvRecord(fields: readonly (string | number | null)[]): string {
  return `${fields.map((field) => (field === null ? '' : csvField(String(field)))).join(',')}\r\n`
}

/** The header record of `parse --format csv`. */
export const CSV_HEADER = csvRecord(CSV_COLUMNS)

/**
 * A paper as a record of {@link CSV_COLUMNS}: `published` is the ISO date,
 * else the date as written, else empty; `links` are joined by single spaces.
 */
export function paperRecord(file: string, paper: Paper): string {
  const published = paper.published ? (paper.published.iso ?? paper.published.text) : null
  return csvRecord([
    file,
    paper.line,
    paper.title,
    paper.authorCount,
    published,
    paper.upvotes,
    paper.links.join(' '),
    paper.abstract,
  ])
}
