/**
 * Options of the batch functions.
 *
 * @example
 * ```ts
 * const options: ParseOptions = { year: 2025, strict: true, maxBytes: 16 * 2 ** 20 }
 * parseDigest(text, options)
 * ```
 */
export interface ParseOptions {
  /**
   * The year of dates that do not write one (`May 21`).
   *
   * Default: one more than the latest year written anywhere in the digest,
   * since the page writes the year only for earlier years; `null` with an
   * `unknown-year` warning when no date writes one.
   */
  year?: number | undefined
  /**
   * Whether warnings count as errors: `parseDigest` then throws on any
   * diagnostic, and `safeParseDigest` fails.
   *
   * Default: `false`.
   */
  strict?: boolean | undefined
  /**
   * The largest input, in UTF-8 bytes, that the batch functions parse; a
   * larger one gives an `input-too-large` error instead of exhausting memory.
   * A real digest takes about its own size in memory, and records packed as
   * tightly as a record can be about 5 times theirs. Dense debris (random or
   * invalid bytes, one-letter lines, lone `·`) takes about its own size too:
   * it is one diagnostic, not one a line. Only records that each carry
   * diagnostics take more: about 14 times their size for records each with a
   * warning, about 25 times for records each with three (`npm run bench`
   * measures these). Use {@link parseDigestStream} for larger inputs: it
   * needs no limit.
   *
   * Default: `67108864` (64 MiB, about 600 times the largest real digest).
   */
  maxBytes?: number | undefined
  /**
   * How the page was written down: `text` (a browser copy), `markdown` (a
   * crawler's or reader's markdown, a text browser's dump) or `weblinks` (a
   * document export that writes each link's URL on a line of its own).
   * `auto` detects it from the first lines (`docs/format.md` says how).
   *
   * Default: `"auto"`.
   */
  rendering?: RenderingOption | undefined
}

/**
 * What {@link ParseOptions.rendering} takes.
 *
 * @example
 * ```ts
 * const rendering: RenderingOption = process.argv.includes('--markdown') ? 'markdown' : 'auto'
 * ```
 */
export type RenderingOption = 'auto' | 'text' | 'markdown' | 'weblinks'

const RENDERINGS = new Set<unknown>(['auto', 'text', 'markdown', 'weblinks'])

/**
 * The default of {@link ParseOptions.maxBytes}: 64 MiB.
 *
 * @example
 * ```ts
 * if (file.size > DEFAULT_MAX_BYTES) for await (const paper of parseDigestStream(file.stream())) save(paper)
 * ```
 */
export const DEFAULT_MAX_BYTES = 64 * 2 ** 20

export interface CheckedOptions {
  year: number | null
  strict: boolean
  maxBytes: number
  rendering: RenderingOption
}

/**
 * Options, checked. Wrong options are a programming error, not bad input,
 * so they throw a `TypeError` at once.
 */
export function checkOptions(options: ParseOptions | null | undefined): CheckedOptions {
  const { year, strict = false, maxBytes = DEFAULT_MAX_BYTES, rendering = 'auto' } = options ?? {}
  if (!RENDERINGS.has(rendering)) {
    throw new TypeError(`papers-digest: options.rendering must be auto, text, markdown or weblinks, not ${rendering}`)
  }
  if (year !== undefined && !(Number.isInteger(year) && year >= 1 && year <= 9999)) {
    throw new TypeError(`papers-digest: options.year must be a whole number from 1 to 9999, not ${String(year)}`)
  }
  if (typeof strict !== 'boolean') throw new TypeError('papers-digest: options.strict must be a boolean')
  if (!(maxBytes === Infinity || (Number.isInteger(maxBytes) && maxBytes >= 0))) {
    throw new TypeError(
      `papers-digest: options.maxBytes must be a whole number of bytes or Infinity, not ${String(maxBytes)}`,
    )
  }
  return { year: year ?? null, strict, maxBytes, rendering }
}
