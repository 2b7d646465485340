import { json } from "@remix-run/node";
import type { Role } from "@prisma/client";
import { db } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { publishAccessChange } from "~/modules/auth/access-events";
import { UserError } from "~/modules/errors";
import type { Actor } from "~/modules/policy/policy";
import { slugSchema } from "./memberships.schema";

export function notFound(): Response {
  return json({ error: "errors.notFound" }, { status: 404 });
}

export async function listMyGroups(userId: string) {
  return db().membership.findMany({
    where: { userId },
    orderBy: { group: { name: "asc" } },
    select: {
      role: true,
      delegation: { select: { code: true, name: true, nameEs: true } },
      group: {
        select: { slug: true, name: true, description: true, _count: { select: { memberships: true } } },
      },
    },
  });
}

export interface GroupContext {
  group: { id: string; slug: string; name: string; description: string };
  actor: Actor;
}

/**
 * The group and the user's place in it. A non-member, a missing group and a malformed slug all answer
 * 404 alike: a user who is not a member learns nothing about the group.
 */
export async function requireMembership(userId: string, slug: string | undefined): Promise<GroupContext> {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound();
  const membership = await db().membership.findFirst({
    where: { userId, group: { slug: parsed.data } },
    select: {
      role: true,
      delegationId: true,
      group: { select: { id: true, slug: true, name: true, description: true } },
    },
  });
  if (!membership) throw notFound();
  return {
    group: membership.group,
    actor: { userId, role: membership.role, delegationId: membership.delegationId },
  };
}

/** Delegations in order, each with its members; the secretariat and anyone without a delegation after. */
export async function getGroupRoster(groupId: string) {
  const [delegations, memberships] = await Promise.all([
    db().delegation.findMany({ where: { groupId }, orderBy: [{ position: "asc" }, { code: "asc" }] }),
    db().membership.findMany({
      where: { groupId },
      select: {
        id: true,
        role: true,
        delegationId: true,
        user: { select: { id: true, name: true, email: true } },
      },
      orderBy: { user: { name: "asc" } },
    }),
  ]);
  const roleOrder: Record<Role, number> = { COCHAIR: 0, MEMBER: 1, SECRETARIAT: 2, OBSERVER: 3 };
  const sorted = [...memberships].sort(
    (a, b) => roleOrder[a.role] - roleOrder[b.role] || a.user.name.localeCompare(b.user.name),
  );
  return {
    delegations: delegations.map((d) => ({ ...d, members: sorted.filter((m) => m.delegationId === d.id) })),
    unaffiliated: sorted.filter((m) => m.delegationId === null),
    memberships: sorted,
  };
}

async function assertDelegationInGroup(groupId: string, delegationId: string | null) {
  if (!delegationId) return;
  const found = await db().delegation.findFirst({
    where: { id: delegationId, groupId },
    select: { id: true },
  });
  if (!found) throw new UserError("errors.delegationUnknown");
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** Locks the group's roster for this transaction, so two demotions cannot both pass the last-co-chair check. */
async function lockRoster(tx: Tx, groupId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"roster:" + groupId}))`;
}

async function assertNotLastCochair(tx: Tx, groupId: string, membershipId: string): Promise<void> {
  const current = await tx.membership.findUnique({ where: { id: membershipId }, select: { role: true } });
  if (current?.role !== "COCHAIR") return;
  if ((await tx.membership.count({ where: { groupId, role: "COCHAIR" } })) <= 1)
    throw new UserError("errors.lastCochair", 409);
}

export async function changeMember(
  actor: Actor,
  groupId: string,
  input: { membershipId: string; role: Role; delegationId: string | null },
): Promise<void> {
  const target = await db().membership.findFirst({ where: { id: input.membershipId, groupId } });
  if (!target) throw new UserError("errors.memberUnknown", 404);
  await assertDelegationInGroup(groupId, input.delegationId);
  if (target.role === input.role && target.delegationId === input.delegationId) return;
  await db().$transaction(async (tx) => {
    await lockRoster(tx, groupId);
    if (input.role !== "COCHAIR") await assertNotLastCochair(tx, groupId, target.id);
    await tx.membership.update({
      where: { id: target.id },
      data: { role: input.role, delegationId: input.delegationId },
    });
    await appendAudit(
      {
        groupId,
        type: "member.changed",
        actorId: actor.userId,
        subjectType: "user",
        subjectId: target.userId,
        data: {
          from: { role: target.role, delegationId: target.delegationId },
          to: { role: input.role, delegationId: input.delegationId },
        },
      },
      tx,
    );
  });
  // Open editors follow at once: an observer's become read-only.
  publishAccessChange({ type: "membership", groupId, userId: target.userId });
}

export async function removeMember(actor: Actor, groupId: string, membershipId: string): Promise<void> {
  const target = await db().membership.findFirst({ where: { id: membershipId, groupId } });
  if (!target) throw new UserError("errors.memberUnknown", 404);
  await db().$transaction(async (tx) => {
    await lockRoster(tx, groupId);
    await assertNotLastCochair(tx, groupId, target.id);
    await tx.membership.delete({ where: { id: target.id } });
    await appendAudit(
      {
        groupId,
        type: "member.removed",
        actorId: actor.userId,
        subjectType: "user",
        subjectId: target.userId,
        data: { role: target.role },
      },
      tx,
    );
  });
  publishAccessChange({ type: "membership", groupId, userId: target.userId });
}

/** A delegation's code and colour (carets, badges); null for the secretariat. */
export async function getDelegationLook(delegationId: string | null) {
  if (!delegationId) return null;
  return db().delegation.findUnique({ where: { id: delegationId }, select: { code: true, colour: true } });
}
