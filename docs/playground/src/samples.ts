import damaged from '../../../fixtures/damage/stray-line.txt'
import seed from '../../../fixtures/seeds/001_f604c4867d4d0d65.txt'

/** The texts the page offers to start from. */
export const SAMPLES = {
  /** A real digest: 35 papers, one of them without metadata. */
  seed,
  /** The same kind of digest with two stray lines (`unexpected-line`). */
  damaged,
}
