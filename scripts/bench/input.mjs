// Digests for the benchmarks, in each rendering, at a realistic density.
//
// Real digests hold about 735 papers per MB; the seeds' records are longer
// (570 a MB), and since the parser's cost is per paper, MB/s measured on them
// flatters it by about a quarter. So each record keeps its abstract's first
// sentences only, as many as bring the whole round of records to 735 papers
// a MB: every card stays whole and well formed, only shorter. The markdown
// and weblinks digests are the files of fixtures/renderings/ (the seeds
// written in those renderings), cut into their cards, each card's abstract
// shortened to the same sentences, and each card given an arXiv id of its
// own (the fixtures reuse theirs across the two seeds and the rounds would
// repeat them; a page never shows the same paper twice). In the text
// rendering, which has no ids, each title ends with its serial number instead
// (a few bytes a record: 733 papers a MB rather than 735).
import { readFileSync } from 'node:fs'

export const PAPERS_PER_MB = 735
export const RENDERINGS = ['text', 'markdown', 'weblinks']
const SEED_NAMES = ['000_b52436321a9b76b2', '001_f604c4867d4d0d65']
const fixture = (path) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const byteLength = (text) => Buffer.byteLength(text)

// A sentence ends at `. ` before a capital letter; escapes never make nor hide one.
const SENTENCE_END = /\. (?=[A-Z])/g

/** Where each sentence of `text` ends (just past its `.`). */
function sentenceEnds(text) {
  return [...text.matchAll(SENTENCE_END)].map((match) => match.index + 1)
}

/** The seeds' records (text rendering), each as its blocks: title, abstract, metadata. */
function textRecords(seed) {
  const records = []
  for (const block of seed.split('\n\n').slice(6)) {
    if (block.startsWith('  • ')) records.at(-1).push(block)
    else if (records.length === 0 || records.at(-1).length !== 1) records.push([block])
    else records.at(-1).push(block)
  }
  return records
}

/** How many sentences each abstract keeps: the first whole sentences that reach `share` of its length. */
function sentencesKept(abstract, share) {
  const ends = sentenceEnds(abstract)
  const kept = ends.findIndex((end) => end >= share * abstract.length)
  return kept === -1 ? Infinity : kept + 1
}

/** The first `count` sentences of `text` (all of it when it has no more). */
function firstSentences(text, count) {
  const end = sentenceEnds(text)[count - 1]
  return end === undefined ? text : text.slice(0, end)
}

const SEEDS = SEED_NAMES.map((name) => fixture(`seeds/${name}.txt`))
const RECORDS = SEEDS.flatMap(textRecords)
const HEADER = SEEDS[0].split('\n\n').slice(0, 6).join('\n\n')

/** The share of each abstract kept that brings the records closest to {@link PAPERS_PER_MB}. */
function shareForDensity() {
  const bytesOf = (share) =>
    RECORDS.reduce((sum, [title, abstract, metadata]) => {
      const kept = firstSentences(abstract, sentencesKept(abstract, share))
      return sum + byteLength([title, kept, metadata].filter((block) => block !== undefined).join('\n\n')) + 2
    }, 0)
  const target = (RECORDS.length / PAPERS_PER_MB) * 1e6
  let best = 1
  for (let share = 1; share >= 0.3; share -= 0.005) {
    if (Math.abs(bytesOf(share) - target) < Math.abs(bytesOf(best) - target)) best = share
  }
  return best
}

const SHARE = shareForDensity()
/** How many sentences each record's abstract keeps, in the order of both seeds' records. */
const KEPT = RECORDS.map(([, abstract]) => sentencesKept(abstract, SHARE))

/** Cut a rendering's text into its header, its cards (one per paper, in order) and its footer. */
function cardsOf(text, startsCard, footerStart) {
  const blocks = text.split('\n\n')
  const first = blocks.findIndex(startsCard)
  const footer = blocks.findIndex((block, index) => index > first && footerStart(block))
  const cards = []
  for (const block of blocks.slice(first, footer)) {
    if (startsCard(block)) cards.push([block])
    else cards.at(-1).push(block)
  }
  return {
    header: blocks.slice(0, first).join('\n\n'),
    cards: cards.map((card) => card.join('\n\n')),
    footer: blocks.slice(footer).join('\n\n'),
  }
}

const ID = /\d{4}\.\d{4,5}/
const MARKDOWN_ABSTRACT = /^(\[)((?:[^\\\]]|\\.)*)(\]\(https:\/\/huggingface\.co\/papers\/[\d.]+\))$/m

