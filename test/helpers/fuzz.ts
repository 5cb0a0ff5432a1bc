import {
  type Diagnostic,
  type Digest,
  type Paper,
  type PaperNode,
  parseDigestStream,
  parseTree,
  safeParseDigest,
  stringifyDigest,
} from '../../src/index.js'
import { defined } from './defined.js'
import { fixtureNames, readGolden } from './fixtures.js'
import { unaccounted } from './invariants.js'

// A fuzzer of damaged digests. Each run builds a canonical digest of the
// seeds' records (long abstracts or short ones, with or without metadata, with
// or without the page header), written by stringifyDigest, and applies one
// line-level mutation to it. Every line of the damaged text knows which lines
// of the canonical one it came from, so each paper parsed from it can be
// traced back: it is some record's own (its title, abstract and metadata all
// come from that record's lines, each in its role) or it is not.
//
// Per run, it checks:
//   - the parse does not throw, and every non-blank line is in the tree or in
//     an `unexpected-line` diagnostic;
//   - the stream gives the same papers and diagnostics (in the same order) as
//     the batch parser;
//   - no silent wrong paper: a paper that is no record's own comes with an
//     error near its lines;
//   - locality: every record not touched by the damage comes out exactly as
//     in the canonical text (but for its line number); a change to one next
//     to the damage and one further away are counted apart.
//
// `npm run fuzz` prints the rates over many runs; test/fuzz.test.ts checks them.

const YEAR = 2025
const HEADER_LINES = [
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
]
const DIGEST_DATE = { text: 'Oct 31', year: YEAR, month: 10, day: 31, yearInferred: true, iso: `${String(YEAR)}-10-31` }

/** The seeds' papers, as their golden files have them, each once (the two seeds share ten). */
const SEED_PAPERS: Paper[] = [
  ...new Map(
    fixtureNames('seeds')
      .flatMap((name) => readGolden('seeds', name).digest.papers)
      .map((paper) => [paper.title, paper] as const),
  ).values(),
]

/** Page chrome and junk that scrapes leave between lines. */
export const JUNK_LINES = [
  'Sign in',
  'Sign Up',
  'Share',
  'Share this page',
  'Cookie settings',
  'Accept all cookies',
  'Previous',
  'Next',
  'Load more',
  'Daily',
  'Weekly',
  'Monthly',
  'Trending Papers',
  'Papers',
  'Models',
  'Datasets',
  'Spaces',
  'Docs',
  'Pricing',
  'Log In',
  'Hugging Face',
  'View all',
  'Upvote',
  'Submitted by akhaliq',
  'arXiv Page',
  'Copy link',
  '12',
  '-',
  '…',
  '•',
  '· Published on May 3',
  'Updated 2 days ago',
  '<div class="cookie-banner">We use cookies to improve your experience</div>',
  '<a href="/papers">Papers</a>',
  '</div>',
  '<!-- nav -->',
  'Get trending papers in your email inbox!',
  'Daily Papers',
  'https://huggingface.co/papers',
  'We use cookies to give you the best experience on our website. By continuing you agree to our use of cookies.',
]

export const MUTATIONS = [
  'delete',
  'duplicate-line',
  'swap',
  'insert',
  'cut',
  'merge',
  'split',
  'wrap',
  'duplicate-record',
] as const
export type Mutation = (typeof MUTATIONS)[number]

type Role = 'header' | 'date' | 'title' | 'abstract' | 'authors' | 'separator' | 'published'

/** A line of the canonical text: its role, and the record it belongs to (-1 for the header). */
interface Source {
  id: number
  record: number
  role: Role
}

/** A line of the damaged text and where it came from. */
interface Line {
  text: string
  /** The canonical lines it holds (two for a merged line); none for a junk or blank line. */
  from: number[]
  junk: boolean
  /** A piece of a canonical line (a split, a wrap, a cut). */
  partial: boolean
  /** For a merged line: where each part starts in `text`, and which canonical line (or junk, `null`) it is. */
  parts?: Array<{ at: number; id: number | null }>
}

