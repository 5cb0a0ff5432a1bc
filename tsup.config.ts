import { defineConfig, type Options } from 'tsup'

// The configs below build in parallel; `npm run build` empties dist/ once
// before them, so that no config's clean can delete another's output.
// tsconfig.core.json: the library compiles without Node.js types (the CLI's
// build reads it too, for the same compiler options; its types are checked by
// `tsc -b`, through tsconfig.node.json).
const shared: Options = { target: 'es2022', sourcemap: true, clean: false, tsconfig: 'tsconfig.core.json' }
const entries = { index: 'src/index.ts', unified: 'src/unified.ts' }
// composite: false, as rollup-plugin-dts compiles only the entries' files.
const dts = { compilerOptions: { ignoreDeprecations: '6.0', composite: false } }

export default defineConfig([
  // ESM, one file per module: with `sideEffects: false`, a bundler then keeps
  // only the modules an import needs (parseDigest does not need zod).
  { ...shared, entry: ['src/**/*.ts', '!src/cli/**'], format: ['esm'], bundle: false, platform: 'neutral' },
  // CommonJS, bundled, with its declarations (.d.cts).
  { ...shared, entry: entries, format: ['cjs'], platform: 'neutral', dts },
  // The declarations of the ESM entries (.d.ts).
  { ...shared, entry: entries, format: ['esm'], dts: { ...dts, only: true } },
  // The command line: dist/cli.js, ESM only, executable (the shebang of
  // src/cli/bin.ts is kept, and tsup makes the file executable).
  {
    ...shared,
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    // The commands are loaded when one runs (--version need not load the
    // parser): their chunks are the CLI's, and named so (cli-…).
    esbuildOptions(options) {
      options.chunkNames = 'cli-[name]-[hash]'
    },
    esbuildPlugins: [
      {
        // The CLI uses the library's public functions from the built modules
        // that define them (dist/parse.js, dist/stream.js, …) rather than
        // bundle a second copy of the parser; not from dist/index.js, which
        // loads zod (the schemas) and would slow every command's start.
        name: 'library-external',
        setup(build) {
          build.onResolve({ filter: /^\.\.\/[a-z-]+\.js$/ }, (args) =>
            /[\\/]src[\\/]cli$/.test(args.resolveDir)
              ? { path: `./${args.path.slice('../'.length)}`, external: true }
              : undefined,
          )
        },
      },
    ],
  },
])
