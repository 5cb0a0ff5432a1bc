// The schemas the parser checks its output against, and where their
// predicates are written. Shared by the generator and its test.
import { fileURLToPath } from 'node:url'
import * as z from 'zod/mini'
import { DigestSchema, PaperDateSchema, PaperSchema } from '../src/schema/schema.js'

/**
 * `DigestSchema` without its papers: the parser checks each paper as it
 * composes it (while it is in the cache), and the digest's own fields once.
 */
export const DigestHeaderSchema = z.omit(DigestSchema, { papers: true })

export const VALIDATED = [
  { name: 'isPaperDate', type: 'PaperDate', schema: PaperDateSchema },
  { name: 'isPaper', type: 'Paper', schema: PaperSchema },
  { name: 'isDigest', type: 'Digest', schema: DigestSchema },
  {
    name: 'isDigestHeader',
    type: "Omit<Digest, 'papers'>",
    schema: DigestHeaderSchema,
    doc: 'Whether `value` passes `DigestSchema` but for its papers (each checked with {@link isPaper}).',
  },
]

export const VALIDATOR_FILE = fileURLToPath(new URL('../src/schema/validate.generated.ts', import.meta.url))
