import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { editorSchema } from "../app/modules/documents/editor-schema";
import { writeInitialState } from "../app/modules/documents/doc-store.server";
import { DEMO_PAPERS, RECOMMENDATION_TEMPLATE } from "./demo-papers";
import { seedAdoptedPaper } from "./seed-adopted";
import { markDemoTranslation, writeDemoTranslation } from "./seed-translation";

/** Adds the Recommendation template and the demo papers to a group that has no template yet. */
export async function seedTemplateAndPapers(
  prisma: PrismaClient,
  groupId: string,
  authorId: string,
): Promise<number> {
  if ((await prisma.template.count({ where: { groupId } })) > 0) return 0;
  const template = await prisma.template.create({
    data: {
      groupId,
      name: RECOMMENDATION_TEMPLATE.name,
      description: RECOMMENDATION_TEMPLATE.description,
      nameEs: RECOMMENDATION_TEMPLATE.nameEs,
      descriptionEs: RECOMMENDATION_TEMPLATE.descriptionEs,
      sections: { create: RECOMMENDATION_TEMPLATE.sections.map((s, position) => ({ ...s, position })) },
    },
  });
  const delegations = new Map(
    (await prisma.delegation.findMany({ where: { groupId } })).map((d) => [d.code, d.id]),
  );
  let created = 1;
  for (const demo of DEMO_PAPERS) {
    const paper = await prisma.paper.create({
      data: {
        groupId,
        templateId: template.id,
        title: demo.title,
        titleTranslation: demo.titleTranslation ?? "",
        titleTranslationSource: demo.titleTranslation ? (demo.titleTranslationSource ?? demo.title) : null,
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
    writeDemoTranslation(
      doc,
      demo,
      RECOMMENDATION_TEMPLATE.sections.map((s) => s.key),
    );
    await writeInitialState(paper.id, Y.encodeStateAsUpdate(doc), prisma);
    await markDemoTranslation(prisma, paper.id, doc, demo, authorId);
    doc.destroy();
    created += 1;
  }
  created += await seedAdoptedPaper(prisma, groupId, template.id, authorId);
  return created;
}
