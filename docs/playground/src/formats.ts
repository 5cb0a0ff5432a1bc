import { CSV_HEADER, paperRecord } from '../../../src/cli/csv.js'
import type { ShownDigest } from './shown.js'

/** The name the downloads give the input, in the `file` column and field. */
export const FILE_NAME = 'playground'

// The command line's own CSV writer (SPEC section 5): the downloads write what `parse --format csv` writes.
export { CSV_COLUMNS, csvField } from '../../../src/cli/csv.js'

/** The digest's date as the downloads write it: its ISO date, else as written. */
export function digestDate(digest: ShownDigest): string | null {
  return digest.date ? (digest.date.iso ?? digest.date.text) : null
}

/** The digest as CSV: a header record, then one record per paper. */
export function toCsv(digest: ShownDigest, file = FILE_NAME): string {
  const date = digestDate(digest)
  return CSV_HEADER + digest.papers.map((paper) => paperRecord(file, date, paper)).join('')
}

/** The digest as NDJSON: one paper per line, with `file` and `digestDate`. */
export function toNdjson(digest: ShownDigest, file = FILE_NAME): string {
  const date = digestDate(digest)
  return digest.papers.map((paper) => `${JSON.stringify({ file, digestDate: date, ...paper })}\n`).join('')
}
