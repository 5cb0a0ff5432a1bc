import type { Digest, Paper } from '../../../src/index.js'

// SPEC section 2 adds fields to Digest and Paper that this version of the
// parser may not have yet. The page reads them through these types, as
// optional, so that it shows them once the parser has them and builds either way.

/** A digest, with the fields it may not have yet. */
export type ShownDigest = Digest & {
  rendering?: string
  page?: string | null
  query?: string | null
}

/** A paper, with the fields it may not have yet. */
export type ShownPaper = Paper & {
  comments?: number | null
  organization?: string | null
  submittedBy?: string | null
  arxivId?: string | null
  githubRepo?: string | null
  githubStars?: number | null
}
