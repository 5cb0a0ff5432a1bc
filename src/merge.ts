import type { Digest, MergedDigest, MergedPaper, Paper, PaperDate } from './schema/schema.js'
import { isDigest, isMergedDigest } from './schema/validate.generated.js'

/**
 * A digest given to {@link mergeDigests}: a `Digest`, or a `Digest` with the
 * name of the file it came from (the entries of `papers-digest parse`'s JSON
 * array for several files have this shape).
 *
 * @example
 * ```ts
 * const inputs: MergeInput[] = [parseDigest(monday), { file: 'tuesday.txt', digest: parseDigest(tuesday) }]
 * ```
 */
export type MergeInput = Digest | { file: string; digest: Digest }

/**
 * Options of {@link mergeDigests}.
 *
 * @example
 * ```ts
 * const options: MergeOptions = { order: 'date' }
 * mergeDigests(digests, options)
 * ```
 */
export interface MergeOptions {
  /**
   * Which digest is newer, for the counts kept and for `firstSeen` and
   * `lastSeen`: `given`, the digests are oldest first, as given; `date`, they
   * are sorted by their own date (its `iso`; digests whose date has no known
   * year count as the oldest), the order given deciding between equal dates.
   *
   * Default: `"given"`.
   */
  order?: 'given' | 'date' | undefined
}

/** A paper being merged, and what it is recognised by. */
interface Entry {
  paper: MergedPaper
  arxiv: string | null
  /** The index of the last digest that counted it in `seen`. */
  lastDigest: number
}

/**
 * Merge several digests (a week of daily pages, the pages of a search, the
 * same page scraped twice) into one list of unique papers.
 *
 * The same paper is recognised by its arXiv id (without its version), else
 * by its normalised title (Unicode NFKC, lower case, every run of what is not
 * a letter or a digit one space) and its date (month and day, and the year
 * where both know it). Digests are taken oldest first (see
 * {@link MergeOptions.order}): the paper keeps the newest digest's fields,
 * its counts (`upvotes`, `comments`, `githubStars`) included; a field the
 * newest digest does not show (`null`, an empty abstract, a date without a
 * year) is taken from the newest digest that does. Each paper records the
 * first and the last digest it was seen in, and in how many; its `line` is
 * in the last. Papers come in the order they were first seen.
 *
 * The result is validated against {@link MergedDigestSchema}. It is pure:
 * the digests given are not changed.
 *
 * @example
 * A week of daily pages, saved as `2025-10-27.txt` to `2025-10-31.txt`:
 * ```ts
 * import { readFile } from 'node:fs/promises'
 * import { mergeDigests, parseDigest } from 'papers-digest'
 *
 * const days = ['2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31']
 * const week = mergeDigests(
 *   await Promise.all(
 *     days.map(async (day) => ({ file: `${day}.txt`, digest: parseDigest(await readFile(`${day}.txt`), { year: 2025 }) })),
 *   ),
 * )
 * for (const paper of week.papers) {
 *   console.log(paper.title, paper.upvotes, `seen ${paper.seen} times, ${paper.firstSeen.date} to ${paper.lastSeen.date}`)
 * }
 * ```
 *
 * @param digests The digests, oldest first (or any order with `order: 'date'`).
 * @param options How to tell which digest is newer.
 * @returns The digests' headers, oldest first, and their unique papers.
 * @throws {TypeError} When an input is not a `Digest` (checked against
 *   `DigestSchema`), or an option is wrong.
 */
export function mergeDigests(digests: Iterable<MergeInput>, options?: MergeOptions | null): MergedDigest {
  // Checked as given: a JavaScript caller may pass anything.
  const order: unknown = options?.order ?? 'given'
  if (order !== 'given' && order !== 'date') {
    throw new TypeError(`papers-digest: options.order must be given or date, not ${String(order)}`)
  }
  const inputs = [...digests].map((input: unknown, index) => {
    const named = typeof input === 'object' && input !== null && !('papers' in input) && 'digest' in input
    const file = named ? ('file' in input ? input.file : undefined) : null
    const digest = named ? input.digest : input
    if (!isDigest(digest) || (file !== null && typeof file !== 'string')) {
      throw new TypeError(`papers-digest: digests[${String(index)}] is not a Digest (nor { file, digest })`)
    }
    return { file, digest, index }
  })
  if (order === 'date') inputs.sort((a, b) => compareDates(a.digest.date, b.digest.date) || a.index - b.index)

  const entries: Entry[] = []
  const byArxiv = new Map<string, Entry>()
  const byTitle = new Map<string, Entry[]>()
  for (const [index, { file, digest }] of inputs.entries()) {
    const seen = { digest: index, file, date: digestDate(digest) }
    for (const paper of digest.papers) {
      const arxiv = paper.arxivId && withoutVersion(paper.arxivId)
      const key = titleKey(paper)
      const found = (arxiv !== null ? byArxiv.get(arxiv) : undefined) ?? sameTitle(byTitle.get(key), paper, arxiv)
      if (!found) {
        const entry: Entry = {
          paper: { ...copyPaper(paper), firstSeen: { ...seen }, lastSeen: { ...seen }, seen: 1 },
          arxiv,
          lastDigest: index,
        }
        entries.push(entry)
        if (arxiv !== null) byArxiv.set(arxiv, entry)
        const same = byTitle.get(key)
        if (same) same.push(entry)
        else byTitle.set(key, [entry])
        continue
      }
      const { firstSeen } = found.paper
      const count = found.paper.seen + (found.lastDigest === index ? 0 : 1)
      found.paper = { ...newest(found.paper, paper), firstSeen, lastSeen: { ...seen }, seen: count }
      found.lastDigest = index
      if (arxiv !== null && found.arxiv === null) {
        found.arxiv = arxiv
        byArxiv.set(arxiv, found)
      }
    }
  }

  const merged: MergedDigest = {
    digests: inputs.map(({ file, digest }) => ({
      file,
      title: digest.title,
      date: digest.date && { ...digest.date },
      rendering: digest.rendering,
      page: digest.page,
      query: digest.query,
      papers: digest.papers.length,
    })),
    papers: entries.map((entry) => entry.paper),
  }
  if (!isMergedDigest(merged)) {
    throw new Error('papers-digest: internal error: a merged digest does not pass MergedDigestSchema; please report it')
  }
  return merged
}

