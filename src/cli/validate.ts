import { MessageBudget } from '../diagnostics.js'
import type { Diagnostic } from '../index.js'
import type { ValidateCommand } from './args.js'
import type { Input } from './inputs.js'
import { type Context, forCli, formatDiagnostic, formatSummary, Report } from './output.js'
import { readInput } from './read.js'

/** One input in the output of `validate --format json`. */
export interface FileReport {
  file: string
  papers: number
  errors: number
  warnings: number
  /** Its diagnostics, in line order (errors only, with `--quiet`). */
  messages: Diagnostic[]
}

/** The output of `validate --format json`: each input, then the totals. */
export interface ValidateReport {
  files: FileReport[]
  papers: number
  errors: number
  warnings: number
}

/**
 * How many diagnostics of an input `validate --format json` lists, which
 * holds them to print one document: the rest are counted in one
 * `too-many-diagnostics`, so that its memory stays bounded whatever the input.
 * More than the library keeps of the largest input read in one batch (16,384
 * of 4 MiB, see `BATCH_BYTES`), so that only a streamed input is cut here.
 */
export const JSON_MESSAGES = 20_000

/** The rules that say an input holds no papers; the command reports `no-papers` itself when neither came. */
const NO_PAPERS = new Set(['no-papers', 'binary-input'])

/**
 * `validate`: every diagnostic of every input, then a summary line (or one
 * JSON report), on standard output; with `quiet`, the errors only (warnings
 * are still counted). Each input is read as `parse --format json` reads it:
 * once, in one batch when it is small enough, else streamed in flat memory.
 * An input with no papers at all fails (`no-papers`). `context.failed` says
 * whether an input failed.
 */
export async function validate(command: ValidateCommand, inputs: readonly Input[], context: Context): Promise<void> {
  const json = command.format === 'json'
  const colour = context.colour.out && !json
  const total: ValidateReport = { files: [], papers: 0, errors: 0, warnings: 0 }
  for (const input of inputs) {
    const messages: Diagnostic[] = []
    const budget = new MessageBudget(
      JSON_MESSAGES,
      `validate --format json lists ${JSON_MESSAGES.toLocaleString('en-US')} an input; validate without it, or parse, lists every one`,
    )
    // Set by the report's callback (TypeScript cannot see that, and would narrow `empty` to false).
    let empty = false as boolean
    const report = new Report((diagnostic) => {
      if (NO_PAPERS.has(diagnostic.ruleId)) empty = true
      const message = forCli(diagnostic)
      if (command.quiet && message.severity !== 'error') return undefined
      if (json) {
        if (budget.keep(message)) messages.push(message)
        return undefined
      }
      return context.out.write(formatDiagnostic(input.name, message, colour))
    })
    const papers = await readInput(input, context.stdin, { year: command.year, stdin: 'whole' }, report, {
      header() {},
      paper() {},
      papers: 'count',
    })
    if (papers === 0 && !empty) {
      // Until the parser reports it (SPEC: no-papers), an input without a paper fails here.
      report.add({
        severity: 'error',
        ruleId: 'no-papers',
        message: 'the input holds no paper: it is empty, or not a papers page',
        line: 1,
        column: 1,
      })
      await report.release()
    }
    if (report.failed(command.strict)) context.failed = true
    total.papers += papers
    total.errors += report.errors
    total.warnings += report.warnings
    // In line order: after the kept ones it follows, before any about the input's end.
    const summary = budget.summary()
    if (summary) {
      const at = messages.findIndex((message) => message.line > summary.line)
      messages.splice(at === -1 ? messages.length : at, 0, summary)
    }
    if (json) total.files.push({ file: input.name, papers, errors: report.errors, warnings: report.warnings, messages })
  }
  if (json) await context.out.write(`${JSON.stringify(total, null, 2)}\n`)
  else await context.out.write(formatSummary(inputs.length, total.papers, total.errors, total.warnings, colour))
}
