import { readFileSync } from 'node:fs'
import { XMLParser } from 'fast-xml-parser'
import { SyntaxValidator } from 'fast-xml-validator'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { describe, expect, it } from 'vitest'
import { type Digest, paperId, parseDigest, stringifyDigest } from '../src/index.js'
import { runCli } from './helpers/cli.js'
import { defined } from './helpers/defined.js'

// The feeds of parse and merge, read back with a real feed parser (feedsmith)
// and checked against each format's rules: RSS 2.0, Atom 1.0 (RFC 4287) and
// JSON Feed 1.1.

const SEED_0 = 'fixtures/seeds/000_b52436321a9b76b2.txt'
const SEED_1 = 'fixtures/seeds/001_f604c4867d4d0d65.txt'
const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url))
const seed1 = parseDigest(read(SEED_1))

/** Seed 1 as markdown, each paper with an arXiv id (the text rendering has none). */
const withIds: Digest = {
  ...seed1,
  papers: seed1.papers.map((paper, index) => ({ ...paper, arxivId: `2510.${String(10000 + index)}` })),
}
const MARKDOWN = stringifyDigest(withIds, { rendering: 'markdown' })

const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const ABSOLUTE = /^(https?:\/\/[^\s]+|urn:[a-z0-9][a-z0-9-]{0,31}:\S+)$/i
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => name === 'item' || name === 'entry',
})

/** What fast-xml-parser makes of an element: its text, or its children and `@` attributes by name. */
type Xml = string | number | boolean | XmlElement | XmlElement[]
interface XmlElement {
  [name: string]: Xml | undefined
}

/** An element with children or attributes (not text, not a list). */
function element(value: Xml | undefined, what: string): XmlElement {
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`expected ${what} to be an element`)
  return value
}

/** The elements of a name that is always a list (`item`, `entry`): none when absent. */
function elements(value: Xml | undefined, what: string): XmlElement[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw new Error(`expected ${what} to be a list`)
  return value
}

/** A value that may be a text node with attributes. */
function text(value: Xml | undefined): string {
  if (typeof value === 'object') return Array.isArray(value) ? '' : text(value['#text'])
  return value === undefined ? '' : String(value)
}

/** A value that must be a string, as it is. */
function string(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`expected ${what} to be a string, not ${typeof value}`)
  return value
}

/** Well-formed XML 1.0, its opt-in checks included: no `]]>` in text, no `--` in a comment, no `<` in an attribute. */
function expectWellFormed(document: string) {
  expect(
    SyntaxValidator.validate(document, { invalidCharSequence: { comment: true, tagValue: true, attrLt: true } }),
  ).toBe(true)
}

