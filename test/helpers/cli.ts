import { Readable, Writable } from 'node:stream'
import { parse as parseCsv } from 'csv-parse/sync'
import { cli } from '../../src/cli/cli.js'
import type { Digest, Paper } from '../../src/index.js'

// The command line run in process: cli(argv, io) over in-memory streams, as
// the bin runs it over the process's own. Spawning the bin costs a Node.js
// start each time; only the few things a process shows are tested that way
// (see cli-bin.test.ts). And what the tests read its output with: its lines,
// its ndjson and CSV rows (SPEC section 5).

/** What a run of the command gives. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Standard input: bytes or text, or chunks as a pipe would give them (an iterable, so it can be made as it is read). */
export type CliInput = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>

// A pipe hands standard input over in pieces of this size.
const CHUNK = 64 * 1024

/** Standard input as the bin's process.stdin gives it: a readable stream of byte chunks. */
export function stdinOf(input: CliInput = ''): Readable {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const bytes = typeof input === 'string' ? Buffer.from(input) : input
    return Readable.from(
      (function* () {
        for (let start = 0; start < bytes.length; start += CHUNK) yield bytes.subarray(start, start + CHUNK)
      })(),
    )
  }
  return Readable.from(input)
}

/** A writable stream that keeps what is written, and gives it back as UTF-8 text; `tty` makes it look like a terminal. */
export function sink(tty = false): Writable & { text(): string } {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.from(chunk))
      callback()
    },
  })
  if (tty) Object.assign(stream, { isTTY: true })
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') })
}

/** A writable stream that counts the line feeds written, and keeps none of what is written. */
export function counter(): Writable & { lines: number } {
  const stream = Object.assign(
    new Writable({
      // Strings as they are written: encoding hundreds of megabytes only to count their lines would be time lost.
      decodeStrings: false,
      write(chunk: Buffer | string, _encoding, callback) {
        for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) stream.lines++
        callback()
      },
    }),
    { lines: 0 },
  )
  return stream
}

/** How to run the command: its standard input, its environment, and whether its output is a terminal. */
export interface RunOptions {
  /** Standard input; empty by default (a command that reads it then reads no bytes). */
  stdin?: CliInput | undefined
  /** The environment, for `NO_COLOR` and `FORCE_COLOR`; none by default. */
  env?: Record<string, string | undefined> | undefined
  /** Standard output and standard error look like a terminal (for colour). */
  tty?: boolean | undefined
}

/** Run the command line in process, as `papers-digest ...argv`. */
export async function runCli(argv: readonly string[], { stdin, env, tty = false }: RunOptions = {}): Promise<CliRun> {
  const stdout = sink(tty)
  const stderr = sink(tty)
  const code = await cli(argv, { stdin: stdinOf(stdin), stdout, stderr, env })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

/** The lines of an output, without the empty ones. */
export const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '')

/** The date rows name a digest by (SPEC section 5): its date's iso, else its text; null without one. */
export const dateOf = (digest: Pick<Digest, 'date'>): string | null =>
  digest.date ? (digest.date.iso ?? digest.date.text) : null

/** A line of `--format ndjson`: the paper, after its input's name and the digest's date. */
export type NdjsonRow = Paper & { file: string; digestDate: string | null }

/** The rows of `--format ndjson`. */
export const readNdjson = (text: string): NdjsonRow[] => lines(text).map((line) => JSON.parse(line) as NdjsonRow)

/** The ndjson rows of a digest's papers. */
export const rowsOf = (file: string, digest: Digest): NdjsonRow[] =>
  digest.papers.map((paper) => ({ file, digestDate: dateOf(digest), ...paper }))

/** The header of `--format csv` (SPEC section 5). */
export const CSV_COLUMNS =
  'file,digestDate,line,arxivId,title,authorCount,organization,published,upvotes,comments,submittedBy,githubRepo,githubStars,links,abstract'

/** The records of `--format csv`, by column, as a CSV reader reads them. */
export const readCsv = (text: string): Record<string, string>[] =>
  parseCsv<Record<string, string>>(text, { columns: true })

const cell = (value: string | number | null): string => (value === null ? '' : String(value))

/** The CSV record a paper should give, as {@link readCsv} reads it back. */
export function csvRow(file: string, digestDate: string | null, paper: Paper): Record<string, string> {
  return {
    file,
    digestDate: cell(digestDate),
    line: String(paper.line),
    arxivId: cell(paper.arxivId),
    title: paper.title,
    authorCount: cell(paper.authorCount),
    organization: cell(paper.organization),
    published: paper.published ? (paper.published.iso ?? paper.published.text) : '',
    upvotes: cell(paper.upvotes),
    comments: cell(paper.comments),
    submittedBy: cell(paper.submittedBy),
    githubRepo: cell(paper.githubRepo),
    githubStars: cell(paper.githubStars),
    links: paper.links.join(' '),
    abstract: paper.abstract,
  }
}

/** The CSV records of a digest's papers. */
export const csvRowsOf = (file: string, digest: Digest): Record<string, string>[] =>
  digest.papers.map((paper) => csvRow(file, dateOf(digest), paper))
