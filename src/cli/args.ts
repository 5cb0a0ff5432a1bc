import { parseArgs } from 'node:util'
import { CliError } from './errors.js'

/** The formats `parse` and `merge` print. */
export type DataFormat = 'json' | 'ndjson' | 'csv' | 'rss' | 'atom' | 'jsonfeed'

/** `parse` or `merge`, which print data. */
export interface DataCommand {
  name: 'parse' | 'merge'
  files: string[]
  format: DataFormat
  year: number | undefined
  strict: boolean
  /** `-o FILE`: where the data goes instead of standard output. */
  output: string | null
}

/** `validate`. */
export interface ValidateCommand {
  name: 'validate'
  files: string[]
  format: 'text' | 'json'
  year: number | undefined
  strict: boolean
  /** Errors and the summary only. */
  quiet: boolean
}

/** What the command line asks for. */
export type Command = { name: 'help' } | { name: 'version' } | DataCommand | ValidateCommand

const OPTIONS = {
  format: { type: 'string' },
  year: { type: 'string' },
  strict: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

type OptionName = keyof typeof OPTIONS
type CommandName = 'parse' | 'merge' | 'validate'

// Which options each command takes (help and version go with any).
const ACCEPTS: Record<CommandName, readonly OptionName[]> = {
  parse: ['format', 'year', 'strict', 'output'],
  merge: ['format', 'year', 'output'],
  validate: ['format', 'year', 'strict', 'quiet'],
}

// Each command's formats, its default first.
const DATA_FORMATS: readonly [DataFormat, ...DataFormat[]] = ['json', 'ndjson', 'csv', 'rss', 'atom', 'jsonfeed']
const FORMATS: Record<CommandName, readonly [string, ...string[]]> = {
  parse: DATA_FORMATS,
  merge: DATA_FORMATS,
  validate: ['text', 'json'],
}

const COMMANDS = 'use parse, merge or validate'

const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name)
const isCommand = (name: string): name is CommandName => Object.hasOwn(ACCEPTS, name)

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
  const given: Array<{ name: OptionName; rawName: string }> = []
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
    given.push({ name, rawName })
  }
  if (values.help) return { name: 'help' }
  if (values.version) return { name: 'version' }

  const [command, ...files] = positionals
  if (command === undefined) throw new CliError(`missing command: ${COMMANDS}`, true)
  if (!isCommand(command)) throw new CliError(`unknown command ${quote(command)}: ${COMMANDS}`, true)
  for (const { name, rawName } of given) {
    if (!ACCEPTS[command].includes(name) && name !== 'help' && name !== 'version') {
      throw new CliError(`${command} takes no ${rawName} option`, true)
    }
  }
  const strict = values.strict === true
  const format = checkFormat(command, values.format)
  const year = checkYear(values.year)
  if (command === 'validate') {
    return { name: command, files, format: format as 'text' | 'json', year, strict, quiet: values.quiet === true }
  }
  const output = typeof values.output === 'string' ? values.output : null
  if (output === '') throw new CliError('-o needs a file name', true)
  return { name: command, files, format: format as DataFormat, year, strict, output }
}

function checkFormat(command: CommandName, format: string | true | undefined): string {
  const formats = FORMATS[command]
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
