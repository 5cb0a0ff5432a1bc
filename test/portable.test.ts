import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const SRC = new URL('../src/', import.meta.url)

function sources(dir: URL): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(new URL(`${entry.name}/`, dir)).map((file) => `${entry.name}/${file}`) : [entry.name],
  )
}

describe('the core', () => {
  it('imports nothing from node: (only the CLI may), so it runs in any JavaScript runtime', () => {
    const core = sources(SRC).filter((file) => file.endsWith('.ts') && !file.startsWith('cli/'))
    expect(core.length).toBeGreaterThan(10)
    for (const file of core) {
      // Examples in comments may show Node.js use; the code itself may not.
      const text = readFileSync(new URL(file, SRC), 'utf8')
        .replace(/\/\*[^]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
      expect(text, file).not.toMatch(/from ['"]node:|require\(['"]node:|import\(['"]node:/)
      expect(text, file).not.toMatch(/\bprocess\.|\bBuffer\b/)
    }
  })
})
