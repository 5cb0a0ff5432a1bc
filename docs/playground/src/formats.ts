import type { ShownDigest, ShownPaper } from './shown.js'

/** The name the downloads give the input, in the `file` column and field. */
export const FILE_NAME = 'playground'

/** The columns of `papers-digest parse --format csv` (SPEC section 5), in order. */
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

type Cell = string | number | null | undefined

/**
 * One CSV field, as RFC 4180 writes it: quoted, with its quotes doubled, when
 * it holds a quote, a comma, CR or LF; empty for `null` and `undefined`.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One CSV record, ended by CRLF (RFC 4180). */
function csvRecord(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`
}

/** The digest's date as the downloads write it: its ISO date, else as written. */
export function digestDate(digest: ShownDigest): string | null {
  return digest.date ? (digest.date.iso ?? digest.date.text) : null
}

/** The digest as CSV: a header record, then one record per paper. */
export function toCsv(digest: ShownDigest, file = FILE_NAME): string {
  const date = digestDate(digest)
  const rows = digest.papers.map((paper: ShownPaper) =>
    csvRecord([
      file,
      date,
      paper.line,
      paper.arxivId,
      paper.title,
      paper.authorCount,
      paper.organization,
      paper.published ? (paper.published.iso ?? paper.published.text) : null,
      paper.upvotes,
      paper.comments,
      paper.submittedBy,
      paper.githubRepo,
      paper.githubStars,
      paper.links.join(' '),
      paper.abstract,
    ]),
  )
  return csvRecord(CSV_COLUMNS) + rows.join('')
}

/** The digest as NDJSON: one paper per line, with `file` and `digestDate`. */
export function toNdjson(digest: ShownDigest, file = FILE_NAME): string {
  const date = digestDate(digest)
  return digest.papers.map((paper) => `${JSON.stringify({ file, digestDate: date, ...paper })}\n`).join('')
}
