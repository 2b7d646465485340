// @mentions are written as "@" followed by a member's full name, which may have spaces and accents
// ("@Gabriela Núñez", "@Ana Sofía Chávez"). Parsing is pure: it takes the group's members and returns
// who was mentioned and where, so the server stores Mention rows by user id and the page can show
// the mention without ever rendering user text as HTML.

export interface Mentionable {
  id: string;
  name: string;
}

export type BodySegment = { kind: "text"; text: string } | { kind: "mention"; text: string; userId: string };

/** Case- and accent-insensitive, one UTF-16 unit per unit (so offsets in the folded text are offsets in the body). */
function foldUnit(unit: string): string {
  const base = unit.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return base.length === 1 ? base : unit.toLowerCase().length === 1 ? unit.toLowerCase() : unit;
}

function fold(text: string): string {
  let folded = "";
  // By UTF-16 unit, not code point, so offsets in the folded text match the original.
  for (let i = 0; i < text.length; i++) folded += foldUnit(text.charAt(i));
  return folded;
}

const WORD = /[\p{L}\p{N}_]/u;

function candidates(members: readonly Mentionable[]) {
  return members
    .map((member) => ({ member, key: fold(member.name.normalize("NFC").replace(/\s+/g, " ").trim()) }))
    .filter((entry) => entry.key.length > 0)
    .sort((a, b) => b.key.length - a.key.length);
}

/** The body split into plain text and mentions of members; the longest matching name wins. */
export function segmentMentions(body: string, members: readonly Mentionable[]): BodySegment[] {
  const text = body.normalize("NFC");
  const folded = fold(text);
  const names = candidates(members);
  const segments: BodySegment[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    // "@" starts a mention only at the start of a word (not inside an email address).
    if (text[i] !== "@" || (i > 0 && WORD.test(text[i - 1]))) {
      i += 1;
      continue;
    }
    const match = names.find(({ key }) => {
      if (!folded.startsWith(key, i + 1)) return false;
      const next = text[i + 1 + key.length];
      return next === undefined || !WORD.test(next);
    });
    if (!match) {
      i += 1;
      continue;
    }
    if (i > plainStart) segments.push({ kind: "text", text: text.slice(plainStart, i) });
    const end = i + 1 + match.key.length;
    segments.push({ kind: "mention", text: text.slice(i, end), userId: match.member.id });
    i = end;
    plainStart = end;
  }
  if (plainStart < text.length) segments.push({ kind: "text", text: text.slice(plainStart) });
  return segments;
}

/** The ids of the members a body mentions, each once, in order of first mention. */
export function parseMentions(body: string, members: readonly Mentionable[]): string[] {
  const ids: string[] = [];
  for (const segment of segmentMentions(body, members))
    if (segment.kind === "mention" && !ids.includes(segment.userId)) ids.push(segment.userId);
  return ids;
}

/**
 * While someone types: the "@query" just before the caret, if any, so the page can offer names.
 * The query may contain spaces ("@Ana So"), but not a line break, and at most three words.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0 || (at > 0 && WORD.test(before[at - 1]))) return null;
  const query = before.slice(at + 1);
  if (/[\n@]/.test(query) || query.split(" ").length > 4 || query.length > 60) return null;
  return { start: at, query };
}

/** Members whose name contains every word of the query (accent- and case-insensitive), best first. */
export function suggestMembers<T extends Mentionable>(query: string, members: readonly T[], limit = 8): T[] {
  const words = fold(query.trim()).split(/\s+/).filter(Boolean);
  const scored = members
    .map((member) => {
      const name = fold(member.name);
      if (!words.every((word) => name.includes(word))) return null;
      const starts = words.length > 0 && (name.startsWith(words[0]) || name.includes(` ${words[0]}`));
      return { member, score: starts ? 0 : 1 };
    })
    .filter((entry): entry is { member: T; score: number } => entry !== null)
    .sort((a, b) => a.score - b.score || a.member.name.localeCompare(b.member.name));
  return scored.slice(0, limit).map((entry) => entry.member);
}
