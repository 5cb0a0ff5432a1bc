import { isSpace } from '../tokenize/classify.js'

// A URL runs to the first character that RFC 3986 never allows unescaped:
// white space, quotes, angle and curly brackets, `\`, `|`, `^`, backtick.
// That also stops it at LaTeX leftovers such as `\url{…}`.
const NOT_IN_URL = new Set(Array.from('<>"{}\\|^`', (char) => char.charCodeAt(0)))
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '*'])

/**
 * The http(s) URLs in a text, without the punctuation that ends the
 * sentence around them: `see https://x.org/a).` gives `https://x.org/a`.
 * A closing bracket stays when the URL opened it: `https://x.org/f_(g)`.
 */
export function findLinks(text: string): string[] {
  const links: string[] = []
  // `://` is rare in prose, so looking for it first is fast; `http` is not.
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    const start = text.startsWith('https', at - 5) ? at - 5 : text.startsWith('http', at - 4) ? at - 4 : -1
    if (start === -1) continue
    let end = at + 3
    while (end < text.length && isUrlCharacter(text.charCodeAt(end))) end++
    const link = trimLink(text.slice(start, end))
    if (link.length > at + 3 - start) links.push(link)
    at = end - 3
  }
  return links
}

function isUrlCharacter(code: number): boolean {
  return code > 32 && code !== 127 && !NOT_IN_URL.has(code) && !isSpace(code)
}

/**
 * The URL without the punctuation that ends it, in one pass: its brackets
 * are counted once, and each one dropped from the end is taken off its count
 * (counting again for each would take quadratic time on `https://x.org))))…`).
 */
function trimLink(url: string): string {
  let parens = 0 // opened minus closed
  let brackets = 0
  for (let index = 0; index < url.length; index++) {
    const code = url.charCodeAt(index)
    if (code === 40) parens++
    else if (code === 41) parens--
    else if (code === 91) brackets++
    else if (code === 93) brackets--
  }
  let end = url.length
  while (end > 0) {
    const last = url.charAt(end - 1)
    if (TRAILING.has(last)) end--
    // A closing bracket the URL did not open.
    else if (last === ')' && parens < 0) {
      parens++
      end--
    } else if (last === ']' && brackets < 0) {
      brackets++
      end--
    } else break
  }
  return url.slice(0, end)
}
