// Part of `npm run build`: write dist/schema.json, the JSON Schema of a
// Digest, generated from the same zod schema the types and the validator
// come from (shipped as `papers-digest/schema.json`).
import { writeFileSync } from 'node:fs'
import * as z from 'zod/mini'
import { DigestSchema } from '../dist/index.js'

const schema = {
  ...z.toJSONSchema(DigestSchema, { target: 'draft-2020-12' }),
  $id: 'https://unpkg.com/papers-digest/dist/schema.json',
  title: 'papers-digest Digest',
  description: 'A "Daily Papers" digest parsed by papers-digest: its header and its papers, in source order.',
}
writeFileSync(new URL('../dist/schema.json', import.meta.url), `${JSON.stringify(schema, null, 2)}\n`)
console.log('wrote dist/schema.json')
