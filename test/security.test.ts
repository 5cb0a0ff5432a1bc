import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseDigest, parseTree, stringifyDigest } from '../src/index.js'

// What the README's Security section promises, checked.

const record = (title: string, abstract = 'An abstract.') => `${title}\n\n${abstract}\n\n  • 2 authors\n·\nMay 1, 2024`

describe('input never becomes code or keys', () => {
  it('a title of __proto__, constructor or prototype is just a title', () => {
    const text = ['__proto__', 'constructor', 'prototype', 'toString']
      .map((title) => record(title, '__proto__'))
      .join('\n\n')
    const digest = parseDigest(text, { year: 2025 })
    expect(digest.papers.map((paper) => paper.title)).toEqual(['__proto__', 'constructor', 'prototype', 'toString'])
    for (const paper of digest.papers) {
      expect(Object.getPrototypeOf(paper)).toBe(Object.prototype)
      expect(Object.keys(paper)).toEqual([
        'title',
        'abstract',
        'authorCount',
        'organization',
        'published',
        'upvotes',
        'comments',
        'submittedBy',
        'arxivId',
        'githubRepo',
        'githubStars',
        'links',
        'line',
      ])
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(stringifyDigest(digest)).toBe(text)
    expect(Object.getPrototypeOf(parseTree(text).tree)).toBe(Object.prototype)
  })

  it('text that looks like code stays text', () => {
    const title = '${globalThis.hacked = 1} `rm -rf /` <script>alert(1)</script>'
    const digest = parseDigest(record(title, "'); process.exit(1); //"), { year: 2025 })
    expect(digest.papers[0]?.title).toBe(title)
    expect((globalThis as Record<string, unknown>).hacked).toBeUndefined()
  })
})

describe('the source', () => {
  it('evaluates nothing: no eval, no new Function, no dynamic import but of its own modules by name in the CLI', () => {
    const files = (dir: string): string[] =>
      readdirSync(new URL(dir, import.meta.url), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(`${dir}${entry.name}/`) : entry.name.endsWith('.ts') ? [`${dir}${entry.name}`] : [],
      )
    const sources = files('../src/')
    expect(sources.length).toBeGreaterThan(20)
    for (const file of sources) {
      const code = readFileSync(new URL(file, import.meta.url), 'utf8')
        .replace(/\/\*[^]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
      expect(code, file).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(/)
      // The command line loads its commands when one runs, each a module of
      // its own named by a literal (resolved by the build, as a static
      // import is); the library imports nothing dynamically.
      const dynamic = file.startsWith('../src/cli/') ? /\bimport\s*\((?!'\.\/[a-z-]+\.js'\))/ : /\bimport\s*\(/
      expect(code, file).not.toMatch(dynamic)
    }
  })
})
