import { describe, expect, it } from "vitest";
import { CHUNK_MAX, CHUNK_MIN, WHOLE_MAX, sectionChunks } from "~/modules/search/section-chunks";
import { seededRandom } from "../support/random";

function paragraphs(count: number, seed: number): string {
  const random = seededRandom(seed);
  const words = [
    "migración",
    "laboral",
    "pathways",
    "visa",
    "Honduras",
    "Guatemala",
    "consular",
    "the",
    "de",
  ];
  const out: string[] = [];
  for (let p = 0; p < count; p += 1) {
    const length = 20 + Math.floor(random() * 200);
    const line: string[] = [];
    for (let w = 0; w < length; w += 1) line.push(words[Math.floor(random() * words.length)]);
    out.push(`${line.join(" ")}\n`);
  }
  return out.join("");
}

describe("a section's search parts", () => {
  it("keeps a section of ordinary length whole, and an empty one as none", () => {
    expect(sectionChunks("")).toEqual([]);
    const text = paragraphs(17, 1);
    expect(text.length).toBeGreaterThan(CHUNK_MIN);
    expect(text.length).toBeLessThanOrEqual(WHOLE_MAX);
    expect(sectionChunks(text)).toEqual([text]);
  });

  it("cuts a long section at line ends into parts that join to the text, each within the bounds", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const text = paragraphs(400, seed);
      const parts = sectionChunks(text);
      expect(parts.join("")).toBe(text);
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts.slice(0, -1)) {
        expect(part.length).toBeGreaterThanOrEqual(CHUNK_MIN);
        expect(part.length).toBeLessThanOrEqual(CHUNK_MAX);
        expect(part.endsWith("\n")).toBe(true);
      }
      expect(parts.at(-1)!.length).toBeLessThanOrEqual(CHUNK_MAX);
    }
  });

  it("cuts one line longer than a part at a space, and a text without spaces at the bound", () => {
    const line = "palabra ".repeat(10_000);
    const parts = sectionChunks(line);
    expect(parts.join("")).toBe(line);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(CHUNK_MAX);
    expect(parts.slice(0, -1).every((part) => part.endsWith(" "))).toBe(true);
    const solid = "x".repeat(CHUNK_MAX * 2 + 5);
    expect(sectionChunks(solid).map((part) => part.length)).toEqual([CHUNK_MAX, CHUNK_MAX, 5]);
  });

  it("changes only the parts near an edit: typing somewhere leaves the parts before and after alone", () => {
    // An edit changes the part it falls in; now and then a cut nearby moves and a few parts follow.
    const changed: number[] = [];
    for (let seed = 1; seed <= 30; seed += 1) {
      const text = paragraphs(600, seed);
      const before = sectionChunks(text);
      const random = seededRandom(seed * 31);
      const at = text.indexOf("\n", Math.floor(random() * (text.length - 1000)));
      const after = sectionChunks(`${text.slice(0, at)} añadido por El Salvador${text.slice(at)}`);
      expect(after.join("")).toBe(`${text.slice(0, at)} añadido por El Salvador${text.slice(at)}`);
      changed.push(after.filter((part) => !before.includes(part)).length);
    }
    expect(changed.filter((n) => n === 1).length).toBeGreaterThanOrEqual(24);
    expect(Math.max(...changed)).toBeLessThanOrEqual(6);
  });
});
