import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  decodePosition,
  encodePosition,
  flattenFragment,
  rangeFromOffsets,
  resolveEncodedRange,
  resolveRange,
  tightenRange,
} from "~/modules/comments/anchors";
import { seededRandom, testSeed } from "../support/random";

const SECTION = "recommendation";
const SENTENCE = "Governments should open legal pathways for labour mobility across the region.";
const WORDS = "labour mobility";

function paragraph(fragment: Y.XmlFragment, text: string): Y.XmlText {
  const element = new Y.XmlElement("paragraph");
  const content = new Y.XmlText();
  content.insert(0, text);
  element.insert(0, [content]);
  fragment.push([element]);
  return content;
}

function seedDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  const fragment = doc.getXmlFragment(SECTION);
  paragraph(fragment, "Employers need workers that legal channels do not supply.");
  paragraph(fragment, SENTENCE);
  paragraph(fragment, "Wage floors should be written into every visa.");
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function encodedWords(doc: Y.Doc) {
  const fragment = doc.getXmlFragment(SECTION);
  const flat = flattenFragment(fragment);
  const from = flat.text.indexOf(WORDS);
  const range = rangeFromOffsets(fragment, from, from + WORDS.length)!;
  return { start: encodePosition(range.start), end: encodePosition(range.end) };
}

