import type { Prisma } from "@prisma/client";
import { db } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { UserError } from "~/modules/errors";
import type { Actor } from "~/modules/policy/policy";
import type { TemplateInput } from "./templates.schema";
import { requirePermission } from "~/modules/policy/require";

/** The group's templates in use (not archived), by name, each with its number of sections. */
export async function listTemplates(groupId: string) {
  const templates = await db().template.findMany({
    where: { groupId, archivedAt: null },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      nameEs: true,
      description: true,
      descriptionEs: true,
      updatedAt: true,
      _count: { select: { sections: true } },
    },
  });
  return templates.map(({ _count, ...template }) => ({ ...template, sectionCount: _count.sections }));
}

/** A template of the group with its sections in order; null when it does not exist in this group. */
export async function getTemplate(groupId: string, templateId: string) {
  return db().template.findFirst({
    where: { id: templateId, groupId },
    select: {
      id: true,
      name: true,
      nameEs: true,
      description: true,
      descriptionEs: true,
      updatedAt: true,
      sections: {
        orderBy: { position: "asc" },
        select: { key: true, title: true, titleEs: true, guidance: true, guidanceEs: true, required: true },
      },
    },
  });
}

function sectionRows(
  sections: TemplateInput["sections"],
): Omit<Prisma.TemplateSectionCreateManyInput, "templateId">[] {
  return sections.map((s, position) => ({
    key: s.key,
    title: s.title,
    titleEs: s.titleEs,
    guidance: s.guidance,
    guidanceEs: s.guidanceEs,
    required: s.required,
    position,
  }));
}

export async function createTemplate(
  actor: Actor,
  groupId: string,
  input: TemplateInput,
): Promise<{ id: string }> {
  requirePermission(actor, "template.edit");
  return db().$transaction(async (tx) => {
    const template = await tx.template.create({
      data: {
        groupId,
        name: input.name,
        nameEs: input.nameEs,
        description: input.description,
        descriptionEs: input.descriptionEs,
        sections: { create: sectionRows(input.sections) },
      },
      select: { id: true },
    });
    await appendAudit(
      {
        groupId,
        type: "template.created",
        actorId: actor.userId,
        subjectType: "template",
        subjectId: template.id,
        data: { name: input.name, sections: input.sections.map((s) => s.key) },
      },
      tx,
    );
    return template;
  });
}

/**
 * Replaces the template's name, description and ordered sections in one transaction. Papers made from it
 * keep their own copies of the sections (PaperSection), so nothing here touches them.
 */
export async function updateTemplate(
  actor: Actor,
  groupId: string,
  templateId: string,
  input: TemplateInput,
): Promise<void> {
  requirePermission(actor, "template.edit");
  await db().$transaction(async (tx) => {
    // Two saves of one template at once would both delete and re-insert the same keys: take turns.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"template:" + templateId}))`;
    const before = await tx.template.findFirst({
      where: { id: templateId, groupId },
      select: { name: true, sections: { orderBy: { position: "asc" }, select: { key: true } } },
    });
    if (!before) throw new UserError("templates.unknown", 404);
    await tx.templateSection.deleteMany({ where: { templateId } });
    await tx.template.update({
      where: { id: templateId },
      data: {
        name: input.name,
        nameEs: input.nameEs,
        description: input.description,
        descriptionEs: input.descriptionEs,
        sections: { createMany: { data: sectionRows(input.sections) } },
      },
    });
    await appendAudit(
      {
        groupId,
        type: "template.updated",
        actorId: actor.userId,
        subjectType: "template",
        subjectId: templateId,
        data: {
          from: { name: before.name, sections: before.sections.map((s) => s.key) },
          to: { name: input.name, sections: input.sections.map((s) => s.key) },
        },
      },
      tx,
    );
  });
}
