import type { Line } from '../tokenize/line.js'
import { abstractCost, RunShapes, titleCost } from './shape.js'
import { at } from '../at.js'

/** What the lines of a run turned out to be. */
export type Reading =
  /**
   * A paper: its title line, its abstract's lines (one, or more when it is
   * hard-wrapped) if any, and whether the metadata block that ends the run is its own.
   */
  | { kind: 'paper'; title: number; abstract: { first: number; last: number } | null; metadata: boolean }
  /** A line that belongs to no record. */
  | { kind: 'stray'; line: number }

// Structural costs. A record without metadata is real (one a digest, in the
// seeds), and costs little. A line that belongs to no record, and a title
// with no abstract, are each what one line of damage makes (an inserted
// line, a deleted one); the title without abstract costs more, as it makes a
// paper, which is not to be guessed: where the two readings are close, the
// line is skipped and reported. Shape costs (shape.ts) choose between the
// readings the structure allows.
const STRAY = 8
const NO_ABSTRACT = 12
const NO_METADATA = 1
/** At most this many stray lines between a title and its abstract. */
const MAX_GAP = 2
/**
 * An abstract hard-wrapped over more lines than this is read as more than
 * one (1,900 characters at 40 columns); less than a long run keeps (text.ts).
 */
export const MAX_ABSTRACT_LINES = 48

/**
 * Split a run of text lines (the lines between two metadata blocks) into
 * records. Records are `title, abstract`; the lines before a metadata block
 * are its record's title and abstract. When the run does not split evenly,
 * some line is a title without an abstract, or a stray, or part of a
 * hard-wrapped abstract; the lines' shapes decide which, by the cheapest
 * reading overall (dynamic programming, linear in the run's length). The
 * costs make a doubtful paper cost more than skipping a line: where the
 * shapes cannot tell debris from a paper, the line is skipped and reported
 * (`unexpected-line`), rather than made a paper with warnings only.
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

/** How a reading of the lines before some point ends: its last item, and the reading before it. */
interface Step {
  /** Where the last item starts. */
  from: number
  /** A stray line (`-1`), or a paper's title line. */
  title: number
  abstractFirst: number
  abstractLast: number
  /** Whether the reading before the item has a stray. */
  previous: 0 | 1
}

