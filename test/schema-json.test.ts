import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { parseDigest } from '../src/index.js'
import { runCli } from './helpers/cli.js'
import { defined } from './helpers/defined.js'
import { fixtureNames, readFixture } from './helpers/fixtures.js'

// papers-digest/schema.json is generated from DigestSchema at build time
// (scripts/json-schema.mjs); programs in other languages validate with it.

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const schema = JSON.parse(readFileSync(`${ROOT}dist/schema.json`, 'utf8')) as object
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema)
const SEEDS = fixtureNames('seeds')

describe('papers-digest/schema.json', () => {
  it.each(SEEDS)('accepts the JSON of %s, from the library and from the command line', async (name) => {
    const fromLibrary = JSON.parse(JSON.stringify(parseDigest(readFixture('seeds', name)))) as unknown
    expect(validate(fromLibrary), JSON.stringify(validate.errors)).toBe(true)
    const cli = await runCli(['parse', `${ROOT}fixtures/seeds/${name}.txt`])
    expect(cli.code).toBe(0)
    expect(validate(JSON.parse(cli.stdout)), JSON.stringify(validate.errors)).toBe(true)
  })

  it('rejects what DigestSchema rejects', () => {
    const digest = JSON.parse(JSON.stringify(parseDigest(readFixture('seeds', defined(SEEDS[1]))))) as {
      papers: Array<Record<string, unknown>>
    }
    const broken = (change: (paper: Record<string, unknown>) => void) => {
      const copy = structuredClone(digest)
      change(defined(copy.papers[0]))
      return validate(copy)
    }
    expect(broken(() => {})).toBe(true)
    expect(broken((paper) => (paper.title = ''))).toBe(false)
    expect(broken((paper) => (paper.authorCount = 0))).toBe(false)
    expect(broken((paper) => ((paper.published as Record<string, unknown>).month = 13))).toBe(false)
    expect(broken((paper) => (paper.links = ['ftp://x.org']))).toBe(false)
    expect(broken((paper) => delete paper.line)).toBe(false)
  })
})
