import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import fc from "fast-check";

// Frames for fuzzing the collaboration server: random bytes, y-websocket frames around random payloads,
// and valid Yjs updates with a few bytes changed (what reaches deepest into the decoder).

/** A document like a paper's: sections as XML fragments with paragraphs, marks and a deletion. */
export function paperDoc(): Y.Doc {
  const doc = new Y.Doc();
  for (const key of ["finding", "recommendation"]) {
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    text.insert(0, `The ${key} of the study group.`);
    text.format(4, 3, { bold: true });
    paragraph.insert(0, [text]);
    doc.getXmlFragment(key).push([paragraph]);
    text.delete(0, 4);
  }
  return doc;
}

export function frame(type: number, sub: number | null, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (sub !== null) encoding.writeVarUint(encoder, sub);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

const sample = (() => {
  const source = paperDoc();
  const base = Y.encodeStateAsUpdate(source);
  const before = Y.encodeStateVector(source);
  const text = source.getXmlFragment("finding").get(0) as Y.XmlElement;
  (text.get(0) as Y.XmlText).insert(3, "edited ");
  return { full: base, delta: Y.encodeStateAsUpdate(source, before) };
})();

/** A valid update with a few bytes flipped, inserted or removed: what reaches deepest into the decoder. */
const mutatedUpdate = fc
  .tuple(
    fc.constantFrom(sample.full, sample.delta),
    fc.array(
      fc.tuple(
        fc.constantFrom("flip", "insert", "delete", "huge"),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([update, edits]) => {
    const bytes = [...update];
    for (const [kind, at, value] of edits) {
      const i = at % (bytes.length + 1);
      if (kind === "flip") bytes[i % bytes.length] = value;
      else if (kind === "insert") bytes.splice(i, 0, value);
      else if (kind === "delete") bytes.splice(i, 1);
      // A length or count that claims far more than there is.
      else bytes.splice(i, 0, 0xff, 0xff, 0xff, 0xff, 0x0f);
    }
    return Uint8Array.from(bytes);
  });

export const anyFrame = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  mutatedUpdate.map((update) => frame(0, 2, update)),
  mutatedUpdate.map((update) => frame(0, 1, update)),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => frame(0, fcSub(bytes), bytes)),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => frame(1, null, bytes)),
  fc.tuple(fc.nat(), fc.nat(), fc.json()).map(([client, clock, json]) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
    return frame(1, null, encoding.toUint8Array(encoder));
  }),
);

function fcSub(bytes: Uint8Array): number {
  return bytes.length ? bytes[0] % 4 : 0;
}
