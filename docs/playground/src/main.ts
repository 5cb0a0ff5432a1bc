// The playground page: the text in, what the parser reads out. Plain DOM, no
// framework. The worker parses and sends a view (see view.ts); the page
// renders it, a batch at a time (see lazy.ts).
import { FILE_NAME } from './formats.js'
import { LazyList } from './lazy.js'
import type { Format } from './protocol.js'
import { Runner } from './runner.js'
import { SAMPLES } from './samples.js'
import { BLANK, OUTSIDE, type View } from './view.js'

/** The package version, set by the build. */
declare const VERSION: string

/** How the source view names the tree's node types, where it does not use them as they are. */
const KIND_LABELS: Record<string, string> = { headerLine: 'header' }

/** A line longer than this shows its start only (the parse reads it all). */
const LINE_VIEW_LIMIT = 10_000

/** The element `#id` of index.html, of the type `type` (an `HTMLElement` unless told). */
function byId(id: string): HTMLElement
function byId<T extends HTMLElement>(id: string, type: new () => T): T
function byId(id: string, type: new () => HTMLElement = HTMLElement): HTMLElement {
  const element = document.getElementById(id)
  if (!element) throw new Error(`playground: #${id} is missing from index.html`)
  if (!(element instanceof type)) throw new Error(`playground: #${id} is not a ${type.name} in index.html`)
  return element
}

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  if (className) element.className = className
  if (text !== undefined) element.textContent = text
  return element
}

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`
}

const input = byId('input', HTMLTextAreaElement)
const yearInput = byId('year', HTMLInputElement)
const yearError = byId('year-error')
const fileInput = byId('file', HTMLInputElement)
const status = byId('status')
const results = byId('results')
const source = byId('source')
const papersList = byId('papers')
const diagnosticsList = byId('diagnostics')
const selection = byId('selection')
const jsonView = byId('json')
const jsonNote = byId('json-note')
const downloads = [...document.querySelectorAll<HTMLButtonElement>('[data-download]')]

/** A parse to show: its id, its view, the text's lines, the diagnostics at each line (by index). */
interface Parsed {
  parse: number
  view: View
  text: string[]
  notes: Map<number, number[]>
}

/** What is on screen: the last parse, and the lists rendered from it. */
interface Shown extends Parsed {
  lines: LazyList
  papers: LazyList
  diagnostics: LazyList
}

let shown: Shown | null = null
let selected: { button: HTMLElement | null; lines: HTMLElement[] } = { button: null, lines: [] }
/** How many parses have been shown, in `#results[data-parses]`: tests wait for it to change. */
let parses = 0

// --- parsing as you type -----------------------------------------------------

const runner = new Runner(show, (message) => {
  results.removeAttribute('aria-busy')
  status.textContent = `The parser failed: ${message}. Please report it with the input.`
  status.className = 'status status-error'
})

let timer: ReturnType<typeof setTimeout> | undefined

/** Parse the text after a pause in typing: a longer one for a longer text. */
function schedule(delay = input.value.length > 200_000 ? 300 : 80): void {
  clearTimeout(timer)
  timer = setTimeout(parseNow, delay)
}

function parseNow(): void {
  clearTimeout(timer)
  const year = readYear()
  if (year === null) return
  results.setAttribute('aria-busy', 'true')
  runner.parse({ text: input.value, year })
}

/** The year option: a whole number, `undefined` when empty, `null` (and a message) when invalid. */
function readYear(): number | undefined | null {
  const value = yearInput.value.trim()
  const year = Number(value)
  const valid = value === '' || (Number.isInteger(year) && year >= 1 && year <= 9999)
  yearInput.setAttribute('aria-invalid', String(!valid))
  yearError.hidden = valid
  if (!valid) return null
  return value === '' ? undefined : year
}

function load(text: string): void {
  input.value = text
  parseNow()
}

input.addEventListener('input', () => {
  schedule()
})
yearInput.addEventListener('input', () => {
  if (readYear() !== null) schedule(80)
})
byId('load-seed').addEventListener('click', () => {
  load(SAMPLES.seed)
})
byId('load-damaged').addEventListener('click', () => {
  load(SAMPLES.damaged)
})
byId('clear').addEventListener('click', () => {
  load('')
  input.focus()
})
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0]
  if (file) void file.text().then(load)
})

// --- showing a parse ---------------------------------------------------------