/** Check an RSS 2.0 document against the specification's rules; returns its items. */
function checkRss(document: string) {
  expectWellFormed(document)
  const { rss } = xml.parse(document) as { rss: XmlElement }
  expect(rss['@version']).toBe('2.0')
  const channel = element(rss.channel, 'channel')
  for (const required of ['title', 'link', 'description']) expect(channel[required], required).toBeTruthy()
  expect(channel.link).toMatch(/^https:\/\//)
  if (channel.lastBuildDate) expect(channel.lastBuildDate).toMatch(RFC_822)
  const items = elements(channel.item, 'item')
  const guids = new Set<string>()
  for (const item of items) {
    expect(item.title !== undefined || item.description !== undefined).toBe(true)
    const guid = text(item.guid)
    expect(guid).toMatch(ABSOLUTE)
    expect(guids.has(guid)).toBe(false)
    guids.add(guid)
    if (element(item.guid, 'guid')['@isPermaLink'] === 'true') expect(guid).toMatch(/^https:\/\//)
    if (item.link) expect(item.link).toMatch(/^https:\/\/huggingface\.co\/papers\/\d{4}\.\d{5}$/)
    if (item.pubDate) expect(item.pubDate).toMatch(RFC_822)
  }
  const parsed = parseRssFeed(document)
  expect(parsed.items ?? []).toHaveLength(items.length)
  return parsed.items ?? []
}

/** Check an Atom 1.0 document against RFC 4287's rules; returns its entries. */
function checkAtom(document: string) {
  expectWellFormed(document)
  const { feed } = xml.parse(document) as { feed: XmlElement }
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom')
  // atom:feed: exactly one id, title and updated; an author (no entry has one).
  for (const one of ['id', 'title', 'updated']) expect(Array.isArray(feed[one]), one).toBe(false)
  expect(feed.id).toMatch(ABSOLUTE)
  expect(text(feed.title)).not.toBe('')
  expect(feed.updated).toMatch(RFC_3339)
  expect(element(feed.author, 'author').name).toBeTruthy()
  const entries = elements(feed.entry, 'entry')
  const ids = new Set<string>()
  for (const entry of entries) {
    for (const one of ['id', 'title', 'updated']) {
      expect(entry[one], one).toBeDefined()
      expect(Array.isArray(entry[one]), one).toBe(false)
    }
    const id = string(entry.id, 'an entry id')
    expect(id).toMatch(ABSOLUTE)
    expect(ids.has(id)).toBe(false)
    ids.add(id)
    expect(entry.updated).toMatch(RFC_3339)
    if (entry.published) expect(entry.published).toMatch(RFC_3339)
    // An entry without content needs an alternate link; these all have content.
    expect(element(entry.content, 'content')['@type']).toBe('text')
    if (entry.link) expect(element(entry.link, 'link')['@rel']).toBe('alternate')
  }
  const parsed = parseAtomFeed(document)
  expect(parsed.entries ?? []).toHaveLength(entries.length)
  return parsed.entries ?? []
}

/** Check a JSON Feed 1.1 document against its rules; returns its items. */
function checkJsonFeed(document: string) {
  const feed = JSON.parse(document) as Record<string, unknown>
  expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
  expect(typeof feed.title).toBe('string')
  expect(feed.home_page_url).toMatch(/^https:\/\//)
  if (!Array.isArray(feed.items)) throw new Error('expected the items to be a list')
  const items = feed.items as Array<Record<string, unknown>>
  const ids = new Set<string>()
  for (const item of items) {
    const id = string(item.id, 'an item id')
    expect(ids.has(id)).toBe(false)
    ids.add(id)
    expect(typeof item.content_text === 'string' || typeof item.content_html === 'string').toBe(true)
    if (item.url) expect(item.url).toMatch(/^https:\/\//)
    if (item.external_url) expect(item.external_url).toMatch(/^https?:\/\//)
    if (item.date_published) expect(item.date_published).toMatch(RFC_3339)
  }
  const parsed = parseJsonFeed(feed)
  expect(parsed.items ?? []).toHaveLength(items.length)
  return parsed.items ?? []
}

describe('parse --format rss|atom|jsonfeed', () => {
  it('gives 35 valid RSS 2.0 items for the seed, each the paper, its abstract, date and stable id', async () => {
    const result = await runCli(['parse', SEED_1, '--format', 'rss'])
    expect(result.code).toBe(0)
    const items = checkRss(result.stdout)
    expect(items).toHaveLength(35)
    expect(items.map((item) => item.title)).toEqual(seed1.papers.map((paper) => paper.title))
    expect(items.map((item) => item.description ?? '')).toEqual(seed1.papers.map((paper) => paper.abstract))
    expect(items.map((item) => item.guid?.value)).toEqual(seed1.papers.map(paperId))
    expect(defined(items[0]).pubDate).toBe('Thu, 23 May 2024 00:00:00 GMT')
  })

  it('gives 35 valid Atom 1.0 entries for the seed', async () => {
    const result = await runCli(['parse', SEED_1, '--format', 'atom'])
    expect(result.code).toBe(0)
    const entries = checkAtom(result.stdout)
    expect(entries).toHaveLength(35)
    expect(entries.map((entry) => entry.id)).toEqual(seed1.papers.map(paperId))
    expect(entries.map((entry) => entry.content?.value ?? '')).toEqual(seed1.papers.map((paper) => paper.abstract))
    expect(defined(entries[0]).published).toBe('2024-05-23T00:00:00Z')
  })

  it('gives 35 valid JSON Feed 1.1 items for the seed', async () => {
    const result = await runCli(['parse', SEED_1, '--format', 'jsonfeed'])
    expect(result.code).toBe(0)
    const items = checkJsonFeed(result.stdout)
    expect(items).toHaveLength(35)
    expect(items.map((item) => item.id)).toEqual(seed1.papers.map(paperId))
    expect(items.map((item) => item.content_text)).toEqual(seed1.papers.map((paper) => paper.abstract))
    expect(defined(items[0]).date_published).toBe('2024-05-23T00:00:00Z')
  })

  it("links each item to the paper's page when its arXiv id is known", async () => {
    const pages = withIds.papers.map(
      (paper) => `https://huggingface.co/papers/${defined(paper.arxivId, 'an arXiv id')}`,
    )
    const rss = checkRss((await runCli(['parse', '--format', 'rss'], { stdin: MARKDOWN })).stdout)
    expect(rss.map((item) => item.link)).toEqual(pages)
    expect(rss.map((item) => item.guid?.value)).toEqual(pages)
    const atom = checkAtom((await runCli(['parse', '--format', 'atom', '--year', '2025'], { stdin: MARKDOWN })).stdout)
    expect(atom.map((entry) => entry.links?.[0]?.href)).toEqual(pages)
    const json = checkJsonFeed((await runCli(['parse', '--format', 'jsonfeed'], { stdin: MARKDOWN })).stdout)
    expect(json.map((item) => item.url)).toEqual(pages)
  })

  it('stays well-formed whatever the text holds: markup, quotes, control characters', async () => {
    const paper = defined(seed1.papers[0])
    const nasty: Digest = {
      ...seed1,
      papers: [
        {
          ...paper,
          title: 'A <b>&amp; "quoted"</b> ]]> title',
          abstract: `Bell \u0007, ESC \u001b[31m, <script>&</script> ${paper.abstract}`,
        },
      ],
    }
    for (const format of ['rss', 'atom', 'jsonfeed']) {
      const result = await runCli(['parse', '--format', format], { stdin: stringifyDigest(nasty) })
      const items =
        format === 'rss'
          ? checkRss(result.stdout)
          : format === 'atom'
            ? checkAtom(result.stdout)
            : checkJsonFeed(result.stdout)
      expect(items, format).toHaveLength(1)
      const { title } = items[0] as { title?: string | { value?: string } }
      expect(typeof title === 'object' ? title.value : title, format).toBe(defined(nasty.papers[0]).title)
    }
  })

  it('gives a valid empty feed for an input without papers', async () => {
    expect(checkRss((await runCli(['parse', '--format', 'rss'])).stdout)).toHaveLength(0)
    expect(checkAtom((await runCli(['parse', '--format', 'atom'])).stdout)).toHaveLength(0)
    expect(checkJsonFeed((await runCli(['parse', '--format', 'jsonfeed'])).stdout)).toHaveLength(0)
  })
})

describe('merge --format rss|atom|jsonfeed', () => {
  it('gives one valid feed of the 88 unique papers of the two seeds', async () => {
    for (const format of ['rss', 'atom', 'jsonfeed']) {
      const result = await runCli(['merge', SEED_0, SEED_1, '--format', format])
      expect(result.code, format).toBe(0)
      const check = format === 'rss' ? checkRss : format === 'atom' ? checkAtom : checkJsonFeed
      expect(check(result.stdout), format).toHaveLength(88)
    }
    const atom = (await runCli(['merge', SEED_0, SEED_1, '--format', 'atom'])).stdout
    expect(atom).toContain('<title type="text">Daily Papers, 2025-10-31 to 2025-12-12</title>')
    expect(atom).toContain('<updated>2025-12-12T00:00:00Z</updated>\n</feed>')
  })
})
