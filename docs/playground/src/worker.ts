// The worker: parses off the page's thread, so that typing stays responsive
// however large the text, and keeps the last parse for the page's questions.
import { createHandler } from './handler.js'
import type { Reply, Request } from './protocol.js'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Request>) => void) | null
  postMessage(reply: Reply, transfer: Transferable[]): void
}
const handle = createHandler()

scope.onmessage = ({ data }) => {
  const { reply, transfer } = handle(data)
  scope.postMessage(reply, transfer)
}
