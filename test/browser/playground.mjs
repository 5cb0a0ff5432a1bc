// The playground in a real browser: headless Chromium (playwright-core) on the
// built site (`npm run playground`), served from loopback with the page's
// Content-Security-Policy as a header. Run with `npm run test:browser`; it
// prints each test, then `N passed, N failed`, and exits 1 on any failure.
//
// Every test fails on a console error, an uncaught page error, a CSP
// violation, or a request to anything but the local server.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse as parseCsv } from 'csv-parse/sync'
import { launch } from '../../docs/playground/browser.mjs'
import { CSP, serve } from '../../docs/playground/serve.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const site = join(root, 'docs/playground/site')
const fixture = (path) => readFileSync(join(root, 'fixtures', path), 'utf8')
const golden = (path) => JSON.parse(fixture(path))

const SEED = fixture('seeds/001_f604c4867d4d0d65.txt')
const SEED_GOLDEN = golden('seeds/001_f604c4867d4d0d65.json')
const CSV_COLUMNS =
  'file,digestDate,line,arxivId,title,authorCount,organization,published,upvotes,comments,submittedBy,githubRepo,githubStars,links,abstract'

if (!existsSync(join(site, 'index.html'))) {
  console.error('no built site in docs/playground/site/: run `npm run playground` first')
  process.exit(1)
}

const server = await serve(site)
const browser = await launch()
const tests = []
const test = (name, run) => tests.push({ name, run })

/**
 * A fresh page on the site, watched: `problems` collects console errors, page
 * errors, CSP violations and requests that leave loopback.
 */
