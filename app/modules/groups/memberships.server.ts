import type { Delegation, Role } from "@prisma/client";
import { db } from "~/db.server";
import { sqlRows } from "~/sql.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { publishAccessChange } from "~/modules/auth/access-events";
import { UserError } from "~/modules/errors";
import type { Actor } from "~/modules/policy/policy";
import { slugSchema } from "./memberships.schema";
import { requirePermission } from "~/modules/policy/require";

const MY_GROUPS = `
  SELECT m.role::text AS role, d.code, d.name AS "delegationName", d."nameEs" AS "delegationNameEs",
         g.slug, g.name, g."nameEs", g.description, g."descriptionEs",
         (SELECT count(*)::int FROM "Membership" o WHERE o."groupId" = g.id) AS members
    FROM "Membership" m
    JOIN "Group" g ON g.id = m."groupId"
    LEFT JOIN "Delegation" d ON d.id = m."delegationId"
   WHERE m."userId" = $1
   ORDER BY g.name, g.id`;

/**
 * The person's groups with their role, delegation and member count, by name. Plain SQL: the desk, which
 * everyone lands on, asks it beside its own reads, and they go to the database together.
 */
export async function listMyGroups(userId: string) {
  const rows = await sqlRows<{
    role: Role;
    code: string | null;
    delegationName: string | null;
    delegationNameEs: string | null;
    slug: string;
    name: string;
    nameEs: string;
    description: string;
    descriptionEs: string;
    members: number;
  }>(MY_GROUPS, [userId]);
  return rows.map((row) => ({
    role: row.role,
    delegation:
      row.code === null
        ? null
        : { code: row.code, name: row.delegationName ?? "", nameEs: row.delegationNameEs ?? "" },
    group: {
      slug: row.slug,
      name: row.name,
      nameEs: row.nameEs,
      description: row.description,
      descriptionEs: row.descriptionEs,
      _count: { memberships: row.members },
    },
  }));
}

export interface GroupContext {
  /** `name`/`description` English, `nameEs`/`descriptionEs` Spanish ("" until written). */
  group: {
    id: string;
    slug: string;
    name: string;
    nameEs: string;
    description: string;
    descriptionEs: string;
  };
  actor: Actor;
}

/**
 * The user's place in a group as the permission policy sees it (the same Actor the pages get from
 * getMembershipOfSession), with their delegation's code and colour; null for a non-member. Asked by the
 * collaboration WebSocket (server/collab/auth.ts).
 */
export async function getActor(
  userId: string,
  groupId: string,
): Promise<{ actor: Actor; look: { code: string; colour: string } | null } | null> {
  // Plain SQL (app/sql.server.ts), one statement: a collaboration upgrade waits for it, and for the
  // delegation's code and colour its carets and badges show.
  const [row] = await sqlRows<ActorRow>(
    `SELECT ${ACTOR_COLUMNS}
       FROM "Membership" m LEFT JOIN "Delegation" d ON d.id = m."delegationId"
      WHERE m."groupId" = $1 AND m."userId" = $2`,
    [groupId, userId],
  );
  return actorFromRow(userId, row);
}

/** The columns an Actor is read from, of `Membership m` joined with `Delegation d` (getActor). */
export const ACTOR_COLUMNS = `m.role::text AS role, m."delegationId", d.code, d.colour`;

export interface ActorRow {
  role: Role | null;
  delegationId: string | null;
  code: string | null;
  colour: string | null;
}

/** The member of a row of ACTOR_COLUMNS; null when there is none (no membership: a null role). */
export function actorFromRow(
  userId: string,
  row: ActorRow | undefined,
): { actor: Actor; look: { code: string; colour: string } | null } | null {
  if (!row?.role) return null;
  const look = row.code !== null && row.colour !== null ? { code: row.code, colour: row.colour } : null;
  return { actor: { userId, role: row.role, delegationId: row.delegationId }, look };
}

/** The columns of a GroupContext, over the group `g` and the membership `m`. */
const GROUP_CONTEXT_COLUMNS = `g.id, g.slug, g.name, g."nameEs", g.description, g."descriptionEs",
  m.role::text AS role, m."delegationId", m."userId"`;

type GroupContextRow = GroupContext["group"] & { role: Role; delegationId: string | null; userId: string };

