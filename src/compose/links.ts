import { isSpace } from '../tokenize/classify.js'

// A URL runs to the first character that RFC 3986 never allows unescaped:
// white space, quotes, angle and curly brackets, `\`, `|`, `^`, backtick.
// That also stops it at LaTeX leftovers such as `\url{…}`.
const NOT_IN_URL = new Set([...'<>"{}\\|^`'].map((char) => char.charCodeAt(0)))
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '*'])
const CLOSING: Record<string, string> = { ')': '(', ']': '[' }

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

function trimLink(url: string): string {
  let end = url.length
  while (end > 0) {
    const last = url[end - 1]!
    const opening = CLOSING[last]
    if (TRAILING.has(last) || (opening && count(url, opening, end) < count(url, last, end))) end--
    else break
  }
  return url.slice(0, end)
}

function count(text: string, char: string, end: number): number {
  let n = 0
  for (let index = text.indexOf(char); index !== -1 && index < end; index = text.indexOf(char, index + 1)) n++
  return n
}
