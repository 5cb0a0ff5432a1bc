import * as z from 'zod/mini'

// The output's one source of truth. The types, the JSON Schema shipped as
// `papers-digest/schema.json` and the validator the parser runs on its own
// output (`validate.generated.ts`) all derive from these schemas.
//
// They use `zod/mini`, which builds no code at run time (no `new Function`),
// so they work under a strict Content-Security-Policy.

/** Not empty, and no white space at either end. */
const TRIMMED = /^\S(?:[^]*\S)?$/
/** A new-style (`2606.00683`, `2606.00683v2`) or old-style (`hep-th/9901001`) arXiv id. */
const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/
/** A year from 1 to 9999, as `iso` needs four digits. */
const YEAR = z.int().check(z.gte(1), z.lte(9999))

/**
 * A date as the page writes it, with the year resolved.
 *
 * @example
 * ```ts
 * import { PaperDateSchema } from 'papers-digest'
 *
 * PaperDateSchema.parse({
 *   text: 'Aug 14, 2021', year: 2021, month: 8, day: 14,
 *   yearInferred: false, iso: '2021-08-14',
 * })
 * ```
 */
export const PaperDateSchema = z.object({
  text: z
    .string()
    .check(z.minLength(1), z.describe('The date as written, without the comment count: "May 13", "Aug 14, 2021".')),
  year: z
    .nullable(YEAR)
    .check(
      z.describe(
        'The written year, else options.year, else one more than the latest year written in the digest, else null.',
      ),
    ),
  month: z.int().check(z.gte(1), z.lte(12), z.describe('1 to 12.')),
  day: z.int().check(z.gte(1), z.lte(31), z.describe('1 to 31, valid for the month.')),
  yearInferred: z.boolean().check(z.describe('True when the year did not come from the text.')),
  iso: z
    .nullable(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)))
    .check(z.describe('"2021-08-14" when the year is known, else null.')),
})

/**
 * One paper of a digest.
 *
 * @example
 * ```ts
 * import { PaperSchema } from 'papers-digest'
 *
 * const paper = PaperSchema.parse(JSON.parse(line))
 * ```
 */
export const PaperSchema = z.object({
  title: z
    .string()
    .check(
      z.regex(TRIMMED),
      z.describe('The title: not empty, trimmed, markup removed, hard wraps joined with one space.'),
    ),
  abstract: z
    .string()
    .check(
      z.describe(
        'The abstract (or the AI summary a trending card shows), verbatim: hard wraps joined with one space, markup removed, trimmed. "" only when the card has none (and a diagnostic says so).',
      ),
    ),
  authorCount: z
    .nullable(z.int().check(z.positive()))
    .check(
      z.describe(
        'The number of authors the card shows ("4 authors"); null when it shows none: an organisation instead, no metadata, or a count that cannot be read.',
      ),
    ),
  organization: z
    .nullable(z.string().check(z.regex(TRIMMED)))
    .check(
      z.describe(
        'The organisation the card shows instead of the author count ("Carnegie Mellon University"); else null.',
      ),
    ),
  published: z
    .nullable(PaperDateSchema)
    .check(z.describe("The card's date; null when the card shows none or it is not a valid date.")),
  upvotes: z
    .nullable(z.int().check(z.nonnegative()))
    .check(
      z.describe(
        'The vote count shown before the title (or as "Upvote N"); "-" is 0. null when the rendering shows none (the text rendering never does).',
      ),
    ),
  comments: z
    .nullable(z.int().check(z.nonnegative()))
    .check(
      z.describe(
        "The comment count shown after the date (it links to the paper's #community tab); 0 when the date has none; null when the card has no date.",
      ),
    ),
  submittedBy: z
    .nullable(z.string().check(z.regex(TRIMMED)))
    .check(z.describe('The user name after "Submitted by" (trending cards); else null.')),
  arxivId: z
    .nullable(z.string().check(z.regex(ARXIV_ID)))
    .check(
      z.describe(
        'The arXiv id ("2606.00683"), from the card\'s links to huggingface.co/papers/ID or arxiv.org; null when the card links to neither.',
      ),
    ),
  githubRepo: z
    .nullable(z.string().check(z.regex(/^https:\/\/github\.com\/\S+$/)))
    .check(z.describe('The card\'s GitHub link ("https://github.com/OWNER/REPO"); else null.')),
  githubStars: z
    .nullable(z.int().check(z.nonnegative()))
    .check(z.describe('The star count beside the GitHub link ("3.29k" is 3290); else null.')),
  links: z
    .array(z.string().check(z.regex(/^https?:\/\/\S+$/)))
    .check(z.describe('The http(s) URLs written in the abstract, in order, trailing punctuation removed.')),
  line: z
    .int()
    .check(
      z.positive(),
      z.describe('The 1-based line of the title in the source text (the first line of a wrapped title).'),
    ),
})

/**
 * A whole digest: its header and its papers in source order.
 *
 * @example
 * ```ts
 * import { DigestSchema } from 'papers-digest'
 *
 * const digest = DigestSchema.parse(JSON.parse(await readFile('digest.json', 'utf8')))
 * ```
 */
export const DigestSchema = z.object({
  title: z
    .nullable(z.string())
    .check(z.describe('"Daily Papers" (or "Trending Papers") when the page header is present, else null.')),
  date: z.nullable(PaperDateSchema).check(z.describe("The digest's own date line (the page's date), else null.")),
  rendering: z
    .enum(['text', 'markdown', 'weblinks'])
    .check(
      z.describe(
        'How the page was written down: "text" (a browser copy), "markdown" (a crawler\'s or reader\'s markdown, a text browser\'s dump) or "weblinks" (each link\'s URL on a line of its own).',
      ),
    ),
  page: z
    .nullable(z.enum(['daily', 'weekly', 'monthly', 'search', 'trending']))
    .check(z.describe('Which list the page is, when the text says; else null.')),
  query: z.nullable(z.string()).check(z.describe('The search query a search page echoes; else null.')),
  papers: z.array(PaperSchema).check(z.describe('The papers, in source order.')),
})

