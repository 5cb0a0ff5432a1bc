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

/**
 * The whole digest: the root of the tree that `parseTree` returns.
 *
 * @example
 * ```ts
 * const { tree } = parseTree(text)
 * const papers = tree.children.filter((node) => node.type === 'paper')
 * ```
 */
export interface DigestRoot extends Parent {
  type: 'root'
  children: Array<HeaderNode | PaperNode>
  position: Position
}

/**
 * The page header: whichever of its five lines are present, and the digest's date.
 *
 * @example
 * ```ts
 * const header = tree.children.find((node): node is HeaderNode => node.type === 'header')
 * const date = header?.children.find((child) => child.type === 'date') // the digest's own date line
 * ```
 */
export interface HeaderNode extends Parent {
  type: 'header'
  children: Array<HeaderLineNode | DateNode>
  position: Position
}

/**
 * One line of the page header, such as `Daily Papers`.
 *
 * @example
 * ```ts
 * // { type: 'headerLine', value: 'Subscribe', position: { start: { line: 5, column: 1, offset: 47 }, end: { line: 5, column: 10, offset: 56 } } }
 * ```
 */
export interface HeaderLineNode extends Literal {
  type: 'headerLine'
  value: string
  position: Position
}

/**
 * One record: a paper.
 *
 * @example
 * ```ts
 * visit(tree, 'paper', (paper: PaperNode) => {
 *   const [title, ...rest] = paper.children
 *   console.log(paper.position.start.line, title.value, rest.map((node) => node.type))
 * })
 * ```
 */
export interface PaperNode extends Parent {
  type: 'paper'
  children: [TitleNode, ...Array<AbstractNode | MetadataNode>]
  position: Position
}

/**
 * A paper's title line.
 *
 * @example
 * ```ts
 * // { type: 'title', value: 'Hyperbolic Category Discovery', position }
 * ```
 */
export interface TitleNode extends Literal {
  type: 'title'
  value: string
  position: Position
}

/**
 * A paper's abstract line, verbatim.
 *
 * @example
 * ```ts
 * // { type: 'abstract', value: 'Generalized Category Discovery (GCD) is …', position }
 * ```
 */
export interface AbstractNode extends Literal {
  type: 'abstract'
  value: string
  position: Position
}

/**
 * The `• N authors / · / date` block; some lines may be missing when it is
 * damaged, and they are in source order.
 *
 * @example
 * ```ts
 * // { type: 'metadata', children: [authorsNode, separatorNode, dateNode], position }
 * ```
 */
export interface MetadataNode extends Parent {
  type: 'metadata'
  children: Array<AuthorsNode | SeparatorNode | DateNode>
  position: Position
}

/**
 * The author count line: `• 4 authors`.
 *
 * @example
 * ```ts
 * // { type: 'authors', value: '• 4 authors', count: 4, position }
 * ```
 */
export interface AuthorsNode extends Literal {
  type: 'authors'
  value: string
  /** The number written, or `null` when it cannot be read. */
  count: number | null
  position: Position
}

/**
 * The lone `·`.
 *
 * @example
 * ```ts
 * // { type: 'separator', value: '·', position }
 * ```
 */
export interface SeparatorNode extends Literal {
  type: 'separator'
  value: string
  position: Position
}

/**
 * A date line, as written: `Aug 14, 2021`, `May 13 2`. The fields are what the
 * line says; the year of a date without one is decided when the digest is
 * composed, not here.
 *
 * @example
 * ```ts
 * // { type: 'date', value: 'May 13 2', text: 'May 13', month: 5, day: 13, year: null, upvotes: 2, position }
 * ```
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

/**
 * Any node of a digest tree.
 *
 * @example
 * ```ts
 * function describe(node: DigestNode): string {
 *   return 'value' in node ? `${node.type}: ${node.value}` : `${node.type} (${node.children.length})`
 * }
 * ```
 */
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
