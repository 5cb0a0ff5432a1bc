import { safeParseDigest } from '../parse.js'
import { DigestReader, inferYear } from '../stream.js'
import type { Paper } from '../index.js'
import type { DigestHeader } from './formats.js'
import { chunks, decoded, type Input, readHead, type Stdin } from './inputs.js'
import type { Report } from './output.js'

/** What a command does with an input's digest, as it is read. */
export interface DigestHandler {
  /** The digest's own fields, before its papers. */
  header(header: DigestHeader): Promise<void> | void
  /** Nothing, or a promise to wait for before the next paper. */
  paper(paper: Paper): Promise<void> | void
  /**
   * What the handler does with the papers: `write` each out at once (the
   * default); `keep` them (merge, and `parse --strict` on standard input),
   * so that a streamed paper gets strings of its own rather than slices that
   * keep the chunk of text it was read from; or only `count` them
   * (`validate`), so that a streamed input's papers are not built at all
   * (`paper` is then not called for them).
   */
  papers?: 'write' | 'keep' | 'count'
}

/**
 * The largest input the command line parses in one batch (4 MiB, about 40
 * times the largest real digest): read once, its years inferred as
 * `parseDigest` infers them. A batch holds up to about ten times its input,
 * so a longer input is streamed instead, in flat memory. This is the command
 * line's own window, smaller than the library's `DEFAULT_MAX_BYTES`.
 */
export const BATCH_BYTES = 4 * 2 ** 20

export interface ReadOptions {
  /** `--year`. */
  year: number | undefined
  /**
   * How standard input is read: `whole`, as a file is (a batch if it is
   * small enough, so its years are inferred); `stream`, in one pass from its
   * first byte, where year-less dates take `--year` or stay null.
   */
  stdin: 'whole' | 'stream'
}

/**
 * Read one input: its header, then its papers, with every diagnostic handed
 * to `report` in line order. Each input is read once wherever it can be:
 * an input of at most `BATCH_BYTES` is parsed in one batch (years
 * inferred as `parseDigest` infers them); a longer one streams, after a pass
 * for its years when it is a file and neither `--year` nor its name gives
 * one. The year of dates that write none is `--year`, else the one the
 * file's name gives, else the library's.
 *
 * @returns How many papers it held.
 */
export async function readInput(
  input: Input,
  stdin: Stdin,
  options: ReadOptions,
  report: Report,
  handler: DigestHandler,
): Promise<number> {
  const year = options.year ?? input.yearHint
  if (input.path === null && options.stdin === 'stream') {
    return streamInput(chunks(input, stdin), year, report, handler)
  }
  const head = await readHead(input, stdin, BATCH_BYTES)
  if (head.whole) {
    const result = safeParseDigest(head.bytes, { year, maxBytes: Infinity })
    const { papers, ...header } = result.success ? result.data : result.error.digest
    for (const message of result.messages) report.add(message)
    await handler.header(header)
    for (const paper of papers) {
      const released = report.release(paper.line)
      if (released) await released
      const written = handler.paper(paper)
      if (written) await written
    }
    await report.release()
    return papers.length
  }
  try {
    let streamYear = year
    if (streamYear === undefined && input.rereadable)
      streamYear = (await inferYear(decoded(chunks(input, stdin)))) ?? undefined
    return await streamInput(head.chunks, streamYear, report, handler)
  } finally {
    await head.close()
  }
}

async function streamInput(
  source: AsyncIterable<Uint8Array>,
  year: number | undefined,
  report: Report,
  handler: DigestHandler,
): Promise<number> {
  // Set by onHeader, which the reader calls before its first paper and at its
  // end (TypeScript cannot see that, and would narrow `header` to null).
  let header = null as DigestHeader | null
  const use = handler.papers ?? 'write'
  const reader = new DigestReader({
    year,
    onMessage: report.add,
    onHeader: (found) => (header = found),
    copyStrings: use === 'keep',
    papers: use !== 'count',
  })
  let count = 0
  // Each chunk's papers are written before the next chunk is read; a promise
  // is awaited only when there is one (most papers give none).
  const write = async (papers: readonly Paper[]): Promise<void> => {
    for (const paper of papers) {
      if (count++ === 0) {
        if (header === null) throw new Error('papers-digest: internal error: the stream gave no header')
        await handler.header(header)
      }
      const released = report.release(paper.line)
      if (released) await released
      const written = handler.paper(paper)
      if (written) await written
    }
  }
  if (use === 'count') {
    // No papers to interleave with: the diagnostics, which the reader hands
    // on in source order, go out after each chunk.
    for await (const chunk of decoded(source)) {
      reader.push(chunk)
      const released = report.release()
      if (released) await released
    }
    reader.end()
    count = reader.count
  } else {
    for await (const chunk of decoded(source)) {
      const papers = reader.push(chunk)
      if (papers.length > 0) await write(papers)
    }
    await write(reader.end())
  }
  if (count === 0 || use === 'count') {
    if (header === null) throw new Error('papers-digest: internal error: the stream gave no header')
    await handler.header(header)
  }
  await report.release()
  return count
}
