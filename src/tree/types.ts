import type { Literal, Parent, Position } from 'unist'

// The syntax tree of a digest, as unist nodes. Every node has a `position`.
//
//   root
//   ├─ header            the page header lines and the digest's own date
//   │  ├─ headerLine*
//   │  └─ date?
//   └─ paper*            one record
//      ├─ title
//      ├─ abstract?
//      └─ metadata?
//         ├─ authors?
//         ├─ separator?
//         └─ date?

/** The whole digest. */
export interface DigestRoot extends Parent {
  type: 'root'
  children: Array<HeaderNode | PaperNode>
  position: Position
}

/** The page header: whichever of its five lines are present, and the digest's date. */
export interface HeaderNode extends Parent {
  type: 'header'
  children: Array<HeaderLineNode | DateNode>
  position: Position
}

/** One line of the page header, such as `Daily Papers`. */
export interface HeaderLineNode extends Literal {
  type: 'headerLine'
  value: string
  position: Position
}

/** One record: a paper. */
export interface PaperNode extends Parent {
  type: 'paper'
  children: [TitleNode, ...Array<AbstractNode | MetadataNode>]
  position: Position
}

/** A paper's title line. */
export interface TitleNode extends Literal {
  type: 'title'
  value: string
  position: Position
}

/** A paper's abstract line, verbatim. */
export interface AbstractNode extends Literal {
  type: 'abstract'
  value: string
  position: Position
}

/** The `• N authors / · / date` block; some lines may be missing when it is damaged. */
export interface MetadataNode extends Parent {
  type: 'metadata'
  children: Array<AuthorsNode | SeparatorNode | DateNode>
  position: Position
}

/** `• 4 authors`. */
export interface AuthorsNode extends Literal {
  type: 'authors'
  value: string
  /** The number written, or `null` when it cannot be read. */
  count: number | null
  position: Position
}

/** The lone `·`. */
export interface SeparatorNode extends Literal {
  type: 'separator'
  value: string
  position: Position
}

/**
 * A date line, as written: `Aug 14, 2021`, `May 13 2`. The fields are what the
 * line says; the year of a date without one is decided when the digest is
 * composed, not here.
 */
export interface DateNode extends Literal {
  type: 'date'
  value: string
  /** The date without the upvote count. */
  text: string
  /** 1 to 12, or `null` for an unknown month name. */
  month: number | null
  day: number
  /** The year written, if any. */
  year: number | null
  /** The upvote count written, if any. */
  upvotes: number | null
  position: Position
}

/** Any node of a digest tree. */
export type DigestNode =
  | DigestRoot
  | HeaderNode
  | HeaderLineNode
  | PaperNode
  | TitleNode
  | AbstractNode
  | MetadataNode
  | AuthorsNode
  | SeparatorNode
  | DateNode

