import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { defined } from './helpers/defined.js'

// Users meet the library through its TSDoc (editors, the API reference):
// every export of each entry point has a comment with an example.

const ENTRIES = ['src/index.ts', 'src/unified.ts'] as const
const program = ts.createProgram(ENTRIES, {
  strict: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
})
const checker = program.getTypeChecker()
const moduleOf = (entry: string): ts.Symbol =>
  defined(checker.getSymbolAtLocation(defined(program.getSourceFile(entry), entry)), `the module of ${entry}`)

function exportsOf(entry: string): Array<{ name: string; docs: string; examples: number }> {
  return checker.getExportsOfModule(moduleOf(entry)).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    const examples = symbol.getJsDocTags(checker).filter((tag) => tag.name === 'example').length
    return { name: exported.name, docs: ts.displayPartsToString(symbol.getDocumentationComment(checker)), examples }
  })
}

/** Each property of an exported options interface, with its documentation. */
function optionsOf(name: string): Array<{ name: string; docs: string }> {
  const exported = defined(
    checker.getExportsOfModule(moduleOf(ENTRIES[0])).find((symbol) => symbol.name === name),
    `an export ${name}`,
  )
  const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(exported))
  return type.getProperties().map((property) => ({
    name: property.name,
    docs: ts.displayPartsToString(property.getDocumentationComment(checker)),
  }))
}

describe.each(['ParseOptions', 'StreamOptions', 'DigestReaderOptions'])('the options of %s', (name) => {
  it('each state their default', () => {
    const options = optionsOf(name)
    expect(options.length).toBeGreaterThanOrEqual(3)
    expect(options.filter((option) => !/\bDefault: /.test(option.docs)).map((option) => option.name)).toEqual([])
  })
})

describe.each(ENTRIES)('the exports of %s', (entry) => {
  it('each have TSDoc with an example', () => {
    const exports = exportsOf(entry)
    expect(exports.length).toBeGreaterThan(entry.endsWith('index.ts') ? 30 : 10)
    expect(exports.filter((e) => e.docs.trim() === '' || e.examples === 0).map((e) => e.name)).toEqual([])
  })
})
