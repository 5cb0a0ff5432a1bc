import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// Users meet the library through its TSDoc (editors, the API reference):
// every export of each entry point has a comment with an example.

const ENTRIES = ['src/index.ts', 'src/unified.ts']
const program = ts.createProgram(ENTRIES, {
  strict: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
})
const checker = program.getTypeChecker()

function exportsOf(entry: string): Array<{ name: string; docs: string; examples: number }> {
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!
  return checker.getExportsOfModule(module).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    const examples = symbol.getJsDocTags(checker).filter((tag) => tag.name === 'example').length
    return { name: exported.name, docs: ts.displayPartsToString(symbol.getDocumentationComment(checker)), examples }
  })
}

/** Each property of an exported options interface, with its documentation. */
function optionsOf(name: string): Array<{ name: string; docs: string }> {
  const module = checker.getSymbolAtLocation(program.getSourceFile(ENTRIES[0]!)!)!
  const exported = checker.getExportsOfModule(module).find((symbol) => symbol.name === name)!
  const type = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(exported))
  return type.getProperties().map((property) => ({
    name: property.name,
    docs: ts.displayPartsToString(property.getDocumentationComment(checker)),
  }))
}

describe.each(['ParseOptions', 'StreamOptions'])('the options of %s', (name) => {
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
