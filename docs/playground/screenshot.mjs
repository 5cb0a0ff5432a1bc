// Writes docs/playground.png, the README's picture of the playground: builds
// the site, serves it, loads the sample digest in headless Chromium and
// selects its one diagnostic. Run with `npm run playground:screenshot`.
import { fileURLToPath } from 'node:url'
import { launch } from './browser.mjs'
import { buildSite, SITE } from './build.mjs'
import { serve } from './serve.mjs'

const output = fileURLToPath(new URL('../playground.png', import.meta.url))

await buildSite({ quiet: true })
const server = await serve(SITE)
const browser = await launch()
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1280 }, colorScheme: 'light' })
  await page.goto(server.url)
  await page.waitForSelector('#results[data-parses] [data-paper]')
  // The sample's record without metadata: its warning, highlighted at its line.
  await page.click('[data-diagnostic="0"]')
  await page.waitForFunction(() => document.getElementById('selection').textContent.startsWith('{'))
  await page.evaluate(() => document.activeElement.blur())
  await page.locator('.page-header').scrollIntoViewIfNeeded()
  await page.screenshot({ path: output, fullPage: false })
  console.log(`wrote ${output}`)
} finally {
  await browser.close()
  await server.close()
}
