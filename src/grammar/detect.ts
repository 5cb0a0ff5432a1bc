import { isBareUrl } from '../tokenize/blocks.js'
import type { SourceLine } from '../tokenize/line.js'

/** How the page was written down. */
export type Rendering = 'text' | 'markdown' | 'weblinks'

// The lines read before deciding. The page's first card lies well within
// them in every rendering; a stream holds no more than these.
export const DETECTION_LINES = 64

const MARKDOWN = /^#{1,6} |\]\((?:https?:|\/)|\]\[[^\]]*\]|^\*\*[\w ]+:\*\*|^\[[^\]]*$/
// A card's labels, as a text extraction of the trending page writes them.
const CARD_LABELS = /^(?:Submitted by\b|Upvote\b|·? ?Published on |arXiv Page$|GitHub\b)/

/** What the first lines show: the rendering, and whether backslashes in it are markdown's escapes. */
export interface Detected {
  readonly rendering: Rendering
  readonly escapes: boolean
}

/**
 * The rendering the first lines show: `weblinks` when URLs stand on lines of
 * their own (a document export writes every link so), `markdown` when links
 * or headings are written in markdown, or a card's labels stand on lines of
 * their own (a text extraction of the cards, read by the same grammar), else
 * `text` (a browser copy).
 */
export function detectRendering(lines: readonly SourceLine[]): Detected {
  let urls = 0
  let markdown = 0
  let labels = 0
  for (const { value } of lines) {
    if (isBareUrl(value)) urls++
    else if (MARKDOWN.test(value)) markdown++
    else if (CARD_LABELS.test(value)) labels++
  }
  if (urls >= 3 && urls > markdown) return { rendering: 'weblinks', escapes: false }
  if (markdown >= 2) return { rendering: 'markdown', escapes: true }
  if (labels >= 2) return { rendering: 'markdown', escapes: false }
  return { rendering: 'text', escapes: false }
}
