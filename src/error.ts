import type { Diagnostic, Digest } from './schema/schema.js'

// The brand of DigestParseError.is: a symbol from the global registry, the
// same in every copy of the package (its ESM and CommonJS builds included).
const BRAND = Symbol.for('papers-digest.DigestParseError')

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
 *   if (!DigestParseError.is(error)) throw error
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

  static {
    // On the prototype: every instance has the brand, and none shows it.
    Object.defineProperty(this.prototype, BRAND, { value: true })
  }

  /**
   * Whether `value` is a `DigestParseError`, whichever copy of the package
   * made it. Prefer it to `instanceof`: the package's ESM and CommonJS builds
   * are two modules, with two `DigestParseError` classes, so an error thrown
   * by one build is not an `instanceof` the other's class (when an app
   * `import`s the package and a dependency `require`s it, for example).
   * Both classes carry the same brand, `Symbol.for('papers-digest.DigestParseError')`,
   * which `is` checks.
   *
   * @example
   * ```ts
   * import { DigestParseError, parseDigest } from 'papers-digest'
   *
   * try {
   *   parseDigest(text)
   * } catch (error) {
   *   // true for an error from the CommonJS build too, where `instanceof` is false
   *   if (DigestParseError.is(error)) console.error(error.messages)
   *   else throw error
   * }
   * ```
   *
   * @param value Anything, typically a caught error.
   */
  static is(value: unknown): value is DigestParseError {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true
  }
}