/** Where a merged paper was seen: one of the digests given to `mergeDigests`. */
const SeenSchema = z.object({
  digest: z.int().check(z.nonnegative(), z.describe("The digest's index in MergedDigest.digests (0 is the oldest).")),
  file: z.nullable(z.string()).check(z.describe('The name the digest was given with ({ file, digest }); else null.')),
  date: z
    .nullable(z.string().check(z.minLength(1)))
    .check(z.describe('The digest\'s date: its iso, else its text ("Oct 31"), else null.')),
})

/**
 * One paper of {@link MergedDigestSchema}: a {@link PaperSchema} paper, with
 * the first and the last digest it was seen in, and in how many.
 *
 * @example
 * ```ts
 * import { MergedPaperSchema } from 'papers-digest'
 *
 * const paper = MergedPaperSchema.parse(JSON.parse(line)) // a row of merge --format ndjson, less file and digestDate
 * console.log(paper.title, paper.firstSeen.date, paper.lastSeen.date, paper.seen)
 * ```
 */
export const MergedPaperSchema = z.extend(PaperSchema, {
  firstSeen: SeenSchema.check(z.describe('The first (oldest) digest the paper was seen in.')),
  lastSeen: SeenSchema.check(
    z.describe("The last (newest) digest the paper was seen in; the paper's line is in this digest."),
  ),
  seen: z.int().check(z.positive(), z.describe('How many of the digests the paper was seen in.')),
})

/** One digest given to `mergeDigests`: its header, and how many papers it held. */
const MergedSourceSchema = z.object({
  file: z.nullable(z.string()).check(z.describe('The name the digest was given with ({ file, digest }); else null.')),
  title: DigestSchema.shape.title,
  date: DigestSchema.shape.date,
  rendering: DigestSchema.shape.rendering,
  page: DigestSchema.shape.page,
  query: DigestSchema.shape.query,
  papers: z.int().check(z.nonnegative(), z.describe('How many papers the digest held (duplicates included).')),
})

/**
 * What `mergeDigests` returns: the digests it was given, oldest first, and
 * their unique papers, in the order they were first seen.
 *
 * @example
 * ```ts
 * import { MergedDigestSchema } from 'papers-digest'
 *
 * const week = MergedDigestSchema.parse(JSON.parse(await readFile('week.json', 'utf8'))) // merge --format json
 * ```
 */
export const MergedDigestSchema = z.object({
  digests: z.array(MergedSourceSchema).check(z.describe('The digests merged, oldest first.')),
  papers: z
    .array(MergedPaperSchema)
    .check(z.describe('The unique papers, in the order they were first seen; newest counts kept.')),
})

const PointSchema = z.object({
  line: z.int().check(z.positive()),
  column: z.int().check(z.positive()),
  offset: z.optional(z.int().check(z.nonnegative())),
})

/**
 * One problem found in the input. `line` and `column` are 1-based;
 * `position` spans what the diagnostic is about.
 *
 * @example
 * ```ts
 * import { DiagnosticSchema } from 'papers-digest'
 *
 * DiagnosticSchema.parse({
 *   severity: 'warning', ruleId: 'missing-metadata',
 *   message: 'no metadata block', line: 269, column: 1,
 * })
 * ```
 */
export const DiagnosticSchema = z.object({
  severity: z.enum(['error', 'warning']),
  ruleId: z.string().check(z.describe('A stable id, such as "missing-metadata".')),
  message: z.string(),
  line: z.int().check(z.positive()),
  column: z.int().check(z.positive()),
  position: z.optional(z.object({ start: PointSchema, end: PointSchema })),
})

/**
 * A date as the page writes it, with the year resolved.
 *
 * @example
 * ```ts
 * const date: PaperDate = { text: 'May 13', year: 2025, month: 5, day: 13, yearInferred: true, iso: '2025-05-13' }
 * ```
 */
export type PaperDate = z.infer<typeof PaperDateSchema>
/**
 * One paper of a digest.
 *
 * @example
 * ```ts
 * const recent = (paper: Paper) => (paper.published?.year ?? 0) >= 2024
 * ```
 */
export type Paper = z.infer<typeof PaperSchema>
/**
 * A whole digest.
 *
 * @example
 * ```ts
 * const digest: Digest = parseDigest(text)
 * console.log(digest.date?.iso, digest.papers.length)
 * ```
 */
export type Digest = z.infer<typeof DigestSchema>
/**
 * One problem found in the input.
 *
 * @example
 * ```ts
 * const line = (file: string, m: Diagnostic) => `${file}:${m.line}:${m.column}: ${m.severity}: ${m.message} (${m.ruleId})`
 * ```
 */
export type Diagnostic = z.infer<typeof DiagnosticSchema>
/**
 * One paper of a {@link MergedDigest}.
 *
 * @example
 * ```ts
 * const trending = (paper: MergedPaper) => paper.seen > 1 && (paper.upvotes ?? 0) > 10
 * ```
 */
export type MergedPaper = z.infer<typeof MergedPaperSchema>
/**
 * What `mergeDigests` returns.
 *
 * @example
 * ```ts
 * const week: MergedDigest = mergeDigests(days)
 * console.log(week.digests.length, 'days,', week.papers.length, 'papers')
 * ```
 */
export type MergedDigest = z.infer<typeof MergedDigestSchema>
