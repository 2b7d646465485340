// Which link targets a paper may hold: apart from the schema, so the browser can check a link without
// the editor's code (the read-only text, the link form).
export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

/** True for the only link targets we keep: http, https and mailto. */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length > 2000) return false;
  try {
    const url = new URL(href);
    return (LINK_PROTOCOLS as readonly string[]).includes(url.protocol.replace(/:$/, ""));
  } catch {
    return false;
  }
}
