import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// What npm publishes: the files of the tarball, and the fields that the npm
// page and tools read.
const ROOT = fileURLToPath(new URL('../', import.meta.url))
const PACKAGE = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  dependencies: Record<string, string>
}
const packed = (): string[] => {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const [tarball] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>
  return (tarball?.files ?? []).map((file) => file.path)
}

/** The targets of the relative links of a Markdown file, from the package's root. */
function relativeLinks(file: string): string[] {
  // Code (fenced blocks and inline spans) shows markdown as text; its links are not links.
  const text = readFileSync(`${ROOT}${file}`, 'utf8')
    .replace(/^```[^]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, '')
  const base = new URL(file, 'file:///')
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:|^#/.test(target))
    .map((target) => new URL(target, base).pathname.slice(1))
}

describe('the package', () => {
  it('ships every file that the README and the docs link to, so that the links work from the package', () => {
    const files = packed()
    expect(files).toContain('README.md')
    const docs = files.filter((file) => /^docs\/[^/]+\.md$/.test(file))
    expect(docs.length).toBeGreaterThanOrEqual(3)
    const links = ['README.md', ...docs].flatMap(relativeLinks)
    expect(links).toContain('docs/format.md')
    expect(links.filter((target) => !files.includes(target))).toEqual([])
  })

  it('takes zod patch releases only: scripts/validator-codegen.ts reads its internal definitions', () => {
    expect(PACKAGE.dependencies.zod).toMatch(/^~\d+\.\d+\.\d+$/)
  })
})
