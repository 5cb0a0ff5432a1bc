import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const built = (file: string) => fileURLToPath(new URL(`./dist/${file}`, import.meta.url))

// The tests of the public API run twice: against src/, and against the built
// package in dist/, which is what users get (`npm test` builds it first).
const PUBLIC_API = [
  'test/seeds.test.ts',
  'test/damage.test.ts',
  'test/stream.test.ts',
  'test/stringify.test.ts',
  'test/unified.test.ts',
  'test/merge.test.ts',
  'test/stream-header.test.ts',
  'test/unified-data.test.ts',
]

export default defineConfig({
  test: {
    // The property tests run thousands of cases; give them room on a busy machine.
    testTimeout: 120_000,
    // gc() for the tests of large inputs, which collect between steps rather
    // than let hundreds of megabytes of garbage gather (test/hostile.test.ts).
    execArgv: ['--expose-gc'],
    // A test file a core at a time. vitest's default leaves a core free, which
    // on a 2-core machine ran the suite one file at a time.
    maxWorkers: '100%',
    // The files of a worker share their modules rather than load them again
    // for each (7 s of imports instead of 12): no test mocks a module or
    // leaves global state behind.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'src',
          include: ['test/**/*.test.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'tsconfig.node.json' },
        },
      },
      {
        extends: true,
        // The built package's property tests run a tenth of their cases: they
        // check that the build is the source, which src/ checks in depth.
        test: { name: 'dist', include: PUBLIC_API, env: { PROPERTY_SHARE: '0.1' } },
        resolve: {
          alias: [
            { find: /^(\.\.\/)+src\/index\.js$/, replacement: built('index.js') },
            { find: /^(\.\.\/)+src\/unified\.js$/, replacement: built('unified.js') },
          ],
        },
      },
    ],
  },
})
