export { tokenize } from './tokenize/index.js'
export type {
  AuthorsToken,
  BlankToken,
  DateToken,
  HeaderToken,
  SeparatorToken,
  TextToken,
  Token,
  TokenType,
} from './tokenize/index.js'
export { parseDigest, parseTree, safeParseDigest } from './parse.js'
export type { DigestInput, SafeParseResult, TreeResult } from './parse.js'
export { mergeDigests, paperId } from './merge.js'
export type { MergeInput, MergeOptions } from './merge.js'
export { stringifyDigest } from './stringify.js'
export type { StringifyOptions } from './stringify.js'
export { DigestParseError } from './error.js'
export { DEFAULT_MAX_BYTES } from './options.js'
export type { ParseOptions, RenderingOption } from './options.js'
export {
  DiagnosticSchema,
  DigestSchema,
  MergedDigestSchema,
  MergedPaperSchema,
  PaperDateSchema,
  PaperSchema,
} from './schema/schema.js'
export type { Diagnostic, Digest, MergedDigest, MergedPaper, Paper, PaperDate } from './schema/schema.js'
export { MessageBudget, RULES } from './diagnostics.js'
export type { RuleId } from './diagnostics.js'
export type {
  AbstractNode,
  AuthorsNode,
  ChromeNode,
  CommentsNode,
  DateNode,
  DigestNode,
  DigestRoot,
  GithubNode,
  HeaderLineNode,
  HeaderNode,
  MetadataNode,
  OrganizationNode,
  PaperNode,
  SeparatorNode,
  SubmittedByNode,
  TitleNode,
  UpvotesNode,
} from './tree/types.js'
export { DigestReader, inferYear, parseDigestStream } from './stream.js'
export type { DigestChunks, DigestReaderOptions, StreamOptions } from './stream.js'