describe("comment anchors", () => {
  it("round-trips a relative position through base64 and rejects what is not one", () => {
    const doc = seedDoc();
    const range = encodedWords(doc);
    expect(decodePosition(range.start)).not.toBeNull();
    expect(encodePosition(decodePosition(range.start)!)).toBe(range.start);
    for (const bad of ["", "not base64!", "A".repeat(1000), "<script>"])
      expect(decodePosition(bad)).toBeNull();
  });

  it("resolves to exactly the words it was made on", () => {
    const doc = seedDoc();
    const fragment = doc.getXmlFragment(SECTION);
    const resolved = resolveEncodedRange(doc, fragment, encodedWords(doc));
    expect(resolved).toMatchObject({ removed: false, text: WORDS });
  });

  it("keeps text typed right before and right after the range outside it", () => {
    const doc = seedDoc();
    const fragment = doc.getXmlFragment(SECTION);
    const range = encodedWords(doc);
    const text = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    const at = SENTENCE.indexOf(WORDS);
    text.insert(at + WORDS.length, " and skills");
    text.insert(at, "regional ");
    expect(resolveEncodedRange(doc, fragment, range)).toMatchObject({ removed: false, text: WORDS });
  });

  it("turns y-tiptap's left-associated edges into edges that stick to the range's own characters", () => {
    const doc = seedDoc();
    const fragment = doc.getXmlFragment(SECTION);
    const text = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    const at = SENTENCE.indexOf(WORDS);
    // What absolutePositionToRelativePosition returns for text positions: assoc -1 at the index.
    const loose = {
      start: Y.createRelativePositionFromTypeIndex(text, at, -1),
      end: Y.createRelativePositionFromTypeIndex(text, at + WORDS.length, -1),
    };
    const tight = tightenRange(doc, loose.start, loose.end);
    text.insert(at, "regional ");
    expect(resolveRange(doc, fragment, tight.start, tight.end)).toMatchObject({
      removed: false,
      text: WORDS,
    });
    // The loose start would have swallowed the insertion.
    expect(resolveRange(doc, fragment, loose.start, loose.end)).toMatchObject({
      removed: false,
      text: `regional ${WORDS}`,
    });
  });

  it("reports the range removed when its words are deleted, or their paragraph is", () => {
    const doc = seedDoc();
    const fragment = doc.getXmlFragment(SECTION);
    const range = encodedWords(doc);
    const text = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    const at = SENTENCE.indexOf(WORDS);
    text.delete(at, 7);
    expect(resolveEncodedRange(doc, fragment, range)).toMatchObject({ removed: false, text: "mobility" });
    text.delete(at, 8);
    expect(resolveEncodedRange(doc, fragment, range)).toEqual({ removed: true });

    const other = seedDoc();
    const otherFragment = other.getXmlFragment(SECTION);
    const otherRange = encodedWords(other);
    otherFragment.delete(1, 1);
    expect(resolveEncodedRange(other, otherFragment, otherRange)).toEqual({ removed: true });
    // A position this document has never seen (typed elsewhere, not yet synced) is not resolvable.
    expect(resolveEncodedRange(new Y.Doc(), new Y.Doc().getXmlFragment(SECTION), range)).toEqual({
      removed: true,
    });
  });

  it("still covers exactly 'labour mobility' after thousands of random concurrent edits around it", () => {
    const seed = testSeed();
    console.info(`comment anchors: RANDOM_SEED=${seed}`);
    const random = seededRandom(seed);
    const base = seedDoc();
    const range = encodedWords(base);
    const peers = [1, 2, 3].map((n) => {
      const peer = new Y.Doc();
      peer.clientID = 100 + n;
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(base));
      return peer;
    });
    const alphabet = "abcdefghijklmnopqrstuvwxyz áéíóúñ,.";
    const OPERATIONS = 3000;
    let inserted = 0;
    let deleted = 0;
    for (let op = 0; op < OPERATIONS; op++) {
      const peer = peers[Math.floor(random() * peers.length)];
      const fragment = peer.getXmlFragment(SECTION);
      const resolved = resolveEncodedRange(peer, fragment, range);
      expect(resolved, `seed ${seed}, operation ${op}`).toMatchObject({ removed: false, text: WORDS });
      if (resolved.removed) return;
      // Edit the anchored paragraph most of the time, the others sometimes.
      const flat = flattenFragment(fragment);
      const anchored = flat.texts.find(
        (t) => resolved.from >= t.offset && resolved.from < t.offset + t.length,
      )!;
      const target = random() < 0.8 ? anchored : flat.texts[Math.floor(random() * flat.texts.length)];
      const localFrom = target === anchored ? resolved.from - target.offset : -1;
      const localTo = target === anchored ? resolved.to - target.offset : -1;
      if (random() < 0.55 || target.length < 4) {
        // Insert anywhere outside the range, including exactly at its edges.
        const choices =
          target === anchored
            ? [
                Math.floor(random() * (localFrom + 1)),
                localTo + Math.floor(random() * (target.length - localTo + 1)),
              ]
            : [Math.floor(random() * (target.length + 1))];
        const at = choices[Math.floor(random() * choices.length)];
        const length = 1 + Math.floor(random() * 6);
        let text = "";
        for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
        target.node.insert(at, text);
        inserted += 1;
      } else {
        // Delete a stretch before or after the range, up to its edges but never into it.
        const spans =
          target === anchored
            ? [
                [0, localFrom],
                [localTo, target.length],
              ]
            : [[0, target.length]];
        const [lo, hi] = spans[Math.floor(random() * spans.length)];
        if (hi - lo > 0) {
          const at = lo + Math.floor(random() * (hi - lo));
          const length = 1 + Math.floor(random() * Math.min(5, hi - at));
          target.node.delete(at, length);
          deleted += 1;
        }
      }
      if (random() < 0.3) {
        const a = peers[Math.floor(random() * peers.length)];
        const b = peers[Math.floor(random() * peers.length)];
        if (a !== b) sync(a, b);
      }
    }
    for (const a of peers) for (const b of peers) if (a !== b) sync(a, b);
    const texts = peers.map((peer) => flattenFragment(peer.getXmlFragment(SECTION)).text);
    expect(new Set(texts).size).toBe(1);
    for (const peer of peers) {
      expect(resolveEncodedRange(peer, peer.getXmlFragment(SECTION), range), `seed ${seed}`).toMatchObject({
        removed: false,
        text: WORDS,
      });
    }
    expect(inserted + deleted).toBeGreaterThan(OPERATIONS * 0.9);
    expect(texts[0]).not.toContain(SENTENCE);
  });
});
