import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { readArgs } from './args.js'
import { CliError, describeError } from './errors.js'
import { openInputs, type Stdin } from './inputs.js'
import { type Context, Output, OutputClosed } from './output.js'
import { parse } from './parse.js'
import { validate } from './validate.js'

/** The streams the command line works with: the process's own, or a test's. */
export interface CliIo {
  /** Standard input, as bytes (it is read only when an input is `-` or none is named). */
  stdin: Stdin
  stdout: Writable
  stderr: Writable
}

const HELP = `Usage: papers-digest <command> [FILE...] [options]

Parse the text of a scraped "Daily Papers" digest into papers, or check it.

Commands:
  parse [FILE...]      print the papers, as JSON (default), NDJSON or CSV;
                       diagnostics go to standard error
  validate [FILE...]   print every diagnostic, then a summary line:
                       N files, N papers, N errors, N warnings

Options:
  --format FORMAT  parse: json (the Digest; an array of { file, digest } for
                   several inputs), ndjson (one paper per line) or csv;
                   validate: text or json
  --year N         parse: the year of dates that write none (1 to 9999)
  --strict         warnings count as errors; parse then prints no data
                   unless every input is clean
  -h, --help       show this help
  -v, --version    show the version

With no FILE, or with -, the digest is read from standard input (<stdin>).
json reads each input whole (4 MiB at most); ndjson and csv stream any size.
Diagnostics: FILE:LINE:COLUMN: SEVERITY: MESSAGE (RULE-ID)
Exit status: 0 no errors, 1 errors found (or warnings, with --strict),
2 a usage or I/O problem.

Examples:
  papers-digest parse digest.txt > digest.json
  papers-digest parse big.txt --format ndjson | head -n 3
  papers-digest parse a.txt b.txt --format csv > papers.csv
  cat digest.txt | papers-digest parse --year 2025
  papers-digest validate --strict *.txt
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
  const context: Context = {
    // Looked up only when read: the bin's process.stdin is then only opened if needed.
    stdin: { [Symbol.asyncIterator]: () => io.stdin[Symbol.asyncIterator]() },
    out: new Output(io.stdout, 'standard output'),
    err: new Output(io.stderr, 'standard error', 0),
    failed: false,
  }
  try {
    const command = readArgs(argv)
    if (command.name === 'help') await context.out.write(HELP)
    else if (command.name === 'version') await context.out.write(`${version()}\n`)
    else {
      const inputs = await openInputs(command.files)
      if (command.name === 'parse') await parse(command, inputs, context)
      else await validate(command, inputs, context)
    }
    await context.err.flush()
    await context.out.flush()
    return context.failed ? 1 : 0
  } catch (error) {
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