function groupContextOf(row: GroupContextRow | undefined): GroupContext | null {
  if (!row) return null;
  const { role, delegationId, userId, ...group } = row;
  return { group, actor: { userId, role, delegationId } };
}

/**
 * The group and the user's place in it, or null: a non-member, a missing group and a malformed slug are
 * alike (the page answers 404), so a user who is not a member learns nothing about the group.
 */
export async function getMembership(userId: string, slug: string | undefined): Promise<GroupContext | null> {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) return null;
  // One statement for what getActor and a group lookup would ask (app/sql.server.ts).
  const [row] = await sqlRows<GroupContextRow>(
    `SELECT ${GROUP_CONTEXT_COLUMNS}
       FROM "Group" g JOIN "Membership" m ON m."groupId" = g.id AND m."userId" = $2
      WHERE g.slug = $1`,
    [parsed.data, userId],
  );
  return groupContextOf(row);
}

/**
 * `getMembership` for the user of a session (`sessionId`: the token's hash), without waiting to know
 * who that is: a page reads it beside the session's own read, in one statement (app/read-batch.ts).
 * The answer names the user it is for (`actor.userId`); the caller checks that the session is valid and
 * is that user's (app/http/access.server.ts). Null for no such session, group or membership.
 */
export async function getMembershipOfSession(
  sessionId: string,
  slug: string | undefined,
): Promise<GroupContext | null> {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) return null;
  const [row] = await sqlRows<GroupContextRow>(
    `SELECT ${GROUP_CONTEXT_COLUMNS}
       FROM "Session" s
       JOIN "Membership" m ON m."userId" = s."userId"
       JOIN "Group" g ON g.id = m."groupId"
      WHERE s.id = $1 AND g.slug = $2`,
    [sessionId, parsed.data],
  );
  return groupContextOf(row);
}

/** A group's delegations and memberships as stored: what its roster and its dashboard are built from. */
export interface GroupRosterRows {
  /** In order: by position, then code. */
  delegations: Delegation[];
  /** Each with the member's name and email, by name. */
  memberships: {
    id: string;
    role: Role;
    delegationId: string | null;
    userId: string;
    name: string;
    email: string;
  }[];
}

/**
 * A group's delegations and memberships, read once for a page that shows them several ways (the group
 * page's roster and its dashboard).
 */
export async function readGroupRoster(groupId: string): Promise<GroupRosterRows> {
  // Plain SQL (app/sql.server.ts): the group page asks it on every visit.
  const [delegations, memberships] = await Promise.all([
    listGroupDelegations(groupId),
    sqlRows<GroupRosterRows["memberships"][number]>(
      `SELECT m.id, m.role::text AS role, m."delegationId", u.id AS "userId", u.name, u.email
         FROM "Membership" m JOIN "User" u ON u.id = m."userId"
        WHERE m."groupId" = $1 ORDER BY u.name ASC`,
      [groupId],
    ),
  ]);
  return { delegations, memberships };
}

/** A group's delegations, by position then code. */
export function listGroupDelegations(groupId: string): Promise<Delegation[]> {
  return sqlRows<Delegation>(
    `SELECT id, "groupId", code, name, "nameEs", colour, position FROM "Delegation"
      WHERE "groupId" = $1 ORDER BY position ASC, code ASC`,
    [groupId],
  );
}

/** Delegations in order, each with its members; the secretariat and anyone without a delegation after. */
export async function getGroupRoster(groupId: string) {
  return rosterOf(await readGroupRoster(groupId));
}

/** The roster of a group's stored rows (getGroupRoster). */
export function rosterOf({ delegations, memberships: stored }: GroupRosterRows) {
  const memberships = stored.map(({ userId, name, email, ...membership }) => ({
    ...membership,
    user: { id: userId, name, email },
  }));
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
  requirePermission(actor, "member.manage");
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
  requirePermission(actor, "member.manage");
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

/** A delegation's code and colour (carets, badges), of the group's `delegations`; null for the secretariat. */
export function delegationLook(
  delegations: readonly Pick<Delegation, "id" | "code" | "colour">[],
  delegationId: string | null,
): { code: string; colour: string } | null {
  const found = delegationId ? delegations.find((d) => d.id === delegationId) : undefined;
  return found ? { code: found.code, colour: found.colour } : null;
}
