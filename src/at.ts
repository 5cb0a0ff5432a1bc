/**
 * `items[index]`, for an index the caller knows is inside `items`: an
 * internal error, not `undefined`, if it is not. The tables of the grammar
 * are read through it, so that no read past their end goes unnoticed.
 */
export function at<T>(items: ArrayLike<T | undefined>, index: number): T {
  const value = items[index]
  if (value === undefined) throw new Error(`papers-digest: internal error: nothing at ${String(index)}`)
  return value
}
