import { type Analysis, analyze } from './analyze.js'
import { toCsv, toNdjson } from './formats.js'
import type { Reply, Request } from './protocol.js'
import { buffersOf, viewOf } from './view.js'

/** A reply, and the buffers to transfer with it. */
export interface Answer {
  reply: Reply
  transfer: ArrayBuffer[]
}

/**
 * The worker's side of the protocol, as a function: it keeps the last parse,
 * to answer questions about it. Runs in the worker, or on the page when
 * there is no worker.
 */
export function createHandler(): (request: Request) => Answer {
  let last: { id: number; analysis: Analysis } | null = null
  return (request) => {
    const { id } = request
    try {
      if (request.type === 'parse') {
        const analysis = analyze(request.text, request.year)
        last = { id, analysis }
        const view = viewOf(analysis, request.text)
        return { reply: { id, view }, transfer: buffersOf(view) }
      }
      if (!last || last.id !== request.parse)
        return { reply: { id, error: 'the text has changed since' }, transfer: [] }
      const { digest, messages, json } = last.analysis
      let text: string
      if (request.type === 'export') {
        text = request.format === 'json' ? json : request.format === 'csv' ? toCsv(digest) : toNdjson(digest)
      } else {
        const item = request.type === 'paper' ? digest.papers[request.index] : messages[request.index]
        text = JSON.stringify(item ?? null, null, 2)
      }
      return { reply: { id, text }, transfer: [] }
    } catch (error) {
      return { reply: { id, error: error instanceof Error ? error.message : String(error) }, transfer: [] }
    }
  }
}
