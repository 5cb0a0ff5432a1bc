import {
  DEFAULT_MAX_BYTES,
  inferYear,
  type Paper,
  parseDigestStream,
  type SafeParseResult,
  safeParseDigest,
} from '../index.js'
import type { Command } from './args.js'
import { CSV_HEADER, paperRecord } from './csv.js'
import { chunks, type Input, readWhole } from './inputs.js'
import { type Context, forCli, formatDiagnostic, Report } from './output.js'

type ParseCommand = Extract<Command, { name: 'parse' }>

/** `parse`: print the papers of every input (`context.failed` says whether one failed). */
export async function parse(command: ParseCommand, inputs: readonly Input[], context: Context): Promise<void> {
  return command.format === 'json' ? parseJson(command, inputs, context) : parseStream(command, inputs, context)
}

/**
 * `--format json`: each input read whole (up to the batch limit) and parsed
 * with `safeParseDigest`, which infers the years as the library does.
 */
async function parseJson(command: ParseCommand, inputs: readonly Input[], context: Context): Promise<void> {
  const { year, strict } = command
  const parseInput = async (input: Input): Promise<SafeParseResult> => {
    const result = safeParseDigest(await readWhole(input, context.stdin, DEFAULT_MAX_BYTES), { year, strict })
    const report = diagnostics(input, context)
    for (const message of result.messages) report.add(message)
    await report.release()
    if (!result.success) context.failed = true
    return result
  }

  // With --strict nothing is printed unless every input is clean: check them
  // all first, keeping only what cannot be read again; files are read twice.
  const kept = new Map<Input, SafeParseResult>()
  if (strict) {
    for (const input of inputs) {
      const result = await parseInput(input)
      if (!input.rereadable) kept.set(input, result)
    }
    if (context.failed) return
  }

  const many = inputs.length > 1
  if (many) await context.out.write('[\n')
  for (const [index, input] of inputs.entries()) {
    const result = kept.get(input) ?? (await parseInput(input))
    kept.delete(input)
    const digest = result.success ? result.data : result.error.digest
    // The array is written entry by entry, as JSON.stringify(array, null, 2) would write it.
    const text = many
      ? `  ${JSON.stringify({ file: input.name, digest }, null, 2).replaceAll('\n', '\n  ')}`
      : JSON.stringify(digest, null, 2)
    await context.out.write(`${text}${many && index < inputs.length - 1 ? ',' : ''}\n`)
  }
  if (many) await context.out.write(']\n')
}

/**
 * `--format ndjson` and `csv`: every input streamed, paper by paper, in flat
 * memory. A file is read once for its years first (so the papers are those
 * of `--format json`); standard input and pipes are read once.
 */
async function parseStream(command: ParseCommand, inputs: readonly Input[], context: Context): Promise<void> {
  const { strict } = command
  const format =
    command.format === 'csv'
      ? (file: string, paper: Paper) => paperRecord(file, paper)
      : (file: string, paper: Paper) => `${JSON.stringify({ file, ...paper })}\n`
  const years = new Map<Input, number | undefined>()
  const yearOf = async (input: Input): Promise<number | undefined> => {
    if (command.year !== undefined || !input.rereadable) return command.year
    if (!years.has(input)) years.set(input, (await inferYear(chunks(input, context.stdin))) ?? undefined)
    return years.get(input)
  }
  const pass = async (input: Input, emit: ((paper: Paper) => Promise<void> | void) | null): Promise<void> => {
    const year = await yearOf(input)
    const report = diagnostics(input, context)
    for await (const paper of parseDigestStream(chunks(input, context.stdin), { year, onMessage: report.add })) {
      await report.release(paper.line)
      if (emit) await emit(paper)
    }
    await report.release()
    if (report.failed(strict)) context.failed = true
  }
  const print = (input: Input) => (paper: Paper) => context.out.write(format(input.name, paper))

  // --strict: a checking pass over every input before anything is printed.
  // What cannot be read again is held in memory meanwhile (not flat).
  const held = new Map<Input, string[]>()
  if (strict) {
    for (const input of inputs) {
      if (input.rereadable) await pass(input, null)
      else {
        const lines: string[] = []
        held.set(input, lines)
        await pass(input, (paper) => {
          lines.push(format(input.name, paper))
        })
      }
    }
    if (context.failed) return
  }

  if (command.format === 'csv') await context.out.write(CSV_HEADER)
  for (const input of inputs) {
    const lines = held.get(input)
    held.delete(input)
    if (lines) for (const line of lines) await context.out.write(line)
    else await pass(input, print(input))
  }
}

const JSON_TOO_LARGE = `the input is larger than ${String(DEFAULT_MAX_BYTES)} bytes (4 MiB), the most parse --format json reads; use --format ndjson or csv, which stream any size`

/** Where `parse` sends the diagnostics of an input: standard error, a line each. */
function diagnostics(input: Input, context: Context): Report {
  return new Report((message) => context.err.write(formatDiagnostic(input.name, forCli(message, JSON_TOO_LARGE, true))))
}
