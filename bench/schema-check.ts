// The cost of the document schema check (app/modules/documents/document-schema.ts) per client update,
// measured in process on the server's own GuardedDoc: a paper of ~20 KB in five sections, then
// editor-like updates (a character typed, a word made bold, a new paragraph, a list) one at a time.
import * as Y from "yjs";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { editorSchema } from "../app/modules/documents/editor-schema";
import { paperFragmentNames } from "../app/modules/documents/document-schema";
import { GuardedDoc } from "../server/collab/guarded-doc";

const SECTIONS = ["finding", "recommendation", "evidence", "actions", "implementation"];

function sectionJson(words: number) {
  const sentence = (i: number) => `Paragraph ${i} of the section: ${"palabra ".repeat(words).trim()}.`;
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Heading" }] },
      ...Array.from({ length: 8 }, (_, i) => ({
        type: "paragraph",
        content: [
          { type: "text", text: sentence(i) },
          { type: "text", text: " bold", marks: [{ type: "bold" }] },
        ],
      })),
      {
        type: "bulletList",
        content: [1, 2, 3].map((i) => ({
          type: "listItem",
          content: [{ type: "paragraph", content: [{ type: "text", text: `Item ${i}` }] }],
        })),
      },
    ],
  };
}

export interface SchemaCheckFigures {
  updates: number;
  /** Microseconds spent in the check per update. */
  checkP50: number;
  checkP99: number;
  checkMax: number;
  /** Microseconds to take a whole update (decode, shadow, check, real document), with and without the check. */
  applyWithP50: number;
  applyWithP99: number;
  applyWithoutP50: number;
  applyWithoutP99: number;
  /** The same with every update taken through the copy (as before ordinary edits skipped it). */
  applyCopiedP50: number;
  applyCopiedP99: number;
  /** Share of the updates taken without the copy. */
  directShare: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

function run(
  count: number,
  check: boolean,
  alwaysCopy = false,
): { check: number[]; apply: number[]; directShare: number } {
  const fragments = paperFragmentNames(SECTIONS, "en");
  const server = new GuardedDoc({ measure: true, alwaysCopy });
  const client = new Y.Doc();
  for (const key of SECTIONS)
    prosemirrorJSONToYXmlFragment(editorSchema(), sectionJson(45), client.getXmlFragment(key));
  Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(client));
  const apply: number[] = [];
  client.on("update", (update: Uint8Array) => {
    const start = performance.now();
    server.applyClientUpdate(update, "bench", check ? fragments : undefined);
    apply.push((performance.now() - start) * 1000);
  });
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < count; i += 1) {
    const fragment = client.getXmlFragment(SECTIONS[i % SECTIONS.length]);
    const paragraph = fragment.get(1 + Math.floor(random() * 8)) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    const roll = random();
    if (roll < 0.9) text.insert(Math.floor(random() * text.length), "a");
    else if (roll < 0.95) text.format(Math.floor(random() * (text.length - 5)), 4, { bold: {} });
    else if (roll < 0.98) {
      const fresh = new Y.XmlElement("paragraph");
      fresh.insert(0, [new Y.XmlText("A new paragraph typed in.")]);
      fragment.insert(fragment.length, [fresh]);
    } else
      prosemirrorJSONToYXmlFragment(
        editorSchema(),
        { type: "doc", content: sectionJson(3).content.slice(-1) },
        client.getXmlFragment(`${SECTIONS[i % SECTIONS.length]}:es`),
      );
  }
  const { direct, copied } = server.taken;
  const times = {
    check: (server.checkTimes ?? []).map((ms) => ms * 1000),
    apply,
    directShare: direct / Math.max(1, direct + copied),
  };
  server.destroy();
  client.destroy();
  return times;
}

export function measureSchemaCheck(count: number): SchemaCheckFigures {
  run(Math.min(500, count), true); // warm-up
  const withCheck = run(count, true);
  const without = run(count, false);
  const copied = run(count, true, true);
  return {
    updates: count,
    checkP50: percentile(withCheck.check, 50),
    checkP99: percentile(withCheck.check, 99),
    checkMax: Math.max(...withCheck.check),
    applyWithP50: percentile(withCheck.apply, 50),
    applyWithP99: percentile(withCheck.apply, 99),
    applyWithoutP50: percentile(without.apply, 50),
    applyWithoutP99: percentile(without.apply, 99),
    applyCopiedP50: percentile(copied.apply, 50),
    applyCopiedP99: percentile(copied.apply, 99),
    directShare: withCheck.directShare,
  };
}

export function renderSchemaCheck(f: SchemaCheckFigures): string {
  const us = (v: number) => `${v.toFixed(1)} µs`;
  return [
    "## Document schema check (in process, per client update)",
    "",
    `${f.updates} editor-like updates (typing, bold, new paragraphs, a translation list) on a ~20 KB paper of five sections; ${Math.round(f.directShare * 100)} % were taken without the copy.`,
    "",
    "| Measure | p50 | p99 | max |",
    "|---|---|---|---|",
    `| Schema check alone | ${us(f.checkP50)} | ${us(f.checkP99)} | ${us(f.checkMax)} |`,
    `| Whole update taken (decode, shadow, check, document), with the check | ${us(f.applyWithP50)} | ${us(f.applyWithP99)} | — |`,
    `| Whole update taken, with the check, every update through the copy | ${us(f.applyCopiedP50)} | ${us(f.applyCopiedP99)} | — |`,
    `| Whole update taken, without the check | ${us(f.applyWithoutP50)} | ${us(f.applyWithoutP99)} | — |`,
  ].join("\n");
}

// `node --import tsx bench/schema-check.ts`: this table alone.
if (import.meta.url === `file://${process.argv[1]}`) console.log(renderSchemaCheck(measureSchemaCheck(5000)));
