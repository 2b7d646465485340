import * as Y from "yjs";

// Random edits of the kind the editor makes, for randomized convergence tests, and a way to compare copies.

/** The sections the random edits touch (sections of the first template). */
export const EDITED_SECTIONS = ["finding", "recommendation", "evidence"];

/** Everything a copy says, section by section (structure and marks included). */
export const contentOf = (doc: Y.Doc) =>
  EDITED_SECTIONS.map((key) => doc.getXmlFragment(key).toJSON()).join("\n");

/** The state vector, as text that compares equal when two copies have integrated the same updates. */
export const vectorOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString("base64");

/** One random edit: type, delete, bold a run, add or remove a paragraph. */
export function randomEdit(doc: Y.Doc, random: () => number, label: string): void {
  const fragment = doc.getXmlFragment(EDITED_SECTIONS[Math.floor(random() * EDITED_SECTIONS.length)]);
  const paragraphs = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
  const roll = random();
  if (paragraphs.length === 0 || roll < 0.05) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(label)]);
    fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph]);
    return;
  }
  const paragraph = paragraphs[Math.floor(random() * paragraphs.length)];
  if (roll < 0.08 && paragraphs.length > 2) {
    fragment.delete(fragment.toArray().indexOf(paragraph), 1);
    return;
  }
  const text = paragraph.get(0);
  if (!(text instanceof Y.XmlText)) return;
  if (roll < 0.7 || text.length < 4)
    text.insert(
      Math.floor(random() * (text.length + 1)),
      "abcdefghij klmnñopqrst"[Math.floor(random() * 22)],
    );
  else if (roll < 0.9) {
    const at = Math.floor(random() * (text.length - 2));
    text.delete(at, 1 + Math.floor(random() * Math.min(3, text.length - at - 1)));
  } else {
    const at = Math.floor(random() * (text.length - 2));
    text.format(at, 2, { bold: random() < 0.5 ? true : null });
  }
}
