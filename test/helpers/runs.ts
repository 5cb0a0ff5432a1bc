/**
 * How many cases a property test runs: PROPERTY_RUNS if set (`npm run
 * test:long` sets 100,000), else `fallback`; times PROPERTY_SHARE, which the
 * `dist` project sets to a tenth (vitest.config.ts), at least 10.
 */
export function propertyRuns(fallback: number): number {
  const runs = Number(process.env.PROPERTY_RUNS ?? fallback)
  const share = Number(process.env.PROPERTY_SHARE ?? 1)
  return Math.max(10, Math.round(runs * share))
}
