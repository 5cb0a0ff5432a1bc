import { isBareUrl } from '../tokenize/blocks.js'
import type { SourceLine } from '../tokenize/line.js'

/** How the page was written down. */
export type Rendering = 'text' | 'markdown' | 'weblinks'

// The lines read before deciding. The page's first card lies well within
// them in every rendering; a stream holds no more than these.
export const DETECTION_LINES = 64

const MARKDOWN = /^#{1,6} |\]\((?:https?:|\/)|\]\[[^\]]*\]|^\*\*[\w ]+:\*\*|^\[[^\]]*$/

/**
 * The rendering the first lines show: `weblinks` when URLs stand on lines of
 * their own (a document export writes every link so), `markdown` when links
 * or headings are written in markdown, else `text` (a browser copy).
 */
export function detectRendering(lines: readonly SourceLine[]): Rendering {
  let urls = 0
  let markdown = 0
  for (const { value } of lines) {
    if (isBareUrl(value)) urls++
    else if (MARKDOWN.test(value)) markdown++
  }
  if (urls >= 3 && urls > markdown) return 'weblinks'
  if (markdown >= 2) return 'markdown'
  return 'text'
}
