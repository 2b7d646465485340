import type { SearchHit } from "./search.server";

/** Where a hit opens: the section (side by side when it is the translation) or the comment's thread. */
export function hitHref(
  slug: string,
  hit: Pick<SearchHit, "kind" | "paperId" | "sectionKey" | "threadId" | "language" | "originalLanguage">,
): string {
  const base = `/g/${slug}/papers/${hit.paperId}`;
  if (hit.kind === "comment" && hit.threadId) return `${base}#thread-${hit.threadId}`;
  if (hit.kind === "section" && hit.sectionKey) {
    const view = hit.language !== hit.originalLanguage ? "?view=both" : "";
    return `${base}${view}#section-${hit.sectionKey}`;
  }
  return base;
}