/**
 * The stable id of a paper, as a URI: `https://huggingface.co/papers/ID`
 * when its arXiv id is known (without its version), else a `urn:` made of its
 * date and its normalised title, as {@link mergeDigests} recognises papers:
 * `urn:papers-digest:2025-10-31:graph2mda-a-multi-modal-variational-graph-embedding-model`
 * (`--10-31` for a date whose year is not known, `undated` for none). The
 * feeds of `papers-digest` use it as each item's id.
 *
 * @example
 * ```ts
 * import { paperId } from 'papers-digest'
 *
 * const seen = new Set(digest.papers.map(paperId))
 * const fresh = tomorrow.papers.filter((paper) => !seen.has(paperId(paper)))
 * ```
 */
export function paperId(paper: Paper): string {
  if (paper.arxivId) return `https://huggingface.co/papers/${withoutVersion(paper.arxivId)}`
  const date = paper.published
  const when = date ? (date.iso ?? `--${pad(date.month)}-${pad(date.day)}`) : 'undated'
  return `urn:papers-digest:${when}:${encodeURIComponent(normalizeTitle(paper.title).replaceAll(' ', '-'))}`
}

/** A title as papers are recognised by: NFKC, lower case, every run of non-letters and non-digits one space. */
function normalizeTitle(title: string): string {
  const words = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
  return words === '' ? title.normalize('NFKC').toLowerCase() : words
}

function titleKey(paper: Paper): string {
  const date = paper.published
  return `${date ? `${String(date.month)}-${String(date.day)}` : '-'} ${normalizeTitle(paper.title)}`
}

/** The entry among those of the same title and day that is the same paper: the same year where both know it, no other arXiv id. */
function sameTitle(entries: Entry[] | undefined, paper: Paper, arxiv: string | null): Entry | undefined {
  const year = paper.published?.year ?? null
  return entries?.find((entry) => {
    const known = entry.paper.published?.year ?? null
    return (
      (entry.arxiv === null || arxiv === null || entry.arxiv === arxiv) &&
      (known === null || year === null || known === year)
    )
  })
}

/** The newer paper's fields, each that it does not show taken from the older. */
function newest(older: MergedPaper, newer: Paper): Paper {
  const paper = copyPaper(newer)
  paper.authorCount ??= older.authorCount
  paper.organization ??= older.organization
  paper.upvotes ??= older.upvotes
  paper.comments ??= older.comments
  paper.submittedBy ??= older.submittedBy
  paper.arxivId ??= older.arxivId
  paper.githubRepo ??= older.githubRepo
  paper.githubStars ??= older.githubStars
  if (paper.published === null || (paper.published.year === null && older.published?.year != null)) {
    paper.published = older.published && { ...older.published }
  }
  if (paper.abstract === '' && older.abstract !== '') {
    paper.abstract = older.abstract
    paper.links = [...older.links]
  }
  return paper
}

/** A paper's own fields only (and fresh objects), whatever else the object given holds. */
function copyPaper(paper: Paper): Paper {
  return {
    title: paper.title,
    abstract: paper.abstract,
    authorCount: paper.authorCount,
    organization: paper.organization,
    published: paper.published && { ...paper.published },
    upvotes: paper.upvotes,
    comments: paper.comments,
    submittedBy: paper.submittedBy,
    arxivId: paper.arxivId,
    githubRepo: paper.githubRepo,
    githubStars: paper.githubStars,
    links: [...paper.links],
    line: paper.line,
  }
}

/** The digest's date as a string: its `iso`, else its text; `null` without one. */
function digestDate(digest: Digest): string | null {
  return digest.date ? (digest.date.iso ?? digest.date.text) : null
}

/** Dates without a known year sort first (the oldest). */
function compareDates(a: PaperDate | null, b: PaperDate | null): number {
  const x = a?.iso ?? ''
  const y = b?.iso ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}

const withoutVersion = (id: string): string => id.replace(/v\d+$/, '')
const pad = (value: number): string => String(value).padStart(2, '0')
