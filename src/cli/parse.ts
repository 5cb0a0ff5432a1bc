import type { Paper } from '../index.js'
import type { DataCommand } from './args.js'
import { createWriter, type DigestHeader, digestDate } from './formats.js'
import type { Input } from './inputs.js'
import { type Context, forCli, formatDiagnostic, Report } from './output.js'
import { type DigestHandler, readInput } from './read.js'

/**
 * `parse`: print the papers of every input, in one format, as they are read
 * (`context.failed` says whether an input failed). `json` reads standard
 * input as it reads a file; the other formats stream it in one pass.
 */
export async function parse(command: DataCommand, inputs: readonly Input[], context: Context): Promise<void> {
  const { strict } = command
  const options = { year: command.year, stdin: command.format === 'json' ? ('whole' as const) : ('stream' as const) }
  const read = async (input: Input, handler: DigestHandler): Promise<void> => {
    const report = diagnostics(input, context)
    await readInput(input, context.stdin, options, report, handler)
    if (report.failed(strict)) context.failed = true
  }

  // --strict: every input is checked before anything is printed. Files are
  // read again to print them; what cannot be read again is held meanwhile.
  const held = new Map<Input, { header: DigestHeader | null; papers: Paper[] }>()
  if (strict) {
    for (const input of inputs) {
      if (input.rereadable) {
        await read(input, { header() {}, paper() {} })
        continue
      }
      const kept: { header: DigestHeader | null; papers: Paper[] } = { header: null, papers: [] }
      held.set(input, kept)
      await read(input, {
        header: (header) => void (kept.header = header),
        paper: (paper) => void kept.papers.push(paper),
        papers: 'keep',
      })
    }
    if (context.failed) return
  }

  const writer = createWriter(command.format, context.out, inputs.length > 1)
  await writer.start()
  for (const input of inputs) {
    let date: string | null = null
    const handler: DigestHandler = {
      async header(header) {
        date = digestDate(header)
        await writer.begin(input.name, header)
      },
      paper: (paper) => writer.paper(input.name, date, paper),
    }
    const kept = held.get(input)
    held.delete(input)
    if (kept) {
      // readInput gives every input's header, before its papers.
      if (kept.header === null)
        throw new Error(`papers-digest: internal error: ${input.name} was read without its header`)
      await handler.header(kept.header)
      for (const paper of kept.papers) await handler.paper(paper)
    } else await read(input, handler)
    await writer.finish()
  }
  await writer.end()
}

/** Where `parse` and `merge` send the diagnostics of an input: standard error, a line each. */
export function diagnostics(input: Input, context: Context): Report {
  return new Report((message) => context.err.write(formatDiagnostic(input.name, forCli(message), context.colour.err)))
}
