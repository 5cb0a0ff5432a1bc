import type { DateParts } from '../dates.js'
import type { Field, HeaderRecord, Metadata, PaperRecord, Span } from '../grammar/record.js'
import { spanOf } from '../tokenize/line.js'
import type { ChromeNode, DateNode, HeaderNode, MetadataNode, PaperNode } from './types.js'

// The unist nodes of the grammars' records, for parseTree and unified. The
// batch and stream parsers of papers never build them. Each node's position
// spans the lines that wrote it, markup included.

export function headerNode(header: HeaderRecord): HeaderNode | null {
  const children: HeaderNode['children'] = header.lines.map((line) =>
    header.date && line.first === header.date.first
      ? dateNode(header.date)
      : { type: 'headerLine', value: line.first.value, position: spanOf(line.first, line.last) },
  )
  const first = header.lines[0]
  const last = header.lines[header.lines.length - 1]
  if (!first || !last) return null
  return { type: 'header', children, position: spanOf(first.first, last.last) }
}

export function paperNode(record: PaperRecord): PaperNode {
  const children: PaperNode['children'] = []
  const { upvotes, submittedBy, title, abstract, metadata, github } = record
  if (upvotes) children.push({ type: 'upvotes', value: upvotes.value, position: spanOf(upvotes.first, upvotes.last) })
  if (submittedBy) {
    children.push({
      type: 'submittedBy',
      value: submittedBy.value,
      position: spanOf(submittedBy.first, submittedBy.last),
    })
  }
  children.push({ type: 'title', value: title.value, position: spanOf(title.first, title.last) })
  if (abstract)
    children.push({ type: 'abstract', value: abstract.value, position: spanOf(abstract.first, abstract.last) })
  if (metadata) children.push(metadataNode(metadata))
  if (github) {
    const { repo, stars } = github.value
    children.push({ type: 'github', value: repo, stars, position: spanOf(github.first, github.last) })
  }
  for (const extra of record.extras) children.push(chromeNode(extra))
  children.sort((a, b) => (a.position.start.offset ?? 0) - (b.position.start.offset ?? 0))
  return { type: 'paper', children, position: spanOf(record.first, record.last) }
}

export function chromeNode(span: Span): ChromeNode {
  return { type: 'chrome', value: span.first.value, position: spanOf(span.first, span.last) }
}

function metadataNode(metadata: Metadata): MetadataNode {
  const children: MetadataNode['children'] = []
  const { authors, organization, separator, date, comments } = metadata
  if (authors) {
    children.push({
      type: 'authors',
      value: authors.first.value,
      count: authors.value,
      position: spanOf(authors.first, authors.last),
    })
  }
  if (organization) {
    const position = spanOf(organization.first, organization.last)
    children.push({ type: 'organization', value: organization.value, position })
  }
  if (separator) children.push({ type: 'separator', value: '·', position: spanOf(separator.first, separator.last) })
  if (date) children.push(dateNode(date))
  if (comments)
    children.push({ type: 'comments', value: comments.value, position: spanOf(comments.first, comments.last) })
  children.sort((a, b) => (a.position.start.offset ?? 0) - (b.position.start.offset ?? 0))
  return { type: 'metadata', children, position: spanOf(metadata.first, metadata.last) }
}

function dateNode(date: Field<DateParts>): DateNode {
  const { text, month, day, year, count } = date.value
  const position = spanOf(date.first, date.last)
  return { type: 'date', value: date.first.value, text, month, day, year, comments: count, position }
}
