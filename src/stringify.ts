import { dateProblem, isoDate, writeDate } from './dates.js'
import { markdownBlocks } from './stringify-markdown.js'
import type { Digest, Paper, PaperDate } from './schema/schema.js'
import { HEADER_LINES } from './tokenize/classify.js'
import type { DateNode, DigestRoot, MetadataNode, PaperNode } from './tree/types.js'

/**
 * Options of {@link stringifyDigest}.
 *
 * @example
 * ```ts
 * const options: StringifyOptions = { rendering: 'markdown' }
 * ```
 */
export interface StringifyOptions {
  /**
   * The rendering to write: `text`, the page as a browser copies it (it
   * holds titles, abstracts, author counts, dates and comment counts), or
   * `markdown`, as a crawler writes it (it holds every field of a paper).
   *
   * Default: `"text"`.
   */
  rendering?: 'text' | 'markdown' | undefined
}

/**
 * Write a digest, or its syntax tree, back as the page's canonical text:
 * blocks separated by one blank line, no final newline, the header's five
 * lines and the digest's date, then each paper's title, abstract and
 * `  • N authors` / `·` / date block. It is the inverse of the parser on
 * canonical text: `stringifyDigest(parseDigest(text)) === text` byte for byte.
 *
 * What the text does not keep is written in its canonical form: dates are
 * regenerated from their fields (`Aug 14, 2021 3`; a year given or inferred
 * is not written, nor are 0 upvotes), the author count always as `N authors`,
 * and a line break inside a title or an abstract, which a line cannot hold,
 * as one space per run of CR and LF characters.
 *
 * @example
 * ```ts
 * import { parseDigest, stringifyDigest } from 'papers-digest'
 *
 * const digest = parseDigest(text)
 * digest.papers = digest.papers.filter((paper) => paper.authorCount !== 1)
 * await writeFile('digest.txt', stringifyDigest(digest))
 * ```
 *
 * @param input A `Digest`, or the tree that `parseTree` gives.
 * @returns The text, without a final newline.
 */
export function stringifyDigest(input: Digest | DigestRoot, options?: StringifyOptions | null): string {
  // Checked at run time too: JavaScript callers pass anything.
  const rendering: string = options?.rendering ?? 'text'
  if (rendering !== 'text' && rendering !== 'markdown') {
    throw new TypeError(`papers-digest: options.rendering must be text or markdown, not ${rendering}`)
  }
  if (rendering === 'markdown') return markdownBlocks('type' in input ? treeDigest(input) : input).join('\n\n')
  const blocks = 'type' in input ? treeBlocks(input) : digestBlocks(input)
  return blocks.join('\n\n')
}

function digestBlocks(digest: Digest): string[] {
  const blocks: string[] = []
  if (digest.title !== null) blocks.push(...HEADER_LINES)
  if (digest.date !== null) blocks.push(paperDateLine(digest.date, null))
  for (const paper of digest.papers) paperBlocks(paper, blocks)
  return blocks
}

function paperBlocks(paper: Paper, blocks: string[]): void {
  blocks.push(oneLine(paper.title))
  if (paper.abstract !== '') blocks.push(oneLine(paper.abstract))
  const { authorCount, published } = paper
  if (authorCount === null && published === null) return
  const lines: string[] = []
  if (authorCount !== null) lines.push(authors(authorCount))
  lines.push('·')
  if (published !== null) lines.push(paperDateLine(published, paper.comments))
  blocks.push(lines.join('\n'))
}

function treeBlocks(root: DigestRoot): string[] {
  const blocks: string[] = []
  for (const node of root.children) {
    if (node.type === 'header') {
      if (node.children.some((child) => child.type === 'headerLine')) blocks.push(...HEADER_LINES)
      const date = node.children.find((child) => child.type === 'date')
      if (date) blocks.push(dateNodeLine(date))
    } else if (node.type === 'paper') {
      paperNodeBlocks(node, blocks)
    }
  }
  return blocks
}

function paperNodeBlocks(paper: PaperNode, blocks: string[]): void {
  let metadata: MetadataNode | undefined
  for (const child of paper.children) {
    if (child.type === 'metadata') metadata = child
    else if (child.type === 'title' || child.type === 'abstract') blocks.push(oneLine(child.value))
  }
  if (!metadata) return
  // The canonical order, whatever order the damaged text had.
  const lines: string[] = []
  const authorsNode = metadata.children.find((child) => child.type === 'authors')
  if (authorsNode) lines.push(isCount(authorsNode.count) ? authors(authorsNode.count) : `  ${authorsNode.value}`)
  lines.push('·')
  const date = metadata.children.find((child) => child.type === 'date')
  if (date) lines.push(dateNodeLine(date))
  blocks.push(lines.join('\n'))
}

/** A date node's line: canonical when it is a date, else as written. */
function dateNodeLine(node: DateNode): string {
  const { month } = node
  if (month === null || dateProblem(node, node.year) !== null) return node.value
  return dateLine(month, node.day, node.year, node.comments)
}

/** A typed date's line: its year only if the text wrote it (not given, not inferred). */
function paperDateLine(date: PaperDate, comments: number | null): string {
  return dateLine(date.month, date.day, date.yearInferred ? null : date.year, comments)
}

function dateLine(month: number, day: number, year: number | null, comments: number | null): string {
  return `${writeDate(month, day, year)}${isCount(comments) ? ` ${String(comments)}` : ''}`
}

/**
 * The digest a tree writes, for the markdown writer: each node's value as
 * written (a date's year only where the text wrote it).
 */
function treeDigest(root: DigestRoot): Digest {
  const digest: Digest = { title: null, date: null, rendering: 'text', page: null, query: null, papers: [] }
  for (const node of root.children) {
    if (node.type === 'header') {
      if (node.children.some((child) => child.type === 'headerLine' && child.value === 'Daily Papers')) {
        digest.title = 'Daily Papers'
      }
      const date = node.children.find((child) => child.type === 'date')
      if (date) digest.date = writtenDate(date)
    } else if (node.type === 'paper') {
      digest.papers.push(treePaper(node))
    }
  }
  return digest
}

function treePaper(node: PaperNode): Paper {
  const paper: Paper = {
    title: '',
    abstract: '',
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
    line: node.position.start.line,
  }
  for (const child of node.children) {
    if (child.type === 'title') paper.title = child.value
    else if (child.type === 'abstract') paper.abstract = child.value
    else if (child.type === 'upvotes') paper.upvotes = child.value
    else if (child.type === 'submittedBy') paper.submittedBy = child.value
    else if (child.type === 'github') {
      paper.githubRepo = child.value || null
      paper.githubStars = child.stars
    } else if (child.type === 'metadata') {
      for (const part of child.children) {
        if (part.type === 'authors') paper.authorCount = part.count
        else if (part.type === 'organization') paper.organization = part.value
        else if (part.type === 'date') {
          paper.published = writtenDate(part)
          paper.comments ??= part.comments ?? 0
        } else if (part.type === 'comments') paper.comments = part.value
      }
    }
  }
  return paper
}

function writtenDate(node: DateNode): PaperDate | null {
  const { month, day, year } = node
  if (month === null || dateProblem(node, year) !== null) return null
  return {
    text: node.text,
    year,
    month,
    day,
    yearInferred: false,
    iso: year === null ? null : isoDate(year, month, day),
  }
}

/** The page never singularises: `1 authors`. */
const authors = (count: number): string => `  • ${String(count)} authors`

const isCount = (value: number | null): value is number => value !== null && value > 0

const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ')
