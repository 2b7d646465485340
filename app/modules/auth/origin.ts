// Cross-site request refusal: a state-changing request must come from a page of our own origin.
// Browsers send Origin on every POST; Referer is the fallback for old clients. Neither → refused.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

function originOf(url: string | undefined): string | null {
  if (!url || url === "null") return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function isSameOriginRequest(
  method: string,
  headers: { origin?: string | null; referer?: string | null },
  expectedOrigin: string,
): boolean {
  if (isSafeMethod(method)) return true;
  const expected = originOf(expectedOrigin);
  // Referer only stands in when no Origin was sent at all: "Origin: null" (an opaque origin) is a refusal.
  const hasOrigin = headers.origin !== undefined && headers.origin !== null && headers.origin !== "";
  const claimed = hasOrigin ? originOf(headers.origin ?? undefined) : originOf(headers.referer ?? undefined);
  return expected !== null && claimed === expected;
}
