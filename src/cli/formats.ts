import type { DataFormat } from './args.js'
import type { Digest, MergedDigest, Paper } from '../index.js'
import { CSV_HEADER, paperRecord } from './csv.js'
import { type FeedMeta, feedWriter, type FeedWriter } from './feeds.js'
import type { Output, Pending } from './output.js'

/** A digest's own fields: a `Digest` without its papers. */
export type DigestHeader = Omit<Digest, 'papers'>

/** The date rows name a digest by: its date's `iso`, else its `text`; `null` without one. */
export function digestDate(header: Pick<DigestHeader, 'date'>): string | null {
  return header.date ? (header.date.iso ?? header.date.text) : null
}

/**
 * Where `parse` writes the papers of its inputs, in one format: each input's
 * header, then its papers, input after input.
 */
export interface Writer {
  /** Before anything else. */
  start(): Pending
  /** An input's header, before its papers. */
  begin(file: string, header: DigestHeader): Pending
  paper(file: string, date: string | null, paper: Paper): Pending
  /** After an input's last paper. */
  finish(): Pending
  /** After everything. */
  end(): Pending
}

/** The writer of a format; `many` says whether there are several inputs (`json` then writes an array). */
export function createWriter(format: DataFormat, out: Output, many: boolean): Writer {
  switch (format) {
    case 'json':
      return new JsonWriter(out, many)
    case 'ndjson': {
      // The start of every row of an input, made once: its file and digest date.
      let name: string | null = null
      let day: string | null = null
      let start = ''
      return rows(out, '', (file, date, paper) => {
        if (file !== name || date !== day) start = rowStart((name = file), (day = date))
        return writePaperRow(out, start, paper)
      })
    }
    case 'csv':
      return rows(out, CSV_HEADER, (file, date, paper) => out.write(paperRecord(file, date, paper)))
    default:
      return feedRows(feedWriter(format, out))
  }
}

/** A writer of one line per paper, after a header line. */
function rows(out: Output, header: string, row: (file: string, date: string | null, paper: Paper) => Pending): Writer {
  return {
    start: () => (header ? out.write(header) : undefined),
    begin: () => undefined,
    paper: row,
    finish: () => undefined,
    end: () => undefined,
  }
}

/** A feed of every input's papers; its title and link come from the first input. */
function feedRows(feed: FeedWriter): Writer {
  let started = false
  return {
    start: () => undefined,
    begin(_file, header) {
      if (started) return undefined
      started = true
      return feed.head(metaOf([header]))
    },
    paper: (_file, _date, paper) => feed.item(paper),
    finish: () => undefined,
    end: () => feed.tail(),
  }
}

/** A paper as a line of `--format ndjson`: its file and digest date first. */
export function ndjsonRow(file: string, date: string | null, paper: object): string {
  return `${JSON.stringify({ file, digestDate: date, ...paper })}\n`
}

// What JSON.stringify escapes in a string: a quote, a backslash, a control
// character (U+0000 to U+001F), a surrogate (it escapes lone ones; pairs go
// the slow way too). Written as the class of everything else, negated.
const ESCAPED = /[^\x20\x21\x23-\x5b\x5d-\ud7ff\ue000-\uffff]/

// Anything but printable ASCII other than a quote and a backslash.
const NOT_PLAIN_ASCII = /[^\x20\x21\x23-\x5b\x5d-\x7e]/

