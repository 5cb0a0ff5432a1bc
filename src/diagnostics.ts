import type { Position } from 'unist'
import type { Diagnostic } from './schema/schema.js'

/**
 * Every rule id the parser reports, with its severity. `docs/format.md`
 * explains each one with an example.
 *
 * @example
 * ```ts
 * RULES['missing-metadata'] // 'warning'
 * const errors = Object.keys(RULES).filter((rule) => RULES[rule as RuleId] === 'error')
 * ```
 */
export const RULES = {
  'missing-header': 'warning',
  'missing-metadata': 'warning',
  'missing-abstract': 'warning',
  'unexpected-line': 'error',
  'incomplete-metadata': 'error',
  'invalid-date': 'error',
  'truncated-record': 'warning',
  'unknown-year': 'warning',
  'duplicate-paper': 'warning',
  'no-papers': 'error',
  'binary-input': 'error',
  'invalid-encoding': 'error',
  'line-too-long': 'error',
  'input-too-large': 'error',
  // An error when any of those it counts is one.
  'too-many-diagnostics': 'warning',
} as const

/**
 * A rule id, such as `missing-metadata`.
 *
 * @example
 * ```ts
 * const ignored = new Set<RuleId>(['missing-header', 'unknown-year'])
 * const problems = messages.filter((m) => !ignored.has(m.ruleId as RuleId))
 * ```
 */
export type RuleId = keyof typeof RULES

/** Build the diagnostic of rule `ruleId` at `position`. */
export function diagnostic(ruleId: RuleId, message: string, position: Position): Diagnostic {
  return {
    severity: RULES[ruleId],
    ruleId,
    message,
    line: position.start.line,
    column: position.start.column,
    position,
  }
}

/** A line quoted in a message: at most `max` characters of it. */
export function quote(text: string, max = 48): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text)
}

/** Rules about the input as a whole, one diagnostic each at most: kept past any budget. */
const ALWAYS_KEPT: ReadonlySet<string> = new Set(['unknown-year', 'no-papers', 'binary-input', 'input-too-large'])

/**
 * At most `room` diagnostics kept (rules about the whole input aside); the
 * rest counted, by rule, and given back as one `too-many-diagnostics` that
 * spans them: an error if any of them is one. The batch functions keep
 * diagnostics so (see `docs/format.md`), and so can a stream's reader.
 *
 * @example
 * ```ts
 * const budget = new MessageBudget(1000, 'the first 1,000 are listed')
 * const kept: Diagnostic[] = []
 * for await (const paper of parseDigestStream(chunks, { onMessage: (m) => budget.keep(m) && kept.push(m) })) use(paper)
 * const rest = budget.summary() // null if every one was kept
 * if (rest) kept.push(rest)
 * ```
 */
export class MessageBudget {
  #room: number
  #kept = 0
  #count = 0
  #errors = 0
  #first: Diagnostic | null = null
  #last: Diagnostic | null = null
  readonly #rules = new Map<string, number>()
  readonly #why: string

  /** @param why Why the rest are not listed, and where to get them, for the summary's message. */
  constructor(room: number, why: string) {
    this.#room = room
    this.#why = why
  }

  /** Whether to keep `message`; if not, it is counted. */
  keep(message: Diagnostic): boolean {
    if (this.#room > 0 || ALWAYS_KEPT.has(message.ruleId)) {
      this.#room--
      this.#kept++
      return true
    }
    this.#count++
    if (message.severity === 'error') this.#errors++
    this.#rules.set(message.ruleId, (this.#rules.get(message.ruleId) ?? 0) + 1)
    const first = this.#first
    if (!first || message.line < first.line || (message.line === first.line && message.column < first.column)) {
      this.#first = message
    }
    if (!this.#last || endOf(message) > endOf(this.#last)) this.#last = message
    return false
  }

  /** The one diagnostic for those not kept, or `null` if all were; the count starts again. */
  summary(): Diagnostic | null {
    const first = this.#first
    const last = this.#last
    if (!first || !last) return null
    const rules = [...this.#rules]
      .sort((a, b) => b[1] - a[1])
      .map(([rule, times]) => `${rule} ${times.toLocaleString('en-US')}`)
      .join(', ')
    const start = first.position?.start ?? { line: first.line, column: first.column }
    const end = last.position?.end ?? start
    const message =
      `${this.#count.toLocaleString('en-US')} more diagnostics (${rules}) from line ${String(first.line)} ` +
      `to line ${String(end.line)}, not listed after ${this.#kept.toLocaleString('en-US')}: ${this.#why}`
    const result = diagnostic('too-many-diagnostics', message, { start, end })
    const severity = this.#errors > 0 ? 'error' : result.severity
    this.#count = this.#errors = 0
    this.#first = this.#last = null
    this.#rules.clear()
    return { ...result, severity }
  }
}

function endOf(message: Diagnostic): number {
  return message.position?.end.offset ?? message.position?.start.offset ?? 0
}
