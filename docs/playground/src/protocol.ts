import type { View } from './view.js'

/** The formats the page downloads. */
export type Format = 'json' | 'ndjson' | 'csv'

/**
 * What the page asks the worker: parse a text; or, about the last text
 * parsed (`parse`, its id), one paper or diagnostic as JSON, or a download.
 */
export type Request =
  | { type: 'parse'; id: number; text: string; year: number | undefined }
  | { type: 'paper' | 'diagnostic'; id: number; parse: number; index: number }
  | { type: 'export'; id: number; parse: number; format: Format }

/** What the worker answers, under the request's id. */
export type Reply = { id: number; view: View } | { id: number; text: string } | { id: number; error: string }
