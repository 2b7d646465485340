// Where each part of an imported document goes: a heading whose text is a section's title (in English or
// Spanish, ignoring case, accents, surrounding punctuation and numbering such as "1.", "IV.", "A)")
// starts that section and is not kept (the section has its own title); text before the first such heading
// goes to the first section; every other heading stays, as a sub-heading of the section it falls in.
import type { PMNode } from "~/modules/documents/prosemirror-json";

export interface TemplateSectionTitles {
  key: string;
  /** Every title the section answers to (its title, its translation, known aliases). */
  titles: string[];
}

export interface MappedSection {
  key: string;
  /** The document's heading that started this section, as written; null for none (or the text before). */
  heading: string | null;
  doc: PMNode;
}

// Spanish titles of the demo "Recommendation" template's sections, until templates carry their own
// translations: a Spanish draft's "Recomendación" starts the Recommendation section.
export const KNOWN_SECTION_TITLES: Record<string, string[]> = {
  finding: ["Finding", "Hallazgo", "Conclusión"],
  recommendation: ["Recommendation", "Recomendación"],
  evidence: ["Context and evidence", "Contexto y evidencia", "Contexto y pruebas"],
  actions: ["Actions by country", "Acciones por país"],
  implementation: ["Implementation and timeline", "Implementación y calendario", "Implementación y plazos"],
};

// Leading numbering: "1.", "1.2)", "IV.", "A)", "a -", "Section 3:", repeated ("2. A)").
const NUMBERING =
  /^(?:(?:section|sección|seccion|part|parte)\s+)?(?:\d+(?:\.\d+)*|[ivxlcdm]+|[a-z])\s*[.):\-–—]\s*/iu;

/** A title as compared: NFD without accents, lower case, numbering and surrounding punctuation gone. */
export function normaliseTitle(title: string): string {
  let text = title.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/gu, " ").trim();
  for (let i = 0; i < 4; i += 1) {
    const next = text.replace(NUMBERING, "");
    if (next === text) break;
    text = next;
  }
  // A bare number with no punctuation ("2 Recommendation").
  text = text.replace(/^\d+\s+/u, "");
  return text.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "");
}

function textOf(node: PMNode): string {
  let text = "";
  const stack: PMNode[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === "text") text += current.text ?? "";
    else if (current.content)
      for (let i = current.content.length - 1; i >= 0; i -= 1) stack.push(current.content[i]);
  }
  return text;
}

/** Splits top-level blocks onto the template's sections, in the template's order. */
export function mapOntoTemplate(blocks: PMNode[], sections: TemplateSectionTitles[]): MappedSection[] {
  const byTitle = new Map<string, string>();
  for (const section of sections)
    for (const title of section.titles) {
      const key = normaliseTitle(title);
      if (key && !byTitle.has(key)) byTitle.set(key, section.key);
    }
  const content = new Map<string, PMNode[]>(sections.map((s) => [s.key, []]));
  const headings = new Map<string, string | null>(sections.map((s) => [s.key, null]));
  let current = sections[0]?.key;
  for (const block of blocks) {
    if (block.type === "heading") {
      const text = textOf(block);
      const key = byTitle.get(normaliseTitle(text));
      if (key) {
        current = key;
        headings.set(key, headings.get(key) ?? text.trim());
        continue;
      }
    }
    if (current) content.get(current)!.push(block);
  }
  return sections.map((s) => {
    const blocks = trimEmpty(content.get(s.key)!);
    return { key: s.key, heading: headings.get(s.key)!, doc: { type: "doc", content: blocks } };
  });
}

function trimEmpty(blocks: PMNode[]): PMNode[] {
  const empty = (b: PMNode | undefined) => b?.type === "paragraph" && !textOf(b).trim();
  let start = 0;
  let end = blocks.length;
  while (start < end && empty(blocks[start])) start += 1;
  while (end > start && empty(blocks[end - 1])) end -= 1;
  return blocks.slice(start, end);
}

/** The titles a paper section answers to: its own, and the known ones for its key. */
export function sectionTitles(section: { key: string; title: string; titleEs?: string | null }): string[] {
  return [
    section.title,
    ...(section.titleEs ? [section.titleEs] : []),
    ...(KNOWN_SECTION_TITLES[section.key] ?? []),
  ];
}

// Text with a line per block (list items included), for the preview.
function linesOf(node: PMNode): string {
  if (node.type === "text") return node.text ?? "";
  const children = node.content ?? [];
  const inline = node.type === "paragraph" || node.type === "heading";
  return children.map(linesOf).join(inline ? "" : "\n");
}

export interface SectionPreview {
  key: string;
  heading: string | null;
  paragraphs: number;
  words: number;
  /** The first few hundred characters, for the preview. */
  excerpt: string;
}

/** What the preview shows of a mapped section. */
export function previewOf(section: MappedSection, excerptChars = 280): SectionPreview {
  const blocks = section.doc.content ?? [];
  const text = blocks.map(linesOf).join("\n").trim();
  const excerpt = text.length > excerptChars ? `${text.slice(0, excerptChars).trimEnd()}…` : text;
  return {
    key: section.key,
    heading: section.heading,
    paragraphs: blocks.length,
    words: text ? text.split(/\s+/u).length : 0,
    excerpt,
  };
}
