// A paper in Penholder mode with pending suggestions from two delegations, one with a comment thread
// (issue 18): what Suggesting mode looks like, from the first start of the demo.
import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import { writeInitialState } from "../app/modules/documents/doc-store.server";
import { jsonToFragment, type PMNode } from "../app/modules/documents/prosemirror-json";
import { flattenFragment, rangeFromOffsets } from "../app/modules/comments/anchors";
import { RECOMMENDATION_TEMPLATE } from "./demo-papers";

export const SUGGESTIONS_PAPER = "Labour inspection across borders";

const HOUR = 3600_000;

interface Who {
  id: string;
  name: string;
}

function suggestion(
  kind: "suggestionInsert" | "suggestionDelete",
  id: string,
  who: Who,
  code: string,
  at: Date,
) {
  return {
    type: kind,
    attrs: { id, authorId: who.id, authorName: who.name, delegation: code, createdAt: at.toISOString() },
  };
}

const text = (value: string, marks?: PMNode["marks"]): PMNode =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const doc = (...paragraphs: PMNode[][]): PMNode => ({
  type: "doc",
  content: paragraphs.map((content) => ({ type: "paragraph", content })),
});

/** Adds the paper once (nothing when a paper of that title exists in the group). */
export async function seedSuggestionsPaper(
  prisma: PrismaClient,
  groupId: string,
  templateId: string,
  now = new Date(),
): Promise<number> {
  if (await prisma.paper.findFirst({ where: { groupId, title: SUGGESTIONS_PAPER }, select: { id: true } }))
    return 0;
  const person = async (email: string) =>
    prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true } });
  const [secretariat, mexico, honduras, guatemala] = await Promise.all([
    person("secretariat@example.org"),
    person("member.mx@example.org"),
    person("member.hn@example.org"),
    person("cochair.gt@example.org"),
  ]);
  const lead = await prisma.delegation.findFirst({ where: { groupId, code: "GT" }, select: { id: true } });
  const paper = await prisma.paper.create({
    data: {
      groupId,
      templateId,
      title: SUGGESTIONS_PAPER,
      titleTranslation: "Inspección laboral más allá de las fronteras",
      titleTranslationSource: SUGGESTIONS_PAPER,
      status: "DRAFT",
      draftingMode: "PENHOLDER",
      leadDelegationId: lead?.id ?? null,
      createdById: secretariat.id,
      createdAt: new Date(now.getTime() - 72 * HOUR),
      sections: { create: RECOMMENDATION_TEMPLATE.sections.map((s, position) => ({ ...s, position })) },
    },
  });
  const mx = new Date(now.getTime() - 20 * HOUR);
  const hn = new Date(now.getTime() - 5 * HOUR);
  const sections: Record<string, PMNode> = {
    finding: doc([
      text("Labour inspectors in one country rarely learn what happened to a worker recruited in another"),
      text(", so abuses that start at home are found, if ever, abroad", [
        suggestion("suggestionInsert", "seed-hn-1", honduras, "HN", hn),
      ]),
      text("."),
    ]),
    recommendation: doc([
      text("Labour ministries "),
      text("should", [suggestion("suggestionDelete", "seed-mx-1", mexico, "MX", mx)]),
      text("shall", [suggestion("suggestionInsert", "seed-mx-1", mexico, "MX", mx)]),
      text(
        " share inspection findings on recruitment agencies and employers through a common register, with joint inspections where workers cross a border.",
      ),
    ]),
  };
  const ydoc = new Y.Doc();
  for (const [key, content] of Object.entries(sections)) jsonToFragment(content, ydoc.getXmlFragment(key));
  await writeInitialState(paper.id, Y.encodeStateAsUpdate(ydoc), prisma);

  // A thread on Honduras's suggested words: the penholder and the author talk it over.
  const quote = ", so abuses that start at home are found, if ever, abroad";
  const fragment = ydoc.getXmlFragment("finding");
  const from = flattenFragment(fragment).text.indexOf(quote);
  const range = from >= 0 ? rangeFromOffsets(fragment, from, from + quote.length) : null;
  const thread = await prisma.thread.create({
    data: {
      paperId: paper.id,
      sectionKey: "finding",
      anchorStart: range ? new Uint8Array(Y.encodeRelativePosition(range.start)) : null,
      anchorEnd: range ? new Uint8Array(Y.encodeRelativePosition(range.end)) : null,
      quote: range ? quote : "",
      authorId: guatemala.id,
      createdAt: new Date(hn.getTime() + HOUR),
    },
  });
  await prisma.comment.createMany({
    data: [
      {
        threadId: thread.id,
        authorId: guatemala.id,
        body: "Can we say where abuses are found today? The finding should stay one sentence.",
        createdAt: new Date(hn.getTime() + HOUR),
      },
      {
        threadId: thread.id,
        authorId: honduras.id,
        body: "The point is the gap between countries; I can shorten it if the penholder prefers.",
        createdAt: new Date(hn.getTime() + 2 * HOUR),
      },
    ],
  });
  ydoc.destroy();
  return 1;
}
