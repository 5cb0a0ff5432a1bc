import type { Paper } from '../../src/index.js'

/** A valid paper: a title, an abstract, every other field empty, on line 1; `fields` over it. */
export function paperWith(fields: Partial<Paper> = {}): Paper {
  return {
    title: 'A title',
    abstract: 'An abstract.',
    authorCount: null,
    organization: null,
    published: null,
    upvotes: null,
    comments: null,
    submittedBy: null,
    arxivId: null,
    githubRepo: null,
    githubStars: null,
    links: [],
    line: 1,
    ...fields,
  }
}
