// How many papers are remembered to tell a paper seen before (`duplicate-paper`):
// enough for any page, and bounded for a stream of any length.
export const MAX_REMEMBERED = 65_536

/**
 * The cards seen so far, by their keys: a paper's arXiv id, else its title
 * and date. It says what a `Set` of the keys would say, emptied when it holds
 * `max` keys and a new one comes; but an id (`\d{4}\.\d{4,5}`, the key of
 * nearly every card) is kept as the number it spells, in an open-addressing
 * table of typed arrays that grows by doubling: remembering one allocates
 * nothing, and looking one up reads no string but the key (a set of strings
 * reads the keys it compares, scattered over the heap). Other keys go in a set.
 */
export class SeenCards {
  readonly #max: number
  /** The ids' numbers plus one (0 is an empty slot). */
  #ids = new Int32Array(256)
  #count = 0
  readonly #others = new Set<string>()

  constructor(max = MAX_REMEMBERED) {
    this.#max = max
  }

  /** Remember a card's key; whether it was remembered already. */
  add(key: string): boolean {
    const id = idNumber(key)
    if (id === -1) {
      const others = this.#others
      if (others.has(key)) return true
      if (this.#count + others.size >= this.#max) this.#clear()
      others.add(key)
      return false
    }
    const ids = this.#ids
    const mask = ids.length - 1
    let slot = slotOf(id, mask)
    for (; ids[slot] !== 0; slot = (slot + 1) & mask) if (ids[slot] === id + 1) return true
    if (this.#count + this.#others.size >= this.#max) {
      this.#clear()
      this.#insert(id)
    } else if (2 * (this.#count + 1) > ids.length) {
      this.#grow()
      this.#insert(id)
    } else {
      ids[slot] = id + 1
      this.#count++
    }
    return false
  }

  #insert(id: number): void {
    const ids = this.#ids
    const mask = ids.length - 1
    let slot = slotOf(id, mask)
    while (ids[slot] !== 0) slot = (slot + 1) & mask
    ids[slot] = id + 1
    this.#count++
  }

  #grow(): void {
    const old = this.#ids
    this.#ids = new Int32Array(old.length * 2)
    this.#count = 0
    for (const stored of old) if (stored !== 0) this.#insert(stored - 1)
  }

  #clear(): void {
    this.#ids.fill(0)
    this.#count = 0
    this.#others.clear()
  }
}

/** The slot of an id's number in a table of `mask + 1` slots (a power of two): the high bits of a multiplicative hash. */
function slotOf(id: number, mask: number): number {
  return (Math.imul(id, 0x9e3779b1) >>> 12) & mask
}

/**
 * The number an arXiv id spells, one for each id: its four digits, then its
 * four or five (told apart, `1501.1000` from `1501.01000`), under 2^31; or
 * -1 for a key that is no id.
 */
export function idNumber(key: string): number {
  const length = key.length
  if ((length !== 9 && length !== 10) || key.charCodeAt(4) !== 0x2e /* . */) return -1
  let number = 0
  for (let at = 0; at < length; at++) {
    if (at === 4) continue
    const digit = key.charCodeAt(at) - 0x30
    if (digit < 0 || digit > 9) return -1
    number = number * 10 + digit
  }
  // Four digits and five: 0 to 99,999,999 and 0 to 999,999,999 (shifted past the first).
  return length === 9 ? number : 100_000_000 + number
}
