// Where to send someone after sign-in: only a path on this site. The value is read the way a browser
// reads a Location header (WHATWG URL parsing: leading and trailing control characters and spaces
// stripped, tabs and newlines removed anywhere, backslashes as slashes in the path, dot segments
// resolved) and returned in that parsed form, so what we check is exactly where the browser goes.
const BASE = "http://acuerdo.invalid";
const MAX_LENGTH = 2000;

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length > MAX_LENGTH) return fallback;
  // eslint-disable-next-line no-control-regex
  const trimmed = to.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  // eslint-disable-next-line no-control-regex
  if (!trimmed.startsWith("/") || /[\u0000-\u001f\u007f]/.test(trimmed)) return fallback;
  let url: URL;
  try {
    url = new URL(trimmed, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that now starts with two slashes (or a slash and a backslash) would name another host.
  if (!path.startsWith("/") || /^\/[/\\]/.test(path)) return fallback;
  return path;
}
