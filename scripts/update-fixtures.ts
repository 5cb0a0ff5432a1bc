// npm run fixtures: rewrite the golden file NAME.json beside every
// fixtures/{seeds,damage,renderings}/NAME.txt from what the parser makes of it now.
// The test suite only compares; a changed golden file is a change to review.
import { writeFileSync } from 'node:fs'
import { FIXTURES, fixtureNames, golden, readFixture } from '../test/helpers/fixtures.js'

for (const folder of ['seeds', 'damage', 'renderings']) {
  for (const name of fixtureNames(folder)) {
    writeFileSync(
      `${FIXTURES}${folder}/${name}.json`,
      `${JSON.stringify(golden(readFixture(folder, name)), null, 2)}\n`,
    )
    console.log(`wrote fixtures/${folder}/${name}.json`)
  }
}
