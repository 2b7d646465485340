// Word-level comparison of two versions' canonical texts, for showing what changed between them.
import { Diff } from "diff";

export interface WordDiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

export interface SectionDiff {
  key: string;
  changed: boolean;
  parts: WordDiffPart[];
}

// A word is a run of letters (any script, with combining marks), digits and connectors; every run of
// spaces, every line break and every other character is a token of its own, so whitespace survives.
// diff's own word tokenizer knows only Latin letters and splits "ñ" typed as n + U+0303.
const TOKENS = /[\p{L}\p{M}\p{N}\p{Pc}]+|\r?\n|[^\S\r\n]+|[\s\S]/gu;

class UnicodeWordDiff extends Diff<string, string> {
  override tokenize(value: string): string[] {
    return value.match(TOKENS) ?? [];
  }
}

const wordDiff = new UnicodeWordDiff();

// Beyond this many edited tokens the texts have little in common (and Myers' diff grows with the
// square of it): show everything removed, then everything added, in about 100 ms at worst.
const MAX_EDIT_LENGTH = 1000;

type Stretch = { same: string } | { removed: string; added: string };

// A single space between two replaced words belongs to the replacement ("dos tres" -> "cinco seis"
// reads as one change, not two changes around an unchanged space).
function joinReplacements(stretches: Stretch[]): Stretch[] {
  const out: Stretch[] = [];
  for (const stretch of stretches) {
    const gap = out[out.length - 1];
    const previous = out[out.length - 2];
    if (
      "removed" in stretch &&
      stretch.removed &&
      stretch.added &&
      gap &&
      "same" in gap &&
      /^[^\S\n]+$/.test(gap.same) &&
      previous &&
      "removed" in previous &&
      previous.removed &&
      previous.added
    ) {
      out.pop();
      previous.removed += gap.same + stretch.removed;
      previous.added += gap.same + stretch.added;
    } else out.push(stretch);
  }
  return out;
}

/**
 * The changes from `before` to `after`, word by word. Joining the "same" and "removed" parts gives
 * `before`, joining the "same" and "added" parts gives `after`; no two neighbouring parts have the
 * same kind, and within a change the removed part comes first.
 */
export function diffWords(before: string, after: string): WordDiffPart[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const changes = wordDiff.diff(before, after, { maxEditLength: MAX_EDIT_LENGTH }) ?? [
    { value: before, removed: true, added: false },
    { value: after, removed: false, added: true },
  ];
  const stretches: Stretch[] = [];
  for (const change of changes) {
    const last = stretches[stretches.length - 1];
    if (!change.added && !change.removed) stretches.push({ same: change.value });
    else {
      const stretch = last && "removed" in last ? last : { removed: "", added: "" };
      if (stretch !== last) stretches.push(stretch);
      if (change.added) stretch.added += change.value;
      else stretch.removed += change.value;
    }
  }
  return joinReplacements(stretches).flatMap((stretch): WordDiffPart[] =>
    "same" in stretch
      ? [{ kind: "same", text: stretch.same }]
      : [
          ...(stretch.removed ? [{ kind: "removed" as const, text: stretch.removed }] : []),
          ...(stretch.added ? [{ kind: "added" as const, text: stretch.added }] : []),
        ],
  );
}

/**
 * Section-by-section comparison in paper order. A section missing on one side counts as empty; sections
 * present in a version but no longer in `order` follow at the end, so nothing is silently left out.
 */
export function diffSections(
  before: Record<string, string>,
  after: Record<string, string>,
  order: string[],
): SectionDiff[] {
  const keys = [...new Set([...order, ...Object.keys(before), ...Object.keys(after)])];
  return keys.map((key) => {
    const a = Object.hasOwn(before, key) ? before[key] : "";
    const b = Object.hasOwn(after, key) ? after[key] : "";
    return { key, changed: a !== b, parts: diffWords(a, b) };
  });
}
