import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { readArgs } from './args.js'
import { CliError, describeError } from './errors.js'
import type { Stdin } from './inputs.js'
import { type Context, Output, OutputClosed, OutputFile, useColour } from './output.js'

/** The streams the command line works with: the process's own, or a test's. */
export interface CliIo {
  /** Standard input, as bytes (it is read only when an input is `-` or none is named). */
  stdin: Stdin
  stdout: Writable
  stderr: Writable
  /**
   * The environment, for `NO_COLOR` and `FORCE_COLOR` (colour is otherwise
   * only for a stream that is a terminal).
   *
   * Default: none: colour only on a terminal.
   */
  env?: Readonly<Record<string, string | undefined>> | undefined
}

const HELP = `Usage: papers-digest <command> [FILE...] [options]

Parse the text of scraped Hugging Face "Daily Papers" pages into papers,
merge several pages into one list, or check them.

Commands:
  parse [FILE...]      print the papers; diagnostics go to standard error
  merge [FILE...]      print the unique papers of all the inputs (oldest
                       first), with the first and last input each was seen in
  validate [FILE...]   print every diagnostic, then a summary line:
                       N files, N papers, N errors, N warnings

Options:
  --format FORMAT  parse, merge: json (default), ndjson, csv, rss, atom or
                   jsonfeed; validate: text (default) or json
  --year N         the year of dates that write none (1 to 9999); default:
                   the date in a file's name (2025-10-31.txt), else inferred
  --strict         parse, validate: warnings count as errors; parse then
                   prints no data unless every input is clean
  -o FILE          parse, merge: write the data to FILE, not standard output
  -q, --quiet      validate: print the errors and the summary only
  -h, --help       show this help
  -v, --version    show the version

With no FILE, or with -, the input is standard input (<stdin>).
Diagnostics: FILE:LINE:COLUMN: SEVERITY: MESSAGE (RULE-ID), in colour on a
terminal (NO_COLOR turns it off, FORCE_COLOR on).
Exit status: 0 no errors, 1 errors found (or warnings, with --strict),
2 a usage or I/O problem.

Examples:
  papers-digest parse digest.txt > digest.json
  papers-digest parse big.txt --format ndjson | head -n 3
  papers-digest parse a.txt b.txt --format csv -o papers.csv
  papers-digest merge 2025-10-*.txt --format atom -o week.xml
  cat digest.txt | papers-digest parse --year 2025
  papers-digest validate --strict --quiet *.txt
`

/**
 * The `papers-digest` command line, over the given streams. It never throws:
 * every problem is a line on `stderr` and an exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await cli(process.argv.slice(2), process)
 * ```
 *
 * @param argv The arguments after the program's name.
 * @param io Standard input, output and error.
 * @returns The exit code: 0 no errors, 1 errors found (or warnings with
 *   `--strict`), 2 a usage or I/O problem.
 */
export async function cli(argv: readonly string[], io: CliIo): Promise<number> {
  const env = io.env ?? {}
  const context: Context = {
    // Looked up only when read: the bin's process.stdin is then only opened if needed.
    stdin: { [Symbol.asyncIterator]: () => io.stdin[Symbol.asyncIterator]() },
    out: new Output(io.stdout, 'standard output'),
    err: new Output(io.stderr, 'standard error', 0),
    failed: false,
    colour: { out: useColour(io.stdout, env), err: useColour(io.stderr, env) },
  }
  let file: OutputFile | null = null
  try {
    const command = readArgs(argv)
    if (command.name === 'help') await context.out.write(HELP)
    else if (command.name === 'version') await context.out.write(`${version()}\n`)
    else {
      // The commands, and the parser with them, are loaded only when one
      // runs: --help and --version start in the time of a bare node.
      const { openInputs } = await import('./inputs.js')
      const inputs = await openInputs(command.files)
      if (command.name === 'validate') await (await import('./validate.js')).validate(command, inputs, context)
      else {
        if (command.output !== null) {
          file = await OutputFile.open(command.output)
          context.out = new Output(file.stream, command.output)
        }
        if (command.name === 'parse') await (await import('./parse.js')).parse(command, inputs, context)
        else await (await import('./merge.js')).merge(command, inputs, context)
      }
    }
    await context.err.flush()
    await context.out.flush()
    // --strict printed nothing: the file keeps what it had.
    if (file && context.failed && command.name === 'parse' && command.strict) await file.discard()
    else await file?.commit()
    return context.failed ? 1 : 0
  } catch (error) {
    await file?.discard()
    await context.err.flush().catch(() => {})
    // The reader went away (| head): stop quietly.
    if (error instanceof OutputClosed) return context.failed ? 1 : 0
    const lines =
      error instanceof CliError
        ? error.message.split('\n')
        : [`internal error: ${describeError(error)}; please report it`]
    const hint = error instanceof CliError && error.usage ? '; see papers-digest --help' : ''
    try {
      await context.err.write(lines.map((line) => `papers-digest: ${line}${hint}\n`).join(''))
      await context.err.flush()
    } catch {
      // Standard error is gone too: the exit code is all that is left.
    }
    return 2
  }
}

/** The version in the package's package.json, found upwards from this module (bundled or not). */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let depth = 0; depth < 4; depth++, dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown
        version?: unknown
      }
      if (manifest.name === 'papers-digest' && typeof manifest.version === 'string') return manifest.version
    } catch {
      // Not here: look higher up.
    }
  }
  throw new CliError('cannot find the package.json of papers-digest to read its version')
}
