// What a Word import accepts. The README's "Word import and single-paper downloads" section names these.

/** Largest .docx a person may upload (the import route's own body limit, above the forms' default). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/**
 * The import routes' own request-body limit: the file plus the form's few small fields. It is larger
 * than the limit for ordinary forms on purpose, and applies to these two routes only.
 */
export const IMPORT_BODY_LIMIT_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;
/** Largest sum of the uncompressed sizes the ZIP's central directory declares (a ZIP bomb stops here). */
export const MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
/** Most entries in the ZIP (a real .docx has a few dozen). */
export const MAX_ZIP_ENTRIES = 1000;
/** Most headings in one document (a long paper has a few dozen). */
export const MAX_HEADINGS = 1000;
/** Longest paragraph, in characters (about 30 pages of unbroken text). */
export const MAX_PARAGRAPH_CHARS = 100_000;
/** Most text in one document, in characters (a few hundred pages). */
export const MAX_TOTAL_CHARS = 2_000_000;
/** Deepest nesting (lists in lists, tables in tables) kept as structure; deeper keeps its text only. */
export const MAX_NESTING = 32;
/** How long a conversion may take before it is stopped. */
export const CONVERSION_TIMEOUT_MS = 20_000;
/** How long a preview is kept for its "Create" (the converted text only: the file itself is not kept). */
export const DRAFT_TTL_MS = 30 * 60 * 1000;
