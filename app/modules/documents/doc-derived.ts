import type * as Y from "yjs";

/**
 * Values derived from a document (a section's canonical text, say), kept with the document until it
 * next changes. A paper page derives the same things from the same document on every visit, whether it
 * is a paper open for editing (the live document) or one nobody has open (the stored document, cached);
 * derived again, they were a tenth of the paper page's work.
 *
 * Any transaction on the document forgets everything derived from it (a transaction that changed
 * nothing too: rare, and only costs a recomputation). What `derive` returns is shared: callers must not
 * change it.
 */
const derived = new WeakMap<Y.Doc, Map<string, unknown>>();

export function deriveFromDoc<T>(doc: Y.Doc, key: string, derive: () => T): T {
  let values = derived.get(doc);
  if (!values) {
    const fresh = new Map<string, unknown>();
    derived.set(doc, (values = fresh));
    doc.on("afterTransaction", () => fresh.clear());
  }
  if (values.has(key)) return values.get(key) as T;
  const value = derive();
  values.set(key, value);
  return value;
}
