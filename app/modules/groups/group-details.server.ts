import { db } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/policy/require";
import type { Actor } from "~/modules/policy/policy";
import { changedGroupFields, type GroupDetails } from "./group-details";

/**
 * Saves a group's name and description in both languages, with an audit event naming the fields that
 * changed. Saving what is already stored changes nothing and writes no event. Returns the changed fields.
 */
export async function saveGroupDetails(
  actor: Actor,
  groupId: string,
  input: GroupDetails,
): Promise<(keyof GroupDetails)[]> {
  requirePermission(actor, "group.edit");
  return db().$transaction(async (tx) => {
    const before = await tx.group.findUniqueOrThrow({
      where: { id: groupId },
      select: { name: true, nameEs: true, description: true, descriptionEs: true },
    });
    const changed = changedGroupFields(before, input);
    if (changed.length === 0) return changed;
    await tx.group.update({ where: { id: groupId }, data: input });
    await appendAudit(
      {
        groupId,
        type: "group.edited",
        actorId: actor.userId,
        subjectType: "group",
        subjectId: groupId,
        data: { fields: changed, name: input.name, nameEs: input.nameEs },
      },
      tx,
    );
    return changed;
  });
}
