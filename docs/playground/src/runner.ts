import { createHandler } from './handler.js'
import type { Reply, Request } from './protocol.js'
import type { View } from './view.js'

/** A parse to run: the text and the year option. */
export interface Job {
  text: string
  year: number | undefined
}

/** A question about the last parse: a request without its id. */
export type Question = Request extends infer R ? (R extends { type: 'parse' } ? never : Omit<R, 'id'>) : never

/**
 * Talks to the worker. Parses run one at a time: however fast the typing, at
 * most one parse runs and one waits (the latest text), and a result that a
 * newer text has already made stale is dropped unseen. Where workers cannot
 * start (a page opened from a `file:` URL), the same handler runs on the page.
 */
export class Runner {
  readonly #show: (view: View, text: string, parse: number) => void
  readonly #fail: (message: string) => void
  #worker: Worker | null = null
  #handle: ReturnType<typeof createHandler> | null = null
  #running: (Job & { id: number }) | null = null
  #waiting: Job | null = null
  readonly #questions = new Map<number, (reply: Reply) => void>()
  #id = 0

  constructor(show: (view: View, text: string, parse: number) => void, fail: (message: string) => void) {
    this.#show = show
    this.#fail = fail
    try {
      const worker = new Worker('worker.js')
      worker.addEventListener('message', (event: MessageEvent<Reply>) => {
        this.#receive(event.data)
      })
      worker.addEventListener('error', (event) => {
        // The worker could not load: answer on the page from now on.
        event.preventDefault()
        worker.terminate()
        this.#onPage()
      })
      this.#worker = worker
    } catch {
      this.#onPage()
    }
  }

  /** Parse `job` once the parse under way (if any) is done. */
  parse(job: Job): void {
    if (this.#running) {
      this.#waiting = job
      return
    }
    this.#waiting = null
    this.#running = { ...job, id: ++this.#id }
    this.#send({ type: 'parse', ...this.#running })
  }

  /** Ask about the last parse: a paper's or a diagnostic's JSON, or a download. */
  ask(question: Question): Promise<Reply> {
    const id = ++this.#id
    return new Promise((resolve) => {
      this.#questions.set(id, resolve)
      this.#send({ ...question, id })
    })
  }

  #onPage(): void {
    this.#worker = null
    this.#handle = createHandler()
    for (const [id, answer] of this.#questions) answer({ id, error: 'the worker stopped' })
    this.#questions.clear()
    const job = this.#running
    this.#running = null
    if (job) this.parse(this.#waiting ?? job)
  }

  #send(request: Request): void {
    if (this.#worker) {
      this.#worker.postMessage(request)
      return
    }
    // On the page: let it paint before the parse holds its thread.
    setTimeout(() => {
      this.#handle ??= createHandler()
      this.#receive(this.#handle(request).reply)
    }, 0)
  }

  #receive(reply: Reply): void {
    const answer = this.#questions.get(reply.id)
    if (answer) {
      this.#questions.delete(reply.id)
      answer(reply)
      return
    }
    const job = this.#running
    if (!job || reply.id !== job.id) return
    this.#running = null
    const next = this.#waiting
    if (next) this.parse(next)
    else if ('view' in reply) this.#show(reply.view, job.text, job.id)
    else this.#fail('error' in reply ? reply.error : 'no result')
  }
}
