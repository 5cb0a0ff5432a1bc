import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { describe, expectTypeOf, it } from 'vitest'
import { type DigestRoot, digestParse, digestStringify, type PaperNode, type ParseOptions } from '../src/unified.js'

describe('papers-digest/unified types', () => {
  it('parse gives a DigestRoot', () => {
    expectTypeOf(unified().use(digestParse).parse('')).toEqualTypeOf<DigestRoot>()
  })

  it('lets unist-util-visit type the nodes it finds', () => {
    const tree = unified().use(digestParse).parse('')
    visit(tree, 'paper', (node) => {
      expectTypeOf(node).toEqualTypeOf<PaperNode>()
    })
  })

  it('processes text to text', () => {
    const file = unified().use(digestParse).use(digestStringify).processSync('')
    expectTypeOf(file.messages).toBeArray()
    expectTypeOf(String(file)).toBeString()
  })

  it('takes the parse options', () => {
    unified().use(digestParse, { year: 2025 })
    unified().use(digestParse, null)
    expectTypeOf(digestParse).parameter(0).toEqualTypeOf<Readonly<ParseOptions> | null | undefined>()
    // @ts-expect-error: the year is a number
    unified().use(digestParse, { year: '2025' })
  })
})
