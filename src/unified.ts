// Type imports only: unified is an optional peer dependency, and the plugins
// need nothing of it at run time.
import type { Plugin } from 'unified'
import type { ParseOptions } from './options.js'
import { parseTreeAndDigest } from './parse.js'
import type { Digest } from './schema/schema.js'
import { stringifyDigest } from './stringify.js'
import type { DigestRoot } from './tree/types.js'

declare module 'vfile' {
  interface DataMap {
    /** The parsed digest, set by `digestParse`: every record recovered, as `safeParseDigest` gives it. */
    digest: Digest
  }
}

/** Where each rule is explained: its anchor in docs/format.md, on the project's repository. */
const RULE_DOCS = 'https://github.com/papers-digest/papers-digest/blob/main/docs/format.md#'

export type { ParseOptions } from './options.js'
export type * from './tree/types.js'

/**
 * A unified parser plugin: the text of a digest in, its syntax tree (see
 * `parseTree`) out, and the parsed `Digest` in `file.data.digest` (every
 * record recovered, as `safeParseDigest` gives it; one pass gives both).
 * Each diagnostic becomes a message on the file, with its `ruleId`, its
 * place, the source `papers-digest` and a `url` to the rule's explanation
 * (`docs/format.md#RULE-ID`); errors are `fatal`, warnings are not. Parsing
 * never throws on the input.
 *
 * @example
 * ```ts
 * import { unified } from 'unified'
 * import { visit } from 'unist-util-visit'
 * import { digestParse, digestStringify } from 'papers-digest/unified'
 *
 * const processor = unified().use(digestParse, { year: 2025 })
 * const tree = processor.parse(text)
 * visit(tree, 'paper', (paper) => console.log(paper.children[0].value))
 *
 * const file = unified().use(digestParse).use(digestStringify).processSync(text)
 * console.log(file.data.digest?.papers.length) // the Digest, as safeParseDigest gives it
 * for (const message of file.messages) console.warn(`${message.reason} (${message.ruleId}): see ${message.url}`)
 * ```
 *
 * @param options The year of dates without one, and the size limit; `strict` does not apply.
 */
export const digestParse: Plugin<[(Readonly<ParseOptions> | null | undefined)?], string, DigestRoot> = function (
  options,
) {
  this.parser = (document, file) => {
    const { tree, messages, digest } = parseTreeAndDigest(document, options)
    file.data.digest = digest
    for (const diagnostic of messages) {
      const { line, column } = diagnostic
      const message = file.message(diagnostic.message, {
        place: diagnostic.position ?? { line, column },
        ruleId: diagnostic.ruleId,
        source: 'papers-digest',
      })
      message.fatal = diagnostic.severity === 'error'
      message.url = RULE_DOCS + diagnostic.ruleId
    }
    return tree
  }
}

/**
 * A unified compiler plugin: a digest's syntax tree in, the page's canonical
 * text out (see `stringifyDigest`). With {@link digestParse}, a canonical
 * text comes back unchanged.
 *
 * @example
 * ```ts
 * import { unified } from 'unified'
 * import { digestParse, digestStringify } from 'papers-digest/unified'
 *
 * const file = unified().use(digestParse).use(digestStringify).processSync(text)
 * console.log(String(file) === text) // true for a canonical text
 * for (const message of file.messages) console.warn(String(message))
 * ```
 */
export const digestStringify: Plugin<[], DigestRoot, string> = function () {
  // `this` is a processor of any tree; the plugin's type is what narrows it.
  this.compiler = (tree) => stringifyDigest(tree as DigestRoot)
}
