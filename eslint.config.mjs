// `npm run lint`: ESLint with typescript-eslint's strict type-checked rules,
// then `prettier --check .` (formatting is Prettier's alone: eslint-config-prettier
// turns off the rules it would contradict).
import js from '@eslint/js'
import prettier from 'eslint-config-prettier/flat'
import { defineConfig, globalIgnores } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  globalIgnores(['dist/', 'docs/api/', 'docs/playground/site/', 'coverage/', 'fixtures/', '.bench/']),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      // Each file is typed by the project of tsconfig.json that holds it.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { line, ...rest } = paper` is how to leave a property out of a
      // copy: `line` is used, to that end.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // The scripts in JavaScript (and this file) are not in a TypeScript
    // project: they get the rules that need no types.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Scripts that drive the playground in Chromium: the functions they hand
    // to playwright's page.evaluate and page.waitForFunction run in the page.
    files: ['test/browser/playground.mjs', 'docs/playground/screenshot.mjs'],
    languageOptions: { globals: globals.browser },
  },
  prettier,
)
