import * as z from 'zod/mini'

// The output's one source of truth. The types, the JSON Schema shipped as
// `papers-digest/schema.json` and the validator the parser runs on its own
// output (`validate.generated.ts`) all derive from these schemas.
//
// They use `zod/mini`, which builds no code at run time (no `new Function`),
// so they work under a strict Content-Security-Policy.

/** Not empty, and no white space at either end. */
const TRIMMED = /^\S(?:[^]*\S)?$/
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
    .check(z.minLength(1), z.describe('The date as written, without the upvote count: "May 13", "Aug 14, 2021".')),
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
  title: z.string().check(z.regex(TRIMMED), z.describe('Not empty, trimmed.')),
  abstract: z
    .string()
    .check(z.describe('Verbatim and trimmed; "" only when the record has none (and a diagnostic says so).')),
  authorCount: z
    .nullable(z.int().check(z.positive()))
    .check(
      z.describe('The number of authors; null when the record has no metadata block or the count cannot be read.'),
    ),
  published: z
    .nullable(PaperDateSchema)
    .check(z.describe('The date of the metadata block; null when there is none or it is not a valid date.')),
  upvotes: z
    .nullable(z.int().check(z.nonnegative()))
    .check(z.describe('The count after the date; 0 when the date line has none; null without a date line.')),
  links: z
    .array(z.string().check(z.regex(/^https?:\/\/\S+$/)))
    .check(z.describe('The http(s) URLs in the abstract, trailing punctuation removed.')),
  line: z.int().check(z.positive(), z.describe('The 1-based line of the title in the source text.')),
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
  title: z.nullable(z.string()).check(z.describe('"Daily Papers" when the page header is present, else null.')),
  date: z.nullable(PaperDateSchema).check(z.describe("The digest's own date line.")),
  papers: z.array(PaperSchema).check(z.describe('The papers, in source order.')),
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
