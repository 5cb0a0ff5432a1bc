import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Diagnostic, type Digest, safeParseDigest } from '../../src/index.js'

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url))

/** The golden record of a fixture: its digest (recovered, if it failed) and every diagnostic. */
export interface Golden {
  success: boolean
  digest: Digest
  messages: Diagnostic[]
}

/** The `.txt` fixtures of a folder of `fixtures/`, by name. */
export function fixtureNames(folder: string): string[] {
  return readdirSync(FIXTURES + folder)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => file.slice(0, -4))
    .sort()
}

export function readFixture(folder: string, name: string): string {
  return readFileSync(`${FIXTURES}${folder}/${name}.txt`, 'utf8')
}

export function readGolden(folder: string, name: string): Golden {
  return JSON.parse(readFileSync(`${FIXTURES}${folder}/${name}.json`, 'utf8')) as Golden
}

/** What the parser makes of a text, in the shape of a golden file. */
export function golden(text: string): Golden {
  const result = safeParseDigest(text)
  return {
    success: result.success,
    digest: result.success ? result.data : result.error.digest,
    messages: result.messages,
  }
}