function show(view: View, text: string, parse: number): void {
  shown?.lines.dispose()
  shown?.papers.dispose()
  shown?.diagnostics.dispose()
  selected = { button: null, lines: [] }
  selection.textContent = 'Select a paper or a diagnostic to see its JSON here, and its lines in the text.'

  const { summary, lineCounts, papers, messages } = view
  const lines = text.split(/\r\n|\r|\n/)
  const notes = new Map<number, number[]>()
  messages.line.forEach((at, index) => {
    const line = Math.min(Math.max(1, at), lines.length)
    const list = notes.get(line)
    if (list) list.push(index)
    else notes.set(line, [index])
  })

  status.className =
    summary.errors > 0 ? 'status status-error' : summary.warnings > 0 ? 'status status-warning' : 'status status-ok'
  status.textContent =
    `${plural(papers.title.length, 'paper')}, ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}` +
    ` (parsed in ${String(Math.max(1, Math.round(view.ms)))} ms)`

  setField('title', summary.title ?? 'none (no header)')
  setField('date', summary.date ?? 'none')
  // The parser reports the rendering and the page from SPEC section 2 on; until then, it reads text only.
  setField('rendering', summary.rendering ?? 'text (the only one this version reads)')
  setField('page', summary.page === undefined ? 'not reported by this version' : (summary.page ?? 'unknown'))
  byId('query-row').hidden = !summary.query
  setField('query', summary.query ?? '')
  setField(
    'lines',
    `${String(lineCounts.all)} in all: ${String(lineCounts.paper)} in papers, ${String(lineCounts.other)} in the header or page chrome,` +
      ` ${String(lineCounts.outside)} outside any record (each named by a diagnostic), ${String(lineCounts.blank)} blank`,
  )
  byId('paper-count').textContent = `(${String(papers.title.length)})`
  byId('diagnostic-count').textContent = `(${String(messages.message.length)})`

  const parsed: Parsed = { parse, view, text: lines, notes }
  shown = {
    ...parsed,
    lines: new LazyList(source, source, lines.length, (index) => sourceLine(parsed, index + 1), make('div'), 300),
    papers: new LazyList(papersList, papersList, papers.title.length, (index) => paperItem(parsed, index), make('li')),
    diagnostics: new LazyList(
      diagnosticsList,
      diagnosticsList,
      messages.message.length,
      (index) => diagnosticItem(parsed, index),
      make('li'),
    ),
  }
  papersList.classList.toggle('empty', papers.title.length === 0)
  diagnosticsList.classList.toggle('empty', messages.message.length === 0)

  const { head, length } = view.json
  jsonView.textContent = head.length < length ? `${head}\n…` : head
  jsonNote.textContent =
    head.length < length
      ? `The view shows the first ${head.length.toLocaleString('en')} of ${length.toLocaleString('en')} characters; the download has them all.`
      : ''
  for (const button of downloads) button.disabled = false
  results.removeAttribute('aria-busy')
  results.dataset.parses = String(++parses)
}

function setField(name: string, value: string): void {
  byId(`field-${name}`).textContent = value
}

/** Line `line` of the text, with what the parser made of it, and its diagnostics under it. */
function sourceLine({ view, text, notes }: Parsed, line: number): HTMLElement {
  const wrapper = make('div', 'line')
  wrapper.dataset.sourceLine = String(line)
  const value = text[line - 1] ?? ''
  const kind = view.lines.kind[line] ?? BLANK
  const paper = view.lines.paper[line] ?? -1
  const here = notes.get(line) ?? []
  const row = make('div', 'row')
  if (paper >= 0) row.classList.add(`band-${String(paper % 2)}`)
  const type = view.lines.kinds[kind] ?? ''
  if (kind === OUTSIDE) row.classList.add('outside')
  else if (kind !== BLANK) row.classList.add(`kind-${type.replace(/[^a-z0-9-]/gi, '')}`)
  if (here.some((index) => view.messages.severity[index] === 'error')) row.classList.add('has-error')
  else if (here.length > 0) row.classList.add('has-warning')
  const shownText =
    value.length > LINE_VIEW_LIMIT
      ? `${value.slice(0, LINE_VIEW_LIMIT)} … (${(value.length - LINE_VIEW_LIMIT).toLocaleString('en')} more characters)`
      : value || ' '
  row.append(
    make('span', 'ln', String(line)),
    make('span', 'kind', KIND_LABELS[type] ?? type),
    make('span', 'text', shownText),
  )
  wrapper.append(row)
  const { severity, ruleId, message, column } = view.messages
  for (const index of here) {
    const note = make('div', `note note-${String(severity[index])}`)
    note.append(
      make('span', 'sev', severity[index]),
      ` ${String(view.messages.line[index])}:${String(column[index])} `,
      make('code', 'rule', ruleId[index]),
      ` ${String(message[index])}`,
    )
    wrapper.append(note)
  }
  return wrapper
}

