#!/usr/bin/env node
// The papers-digest executable: the command line over the process's streams.
import { cli } from './cli.js'

// cli() reports its own problems; this is for one that escapes it (an error
// event nobody waits on): still one line and exit code 2, never a stack trace.
process.on('uncaughtException', (error) => {
  process.stderr.write(
    `papers-digest: internal error: ${error instanceof Error ? error.message : String(error)}; please report it\n`,
  )
  process.exit(2)
})

process.exitCode = await cli(process.argv.slice(2), {
  // A getter: process.stdin is only opened when an input is standard input.
  get stdin() {
    return process.stdin
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
})
