import { DEFAULT_MAX_BYTES, type Diagnostic, inferYear, parseDigestStream, safeParseDigest } from '../index.js'
import type { Command } from './args.js'
import { chunks, type Input, readWhole } from './inputs.js'
import { type Context, forCli, formatDiagnostic, Report } from './output.js'

type ValidateCommand = Extract<Command, { name: 'validate' }>

/** One input in the output of `validate --format json`. */
export interface FileReport {
  file: string
  papers: number
  errors: number
  warnings: number
  /** Its diagnostics, in line order. */
  messages: Diagnostic[]
}

/** The output of `validate --format json`: each input, then the totals. */
export interface ValidateReport {
  files: FileReport[]
  papers: number
  errors: number
  warnings: number
}

const STDIN_TOO_LARGE = `the input is larger than ${String(DEFAULT_MAX_BYTES)} bytes (4 MiB), the most validate reads from standard input or a pipe; name the file instead, which validate streams whatever its size`

/**
 * `validate`: every diagnostic of every input, then a summary line (or one
 * JSON report), on standard output. A file is streamed (a pass for its years,
 * then one counting papers), in flat memory; standard input and pipes are
 * read whole and parsed in one go, which gives the same result on the same
 * bytes. `context.failed` says whether an input failed.
 */
export async function validate(command: ValidateCommand, inputs: readonly Input[], context: Context): Promise<void> {
  const json = command.format === 'json'
  const total: ValidateReport = { files: [], papers: 0, errors: 0, warnings: 0 }
  for (const input of inputs) {
    const messages: Diagnostic[] = []
    const report = new Report(
      json
        ? (message) => void messages.push(message)
        : (message) => context.out.write(formatDiagnostic(input.name, message)),
    )
    let papers = 0
    if (input.rereadable) {
      const year = (await inferYear(chunks(input, context.stdin))) ?? undefined
      for await (const paper of parseDigestStream(chunks(input, context.stdin), { year, onMessage: report.add })) {
        papers++
        await report.release(paper.line)
      }
    } else {
      const result = safeParseDigest(await readWhole(input, context.stdin, DEFAULT_MAX_BYTES))
      papers = (result.success ? result.data : result.error.digest).papers.length
      for (const message of result.messages) report.add(forCli(message, STDIN_TOO_LARGE, false))
    }
    await report.release()
    if (report.failed(command.strict)) context.failed = true
    total.papers += papers
    total.errors += report.errors
    total.warnings += report.warnings
    if (json) total.files.push({ file: input.name, papers, errors: report.errors, warnings: report.warnings, messages })
  }
  if (json) await context.out.write(`${JSON.stringify(total, null, 2)}\n`)
  else
    await context.out.write(
      `${String(inputs.length)} files, ${String(total.papers)} papers, ${String(total.errors)} errors, ${String(total.warnings)} warnings\n`,
    )
}
