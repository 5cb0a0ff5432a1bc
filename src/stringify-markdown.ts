import { daysInMonth, isoDate, writeDate } from './dates.js'
import type { Digest, Paper } from './schema/schema.js'
import { ABSTRACT_ANCHOR, SITE_PATHS } from './tokenize/cards.js'

// The markdown rendering, as crawlers write the page: every field of a paper
// has a place in it, so parsing what this writes gives back every field.

const SITE = 'https://huggingface.co'

/** The blocks of a digest in the markdown rendering (joined with blank lines). */
export function markdownBlocks(digest: Digest): string[] {
  const blocks: string[] = []
  const url = pageUrl(digest)
  if (url !== null) blocks.push(`---\nurl: ${url}\n---`)
  if (digest.title !== null) blocks.push(`# ${escape(digest.title)}`)
  const date = digest.date
  if (date !== null) {
    blocks.push(writeDate(date.month, date.day, date.yearInferred ? null : date.year))
  }
  for (const paper of digest.papers) cardBlocks(paper, blocks)
  // The page's link to the day before its own: it names the year of the dates that write none.
  const year = date?.year ?? digest.papers.find((paper) => paper.published?.yearInferred)?.published?.year ?? null
  if (year !== null) {
    const before = date ? previousDay(year, date.month, date.day) : `${String(year).padStart(4, '0')}-06-15`
    blocks.push(`[Previous](${SITE}/papers/date/${before})`)
  }
  return blocks
}

function cardBlocks(paper: Paper, blocks: string[]): void {
  const id = paper.arxivId
  const page = id === null ? null : `${SITE}/papers/${id}`
  if (paper.upvotes !== null && id !== null) {
    blocks.push(`[${paper.upvotes === 0 ? '-' : String(paper.upvotes)}](${SITE}/login?next=%2Fpapers%2F${id})`)
  }
  if (paper.submittedBy !== null) blocks.push(`Submitted by ${paper.submittedBy}`)
  blocks.push(`### ${page === null ? escapeLine(paper.title) : `[${escape(paper.title)}](${page})`}`)
  if (paper.abstract !== '') blocks.push(`[${escape(paper.abstract)}](${page ?? ABSTRACT_ANCHOR})`)
  const { authorCount, organization, published } = paper
  if (authorCount !== null)
    blocks.push(page === null ? `- ${String(authorCount)} authors` : `[- ${String(authorCount)} authors](${page})`)
  else if (organization !== null) blocks.push(`[${escape(organization)}](${SITE}/${orgSlug(organization)})`)
  if (published !== null) blocks.push('·')
  if (published !== null) {
    const written = writeDate(published.month, published.day, published.yearInferred ? null : published.year)
    const comments = paper.comments ?? 0
    if (comments === 0) blocks.push(written)
    else
      blocks.push(
        page === null ? `${written} ${String(comments)}` : `${written}[${String(comments)}](${page}#community)`,
      )
  }
  if (paper.upvotes !== null && id === null) blocks.push(`Upvote ${String(paper.upvotes)}`)
  if (paper.githubRepo !== null) {
    blocks.push(`[GitHub${paper.githubStars === null ? '' : ` ${String(paper.githubStars)}`}](${paper.githubRepo})`)
  } else if (paper.githubStars !== null) {
    blocks.push(`[GitHub ${String(paper.githubStars)}][github]`)
  }
}

/** The page's own URL, which says which list it is and what was searched. */
function pageUrl(digest: Digest): string | null {
  if (digest.query !== null) return `${SITE}/papers?q=${encodeURIComponent(digest.query)}`
  switch (digest.page) {
    case 'trending':
      return `${SITE}/papers/trending`
    case 'weekly':
      return `${SITE}/papers/week`
    case 'monthly':
      return `${SITE}/papers/month`
    case 'daily':
      return `${SITE}/papers`
    default:
      return null
  }
}

/** The day before a date, as `YYYY-MM-DD`. */
function previousDay(year: number, month: number, day: number): string {
  if (day > 1) return isoDate(year, month, day - 1)
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1]
  return isoDate(y, m, daysInMonth(m, y))
}

/** An organisation's page: never a path that is the site's own (the parser would not read it as one). */
function orgSlug(name: string): string {
  const slug = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'organization'
  return SITE_PATHS.has(slug) ? `${slug}-org` : slug
}

/** Text inside a link's brackets: its brackets and backslashes escaped, on one line. */
function escape(text: string): string {
  return text.replace(/[\\[\]]/g, '\\$&').replace(/[\r\n]+/g, ' ')
}

/** A heading's text: escaped as link text is, and a backslash before a first `#`. */
function escapeLine(text: string): string {
  return escape(text).replace(/^#/, '\\#')
}