/** The canonical lines (`null` for junk) of the characters `from` to `to` of a line. */
function partsOf(line: Line, from: number, to: number): Array<number | null> {
  const parts = line.parts ?? [{ at: 0, id: line.junk ? null : (line.from[0] ?? null) }]
  return parts
    .filter((part, index) => {
      const end = parts[index + 1]?.at ?? Infinity
      return part.at < to && end > from
    })
    .map((part) => part.id)
}

/** A seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
export function randomGenerator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Dice {
  constructor(readonly next: () => number) {}
  int(below: number): number {
    return Math.floor(this.next() * below)
  }
  pick<T>(values: readonly T[]): T {
    return defined(values[this.int(values.length)], 'a value to pick')
  }
  chance(p: number): boolean {
    return this.next() < p
  }
}

/** An abstract of at most 300 characters: its first sentences, or its first words. */
function shortAbstract(abstract: string, dice: Dice): string {
  const budget = 30 + dice.int(271)
  let out = ''
  for (const sentence of abstract.split(/(?<=[.!?])\s+/)) {
    const longer = out === '' ? sentence : `${out} ${sentence}`
    if (longer.length > budget) break
    out = longer
  }
  if (out.length > 0) return out
  const cut = abstract.slice(0, budget - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > 10 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}.`
}

/** A canonical digest of 3 to 10 distinct seed records, and its lines with their sources. */
function canonicalDigest(dice: Dice) {
  const header = dice.chance(0.8)
  const short = dice.chance(0.5)
  const count = 3 + dice.int(8)
  const chosen = new Set<number>()
  while (chosen.size < count) chosen.add(dice.int(SEED_PAPERS.length))
  const papers = [...chosen].map((index): Paper => {
    const seed = defined(SEED_PAPERS[index], 'a seed paper')
    const paper: Paper = { ...seed, links: [] }
    if (short) paper.abstract = shortAbstract(seed.abstract, dice)
    if (dice.chance(0.2)) Object.assign(paper, { authorCount: null, published: null, comments: null })
    return paper
  })
  const digest: Digest = {
    title: header ? 'Daily Papers' : null,
    date: header ? DIGEST_DATE : null,
    rendering: 'text',
    page: header ? 'daily' : null,
    query: null,
    papers,
  }
  const text = stringifyDigest(digest)

  // The same text, line by line, with each line's source.
  const sources: Source[] = []
  const lines: Line[] = []
  const blocks: Array<Array<{ text: string; record: number; role: Role }>> = []
  if (header) {
    for (const value of HEADER_LINES) blocks.push([{ text: value, record: -1, role: 'header' }])
    blocks.push([{ text: 'Oct 31', record: -1, role: 'date' }])
  }
  papers.forEach((paper, record) => {
    blocks.push([{ text: paper.title, record, role: 'title' }])
    blocks.push([{ text: paper.abstract, record, role: 'abstract' }])
    if (paper.authorCount === null) return
    const date = defined(paper.published, 'a published date')
    const year = date.yearInferred ? '' : `, ${String(date.year)}`
    const comments = paper.comments ? ` ${String(paper.comments)}` : ''
    blocks.push([
      { text: `  • ${String(paper.authorCount)} authors`, record, role: 'authors' },
      { text: '·', record, role: 'separator' },
      { text: `${date.text.replace(/,.*/, '')}${year}${comments}`, record, role: 'published' },
    ])
  })
  blocks.forEach((block, index) => {
    if (index > 0) lines.push({ text: '', from: [], junk: false, partial: false })
    for (const { text: value, record, role } of block) {
      const id = sources.length
      sources.push({ id, record, role })
      lines.push({ text: value, from: [id], junk: false, partial: false })
    }
  })
  if (lines.map((line) => line.text).join('\n') !== text)
    throw new Error('the fuzzer does not write digests as stringifyDigest does')
  return { text, lines, sources, count, header }
}

/** What one mutation did: the lines, and which records it touched. */
interface Damage {
  mutation: Mutation
  lines: Line[]
  /** The records the damage touches; when it falls between records, none, and `between` says where. */
  touched: Set<number>
  /** For damage between records: the record before it (-1: the header, or nothing) and after it. */
  between: [number, number] | null
  /** Records from this one on are gone (the text was cut). */
  goneFrom: number
}

const nonBlank = (lines: Line[]) => lines.flatMap((line, index) => (line.text.trim() === '' ? [] : [index]))

function mutate(
  mutation: Mutation,
  canonical: { lines: Line[]; sources: Source[]; count: number },
  dice: Dice,
): Damage | null {
  const { sources, count } = canonical
  const lines = canonical.lines.map((line) => ({ ...line }))
  const sourceOf = (line: Line | undefined) =>
    defined(sources[defined(defined(line, 'a line').from[0], 'its first source')], 'a source')
  const recordOf = (index: number) => sourceOf(lines[index]).record
  const filled = nonBlank(lines)
  const damage: Damage = { mutation, lines, touched: new Set(), between: null, goneFrom: count }
  const touch = (index: number) => damage.touched.add(recordOf(index))
  const at = defined(filled[dice.int(filled.length)], 'a non-blank line')
  const nextFilled = filled[filled.indexOf(at) + 1]
  switch (mutation) {
    case 'delete':
      touch(at)
      lines.splice(at, 1)
      break
    case 'duplicate-line': {
      touch(at)
      const line = defined(lines[at], 'the line')
      lines.splice(at + 1, 0, { ...line, from: [...line.from] })
      break
    }
    case 'swap': {
      if (nextFilled === undefined) return null
      touch(at)
      touch(nextFilled)
      const a = defined(lines[at], 'the line')
      lines[at] = defined(lines[nextFilled], 'the next line')
      lines[nextFilled] = a
      break
    }
    case 'insert': {
      const where = dice.int(lines.length + 1)
      const before = filled.filter((index) => index < where).at(-1)
      const after = filled.find((index) => index >= where)
      const low = before === undefined ? -1 : recordOf(before)
      const high = after === undefined ? count : recordOf(after)
      if (low === high) damage.touched.add(low)
      else damage.between = [low, high]
      lines.splice(where, 0, { text: dice.pick(JUNK_LINES), from: [], junk: true, partial: false })
      break
    }
    case 'cut': {
      const text = lines.map((line) => line.text).join('\n')
      const end = dice.int(text.length + 1)
      let offset = 0
      let kept = 0
      for (; kept < lines.length; kept++) {
        const line = defined(lines[kept], 'a line')
        if (offset + line.text.length >= end) {
          if (end - offset < line.text.length) {
            line.text = line.text.slice(0, end - offset)
            line.partial = true
          }
          kept++
          break
        }
        offset += line.text.length + 1
      }
      lines.splice(kept)
      const last = nonBlank(lines).at(-1)
      if (last === undefined) {
        damage.between = [-1, 0]
        damage.goneFrom = 0
        break
      }
      const record = recordOf(last)
      const whole =
        !defined(lines[last], 'the last line').partial &&
        lines
          .slice(0, last + 1)
          .filter((line) => line.from.some((id) => defined(sources[id], 'a source').record === record)).length ===
          sources.filter((source) => source.record === record).length
      if (whole) {
        damage.between = [record, record + 1]
        damage.goneFrom = record + 1
      } else {
        damage.touched.add(record)
        damage.goneFrom = record + 1
      }
      break
    }
    case 'merge': {
      if (nextFilled === undefined) return null
      touch(at)
      touch(nextFilled)
      const a = defined(lines[at], 'the line')
      const b = defined(lines[nextFilled], 'the next line')
      const glue = dice.chance(0.5) ? ' ' : ''
      const ownParts = (line: Line) => line.parts ?? [{ at: 0, id: line.junk ? null : (line.from[0] ?? null) }]
      const shift = a.text.length + glue.length
      const trimmed = b.text.length - b.text.trimStart().length
      lines.splice(at, nextFilled - at + 1, {
        text: a.text + glue + b.text.trimStart(),
        from: [...a.from, ...b.from],
        junk: a.junk || b.junk,
        partial: false,
        parts: [
          ...ownParts(a),
          ...ownParts(b).map((part) => ({ at: Math.max(0, part.at - trimmed) + shift, id: part.id })),
        ],
      })
      break
    }
    case 'split': {
      const line = defined(lines[at], 'the line')
      if (line.text.trim().length < 2) return null
      const spaces = [...line.text.matchAll(/ /g)].map((match) => match.index)
      const cut = spaces.length > 0 && dice.chance(0.5) ? dice.pick(spaces) : 1 + dice.int(line.text.length - 1)
      const head = line.text.slice(0, cut)
      const tail = line.text.slice(cut)
      if (head.trim() === '' || tail.trim() === '') return null
      touch(at)
      lines.splice(at, 1, { ...line, text: head, partial: true }, { ...line, text: tail, partial: true })
      break
    }
    case 'wrap': {
      const abstracts = filled.filter((index) => sourceOf(lines[index]).role === 'abstract')
      if (abstracts.length === 0) return null
      const index = dice.pick(abstracts)
      const line = defined(lines[index], 'the abstract line')
      const width = Math.min(40 + dice.int(81), Math.max(10, Math.floor(line.text.length / 2)))
      const pieces: string[] = []
      let current = ''
      for (const word of line.text.split(' ')) {
        if (current !== '' && current.length + 1 + word.length > width) {
          pieces.push(current)
          current = word
        } else current = current === '' ? word : `${current} ${word}`
      }
      pieces.push(current)
      if (pieces.length < 2) return null
      damage.touched.add(recordOf(index))
      lines.splice(index, 1, ...pieces.map((text) => ({ ...line, text, partial: true })))
      break
    }
    case 'duplicate-record': {
      const record = dice.int(count)
      const own = lines.flatMap((line, index) =>
        line.from.length > 0 && sourceOf(line).record === record ? [index] : [],
      )
      const first = defined(own[0], "the record's first line")
      const last = defined(own.at(-1), "the record's last line")
      const copy = lines.slice(first, last + 1).map((line) => ({ ...line }))
      lines.splice(last + 1, 0, { text: '', from: [], junk: false, partial: false }, ...copy)
      damage.touched.add(record)
      break
    }
  }
  return damage
}

/** What one run found. */
export interface RunResult {
  mutation: Mutation
  short: boolean
  threw: string | null
  lostLines: number
  streamDiffers: boolean
  /** The canonical text did not parse back to the digest it was written from. */
  roundTripDiffers: boolean
  /** Papers that are no record's own, each with or without an error near it. */
  wrongPapers: number
  silentWrongPapers: number
  /** Intact records next to the damage that came out changed (or not at all). */
  neighbourChanges: number
  /** Intact records further away that came out changed. */
  farChanges: number
  text: string
  canonical: string
  /** Each non-blank line of the damaged text: where it came from, and what the parser made of it. */
  roles: string
  readings: string
}

async function streamed(text: string, cuts: number[]) {
  const papers: Paper[] = []
  const messages: Diagnostic[] = []
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b)
  const chunks = [...points, text.length].map((end, index) => text.slice(index === 0 ? 0 : points[index - 1], end))
  for await (const paper of parseDigestStream(chunks, { year: YEAR, onMessage: (message) => messages.push(message) }))
    papers.push(paper)
  return { papers, messages }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** One run of the fuzzer, from its seed. */
export async function fuzzRun(seed: number, only?: Mutation): Promise<RunResult> {
  const dice = new Dice(randomGenerator(seed))
  const canonical = canonicalDigest(dice)
  const mutation = only ?? dice.pick(MUTATIONS)
  const short = canonical.lines.some(
    (line) =>
      line.from.length === 1 &&
      defined(canonical.sources[defined(line.from[0], 'its source')], 'a source').role === 'abstract' &&
      line.text.length <= 300,
  )
  const result: RunResult = {
    mutation,
    short,
    threw: null,
    lostLines: 0,
    streamDiffers: false,
    roundTripDiffers: false,
    wrongPapers: 0,
    silentWrongPapers: 0,
    neighbourChanges: 0,
    farChanges: 0,
    text: '',
    canonical: canonical.text,
    roles: '',
    readings: '',
  }
  let damage: Damage | null = null
  for (let attempt = 0; attempt < 8 && !damage; attempt++) damage = mutate(mutation, canonical, dice)
  if (!damage)
    damage = { mutation, lines: canonical.lines, touched: new Set(), between: null, goneFrom: canonical.count }
  const { lines } = damage
  const { sources } = canonical
  const text = (result.text = lines.map((line) => line.text).join('\n'))
  const cuts = [dice.int(text.length + 1), dice.int(text.length + 1), dice.int(text.length + 1)]
  try {
    const base = safeParseDigest(canonical.text, { year: YEAR })
    const basePapers = base.success ? base.data.papers : base.error.digest.papers
    result.roundTripDiffers =
      !base.success || base.messages.some((m) => m.severity === 'error')
        ? true
        : stringifyDigest(base.data) !== canonical.text
    const { tree, messages } = parseTree(text, { year: YEAR })
    const parsed = safeParseDigest(text, { year: YEAR })
    const papers = parsed.success ? parsed.data.papers : parsed.error.digest.papers
    result.lostLines = unaccounted(text, tree, messages).length
    const stream = await streamed(text, cuts)
    result.streamDiffers = !same(stream, { papers, messages: parsed.messages })

    // Each paper's parts, by the canonical lines they came from.
    const nodes = tree.children.filter((node): node is PaperNode => node.type === 'paper')
    const errors = parsed.messages.filter((message) => message.severity === 'error')
    // The canonical lines (null: junk) a node's characters came from.
    const origin = ({
      start,
      end,
    }: {
      start: { line: number; column: number }
      end: { line: number; column: number }
    }) => {
      const ids: Array<number | null> = []
      for (let number = start.line; number <= end.line; number++) {
        const line = defined(lines[number - 1], 'a line')
        if (line.text.trim() === '') continue
        const from = number === start.line ? start.column - 1 : 0
        const to = number === end.line ? end.column - 1 : line.text.length
        ids.push(...partsOf(line, from, to))
      }
      return ids
    }
    nodes.forEach((node) => {
      const parts: Record<'title' | 'abstract' | 'metadata', Array<number | null>> = {
        title: [],
        abstract: [],
        metadata: [],
      }
      for (const child of node.children) {
        if (child.type === 'title' || child.type === 'abstract' || child.type === 'metadata') {
          parts[child.type] = origin(child.position)
        }
      }
      const titleId = parts.title[0]
      const record = titleId == null ? undefined : defined(sources[titleId], 'a source').record
      const fits = (ids: Array<number | null>, roles: Role[]) =>
        ids.every((id) => {
          if (id === null) return false
          const source = defined(sources[id], 'a source')
          return source.record === record && roles.includes(source.role)
        })
      const own =
        record !== undefined &&
        record >= 0 &&
        fits(parts.title, ['title']) &&
        fits(parts.abstract, ['abstract']) &&
        fits(parts.metadata, ['authors', 'separator', 'published'])
      if (own) return
      result.wrongPapers++
      const first = node.position.start.line - 2
      const last = node.position.end.line + 2
      const near = errors.some((error) => {
        const position = defined(error.position, "an error's position")
        return position.start.line <= last && position.end.line >= first
      })
      if (!near) result.silentWrongPapers++
    })

    // For the analysis of failures: each non-blank line's source and reading.
    const ROLE: Record<Role, string> = {
      header: 'H',
      date: 'O',
      title: 'T',
      abstract: 'A',
      authors: 'U',
      separator: 'S',
      published: 'D',
    }
    const reading = new Map<number, string>()
    for (const node of tree.children) {
      const mark = (from: number, to: number, char: string) => {
        for (let line = from; line <= to; line++) reading.set(line, char)
      }
      if (node.type === 'paper') {
        for (const child of node.children) {
          const char = child.type === 'title' ? 'T' : child.type === 'abstract' ? 'A' : 'M'
          mark(child.position.start.line, child.position.end.line, char)
        }
      } else mark(node.position.start.line, node.position.end.line, node.type === 'header' ? 'H' : 'c')
    }
    for (const message of messages) {
      if (message.ruleId === 'unexpected-line' && message.position) {
        for (let line = message.position.start.line; line <= message.position.end.line; line++) {
          if (!reading.has(line)) reading.set(line, 'x')
        }
      }
    }
    lines.forEach((line, index) => {
      if (line.text.trim() === '') return
      const role = line.junk
        ? 'J'
        : line.from.map((id) => ROLE[defined(sources[id], 'a source').role]).join('+') + (line.partial ? "'" : '')
      result.roles += `${role} `
      result.readings += `${(reading.get(index + 1) ?? '?').padEnd(role.length)} `
    })

    // Every record the damage does not touch comes out as it was, its line aside.
    const touched = [...damage.touched]
    const low = touched.length > 0 ? Math.min(...touched) : defined(damage.between, 'where the damage is')[1]
    const high = touched.length > 0 ? Math.max(...touched) : defined(damage.between, 'where the damage is')[0]
    for (let record = 0; record < canonical.count; record++) {
      if (record >= low && record <= high) continue
      if (record >= damage.goneFrom) continue
      const titleId = defined(
        sources.find((source) => source.record === record && source.role === 'title'),
        "the record's title",
      ).id
      const index = lines.findIndex((line) => line.from.length === 1 && line.from[0] === titleId && !line.partial)
      const expected = { ...basePapers[record], line: index + 1 }
      const found = papers.find((paper) => paper.line === index + 1)
      if (index !== -1 && same(found, expected)) continue
      if (record === low - 1 || record === high + 1) result.neighbourChanges++
      else result.farChanges++
    }
  } catch (error) {
    result.threw = error instanceof Error ? `${error.message}\n${String(error.stack)}` : String(error)
  }
  return result
}

/** The rates over `runs` runs from `seed` on. */
export async function fuzz(runs: number, seed = 1, only?: Mutation) {
  const totals = {
    runs,
    threw: 0,
    lostLines: 0,
    streamDiffers: 0,
    roundTripDiffers: 0,
    wrongPaper: 0,
    silentWrongPaper: 0,
    neighbourChanged: 0,
    farChanged: 0,
  }
  const byMutation = new Map<Mutation, { runs: number; silent: number; neighbour: number; far: number }>()
  const examples: Array<{ seed: number; what: string }> = []
  for (let run = 0; run < runs; run++) {
    const result = await fuzzRun(seed + run, only)
    const row = byMutation.get(result.mutation) ?? { runs: 0, silent: 0, neighbour: 0, far: 0 }
    byMutation.set(result.mutation, row)
    row.runs++
    const flags: Array<[keyof typeof totals, boolean]> = [
      ['threw', result.threw !== null],
      ['lostLines', result.lostLines > 0],
      ['streamDiffers', result.streamDiffers],
      ['roundTripDiffers', result.roundTripDiffers],
      ['wrongPaper', result.wrongPapers > 0],
      ['silentWrongPaper', result.silentWrongPapers > 0],
      ['neighbourChanged', result.neighbourChanges > 0],
      ['farChanged', result.farChanges > 0],
    ]
    for (const [key, value] of flags) if (value) totals[key]++
    if (result.silentWrongPapers > 0) row.silent++
    if (result.neighbourChanges > 0) row.neighbour++
    if (result.farChanges > 0) row.far++
    const bad = flags.filter(([key, value]) => value && key !== 'wrongPaper').map(([key]) => key)
    if (bad.length > 0 && examples.length < 2000)
      examples.push({ seed: seed + run, what: `${result.mutation}: ${bad.join(', ')}` })
  }
  return { totals, byMutation, examples }
}
