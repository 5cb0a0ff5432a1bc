import { readFileSync } from 'node:fs'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { RULES, safeParseDigest } from '../src/index.js'
import { digestParse, digestStringify } from '../src/unified.js'
import { defined } from './helpers/defined.js'
import { readFixture } from './helpers/fixtures.js'

const DOCS = 'https://github.com/papers-digest/papers-digest/blob/main/docs/format.md#'
const processor = unified().use(digestParse).use(digestStringify)
const recovered = (text: string) => {
  const result = safeParseDigest(text)
  return result.success ? result.data : result.error.digest
}

describe('papers-digest/unified: file.data and message urls', () => {
  it.each([
    ['seeds', '001_f604c4867d4d0d65'],
    ['damage', 'stray-line'],
    ['damage', 'unknown-year'],
  ])('puts the parsed Digest of %s/%s in file.data.digest', (folder, name) => {
    const text = readFixture(folder, name)
    const file = processor.processSync(text)
    expect(file.data.digest).toEqual(recovered(text))
  })

  it("links each message to its rule's anchor in docs/format.md", () => {
    const file = processor.processSync(readFixture('damage', 'stray-line'))
    expect(file.messages.length).toBeGreaterThan(1)
    for (const message of file.messages) expect(message.url).toBe(`${DOCS}${defined(message.ruleId, 'a rule id')}`)
  })

  it('has an anchor in docs/format.md for every rule', () => {
    const docs = readFileSync(new URL('../docs/format.md', import.meta.url), 'utf8')
    for (const rule of Object.keys(RULES)) expect(docs, rule).toContain(`<a id="${rule}"></a>`)
  })
})
