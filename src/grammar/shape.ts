import type { Line } from '../tokenize/line.js'

// How unlikely a line is in a role, by its shape. The record structure decides
// first (see records.ts); these costs only break the ties it leaves, so they
// are small next to the structural ones, and bounded: a long title or a
// short abstract is unusual, not impossible. `Infinity` marks what can never
// be: HTML is never part of a paper, and a header line never starts one (so
// page chrome is never made into papers). A header or date line may still be
// an abstract where the structure says so, as the stringifier can write one.

/** The cost of reading `line` (a text, header or date line) as a title. */
export function titleCost(line: Line): number {
  if (line.kind === 'header' || isMarkup(line.value)) return Infinity
  if (line.kind === 'date') return 4
  const length = line.value.length
  // A title of abstract length is all but impossible; a long one is merely rare.
  let cost = length > 500 ? 20 : length > 300 ? 6 : length > 160 ? 2 : 0
  // Titles rarely end a sentence; abstracts nearly always do.
  if (length > 60 && line.value.endsWith('.')) cost += 1
  return cost
}

/** The cost of reading `line` (a text, header or date line) as an abstract. */
export function abstractCost(line: Line): number {
  if (isMarkup(line.value)) return Infinity
  if (line.kind !== 'text') return 6
  const length = line.value.length
  return length < 40 ? 4 : length < 100 ? 2 : length < 250 ? 1 : 0
}

/** An HTML tag left in the text, such as a cookie banner's `<div …>…</div>`. */
function isMarkup(value: string): boolean {
  if (value.charCodeAt(0) !== 60 /* < */ || value.charCodeAt(value.length - 1) !== 62 /* > */) return false
  const second = value.charCodeAt(1)
  // A letter, `/` or `!`: a tag, a closing tag, a comment or a doctype.
  return (second >= 97 && second <= 122) || (second >= 65 && second <= 90) || second === 47 || second === 33
}
