import { getSystemErrorMap } from 'node:util'

/**
 * A problem that ends the command with exit code 2 and one line on standard
 * error: a usage mistake, or an input or output that cannot be used.
 */
export class CliError extends Error {
  override name = 'CliError'
  /** Whether to add `see papers-digest --help` (a usage mistake). */
  readonly usage: boolean

  constructor(message: string, usage = false) {
    super(message)
    this.usage = usage
  }
}

// Clearer than the system's own words for the common cases.
const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
}

/** A system error in a few words (`no such file or directory`), without its stack or path. */
export function describeError(error: unknown): string {
  const { code, errno } = (error ?? {}) as NodeJS.ErrnoException
  if (code && WORDS[code]) return WORDS[code]
  if (typeof errno === 'number') {
    const known = getSystemErrorMap().get(errno)
    if (known) return known[1]
  }
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}
