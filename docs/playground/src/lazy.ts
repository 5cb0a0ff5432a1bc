/**
 * A long list rendered a batch at a time: the first batch at once, the next
 * when the end of what is rendered scrolls near. A 1 MB paste can have a
 * hundred thousand lines; the page never builds more elements than are near
 * the view (or than a selection asks for, with {@link LazyList.get}).
 */
export class LazyList {
  readonly #container: HTMLElement
  readonly #count: number
  readonly #render: (index: number) => HTMLElement
  readonly #batch: number
  readonly #sentinel: HTMLElement
  readonly #observer: IntersectionObserver
  readonly #nodes: HTMLElement[] = []

  /**
   * @param container Where the items go, emptied first.
   * @param scroller The element that scrolls them, or `null` for the window.
   * @param count How many items there are.
   * @param render Builds item `index` (0-based).
   * @param sentinel An empty element that may stand last in `container` (an `li` in a list).
   */
  constructor(
    container: HTMLElement,
    scroller: HTMLElement | null,
    count: number,
    render: (index: number) => HTMLElement,
    sentinel: HTMLElement,
    batch = 200,
  ) {
    this.#container = container
    this.#count = count
    this.#render = render
    this.#batch = batch
    this.#sentinel = sentinel
    sentinel.setAttribute('aria-hidden', 'true')
    sentinel.classList.add('sentinel')
    container.replaceChildren()
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.#more()
      },
      { root: scroller, rootMargin: '600px' },
    )
    this.#more()
  }

  /** How many items are rendered. */
  get rendered(): number {
    return this.#nodes.length
  }

  /** Item `index`, rendering the items before it first if need be. */
  get(index: number): HTMLElement | undefined {
    if (index < 0 || index >= this.#count) return undefined
    if (index >= this.#nodes.length) this.#renderTo(index + 1)
    return this.#nodes[index]
  }

  /** Stop watching the scroll (the list is being replaced). */
  dispose(): void {
    this.#observer.disconnect()
  }

  #more(): void {
    this.#renderTo(Math.min(this.#count, this.#nodes.length + this.#batch))
  }

  #renderTo(end: number): void {
    const fragment = document.createDocumentFragment()
    for (let index = this.#nodes.length; index < end; index++) {
      const node = this.#render(index)
      this.#nodes.push(node)
      fragment.append(node)
    }
    this.#observer.disconnect()
    this.#sentinel.remove()
    this.#container.append(fragment)
    if (this.#nodes.length < this.#count) {
      this.#container.append(this.#sentinel)
      this.#observer.observe(this.#sentinel)
    }
  }
}
