import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as source from '../src/index.js'

// The package ships two builds, ESM and CommonJS, and an app can load both
// (it imports the package, a dependency requires it): two DigestParseError
// classes. DigestParseError.is recognises an error from either.

type Library = typeof source
const ESM = fileURLToPath(new URL('../dist/index.js', import.meta.url))
const CJS = fileURLToPath(new URL('../dist/index.cjs', import.meta.url))
if (!existsSync(ESM) || !existsSync(CJS)) throw new Error('dist/ is missing: run npm run build first (npm test does)')
// Paths in variables, so that the compiler types the builds as the sources
// and does not need them built.
const esm = (await import(ESM)) as Library
const cjs = createRequire(import.meta.url)(CJS) as Library
const BUILDS = { esm, cjs, source }

const INVALID_DATE = 'Title\n\nAbstract\n\n  • 2 authors\n·\nFeb 30, 2024'

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('it did not throw')
}

describe('DigestParseError', () => {
  it('is two classes in the two builds, so that instanceof fails across them', () => {
    expect(esm.DigestParseError).not.toBe(cjs.DigestParseError)
    expect(thrown(() => cjs.parseDigest(INVALID_DATE))).not.toBeInstanceOf(esm.DigestParseError)
    expect(thrown(() => esm.parseDigest(INVALID_DATE))).not.toBeInstanceOf(cjs.DigestParseError)
  })

  it.each(Object.keys(BUILDS) as Array<keyof typeof BUILDS>)(
    '.is recognises the errors of either build, from the %s build',
    (name) => {
      const { DigestParseError } = BUILDS[name]
      for (const build of Object.values(BUILDS)) {
        const error = thrown(() => build.parseDigest(INVALID_DATE))
        expect(DigestParseError.is(error)).toBe(true)
        const result = build.safeParseDigest(INVALID_DATE)
        expect(!result.success && DigestParseError.is(result.error)).toBe(true)
        // A type guard: `error` has the error's shape.
        expect(DigestParseError.is(error) && error.messages.map((message) => message.ruleId)).toContain('invalid-date')
      }
      expect(
        DigestParseError.is(
          new (class extends DigestParseError {})([], {
            title: null,
            date: null,
            rendering: 'text',
            page: null,
            query: null,
            papers: [],
          }),
        ),
      ).toBe(true)
    },
  )

  it.each(Object.keys(BUILDS) as Array<keyof typeof BUILDS>)(
    '.is rejects everything else, from the %s build',
    (name) => {
      const { DigestParseError } = BUILDS[name]
      const lookalike = Object.assign(new Error('1 error in the digest'), {
        name: 'DigestParseError',
        messages: [],
        digest: { title: null, date: null, papers: [] },
      })
      for (const value of [
        lookalike,
        new Error('x'),
        new TypeError('x'),
        {},
        [],
        'DigestParseError',
        0,
        null,
        undefined,
      ]) {
        expect(DigestParseError.is(value)).toBe(false)
      }
      expect(DigestParseError.is(DigestParseError)).toBe(false)
    },
  )

  it('carries its brand out of sight: on the prototype, not enumerable', () => {
    const error = thrown(() => source.parseDigest(INVALID_DATE)) as source.DigestParseError
    expect(Object.getOwnPropertySymbols(error)).toEqual([])
    expect(Object.keys(Object.getPrototypeOf(error) as object)).toEqual([])
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'DigestParseError',
      messages: error.messages,
      digest: error.digest,
    })
  })
})
