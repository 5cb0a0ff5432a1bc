// npm run generate: rewrite src/schema/validate.generated.ts from the schemas.
import { writeFileSync } from 'node:fs'
import { VALIDATED, VALIDATOR_FILE } from './validated-schemas.js'
import { generateValidators } from './validator-codegen.js'

writeFileSync(VALIDATOR_FILE, generateValidators(VALIDATED))
console.log(`wrote ${VALIDATOR_FILE}`)
