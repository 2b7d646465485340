import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { editorSchema } from "../app/modules/papers/editor-schema";
import { writeInitialState } from "../app/modules/papers/doc-store.server";
import { canonicalFragmentText } from "../app/modules/papers/canonical-section";
import { sha256Hex } from "../app/modules/papers/canonical-text";
import { otherLanguage, translationFragmentName } from "../app/modules/papers/translation";
import type { PMNode } from "../app/modules/papers/prosemirror-json";
import { DEMO_PAPERS, RECOMMENDATION_TEMPLATE } from "./demo-papers";
import { seedAdoptedPaper } from "./seed-adopted";

/** Adds the Recommendation template and the demo papers to a group that has no template yet. */
export async function seedTemplateAndPapers(prisma: PrismaClient, groupId: string, authorId: string): Promise<number> {
  if ((await prisma.template.count({ where: { groupId } })) > 0) return 0;
  const template = await prisma.template.create({
    data: {
      groupId,
      name: RECOMMENDATION_TEMPLATE.name,
      description: RECOMMENDATION_TEMPLATE.description,
      sections: { create: RECOMMENDATION_TEMPLATE.sections.map((s, position) => ({ ...s, position })) },
    },
  });
  const delegations = new Map((await prisma.delegation.findMany({ where: { groupId } })).map((d) => [d.code, d.id]));
  let created = 1;
  for (const demo of DEMO_PAPERS) {
    const paper = await prisma.paper.create({
      data: {
        groupId,
        templateId: template.id,
        title: demo.title,
        status: demo.status,
        leadDelegationId: delegations.get(demo.lead) ?? null,
        originalLanguage: demo.originalLanguage ?? "en",
        createdById: authorId,
        sections: { create: RECOMMENDATION_TEMPLATE.sections.map((s, position) => ({ ...s, position })) },
      },
    });
    const doc = new Y.Doc();
    for (const section of RECOMMENDATION_TEMPLATE.sections) {
      const content = demo.sections[section.key];
      if (content) prosemirrorJSONToYXmlFragment(editorSchema(), content, doc.getXmlFragment(section.key));
    }
    const language = otherLanguage(demo.originalLanguage ?? "en");
    for (const section of RECOMMENDATION_TEMPLATE.sections) {
      const content = demo.translation?.[section.key];
      if (content) prosemirrorJSONToYXmlFragment(editorSchema(), content, doc.getXmlFragment(translationFragmentName(section.key, language)));
    }
    await writeInitialState(paper.id, Y.encodeStateAsUpdate(doc), prisma);
    const translatorId = demo.translator ? ((await prisma.user.findUnique({ where: { email: demo.translator }, select: { id: true } }))?.id ?? authorId) : authorId;
    for (const [key, against] of Object.entries(demo.markedAgainst ?? {})) {
      if (!against) continue;
      const source = against === "current" ? canonicalFragmentText(doc.getXmlFragment(key)) : canonicalOf(against);
      await prisma.paperSection.update({
        where: { paperId_key: { paperId: paper.id, key } },
        data: { translationSourceHash: sha256Hex(source), translationSourceText: source, translationMarkedAt: new Date(), translationMarkedById: translatorId },
      });
    }
    doc.destroy();
    created += 1;
  }
  created += await seedAdoptedPaper(prisma, groupId, template.id, authorId);
  return created;
}

/** The canonical text a section would have with this content (as stored through the editor's schema). */
function canonicalOf(content: PMNode): string {
  const scratch = new Y.Doc();
  const fragment = scratch.getXmlFragment("scratch");
  prosemirrorJSONToYXmlFragment(editorSchema(), content, fragment);
  const text = canonicalFragmentText(fragment);
  scratch.destroy();
  return text;
}