function paperItem({ view, parse }: Parsed, index: number): HTMLElement {
  const { title, meta, line, start, end, notes, errors } = view.papers
  const item = make('li')
  const button = make('button', 'item')
  button.type = 'button'
  button.dataset.paper = String(index)
  button.dataset.line = String(line[index])
  button.setAttribute('aria-pressed', 'false')
  const problems = notes[index] ?? 0
  const words = problems > 0 ? `${meta[index] ?? ''} · ${plural(problems, 'diagnostic')}` : (meta[index] ?? '')
  button.append(
    make('span', 'num', `${String(index + 1)}.`),
    make('span', 'title', title[index]),
    make('span', 'meta', words),
  )
  if (errors[index]) button.classList.add('has-error')
  else if (problems > 0) button.classList.add('has-warning')
  button.addEventListener('click', () => {
    select(button, start[index] ?? 1, end[index] ?? 1, parse, 'paper', index)
  })
  item.append(button)
  return item
}

function diagnosticItem({ view, parse }: Parsed, index: number): HTMLElement {
  const { severity, ruleId, message, line, column, start, end } = view.messages
  const item = make('li')
  const button = make('button', `item item-${String(severity[index])}`)
  button.type = 'button'
  button.dataset.diagnostic = String(index)
  button.dataset.rule = ruleId[index]
  button.dataset.line = String(line[index])
  button.dataset.severity = severity[index]
  button.setAttribute('aria-pressed', 'false')
  button.append(
    make('span', 'sev', severity[index]),
    make('span', 'loc', `line ${String(line[index])}:${String(column[index])}`),
    make('code', 'rule', ruleId[index]),
    make('span', 'message', message[index]),
  )
  button.addEventListener('click', () => {
    select(button, start[index] ?? 1, end[index] ?? 1, parse, 'diagnostic', index)
  })
  item.append(button)
  return item
}

// --- selecting a paper or a diagnostic ---------------------------------------

/** Highlight lines `start` to `end` of the text, bring the first into view, and show the item's JSON. */
function select(
  button: HTMLElement,
  start: number,
  end: number,
  parse: number,
  type: 'paper' | 'diagnostic',
  index: number,
): void {
  if (!shown || shown.parse !== parse) return
  selected.button?.setAttribute('aria-pressed', 'false')
  for (const line of selected.lines) line.classList.remove('highlight')
  button.setAttribute('aria-pressed', 'true')
  const lines: HTMLElement[] = []
  for (let line = Math.max(1, start); line <= Math.min(end, shown.text.length); line++) {
    const element = shown.lines.get(line - 1)
    if (element) {
      element.classList.add('highlight')
      lines.push(element)
    }
  }
  selected = { button, lines }
  const first = lines[0]
  if (first) source.scrollTop = first.offsetTop - source.clientHeight / 4
  selection.textContent = '…'
  void runner.ask({ type, parse, index }).then((reply) => {
    if (selected.button === button) selection.textContent = 'text' in reply ? reply.text : ''
  })
}

// Clicking a line of the text selects the paper it lies in.
source.addEventListener('click', (event) => {
  const line = (event.target as HTMLElement).closest<HTMLElement>('[data-source-line]')
  if (!line || !shown) return
  const paper = shown.view.lines.paper[Number(line.dataset.sourceLine)] ?? -1
  if (paper >= 0) shown.papers.get(paper)?.querySelector('button')?.click()
})

// --- downloads ---------------------------------------------------------------

const TYPES: Record<Format, string> = { json: 'application/json', ndjson: 'application/x-ndjson', csv: 'text/csv' }

/** Download the last parse in the format of `button`. */
async function download(button: HTMLButtonElement): Promise<void> {
  const format = button.dataset.download as Format
  if (!shown || !(format in TYPES)) return
  const reply = await runner.ask({ type: 'export', parse: shown.parse, format })
  if (!('text' in reply)) return
  const url = URL.createObjectURL(new Blob([reply.text], { type: TYPES[format] }))
  const link = make('a')
  link.href = url
  link.download = `${FILE_NAME}.${format}`
  link.click()
  setTimeout(() => {
    URL.revokeObjectURL(url)
  }, 1000)
}

for (const button of downloads) {
  button.addEventListener('click', () => {
    void download(button)
  })
}

// --- start -------------------------------------------------------------------

byId('version').textContent = VERSION
// A reload keeps what was typed; a first visit starts from the sample.
if (input.value === '') input.value = SAMPLES.seed
parseNow()