function splitRecords(lines: readonly Line[], anchored: boolean): Reading[] {
  const n = lines.length
  if (n === 0) return []
  // The common case, two lines before a block, without the tables: any
  // reading that skips a line costs at least two strays' worth here.
  if (n === 2 && anchored && titleCost(at(lines, 0)) + abstractCost(at(lines, 1)) <= 2 * STRAY) {
    return [paper(0, 1, 1, true)]
  }
  const shapes = new RunShapes(lines)
  const titles = shapes.title
  // Lines between the last paper and the block are strays that cost more
  // when they look like titles: a title whose abstract was lost, with the
  // block its own, is then as likely as debris before the paper's block.
  const trailing = new Float64Array(n + 1)
  for (let index = n - 1; index >= 0; index--) trailing[index] = at(trailing, index + 1) + at(shapes.trailing, index)
  const strayRange = (from: number) => at(trailing, from)

  // cost[e][i]: the cheapest reading of lines[0, i), with (e = 1) or without
  // (e = 0) a stray line in it; step[e][i]: how it ends.
  const cost = [new Float64Array(n + 1).fill(Infinity), new Float64Array(n + 1).fill(Infinity)] as const
  const step: [Array<Step | undefined>, Array<Step | undefined>] = [
    new Array<Step | undefined>(n + 1),
    new Array<Step | undefined>(n + 1),
  ]
  cost[0][0] = 0
  // The Step is made only when it wins: most readings tried do not.
  const relax = (
    e: 0 | 1,
    to: number,
    value: number,
    from: number,
    title: number,
    first: number,
    last: number,
    previous: 0 | 1,
  ) => {
    // Strictly cheaper only: on a tie, the reading found first (the longer paper) stays.
    if (value < at(cost[e], to)) {
      cost[e][to] = value
      step[e][to] = { from, title, abstractFirst: first, abstractLast: last, previous }
    }
  }
  // Each paper that starts at `title` and ends before `limit`, with its cost.
  const papers = (title: number, limit: number, visit: (first: number, last: number, value: number) => void) => {
    if (titles[title] === Infinity) return
    let gapCost = 0
    for (let gap = 0; gap <= MAX_GAP; gap++) {
      const first = title + 1 + gap
      if (first >= limit) break
      if (gap > 0) gapCost += at(shapes.gap, title + gap)
      // The page puts a blank line between a title and its abstract.
      const close = gap === 0 && at(lines, first).line === at(lines, title).line + 1 ? 2 : 0
      const single = at(shapes.abstract, first)
      if (single !== Infinity) visit(first, first, at(titles, title) + gapCost + close + single)
      const wrapped = shapes.wrap(first)
      for (let last = first + 1; last < limit && last < first + MAX_ABSTRACT_LINES; last++) {
        const shape = wrapped.next()
        // Line breaks that cost more than the lines they join would as
        // strays make no abstract: the lines after them need not be tried.
        if (shape === Infinity || wrapped.breaks > STRAY * (last - first) + 2 * STRAY) break
        visit(first, last, at(titles, title) + gapCost + close + shape)
      }
    }
  }

  for (let i = 0; i < n; i++) {
    for (let e: 0 | 1 = 0; e <= 1; e = (e + 1) as 0 | 1) {
      const here = at(cost[e], i)
      if (here === Infinity) continue
      relax(1, i + 1, here + STRAY, i, -1, -1, -1, e)
      const joined = boundaryCost(lines, i)
      papers(i, n, (first, last, value) => {
        relax(first > i + 1 ? 1 : e, last + 1, here + joined + value + NO_METADATA, i, i, first, last, e)
      })
    }
  }

  // The end of the reading: the run's last paper takes the block, with any
  // lines after it strays; or, without a block (or if no paper can take it),
  // the reading of the whole run.
  const best: [number, number] = [at(cost[0], n), at(cost[1], n)]
  const ends: [Step | null, Step | null] = [null, null]
  if (anchored) {
    best[0] = Infinity
    best[1] = at(cost[1], n) + STRAY // no paper takes the block
    const end = (e: 0 | 1, value: number, title: number, first: number, last: number, previous: 0 | 1) => {
      if (value < best[e]) {
        best[e] = value
        ends[e] = { from: title, title, abstractFirst: first, abstractLast: last, previous }
      }
    }
    for (let title = n - 1; title >= 0; title--) {
      if (titles[title] === Infinity) continue
      for (let e: 0 | 1 = 0; e <= 1; e = (e + 1) as 0 | 1) {
        const here = at(cost[e], title)
        if (here === Infinity) continue
        const joined = boundaryCost(lines, title)
        const single = here + joined + at(titles, title) + NO_ABSTRACT + strayRange(title + 1)
        end(title < n - 1 ? 1 : e, single, title, -1, -1, e)
        papers(title, n, (first, last, value) => {
          const skips = first > title + 1 || last < n - 1 ? 1 : e
          end(skips, here + joined + value + strayRange(last + 1), title, first, last, e)
        })
      }
    }
  }

  // The cheapest reading; on a tie, the one that skips no line.
  const e: 0 | 1 = best[0] <= best[1] ? 0 : 1
  const choices: Reading[] = []
  let end = n
  let state: 0 | 1 = e
  const last = ends[e]
  if (anchored) {
    if (last) {
      const through = last.abstractLast === -1 ? last.title : last.abstractLast
      for (let line = n - 1; line > through; line--) choices.push({ kind: 'stray', line })
      pushPaper(choices, last, true)
      end = last.from
      state = last.previous
    } else {
      // No paper takes the block.
      state = 1
    }
  }
  while (end > 0) {
    const item = at(step[state], end)
    if (item.title === -1) choices.push({ kind: 'stray', line: item.from })
    else pushPaper(choices, item, false)
    end = item.from
    state = item.previous
  }
  return choices.reverse()
}

/**
 * The cost of a record starting at line `title` right after the line before
 * it, with no blank line between them: the page puts one between records,
 * and a hard-wrapped abstract none between its lines.
 */
function boundaryCost(lines: readonly Line[], title: number): number {
  const before = lines[title - 1]
  return before && at(lines, title).line === before.line + 1 ? 4 : 0
}

function paper(title: number, first: number, last: number, metadata: boolean): Reading {
  return { kind: 'paper', title, abstract: first === -1 ? null : { first, last }, metadata }
}

/**
 * Push a paper and the strays between its title and abstract, in reverse
 * (the choices are reversed at the end): the paper comes first, then they.
 */
function pushPaper(choices: Reading[], item: Step, metadata: boolean): void {
  for (let line = item.abstractFirst - 1; line > item.title; line--) choices.push({ kind: 'stray', line })
  choices.push(paper(item.title, item.abstractFirst, item.abstractLast, metadata))
}
