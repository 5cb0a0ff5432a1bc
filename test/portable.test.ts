import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { defined } from './helpers/defined.js'

// The core (src/ but src/cli/) runs in any JavaScript runtime because it is
// compiled without Node.js types: tsconfig.core.json has `"types": []` and
// the ECMAScript library only, and `tsc -b` checks it. These tests check that
// the config covers the whole core, and that a Node.js import or global in a
// core module is a compile error.
const ROOT = fileURLToPath(new URL('../', import.meta.url))
const CONFIG = `${ROOT}tsconfig.core.json`

function coreConfig(): ts.ParsedCommandLine {
  const file = ts.readConfigFile(CONFIG, (path) => ts.sys.readFile(path))
  if (file.error) throw new Error(ts.flattenDiagnosticMessageText(file.error.messageText, '\n'))
  return ts.parseJsonConfigFileContent(file.config, ts.sys, ROOT, undefined, CONFIG)
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(`${dir}${entry.name}/`) : [`${dir}${entry.name}`],
  )
}

/** The errors of a module compiled in the core's program, at src/probe.ts. */
function compileInCore(code: string): string[] {
  const { options, fileNames } = coreConfig()
  const probe = `${ROOT}src/probe.ts`
  const base = ts.createCompilerHost(options)
  const host: ts.CompilerHost = {
    ...base,
    getSourceFile: (file, language, ...rest) =>
      file === probe ? ts.createSourceFile(file, code, language) : base.getSourceFile(file, language, ...rest),
    fileExists: (file) => file === probe || base.fileExists(file),
    readFile: (file) => (file === probe ? code : base.readFile(file)),
  }
  const program = ts.createProgram({ rootNames: [...fileNames, probe], options, host })
  const file = defined(program.getSourceFile(probe))
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
    (diagnostic) => `TS${String(diagnostic.code)}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`,
  )
}

describe('the core', () => {
  it('is every module of src/ but the CLI, compiled without Node.js types', () => {
    const { options, fileNames } = coreConfig()
    expect(options.types).toEqual([])
    const core = sources(`${ROOT}src/`).filter((file) => file.endsWith('.ts') && !file.includes('/src/cli/'))
    expect(core.length).toBeGreaterThan(10)
    expect([...fileNames].sort()).toEqual(core.sort())
  })

  it('compiles a module that uses the library and the language', () => {
    const code = `import { parseDigest } from './index.js'\nexport const titles = new Set(parseDigest('').papers.map((p) => p.title))\n`
    expect(compileInCore(code)).toEqual([])
  })

  it.each([
    [`import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n`, 'node:fs'],
    [`import { readFileSync } from 'fs'\nexport const read = readFileSync\n`, 'fs'],
    [`export const env = process.env\n`, 'process'],
    [`export const bytes = Buffer.from('')\n`, 'Buffer'],
    [`export const read = require('node:fs')\n`, 'require'],
  ])('does not compile a module that uses Node.js: %s', (code, name) => {
    expect(compileInCore(code)).toEqual([
      `TS2591: Cannot find name '${name}'. Do you need to install type definitions for node? Try \`npm i --save-dev @types/node\` and then add 'node' to the types field in your tsconfig.`,
    ])
  })

  it('does not know the DOM either: a web API the core uses is declared where it is used', () => {
    // As src/decode.ts declares TextDecoder.
    expect(compileInCore(`export const decoder = new TextDecoder()\n`)).toEqual([
      "TS2304: Cannot find name 'TextDecoder'.",
    ])
  })
})
