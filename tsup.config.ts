import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: { index: 'src/index.ts', unified: 'src/unified.ts' },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    target: 'es2022',
    platform: 'neutral',
    sourcemap: true,
    clean: true,
    treeshake: true,
  },
  // The command line: dist/cli.js, ESM only, executable (the shebang of
  // src/cli/bin.ts is kept, and tsup makes the file executable).
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    clean: false,
    esbuildPlugins: [
      {
        // The CLI goes through the library's public entry: import the built
        // dist/index.js rather than bundle a second copy of the parser.
        name: 'library-external',
        setup(build) {
          build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
            /[\\/]src[\\/]cli$/.test(args.resolveDir) ? { path: './index.js', external: true } : undefined,
          )
        },
      },
    ],
  },
])
