import type { Line } from '../tokenize/line.js'
import { abstractCost, titleCost } from './shape.js'

/** What one text line, or two, of a run turned out to be. */
export type Reading =
  /** A paper: its title line, its abstract line if any, and whether the metadata block that ends the run is its own. */
  | { kind: 'paper'; title: number; abstract: number | null; metadata: boolean }
  /** A line that belongs to no record. */
  | { kind: 'stray'; line: number }

// Structural costs. A line belonging to no record is the worst reading, and a
// record that lacks a part is a worse one than a complete record. Shape costs
// (shape.ts) choose between readings the structure allows; only a reading
// that shapes make all but impossible (an abstract-length title) costs more
// than the two strays an even run would need to avoid it.
const STRAY = 8
const NO_METADATA = 1
const NO_ABSTRACT = 2

const PAIR = 1

// Scratch space for the costs, reused across runs (the grammar never nests
// calls), since nearly every run is two lines long.
let costs = new Float64Array(16)
let steps = new Uint8Array(16)

/**
 * Split a run of text lines (the lines between two metadata blocks) into
 * records. Records are `title, abstract`; the two lines before a metadata
 * block are its record's title and abstract. When the run does not split
 * evenly, some line is a title without an abstract, or a stray; the lines'
 * shapes decide which, by the cheapest reading overall (dynamic programming,
 * linear in the run's length).
 *
 * When a metadata block follows the run ({@link splitRunBeforeBlock}), its
 * record is the last paper of the run; lines after that paper are strays, and
 * if no paper can take it, the block belongs to none.
 */
export function splitRun(lines: readonly Line[]): Reading[] {
  return splitRecords(lines, false)
}

/** Like {@link splitRun}, for the run just before a metadata block: its last paper takes the block. */
export function splitRunBeforeBlock(lines: readonly Line[]): Reading[] {
  return splitRecords(lines, true)
}

/** `costs[index]`, which the tables always hold (Infinity past their end, which the loops never reach). */
const costAt = (costs: Float64Array, index: number): number => costs[index] ?? Infinity
/** The cost of line `index` as a title, or as an abstract (Infinity for a line the run does not have). */
const title = (lines: readonly Line[], index: number): number => {
  const line = lines[index]
  return line ? titleCost(line) : Infinity
}
const abstract = (lines: readonly Line[], index: number): number => {
  const line = lines[index]
  return line ? abstractCost(line) : Infinity
}

function splitRecords(lines: readonly Line[], anchored: boolean): Reading[] {
  const n = lines.length
  // The common case, two lines before a block, without the tables: the pair
  // costs at most 10 here, and every other reading at least 10 (a stray and a
  // title without abstract), which the pair wins on a tie.
  if (n === 2 && anchored && title(lines, 0) + abstract(lines, 1) <= STRAY + NO_ABSTRACT) {
    return [{ kind: 'paper', title: 0, abstract: 1, metadata: true }]
  }
  // cost[i]: the cheapest reading of lines[0, i) without the metadata block;
  // step[i]: how that reading ends (a pair, or else a stray).
  if (costs.length <= n) {
    costs = new Float64Array(2 * n + 2)
    steps = new Uint8Array(2 * n + 2)
  }
  const cost = costs.fill(Infinity, 0, n + 1)
  const step = steps
  cost[0] = 0
  for (let i = 0; i < n; i++) {
    const here = costAt(cost, i)
    if (i + 2 <= n) {
      const pair = here + title(lines, i) + abstract(lines, i + 1) + NO_METADATA
      if (pair < costAt(cost, i + 2)) {
        cost[i + 2] = pair
        step[i + 2] = PAIR
      }
    }
    // Strictly cheaper only: on a tie, the pair set above stays.
    if (here + STRAY < costAt(cost, i + 1)) {
      cost[i + 1] = here + STRAY
      step[i + 1] = 0
    }
  }

  const choices: Reading[] = []
  let end = n
  if (anchored) {
    // Where the anchored paper starts, and whether it has an abstract.
    let best = costAt(cost, n) + STRAY // no paper takes the block
    let start = -1
    let last = -1
    for (let at = n - 1; at >= 0; at--) {
      const trailing = STRAY * (n - 1 - at)
      if (at >= 1) {
        const pair = costAt(cost, at - 1) + title(lines, at - 1) + abstract(lines, at) + trailing
        // On a tie, a paper rather than none; otherwise the latest start wins.
        if (pair < best || (start === -1 && pair === best)) [best, start, last] = [pair, at - 1, at]
      }
      const single = costAt(cost, at) + title(lines, at) + NO_ABSTRACT + trailing
      if (single < best) [best, start, last] = [single, at, at]
    }
    if (start !== -1) {
      for (let line = n - 1; line > last; line--) choices.push({ kind: 'stray', line })
      choices.push({ kind: 'paper', title: start, abstract: last > start ? last : null, metadata: true })
      end = start
    }
  }
  while (end > 0) {
    if (step[end] === PAIR) {
      choices.push({ kind: 'paper', title: end - 2, abstract: end - 1, metadata: false })
      end -= 2
    } else {
      choices.push({ kind: 'stray', line: end - 1 })
      end -= 1
    }
  }
  return choices.reverse()
}