async function open({ colorScheme = 'light', url = server.url } = {}) {
  const context = await browser.newContext({
    colorScheme,
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
    viewport: { width: 1280, height: 900 },
  })
  const page = await context.newPage()
  const problems = []
  const requests = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('request', (request) => {
    const target = new URL(request.url())
    requests.push(request.url())
    const local = target.hostname === '127.0.0.1' || ['blob:', 'file:'].includes(target.protocol)
    if (!local) problems.push(`request off the machine: ${request.url()}`)
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  const response = await page.goto(url)
  await page.waitForSelector('#results[data-parses]')
  return { page, context, problems, requests, response }
}

/**
 * Paste `text` into the input, through the clipboard as a user does (Ctrl+A,
 * Ctrl+V; an empty text deletes), and wait for its parse to show.
 */
async function paste(page, text) {
  const before = await page.getAttribute('#results', 'data-parses')
  await page.focus('#input')
  await page.keyboard.press('Control+A')
  if (text === '') await page.keyboard.press('Delete')
  else {
    await page.evaluate((text) => navigator.clipboard.writeText(text), text)
    await page.keyboard.press('Control+V')
  }
  await page.waitForFunction((before) => document.getElementById('results').dataset.parses !== before, before)
  assert.equal(await page.inputValue('#input'), text.replace(/\r\n?/g, '\n'), 'the textarea holds the text pasted')
}

/** The diagnostics the page lists, as `severity ruleId line`. */
function listedDiagnostics(page) {
  return page.$$eval('[data-diagnostic]', (elements) =>
    elements.map((element) => `${element.dataset.severity} ${element.dataset.rule} ${element.dataset.line}`),
  )
}

const expectedDiagnostics = (messages) => messages.map((m) => `${m.severity} ${m.ruleId} ${m.line}`)

/** The lines of the source view that are highlighted. */
function highlighted(page) {
  return page.$$eval('#source .line.highlight', (lines) => lines.map((line) => Number(line.dataset.sourceLine)))
}

const range = (start, end) => Array.from({ length: end - start + 1 }, (_, index) => start + index)

test('the page starts with the sample digest, parsed in a worker, under the CSP header', async ({
  page,
  response,
  requests,
}) => {
  assert.equal(response.headers()['content-security-policy'], CSP)
  assert.equal(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), CSP)
  assert.equal(await page.locator('[data-paper]').count(), 35)
  assert.match(await page.textContent('#status'), /^35 papers, 0 errors, 1 warning/)
  assert.equal(await page.textContent('#field-title'), 'Daily Papers')
  assert.equal(await page.textContent('#field-date'), '2025-12-12')
  assert.match(await page.textContent('#field-rendering'), /^text/)
  assert.ok(
    requests.some((url) => url.endsWith('/worker.js')),
    'the worker was loaded',
  )
})

test('pasting a seed gives its 35 papers ([data-paper]) and its diagnostics', async ({ page }) => {
  await paste(page, '')
  assert.equal(await page.locator('[data-paper]').count(), 0)
  await paste(page, SEED)
  assert.equal(await page.locator('[data-paper]').count(), 35)
  assert.deepEqual(await listedDiagnostics(page), expectedDiagnostics(SEED_GOLDEN.messages))
  const titles = await page.$$eval('[data-paper] .title', (elements) => elements.map((element) => element.textContent))
  assert.deepEqual(
    titles,
    SEED_GOLDEN.digest.papers.map((paper) => paper.title),
  )
  const lines = await page.$$eval('[data-paper]', (elements) => elements.map((element) => Number(element.dataset.line)))
  assert.deepEqual(
    lines,
    SEED_GOLDEN.digest.papers.map((paper) => paper.line),
  )
})

test('a damaged digest: each unexpected-line diagnostic at its line, marked in the text', async ({ page }) => {
  const expected = golden('damage/stray-line.json')
  await paste(page, fixture('damage/stray-line.txt'))
  const lines = expected.messages.filter((m) => m.ruleId === 'unexpected-line').map((m) => m.line)
  assert.deepEqual(lines, [53, 59], 'the golden file names two stray lines')
  const listed = await page.$$eval('[data-diagnostic][data-rule="unexpected-line"]', (elements) =>
    elements.map((element) => Number(element.dataset.line)),
  )
  assert.deepEqual(listed, lines)
  assert.equal(await page.locator('[data-paper]').count(), expected.digest.papers.length)
  for (const line of lines) {
    const marked = page.locator(`#source [data-source-line="${line}"]`)
    assert.match(await marked.locator('.note').textContent(), /unexpected-line/)
    assert.equal(await marked.locator('.row.outside').count(), 1, `line ${line} is outside any record`)
  }
  assert.match(await page.textContent('#status'), /2 errors/)
})

test('every damage fixture: the papers and diagnostics of its golden file', async ({ page }) => {
  const cases = Object.keys(golden('damage/cases.json')).filter((name) => !name.startsWith('$'))
  assert.ok(cases.length >= 10)
  for (const name of cases) {
    const expected = golden(`damage/${name}.json`)
    await paste(page, fixture(`damage/${name}.txt`))
    assert.equal(await page.locator('[data-paper]').count(), expected.digest.papers.length, name)
    assert.deepEqual(await listedDiagnostics(page), expectedDiagnostics(expected.messages), name)
  }
})

test('clicking a paper or a diagnostic highlights its lines; Tab and Enter do too', async ({ page }) => {
  await page.click('[data-paper="0"]')
  assert.deepEqual(await highlighted(page), range(13, 19), 'title 13, abstract 15, metadata 17-19')
  assert.equal(await page.getAttribute('[data-paper="0"]', 'aria-pressed'), 'true')
  assert.match(await page.textContent('#selection'), /"title": "FLoRA: Low-Rank Core Space for N-dimension"/)

  // The keyboard reaches every control, in order, and Enter selects.
  await page.focus('#input')
  const reached = []
  for (let step = 0; step < 60; step++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const element = document.activeElement
      return (
        element?.id ||
        (element?.dataset.paper && 'paper') ||
        (element?.dataset.diagnostic && 'diagnostic') ||
        element?.dataset.download ||
        element?.tagName
      )
    })
    if (reached.at(-1) !== focused) reached.push(focused)
    if (focused === 'diagnostic') break
  }
  for (const control of ['load-seed', 'load-damaged', 'file', 'clear', 'year', 'source', 'paper', 'diagnostic']) {
    assert.ok(reached.includes(control), `Tab reaches ${control}: ${reached.join(' ')}`)
  }
  await page.keyboard.press('Enter')
  assert.deepEqual(await highlighted(page), [109], 'the missing-metadata warning is at the title on line 109')
  assert.equal(await page.getAttribute('[data-diagnostic="0"]', 'aria-pressed'), 'true')
  assert.equal(await page.getAttribute('[data-paper="0"]', 'aria-pressed'), 'false')

  // Clicking a line selects its paper.
  await page.click('#source [data-source-line="23"] .text')
  assert.deepEqual(await highlighted(page), range(21, 27))
  assert.equal(await page.getAttribute('[data-paper="1"]', 'aria-pressed'), 'true')
})

