// A long section is indexed in parts. Every search row costs the database a search vector and its
// words for the whole row on each rewrite: a 200 KB section took the embedded database 140–180 ms in
// one statement (nothing else runs on it meanwhile: a page, a sign-in, a paper being opened all wait),
// and typing in it rewrote all of it every few seconds. Sections up to WHOLE_MAX characters (nearly
// every real one) stay one row, so a query's words are found anywhere in the section as before; a longer
// one is cut at line ends into parts of CHUNK_MIN–CHUNK_MAX characters (about 5–10 ms of the embedded
// database's time each), where all the words of a query must fall in one part.
//
// The cuts depend on the text around them, not on where the section starts: a part ends at the first
// line end past CHUNK_MIN whose line hashes to a cut (about one line in CUT_ONE_IN), or at CHUNK_MAX.
// A change in one place moves the cuts near it only, so typing rewrites one part, not every part after.

export const WHOLE_MAX = 16_000;
export const CHUNK_MIN = 8_000;
export const CHUNK_MAX = 16_000;
const CUT_ONE_IN = 8;

/** FNV-1a over a line's characters: cheap, and the same in every process. */
function lineHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Where a part that may not reach its next line end is cut: after a space near `limit`, else at it. */
function cutWithinLine(text: string, start: number, limit: number): number {
  const space = text.lastIndexOf(" ", limit - 1);
  return space > start + CHUNK_MIN / 2 ? space + 1 : limit;
}

/** A section's text in the parts it is indexed as; joined, they are the text again. */
export function sectionChunks(text: string): string[] {
  if (text.length <= WHOLE_MAX) return text ? [text] : [];
  const parts: string[] = [];
  let start = 0;
  let lineStart = 0;
  while (start < text.length) {
    if (text.length - start <= CHUNK_MIN) {
      parts.push(text.slice(start));
      break;
    }
    let end = -1;
    // The last line end past CHUNK_MIN: where a part is cut when no line hashes to a cut before CHUNK_MAX.
    let fallback = -1;
    while (end < 0) {
      const newline = text.indexOf("\n", lineStart);
      const lineEnd = newline < 0 ? text.length : newline + 1;
      if (lineEnd - start > CHUNK_MAX)
        end = fallback > 0 ? fallback : cutWithinLine(text, start, start + CHUNK_MAX);
      else if (lineEnd >= text.length) end = text.length;
      else if (lineEnd - start >= CHUNK_MIN && lineHash(text, lineStart, lineEnd) % CUT_ONE_IN === 0)
        end = lineEnd;
      else {
        if (lineEnd - start >= CHUNK_MIN) fallback = lineEnd;
        lineStart = lineEnd;
      }
    }
    parts.push(text.slice(start, end));
    start = end;
    if (lineStart < start) lineStart = start;
  }
  return parts;
}
