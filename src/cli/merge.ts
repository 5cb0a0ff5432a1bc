import { mergeDigests } from '../merge.js'
import type { Digest, MergeInput } from '../index.js'
import type { DataCommand } from './args.js'
import { writeMerged } from './formats.js'
import type { Input } from './inputs.js'
import type { Context } from './output.js'
import { diagnostics } from './parse.js'
import { readInput } from './read.js'

/**
 * `merge`: read every input (each as `parse --format json` reads it), then
 * print their unique papers (`mergeDigests`, the inputs oldest first as
 * given) in one format. The papers are held until every input is read; the
 * output is written paper by paper.
 */
export async function merge(command: DataCommand, inputs: readonly Input[], context: Context): Promise<void> {
  const digests: MergeInput[] = []
  for (const input of inputs) {
    const report = diagnostics(input, context)
    const digest: Digest = { title: null, date: null, rendering: 'text', page: null, query: null, papers: [] }
    await readInput(input, context.stdin, { year: command.year, stdin: 'whole' }, report, {
      header: (header) => void Object.assign(digest, header),
      paper: (paper) => void digest.papers.push(paper),
      papers: 'keep',
    })
    if (report.failed(false)) context.failed = true
    digests.push({ file: input.name, digest })
  }
  await writeMerged(command.format, context.out, mergeDigests(digests))
}
