// npm run fixtures:renderings: write the seeds' papers in every rendering the
// parser reads, as fixtures/renderings/SEED.RENDERING.txt. The seeds show
// no arXiv ids, vote counts or organisations, which the other renderings
// carry; this script gives each paper made-up ones (`cardFields` below), so
// that every part of a card is exercised. test/renderings.test.ts checks
// each file against the seed's own papers and those fields.
import { readFileSync, writeFileSync } from 'node:fs'
import { type Digest, type Paper, parseDigest, stringifyDigest } from '../src/index.js'

const FIXTURES = new URL('../fixtures/', import.meta.url)
export const SEEDS = ['000_b52436321a9b76b2', '001_f604c4867d4d0d65'] as const
export const RENDERINGS = ['markdown', 'weblinks', 'refs', 'trending'] as const
export type FixtureRendering = (typeof RENDERINGS)[number]

/** The made-up card fields of the seed's paper at `index`. */
export function cardFields(paper: Paper, index: number): Paper {
  const upvotes = (index * 7) % 23
  const organization = index % 9 === 4 && paper.authorCount !== null ? 'Carnegie Mellon University' : null
  return {
    ...paper,
    arxivId: `2510.${String(10_000 + index * 37)}`,
    upvotes,
    organization,
    authorCount: organization === null ? paper.authorCount : null,
  }
}

/** The seed's digest with the made-up card fields. */
export function enrichedSeed(seed: string): Digest {
  const digest = parseDigest(readFileSync(new URL(`seeds/${seed}.txt`, FIXTURES), 'utf8'))
  return { ...digest, papers: digest.papers.map(cardFields) }
}

const SITE = 'https://huggingface.co'
const page = (paper: Paper) => `${SITE}/papers/${paper.arxivId ?? ''}`
const written = (paper: Paper) => {
  const date = paper.published
  if (!date) return null
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  return `${months[date.month - 1] ?? ''} ${String(date.day)}${date.yearInferred ? '' : `, ${String(date.year ?? '')}`}`
}

/** A document export that writes each link's text, then its URL on a line of its own; a blank line between all lines. */
function weblinks(digest: Digest): string {
  const out = ['---', 'title: "Daily Papers - Hugging Face"', `url: ${SITE}/papers`, 'type: web_page', '---', '']
  out.push('# Daily Papers - Hugging Face', 'Daily Papers - Hugging Face', '', ' Hugging Face', '', `${SITE}/`, '')
  for (const [text, path] of [
    ['Models', 'models'],
    ['Datasets', 'datasets'],
    ['Log In', 'login'],
  ] as const) {
    out.push(text, '', `${SITE}/${path}`, '')
  }
  out.push(
    'new',
    '',
    'Get trending papers in your email inbox!',
    '',
    'Subscribe',
    '',
    `${SITE}/login?next=%2Fpapers`,
    '',
  )
  out.push('Daily Papers', '', 'by ', '', 'AK', '', `${SITE}/akhaliq`, '', ' and the research community', '')
  if (digest.date) out.push(written({ published: digest.date } as Paper) ?? '', '')
  for (const paper of digest.papers) {
    out.push(
      ` [-] ${paper.upvotes ? String(paper.upvotes) : '-'}`,
      '',
      `${SITE}/login?next=%2Fpapers%2F${String(paper.arxivId)}`,
      '',
    )
    out.push(paper.title, '', page(paper), '')
    if (paper.abstract) out.push(paper.abstract, '', page(paper), '')
    if (paper.authorCount !== null) out.push('[', '', `${String(paper.authorCount)} authors](${page(paper)})`, '')
    if (paper.organization !== null) out.push(' ', '', page(paper), '', ` ${paper.organization}`, '', `${SITE}/cmu`, '')
    const date = written(paper)
    if (date) {
      out.push('·', '')
      if (paper.comments) out.push(`${date} `, '', String(paper.comments), '', `${page(paper)}#community`, '')
      else out.push(date, '')
    }
  }
  out.push('Previous', '', `${SITE}/papers/date/2025-10-30`, '', 'System theme', '', 'Company', '')
  return out.join('\n')
}

/** Wrap `text` at `width` columns, as a text browser does. */
function wrap(text: string, width = 72): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  lines.push(line)
  return lines.join('\n')
}

const escape = (text: string) => text.replace(/[\\[\]]/g, '\\$&')

/** Reference-style markdown, hard-wrapped at 72 columns, with the link list at the end. */
function refs(digest: Digest): string {
  const out: string[] = []
  const links: string[] = []
  const ref = (url: string) => {
    links.push(url)
    return links.length
  }
  out.push('# Daily Papers', '', '## by AK and the research community', '')
  if (digest.date) out.push(written({ published: digest.date } as Paper) ?? '', '')
  for (const paper of digest.papers) {
    const card = ref(page(paper))
    out.push(
      `[${paper.upvotes ? String(paper.upvotes) : '-'}][${String(ref(`${SITE}/login?next=%2Fpapers%2F${String(paper.arxivId)}`))}]`,
      '',
    )
    out.push(wrap(`### [${escape(paper.title)}][${String(card)}]`), '')
    if (paper.abstract) out.push(wrap(`[${escape(paper.abstract)}][${String(card)}]`), '')
    if (paper.authorCount !== null) out.push(`[- ${String(paper.authorCount)} authors][${String(card)}]`, '')
    if (paper.organization !== null) out.push(`[${paper.organization}][${String(ref(`${SITE}/cmu`))}]`, '')
    const date = written(paper)
    if (date) {
      out.push('·', '')
      out.push(
        paper.comments ? `${date}[${String(paper.comments)}][${String(ref(`${page(paper)}#community`))}]` : date,
        '',
      )
    }
  }
  out.push(`[Previous][${String(ref(`${SITE}/papers/date/2025-10-30`))}]`, '')
  links.forEach((url, index) => out.push(`  [${String(index + 1)}]: ${url}`))
  return out.join('\n')
}

/**
 * A text extraction of the trending page's cards, one line per part and no
 * blank lines, each card twice (the page's two layouts). It has no links, so
 * no arXiv ids, and shows no comment count.
 */
function trending(digest: Digest): string {
  const out = ['Trending Papers', 'by AK and the research community']
  for (const paper of digest.papers) {
    const card = [`Submitted by akhaliq`, paper.title]
    if (paper.abstract) card.push(paper.abstract)
    if (paper.authorCount !== null) card.push(`${String(paper.authorCount)} authors`)
    if (paper.organization !== null) card.push(paper.organization)
    const date = written(paper)
    if (date) card.push(`· Published on ${date}`)
    card.push('Upvote', String(paper.upvotes ?? 0), 'arXiv Page')
    out.push(...card, ...card)
  }
  return out.join('\n')
}

/** The file of a seed in a rendering. */
export function render(digest: Digest, rendering: FixtureRendering): string {
  switch (rendering) {
    case 'markdown':
      return stringifyDigest(digest, { rendering: 'markdown' })
    case 'weblinks':
      return weblinks(digest)
    case 'refs':
      return refs(digest)
    case 'trending':
      return trending(digest)
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  for (const seed of SEEDS) {
    const digest = enrichedSeed(seed)
    for (const rendering of RENDERINGS) {
      writeFileSync(new URL(`renderings/${seed}.${rendering}.txt`, FIXTURES), render(digest, rendering))
      console.log(`wrote fixtures/renderings/${seed}.${rendering}.txt`)
    }
  }
}