/** The three renderings of one round of records: header, cards and footer, each card shortened. */
function renderings() {
  const text = {
    header: HEADER,
    cards: RECORDS.map(([title, abstract, metadata], index) =>
      [title, firstSentences(abstract, KEPT[index]), metadata].filter((block) => block !== undefined).join('\n\n'),
    ),
    footer: '',
  }
  const read = (rendering, startsCard, footerStart, shorten) => {
    const parts = SEED_NAMES.map((name) =>
      cardsOf(fixture(`renderings/${name}.${rendering}.txt`), startsCard, footerStart),
    )
    const cards = parts.flatMap((part) => part.cards)
    if (cards.length !== RECORDS.length) throw new Error(`${rendering}: ${cards.length} cards, not ${RECORDS.length}`)
    return {
      header: parts[0].header,
      cards: cards.map((card, index) => shorten(card, KEPT[index])),
      footer: parts[0].footer,
    }
  }
  const markdown = read(
    'markdown',
    (block) => block.startsWith('[') && block.includes('](https://huggingface.co/login?next=%2Fpapers%2F'),
    (block) => block.startsWith('[Previous]('),
    (card, kept) =>
      card.replace(MARKDOWN_ABSTRACT, (_, open, abstract, close) => open + firstSentences(abstract, kept) + close),
  )
  const weblinks = read(
    'weblinks',
    (block) => block.startsWith(' [-] '),
    (block) => block === 'Previous',
    (card, kept) => {
      // The abstract is the block after the title's URL.
      const blocks = card.split('\n\n')
      const at = blocks.findIndex((block, index) => index > 3 && blocks[index - 1].startsWith('https://'))
      if (at !== -1 && !blocks[at].startsWith('[')) blocks[at] = firstSentences(blocks[at], kept)
      return blocks.join('\n\n')
    },
  )
  return { text, markdown, weblinks }
}

const ROUNDS = renderings()

/** A card with an arXiv id of its own: the `serial`th paper of the digest. */
function withId(card, serial) {
  const id = ID.exec(card)?.[0]
  if (id === undefined) return card
  const own = `${1501 + Math.floor(serial / 90_000)}.${10_000 + (serial % 90_000)}`
  return card.replaceAll(id, own)
}

/**
 * A text card whose title ends with the paper's serial number (base 36): a
 * digest never shows the same paper twice, and rounds of the same cards
 * would make every record after the first round a `duplicate-paper`.
 */
function withSerial(card, serial) {
  const end = card.indexOf('\n')
  return `${card.slice(0, end)} ${serial.toString(36)}${card.slice(end)}`
}

/**
 * A digest of about `bytes` UTF-8 bytes in `rendering` (whole cards only):
 * the rendering's header, rounds of both seeds' cards, its footer.
 */
export function makeDigest(bytes, rendering = 'text') {
  const { header, cards, footer } = ROUNDS[rendering]
  const roundBytes = cards.reduce((sum, card) => sum + byteLength(card) + 2, 0)
  const rounds = Math.max(1, Math.round((bytes - byteLength(header) - byteLength(footer)) / roundBytes))
  const out = [header]
  let serial = 0
  for (let round = 0; round < rounds; round++) {
    for (const card of cards) out.push(rendering === 'text' ? withSerial(card, serial++) : withId(card, serial++))
  }
  if (footer !== '') out.push(footer)
  return out.join('\n\n')
}

/** How many papers a MB a rendering's rounds hold. */
export function density(rendering = 'text') {
  const { cards } = ROUNDS[rendering]
  return cards.length / (cards.reduce((sum, card) => sum + byteLength(card) + 2, 0) / 1e6)
}

const encoder = new TextEncoder()

/**
 * The text digest as UTF-8 chunks of `chunkBytes`, cut regardless of lines
 * or characters, produced on the fly: it never exists whole in memory. Each
 * round of the seeds' cards is encoded as it comes, its titles carrying the
 * papers' serial numbers, as makeDigest's do (no paper twice).
 */
export async function* digestChunks(bytes, chunkBytes = 64 * 1024) {
  const header = encoder.encode(HEADER)
  yield header
  const cards = ROUNDS.text.cards
  const roundBytes = byteLength(cards.map((card) => `\n\n${card}`).join(''))
  const rounds = Math.max(1, Math.round((bytes - header.length) / roundBytes))
  let pending = new Uint8Array(0)
  let serial = 0
  for (let round = 0; round < rounds; round++) {
    const text = cards.map((card) => `\n\n${withSerial(card, serial++)}`).join('')
    const encoded = encoder.encode(text)
    const joined = new Uint8Array(pending.length + encoded.length)
    joined.set(pending)
    joined.set(encoded, pending.length)
    let start = 0
    for (; start + chunkBytes <= joined.length; start += chunkBytes) yield joined.subarray(start, start + chunkBytes)
    pending = joined.slice(start)
  }
  if (pending.length > 0) yield pending
}