test('the year option sets the year of dates without one', async ({ page }) => {
  await page.fill('#year', '2030')
  await page.waitForFunction(() => document.getElementById('field-date').textContent === '2030-12-12')
  const digest = JSON.parse(await page.textContent('#json'))
  assert.deepEqual(digest.date, {
    text: 'Dec 12',
    year: 2030,
    month: 12,
    day: 12,
    yearInferred: true,
    iso: '2030-12-12',
  })
  await page.fill('#year', '0')
  assert.equal(await page.isVisible('#year-error'), true)
  assert.equal(await page.getAttribute('#year', 'aria-invalid'), 'true')
  await page.fill('#year', '')
  await page.waitForFunction(() => document.getElementById('field-date').textContent === '2025-12-12')
  assert.equal(await page.isVisible('#year-error'), false)
})

test('the downloads: JSON, NDJSON and CSV (the columns of SPEC section 5, RFC 4180)', async ({ page }) => {
  const download = async (format) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-download="${format}"]`)])
    assert.equal(file.suggestedFilename(), `playground.${format}`)
    return readFileSync(await file.path(), 'utf8')
  }
  const json = JSON.parse(await download('json'))
  assert.deepEqual(json, JSON.parse(await page.textContent('#json')))
  assert.deepEqual(json.papers, SEED_GOLDEN.digest.papers)

  const ndjson = (await download('ndjson')).split('\n')
  assert.equal(ndjson.pop(), '', 'ends with a newline')
  assert.equal(ndjson.length, 35)
  const first = JSON.parse(ndjson[0])
  assert.equal(first.file, 'playground')
  assert.equal(first.digestDate, '2025-12-12')
  assert.equal(first.title, SEED_GOLDEN.digest.papers[0].title)

  const csv = await download('csv')
  assert.equal(csv.slice(0, csv.indexOf('\r\n')), CSV_COLUMNS)
  const rows = parseCsv(csv, { columns: true })
  assert.equal(rows.length, 35)
  SEED_GOLDEN.digest.papers.forEach((paper, index) => {
    const row = rows[index]
    assert.equal(row.file, 'playground')
    assert.equal(row.digestDate, '2025-12-12')
    assert.equal(row.line, String(paper.line))
    assert.equal(row.title, paper.title)
    assert.equal(row.abstract, paper.abstract, 'quotes, commas and all')
    assert.equal(row.links, paper.links.join(' '))
    assert.equal(row.published, paper.published ? (paper.published.iso ?? paper.published.text) : '')
    assert.equal(row.authorCount, paper.authorCount === null ? '' : String(paper.authorCount))
  })
})

test('readable in light and dark: text contrast of at least 4.5:1', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context, problems } = await open({ colorScheme })
    await page.click('[data-diagnostic="0"]')
    const pairs = await page.evaluate(() => {
      const rgb = (color) =>
        color
          .match(/[\d.]+/g)
          .slice(0, 3)
          .map(Number)
      const luminance = (color) => {
        const [r, g, b] = rgb(color).map((v) => {
          const c = v / 255
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
        })
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
      }
      // The first ancestor (or self) with an opaque background.
      const background = (element) => {
        for (let node = element; node; node = node.parentElement) {
          const color = getComputedStyle(node).backgroundColor
          if (!color.startsWith('rgba') || !color.endsWith(', 0)')) return color
        }
        return 'rgb(255, 255, 255)'
      }
      const selectors = [
        'body',
        '.help',
        '#status',
        '#source .row .ln',
        '#source .kind-title .kind',
        '#source .kind-metadata .kind',
        '#source .line.highlight .text',
        '#source .note-warning',
        '#source .note-warning .sev',
        '[data-paper] .meta',
        '[data-diagnostic] .sev',
        '#json',
        'button',
      ]
      return selectors.map((selector) => {
        const element = document.querySelector(selector)
        if (!element) return { selector, ratio: 0 }
        const [a, b] = [luminance(getComputedStyle(element).color), luminance(background(element))]
        return { selector, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) }
      })
    })
    for (const { selector, ratio } of pairs) {
      assert.ok(ratio >= 4.5, `${colorScheme}: ${selector} has a contrast of ${ratio.toFixed(2)}`)
    }
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    assert.equal(body, colorScheme === 'dark' ? 'rgb(15, 20, 25)' : 'rgb(255, 255, 255)')
    assert.deepEqual(problems, [])
    await context.close()
  }
})

test('opened from a file: URL, with no server, it works all the same', async () => {
  const { page, context, problems } = await open({ url: pathToFileURL(join(site, 'index.html')).href })
  assert.equal(await page.locator('[data-paper]').count(), 35)
  await page.click('[data-paper="2"]')
  await page.waitForFunction(() => document.getElementById('selection').textContent.startsWith('{'))
  assert.match(await page.textContent('#selection'), /"line": 29/)
  assert.deepEqual(problems, [])
  await context.close()
})

test('a 1 MB paste stays responsive: parsed off the main thread, typing goes on', async ({ page }) => {
  const copies = Math.ceil(2 ** 20 / SEED.length)
  const big = Array.from({ length: copies }, () => SEED).join('\n\n')
  assert.ok(big.length >= 2 ** 20)
  let started = Date.now()
  await paste(page, big)
  const pasted = Date.now() - started
  const count = Number((await page.textContent('#paper-count')).slice(1, -1))
  assert.ok(count >= 35 * (copies - 1), `${count} papers`)
  // Type at the end of the big text while watching the page's main thread:
  // the longest gap between 10 ms timer ticks, until the new parse shows.
  await page.evaluate(() => {
    window.longestGap = 0
    let last = performance.now()
    window.probe = setInterval(() => {
      const now = performance.now()
      window.longestGap = Math.max(window.longestGap, now - last)
      last = now
    }, 10)
  })
  const before = await page.getAttribute('#results', 'data-parses')
  await page.keyboard.press('Control+End')
  started = Date.now()
  await page.keyboard.type('xyz')
  const typing = Date.now() - started
  await page.waitForFunction((before) => document.getElementById('results').dataset.parses !== before, before)
  const gap = await page.evaluate(() => {
    clearInterval(window.probe)
    return window.longestGap
  })
  assert.ok((await page.inputValue('#input')).endsWith('xyz'))
  console.log(
    `    ${big.length} characters, ${count} papers: pasted and shown in ${pasted} ms;` +
      ` 3 keys typed in ${typing} ms, longest main-thread task until the new parse showed ${Math.round(gap)} ms`,
  )
  assert.ok(typing < 1000, `typing 3 keys took ${typing} ms`)
  assert.ok(gap < 750, `the main thread was busy for ${Math.round(gap)} ms at a time`)
})

// Run them, each on a fresh page, and check what every page did.
let passed = 0
let failed = 0
const only = process.env.TEST_FILTER
for (const { name, run } of tests.filter((test) => !only || test.name.includes(only))) {
  const started = Date.now()
  let opened
  try {
    opened = await open()
    await run(opened)
    assert.deepEqual(opened.problems, [], 'no console errors, page errors, CSP violations or outside requests')
    passed++
    console.log(`✓ ${name} (${Date.now() - started} ms)`)
  } catch (error) {
    failed++
    console.log(`✗ ${name}\n    ${String(error?.stack ?? error).replaceAll('\n', '\n    ')}`)
    if (opened?.problems.length) console.log(`    also: ${opened.problems.join('; ')}`)
  } finally {
    await opened?.context.close()
  }
}
await browser.close()
await server.close()
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
