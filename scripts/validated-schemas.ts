// The schemas the parser checks its output against, and where their
// predicates are written. Shared by the generator and its test.
import { fileURLToPath } from 'node:url'
import { DigestSchema, PaperDateSchema, PaperSchema } from '../src/schema/schema.js'

export const VALIDATED = [
  { name: 'isPaperDate', type: 'PaperDate', schema: PaperDateSchema },
  { name: 'isPaper', type: 'Paper', schema: PaperSchema },
  { name: 'isDigest', type: 'Digest', schema: DigestSchema },
]

export const VALIDATOR_FILE = fileURLToPath(new URL('../src/schema/validate.generated.ts', import.meta.url))
