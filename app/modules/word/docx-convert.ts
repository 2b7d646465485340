// One .docx to editor blocks: the container check, mammoth (DOCX to semantic HTML, with external file
// access off and images never read), the HTML walk onto the editor schema, the size limits and the gate.
// Pure apart from CPU: the server runs it in a worker thread (docx-worker.server.ts) so that a large
// file never stalls the process; tests call it directly.
import type { PMNode } from "~/modules/documents/prosemirror-json";
import { DocxRefused, inspectDocx } from "./docx-container";
import { htmlToBlocks } from "./html-to-doc";
import { MAX_HEADINGS, MAX_PARAGRAPH_CHARS, MAX_TOTAL_CHARS } from "./import-limits";
import { gateSectionDoc } from "./section-gate";

export interface DroppedContent {
  images: number;
  tables: number;
  unsafeLinks: number;
  comments: number;
  trackedChanges: number;
  /** Linked images, templates or objects outside the file: listed, never fetched. */
  externalRelationships: number;
  macros: boolean;
}

export interface ConvertedDocx {
  blocks: PMNode[];
  dropped: DroppedContent;
  headings: number;
  characters: number;
}

function measure(blocks: PMNode[]): { headings: number; characters: number; longest: number } {
  let headings = 0;
  let characters = 0;
  let longest = 0;
  const stack: PMNode[] = [...blocks];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "heading") headings += 1;
    if (node.type === "paragraph" || node.type === "heading") {
      const length = (node.content ?? []).reduce((sum, child) => sum + (child.text?.length ?? 0), 0);
      longest = Math.max(longest, length);
    }
    if (node.type === "text") characters += node.text?.length ?? 0;
    for (const child of node.content ?? []) stack.push(child);
  }
  return { headings, characters, longest };
}

/** Converts a .docx; throws DocxRefused with a reason the person can act on. */
export async function convertDocx(bytes: Uint8Array): Promise<ConvertedDocx> {
  const facts = await inspectDocx(bytes);
  // Loaded on the first import, not at start (the server converts in a worker thread; this module is
  // also part of the Remix build, which every process loads).
  const { default: mammoth } = await import("mammoth");
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        externalFileAccess: false,
        // Images are not part of the editor: never read (so never fetched), only counted.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })),
      },
    );
    html = result.value;
  } catch {
    throw new DocxRefused("conversionFailed");
  }
  const { blocks, dropped } = await htmlToBlocks(html);
  const size = measure(blocks);
  if (size.headings > MAX_HEADINGS)
    throw new DocxRefused("tooManyHeadings", { count: size.headings, limit: MAX_HEADINGS });
  if (size.longest > MAX_PARAGRAPH_CHARS)
    throw new DocxRefused("paragraphTooLong", { limit: MAX_PARAGRAPH_CHARS });
  if (size.characters > MAX_TOTAL_CHARS) throw new DocxRefused("tooMuchText", { limit: MAX_TOTAL_CHARS });
  let gated: PMNode;
  try {
    gated = gateSectionDoc({ type: "doc", content: blocks });
  } catch {
    throw new DocxRefused("conversionFailed");
  }
  return {
    blocks: gated.content ?? [],
    dropped: {
      ...dropped,
      comments: facts.comments,
      trackedChanges: facts.trackedChanges,
      externalRelationships: facts.externalRelationships,
      macros: facts.macros,
    },
    headings: size.headings,
    characters: size.characters,
  };
}