/** A string as JSON: as it is, between quotes, when nothing in it needs escaping (most do not). */
export function jsonString(text: string): string {
  return ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`
}

const jsonNullable = (text: string | null): string => (text === null ? 'null' : jsonString(text))
const jsonNumber = (value: number | null): string => (value === null ? 'null' : String(value))

/**
 * `ndjsonRow(file, date, paper)` for a `Paper`, byte for byte, written field
 * by field (no object spread, no JSON.stringify of the whole): the line of
 * `--format ndjson`.
 */
export function paperRow(file: string, date: string | null, paper: Paper): string {
  return `${rowStart(file, date)}${jsonString(paper.title)},"abstract":${jsonString(paper.abstract)}${rowTail(paper)}`
}

/** The start of a row, up to its title: `{"file":…,"digestDate":…,"title":`. */
function rowStart(file: string, date: string | null): string {
  return `{"file":${jsonString(file)},"digestDate":${jsonNullable(date)},"title":`
}

/** Write {@link paperRow} without building it: the abstract, most of the line, goes straight to the output. */
function writePaperRow(out: Output, start: string, paper: Paper): Pending {
  const head = out.write(`${start}${jsonString(paper.title)},"abstract":`)
  const abstract = paper.abstract
  // One scan tells most abstracts apart: printable ASCII without a quote or a backslash.
  const body = !NOT_PLAIN_ASCII.test(abstract)
    ? out.writeQuoted(abstract, true)
    : ESCAPED.test(abstract)
      ? out.write(JSON.stringify(abstract))
      : out.writeQuoted(abstract)
  const tail = out.write(rowTail(paper))
  return head || body || tail ? Promise.all([head, body, tail]).then(() => undefined) : undefined
}

/** The line of a paper after its abstract, its end of line included. */
function rowTail(paper: Paper): string {
  const published = paper.published
  const when =
    published === null
      ? 'null'
      : `{"text":${jsonString(published.text)},"year":${jsonNumber(published.year)},"month":${String(published.month)},"day":${String(published.day)},"yearInferred":${String(published.yearInferred)},"iso":${jsonNullable(published.iso)}}`
  let links = ''
  for (const link of paper.links) links += `${links === '' ? '' : ','}${jsonString(link)}`
  return `,"authorCount":${jsonNumber(paper.authorCount)},"organization":${jsonNullable(paper.organization)},"published":${when},"upvotes":${jsonNumber(paper.upvotes)},"comments":${jsonNumber(paper.comments)},"submittedBy":${jsonNullable(paper.submittedBy)},"arxivId":${jsonNullable(paper.arxivId)},"githubRepo":${jsonNullable(paper.githubRepo)},"githubStars":${jsonNumber(paper.githubStars)},"links":[${links}],"line":${String(paper.line)}}\n`
}

/** Indent every line but the first (JSON.stringify indents nested values so). */
const indent = (text: string, by: string): string => (by === '' ? text : text.replaceAll('\n', `\n${by}`))

/**
 * `--format json`, streamed: exactly `JSON.stringify(digest, null, 2)` for
 * one input, and `JSON.stringify([{ file, digest }, …], null, 2)` for several,
 * written paper by paper instead of held whole.
 */
class JsonWriter implements Writer {
  readonly #out: Output
  readonly #many: boolean
  #inputs = 0
  #papers = 0
  #base = ''

  constructor(out: Output, many: boolean) {
    this.#out = out
    this.#many = many
    this.#base = many ? '    ' : ''
  }

  start(): Pending {
    return this.#many ? this.#out.write('[') : undefined
  }

  begin(file: string, header: DigestHeader): Pending {
    this.#papers = 0
    const entry = this.#many
      ? `${this.#inputs > 0 ? ',' : ''}\n  {\n    "file": ${JSON.stringify(file)},\n    "digest": `
      : ''
    this.#inputs++
    return this.#out.write(entry + openPapers({ ...header, papers: [] }, this.#base))
  }

  paper(_file: string, _date: string | null, paper: Paper): Pending {
    const by = `${this.#base}    `
    const separator = this.#papers++ > 0 ? ',\n' : '[\n'
    return this.#out.write(`${separator}${by}${indent(JSON.stringify(paper, null, 2), by)}`)
  }

  finish(): Pending {
    const close = this.#papers > 0 ? `\n${this.#base}  ]` : '[]'
    return this.#out.write(`${close}\n${this.#base}}${this.#many ? '\n  }' : ''}`)
  }

  end(): Pending {
    return this.#out.write(this.#many ? '\n]\n' : '\n')
  }
}

/** A value pretty-printed at indentation `base`, cut just before the `[]` of its last key (`papers`). */
function openPapers(value: object, base: string): string {
  const text = indent(JSON.stringify(value, null, 2), base)
  const end = `[]\n${base}}`
  if (!text.endsWith(end)) throw new Error('papers-digest: internal error: papers is not the last key')
  return text.slice(0, -end.length)
}

/** Write a merged digest in a format: `json` is the `MergedDigest`, written paper by paper. */
export async function writeMerged(format: DataFormat, out: Output, merged: MergedDigest): Promise<void> {
  const { digests, papers } = merged
  const row = (paper: MergedDigest['papers'][number]) => ({
    file: paper.lastSeen.file ?? '',
    date: paper.lastSeen.date,
  })
  switch (format) {
    case 'json': {
      await out.write(openPapers({ digests, papers: [] }, ''))
      for (const [index, paper] of papers.entries())
        await out.write(`${index > 0 ? ',\n' : '[\n'}    ${indent(JSON.stringify(paper, null, 2), '    ')}`)
      await out.write(papers.length > 0 ? '\n  ]\n}\n' : '[]\n}\n')
      return
    }
    case 'ndjson':
      for (const paper of papers) {
        const { file, date } = row(paper)
        await out.write(ndjsonRow(file, date, paper))
      }
      return
    case 'csv':
      await out.write(CSV_HEADER)
      for (const paper of papers) {
        const { file, date } = row(paper)
        await out.write(paperRecord(file, date, paper))
      }
      return
    default: {
      const feed = feedWriter(format, out)
      await feed.head(metaOf(digests))
      for (const paper of papers) await feed.item(paper)
      await feed.tail()
    }
  }
}

/**
 * A feed's title, link and date, from the digests it holds: the first title,
 * and the dates of the first and the last digest.
 */
function metaOf(headers: ReadonlyArray<Pick<DigestHeader, 'title' | 'date' | 'page' | 'query'>>): FeedMeta {
  const title = headers.find((header) => header.title !== null)?.title ?? 'Hugging Face papers'
  const dates = headers.map(digestDate).filter((date) => date !== null)
  const first = dates[0]
  const last = dates.at(-1)
  const when = first === undefined || last === undefined ? '' : first === last ? `, ${first}` : `, ${first} to ${last}`
  const [one] = headers
  const iso = headers.length === 1 ? one?.date?.iso : undefined
  const link = iso
    ? `https://huggingface.co/papers/date/${iso}`
    : one?.page === 'trending'
      ? 'https://huggingface.co/papers/trending'
      : one?.page === 'search' && one.query
        ? `https://huggingface.co/papers?q=${encodeURIComponent(one.query)}`
        : 'https://huggingface.co/papers'
  const updated = headers
    .map((header) => header.date?.iso ?? null)
    .filter((date) => date !== null)
    .sort()
    .at(-1)
  return { title: `${title}${when}`, link, updated: updated ?? null }
}
