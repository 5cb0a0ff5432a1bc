import type { PaperRecord } from '../grammar/grammar.js'
import { type Line, positionOf, spanOf } from '../tokenize/line.js'
import type { DateNode, HeaderNode, MetadataNode, PaperNode } from './types.js'

// The unist nodes of the grammar's records, for parseTree and unified. The
// batch and stream parsers of papers never build them.

/** The header node of the header's lines. */
export function headerNode(lines: readonly Line[]): HeaderNode {
  return {
    type: 'header',
    children: lines.map((line) =>
      line.kind === 'date' ? dateNode(line) : { type: 'headerLine', value: line.value, position: positionOf(line) },
    ),
    position: spanOf(lines[0]!, lines[lines.length - 1]!),
  }
}

/** The paper node of a record. */
export function paperNode({ title, abstract, metadata }: PaperRecord): PaperNode {
  const children: PaperNode['children'] = [{ type: 'title', value: title.value, position: positionOf(title) }]
  if (abstract) children.push({ type: 'abstract', value: abstract.value, position: positionOf(abstract) })
  if (metadata) children.push(metadataNode(metadata))
  const last = metadata ? metadata[metadata.length - 1]! : (abstract ?? title)
  return { type: 'paper', children, position: spanOf(title, last) }
}

function metadataNode(lines: readonly Line[]): MetadataNode {
  return {
    type: 'metadata',
    children: lines.map((line) => {
      const position = positionOf(line)
      if (line.kind === 'date') return dateNode(line)
      if (line.kind === 'authors') return { type: 'authors', value: line.value, count: line.count, position }
      return { type: 'separator', value: line.value, position }
    }),
    position: spanOf(lines[0]!, lines[lines.length - 1]!),
  }
}

function dateNode(line: Line): DateNode {
  const { text, month, day, year, upvotes } = line.date!
  return { type: 'date', value: line.value, text, month, day, year, upvotes, position: positionOf(line) }
}
