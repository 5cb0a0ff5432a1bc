/**
 * `value`, which the test expects to be there. Where a `!` would only tell
 * the compiler so, this fails the test with a message when it is not.
 */
export function defined<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, got ${String(value)}`)
  return value
}
