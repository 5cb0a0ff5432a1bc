import { parseArgs } from 'node:util'
import { CliError } from './errors.js'

/** What the command line asks for. */
export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'parse'; files: string[]; format: 'json' | 'ndjson' | 'csv'; year: number | undefined; strict: boolean }
  | { name: 'validate'; files: string[]; format: 'text' | 'json'; strict: boolean }

const OPTIONS = {
  format: { type: 'string' },
  year: { type: 'string' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

type OptionName = keyof typeof OPTIONS

// Which options each command takes (help and version go with any).
const ACCEPTS: Record<'parse' | 'validate', readonly OptionName[]> = {
  parse: ['format', 'year', 'strict'],
  validate: ['format', 'strict'],
}

const FORMATS = { parse: ['json', 'ndjson', 'csv'], validate: ['text', 'json'] } as const

const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name)

/**
 * Read the command line. `parseArgs` runs loose, and the tokens are checked
 * here, so that every mistake gets a message of ours.
 *
 * @throws {CliError} A usage mistake: an unknown option or command, a missing
 *   or unexpected option value, a bad `--format` or `--year`.
 */
export function readArgs(argv: readonly string[]): Command {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: false,
    tokens: true,
  })
  const positionals: string[] = []
  const values: Partial<Record<OptionName, string | true>> = {}
  const given: OptionName[] = []
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value)
    if (token.kind !== 'option') continue
    const { name, rawName, value } = token
    if (!isOption(name)) throw new CliError(`unknown option ${quote(rawName)}`, true)
    if (OPTIONS[name].type === 'string') {
      if (value === undefined) throw new CliError(`option ${rawName} needs a value`, true)
      values[name] = value
    } else {
      if (value !== undefined) throw new CliError(`option ${rawName} takes no value`, true)
      values[name] = true
    }
    given.push(name)
  }
  if (values.help) return { name: 'help' }
  if (values.version) return { name: 'version' }

  const [command, ...files] = positionals
  if (command === undefined) throw new CliError('missing command: use parse or validate', true)
  if (command !== 'parse' && command !== 'validate') {
    throw new CliError(`unknown command ${quote(command)}: use parse or validate`, true)
  }
  for (const name of given) {
    if (!ACCEPTS[command].includes(name) && name !== 'help' && name !== 'version') {
      throw new CliError(`${command} takes no --${name} option`, true)
    }
  }
  const strict = values.strict === true
  const format = checkFormat(command, values.format)
  if (command === 'validate') return { name: command, files, format: format as 'text' | 'json', strict }
  return { name: command, files, format: format as 'json' | 'ndjson' | 'csv', year: checkYear(values.year), strict }
}

function checkFormat(command: 'parse' | 'validate', format: string | true | undefined): string {
  const formats: readonly [string, ...string[]] = FORMATS[command]
  if (format === undefined) return formats[0]
  if (typeof format === 'string' && formats.includes(format)) return format
  throw new CliError(`unknown format ${quote(String(format))} for ${command}: use ${formats.join(', ')}`, true)
}

function checkYear(year: string | true | undefined): number | undefined {
  if (year === undefined) return undefined
  const value = typeof year === 'string' && /^[0-9]+$/.test(year) ? Number(year) : 0
  if (!(value >= 1 && value <= 9999))
    throw new CliError(`--year must be a whole number from 1 to 9999, not ${quote(String(year))}`, true)
  return value
}

const quote = (text: string): string => `'${text}'`
