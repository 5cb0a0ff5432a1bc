import type { Diagnostic, Digest } from './schema/schema.js'

/**
 * Thrown by {@link parseDigest} when the text has errors (or any warning, with
 * `strict`), and returned by {@link safeParseDigest}. It carries every
 * diagnostic and the digest of every record that could be recovered.
 *
 * @example
 * ```ts
 * import { DigestParseError, parseDigest } from 'papers-digest'
 *
 * try {
 *   parseDigest(text)
 * } catch (error) {
 *   if (!(error instanceof DigestParseError)) throw error
 *   for (const m of error.messages) console.error(`${m.line}:${m.column} ${m.message} (${m.ruleId})`)
 *   const recovered = error.digest.papers
 * }
 * ```
 */
export class DigestParseError extends Error {
  override name = 'DigestParseError'
  /** Every diagnostic, errors and warnings, in source order. */
  readonly messages: Diagnostic[]
  /** The validated digest of every record recovered despite the errors. */
  readonly digest: Digest

  constructor(messages: Diagnostic[], digest: Digest, strict = false) {
    const counted = strict ? messages : messages.filter((message) => message.severity === 'error')
    const first = counted[0]
    const what = `${String(counted.length)} ${strict ? 'problem' : 'error'}${counted.length === 1 ? '' : 's'}`
    super(
      first
        ? `${what} in the digest, the first at ${String(first.line)}:${String(first.column)}: ${first.message} (${first.ruleId})`
        : what,
    )
    this.messages = messages
    this.digest = digest
  }
}
