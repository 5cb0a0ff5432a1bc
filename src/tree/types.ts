import type { Literal, Parent, Position } from 'unist'

// The syntax tree of a digest, as unist nodes. Every node has a `position`.
//
//   root
//   ├─ header            the page header lines and the digest's own date
//   │  ├─ headerLine*    (front matter, menus and header lines of the page)
//   │  └─ date?
//   ├─ paper*            one record (a card), its parts in source order
//   │  ├─ upvotes?
//   │  ├─ submittedBy?
//   │  ├─ title
//   │  ├─ abstract?
//   │  ├─ metadata?
//   │  │  ├─ authors? | organization?
//   │  │  ├─ separator?
//   │  │  ├─ date?
//   │  │  └─ comments?
//   │  ├─ github?
//   │  └─ chrome*        links and avatars inside the card
//   └─ chrome*           page chrome between and after the cards (links,
//                        footers, a card's repeat in a second layout)

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
  children: Array<HeaderNode | PaperNode | ChromeNode>
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
  children: Array<UpvotesNode | SubmittedByNode | TitleNode | AbstractNode | MetadataNode | GithubNode | ChromeNode>
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
  children: Array<AuthorsNode | OrganizationNode | SeparatorNode | DateNode | CommentsNode>
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
 * A date, as written: `Aug 14, 2021`, `May 13 2`. The fields are what the
 * text says; the year of a date without one is decided when the digest is
 * composed, not here.
 *
 * @example
 * ```ts
 * // { type: 'date', value: 'May 13 2', text: 'May 13', month: 5, day: 13, year: null, comments: 2, position }
 * ```
 */
export interface DateNode extends Literal {
  type: 'date'
  value: string
  /** The date without the comment count. */
  text: string
  /** 1 to 12, or `null` for an unknown month name. */
  month: number | null
  day: number
  /** The year written, if any. */
  year: number | null
  /** The comment count written after the date, if any. */
  comments: number | null
  position: Position
}

/**
 * The vote count shown before a card's title (`[-]` is 0).
 *
 * @example
 * ```ts
 * // { type: 'upvotes', value: 101, position }
 * ```
 */
export interface UpvotesNode extends Literal {
  type: 'upvotes'
  value: number
  position: Position
}

/**
 * The user who submitted a trending card: `Submitted by USER`.
 *
 * @example
 * ```ts
 * // { type: 'submittedBy', value: 'akhaliq', position }
 * ```
 */
export interface SubmittedByNode extends Literal {
  type: 'submittedBy'
  value: string
  position: Position
}

/**
 * The organisation a card shows instead of its author count.
 *
 * @example
 * ```ts
 * // { type: 'organization', value: 'Carnegie Mellon University', position }
 * ```
 */
export interface OrganizationNode extends Literal {
  type: 'organization'
  value: string
  position: Position
}

/**
 * A comment count written on a line of its own after the date.
 *
 * @example
 * ```ts
 * // { type: 'comments', value: 1, position }
 * ```
 */
export interface CommentsNode extends Literal {
  type: 'comments'
  value: number
  position: Position
}

/**
 * A card's GitHub link and its star count.
 *
 * @example
 * ```ts
 * // { type: 'github', value: 'https://github.com/microsoft/agent-lightning', stars: 11300, position }
 * ```
 */
export interface GithubNode extends Literal {
  type: 'github'
  /** The repository's URL. */
  value: string
  stars: number | null
  position: Position
}

/**
 * Lines of page chrome that belong to no card: links, paging, the footer,
 * or a card repeated right after itself (the page's second layout). Their
 * text is in the source; the node only says where they are.
 *
 * @example
 * ```ts
 * const chrome = tree.children.filter((node) => node.type === 'chrome').length
 * ```
 */
export interface ChromeNode extends Literal {
  type: 'chrome'
  /** The first line's text. */
  value: string
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
  | UpvotesNode
  | SubmittedByNode
  | OrganizationNode
  | CommentsNode
  | GithubNode
  | ChromeNode
