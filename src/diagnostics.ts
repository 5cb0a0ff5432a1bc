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
