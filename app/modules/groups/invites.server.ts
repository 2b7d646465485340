import { randomBytes } from "node:crypto";
import type { Role } from "@prisma/client";
import { db } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { hashToken } from "~/modules/auth/sessions.server";
import { hashPassword } from "~/modules/auth/passwords.server";
import { UserError } from "~/modules/errors";
import { can, type Actor } from "~/modules/policy/policy";
import { requirePermission } from "~/modules/policy/require";
import { asRecipient, enqueueAlwaysMail } from "~/modules/mail/outbox.server";
import { publicOrigin } from "~/modules/mail/public-origin";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InviteInput {
  email: string;
  name: string;
  role: Role;
  delegationId: string | null;
}

/** Creates a single-use invitation and returns its token; only the token's hash is stored. */
export async function createInvite(
  actor: Actor,
  groupId: string,
  input: InviteInput,
): Promise<{ token: string; expiresAt: Date }> {
  requirePermission(actor, "member.manage");
  if (input.delegationId) {
    const delegation = await db().delegation.findFirst({
      where: { id: input.delegationId, groupId },
      select: { id: true },
    });
    if (!delegation) throw new UserError("errors.delegationUnknown");
  }
  const existing = await db().membership.findFirst({
    where: { groupId, user: { email: input.email } },
    select: { id: true },
  });
  if (existing) throw new UserError("errors.alreadyMember", 409);

  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  await db().$transaction(async (tx) => {
    const invite = await tx.invite.create({
      data: {
        groupId,
        email: input.email,
        name: input.name,
        role: input.role,
        delegationId: input.delegationId,
        tokenHash: hashToken(token),
        invitedById: actor.userId,
        expiresAt,
      },
    });
    await appendAudit(
      {
        groupId,
        type: "member.invited",
        actorId: actor.userId,
        subjectType: "invite",
        subjectId: invite.id,
        data: { role: input.role, delegationId: input.delegationId },
      },
      tx,
    );
    await mailInvitation(
      tx,
      actor,
      groupId,
      { email: input.email, name: input.name, role: input.role },
      token,
      expiresAt,
    );
  });
  return { token, expiresAt };
}

export async function listPendingInvites(groupId: string) {
  return db().invite.findMany({
    where: { groupId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      expiresAt: true,
      delegation: { select: { code: true } },
    },
  });
}

export type InviteState = "valid" | "expired" | "used" | "unknown";

/** Whether someone already has an account under this address (an invite then asks them to sign in). */
export async function accountExists(email: string): Promise<boolean> {
  return (await db().user.count({ where: { email } })) > 0;
}

export async function getInvite(token: string) {
  if (!/^[A-Za-z0-9_-]{10,100}$/.test(token)) return null;
  return db().invite.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      groupId: true,
      delegationId: true,
      group: { select: { slug: true, name: true } },
      delegation: { select: { code: true, name: true, nameEs: true } },
    },
  });
}

export function inviteState(
  invite: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null } | null,
  now = new Date(),
): InviteState {
  if (!invite) return "unknown";
  if (invite.acceptedAt || invite.revokedAt) return "used";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

export type AcceptAs = { userId: string } | { name: string; password: string };

/**
 * Accepts an invitation for the signed-in user, or by creating the account it was sent to.
 * Returns the user id and the group slug. The invite is claimed with a conditional update, so a link
 * used twice at the same moment is accepted once.
 */
export async function acceptInvite(token: string, as: AcceptAs): Promise<{ userId: string; slug: string }> {
  const invite = await getInvite(token);
  const state = inviteState(invite);
  if (state !== "valid" || !invite)
    throw new UserError(state === "expired" ? "errors.inviteExpired" : "errors.inviteInvalid", 410);

  const passwordHash = "password" in as ? await hashPassword(as.password) : null;
  return db().$transaction(async (tx) => {
    let userId: string;
    if ("userId" in as) {
      const user = await tx.user.findUnique({ where: { id: as.userId }, select: { email: true } });
      if (user?.email !== invite.email)
        throw new UserError("errors.inviteOtherAccount", 403, { email: invite.email });
      userId = as.userId;
    } else {
      const taken = await tx.user.findUnique({ where: { email: invite.email }, select: { id: true } });
      if (taken) throw new UserError("errors.inviteSignInFirst", 409, { email: invite.email });
      const created = await tx.user.create({
        data: { email: invite.email, name: as.name, passwordHash: passwordHash! },
      });
      userId = created.id;
    }
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date(), acceptedById: userId },
    });
    if (claimed.count !== 1) throw new UserError("errors.inviteInvalid", 410);
    const already = await tx.membership.findUnique({
      where: { groupId_userId: { groupId: invite.groupId, userId } },
    });
    if (!already) {
      const delegationId = invite.role === "SECRETARIAT" ? null : invite.delegationId;
      await tx.membership.create({
        data: { groupId: invite.groupId, userId, role: invite.role, delegationId },
      });
      await appendAudit(
        {
          groupId: invite.groupId,
          type: "member.joined",
          actorId: userId,
          subjectType: "user",
          subjectId: userId,
          data: { role: invite.role, delegationId, inviteId: invite.id },
        },
        tx,
      );
    }
    return { userId, slug: invite.group.slug };
  });
}

/** Refuses anyone who may not manage members (a command checks its own permission). */
function requireMemberManager(actor: Actor): void {
  if (!can(actor, "member.manage")) throw new UserError("errors.forbidden", 403);
}

async function requirePendingInvite(groupId: string, inviteId: string) {
  const invite = await db().invite.findFirst({
    where: { id: inviteId, groupId, acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, role: true, delegationId: true },
  });
  if (!invite) throw new UserError("invites.notPending", 409);
  return invite;
}

/** Withdraws a pending invitation: its link stops working at once. */
export async function revokeInvite(
  actor: Actor,
  groupId: string,
  inviteId: string,
): Promise<{ email: string }> {
  requireMemberManager(actor);
  const invite = await requirePendingInvite(groupId, inviteId);
  await db().$transaction(async (tx) => {
    // Conditional, so a revoke racing an acceptance changes nothing once the person has joined.
    const { count } = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count !== 1) throw new UserError("invites.notPending", 409);
    await appendAudit(
      {
        groupId,
        type: "member.invite_revoked",
        actorId: actor.userId,
        subjectType: "invite",
        subjectId: invite.id,
        data: { role: invite.role, delegationId: invite.delegationId },
      },
      tx,
    );
  });
  return { email: invite.email };
}

/**
 * Sends an invitation again: a new link for another week. Only the token's hash is stored, so the old
 * link cannot be shown again; it stops working and the new one replaces it.
 */
type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** Queues the invitation mail with its link, in the invitee's language when they have an account, else the inviter's. */
async function mailInvitation(
  tx: Tx,
  actor: Actor,
  groupId: string,
  invite: { email: string; name?: string | null; role: string },
  token: string,
  expiresAt: Date,
) {
  const inviter = await tx.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { name: true, locale: true, timeZone: true },
  });
  const invitee = await tx.user.findUnique({
    where: { email: invite.email },
    select: { id: true, name: true, locale: true, timeZone: true },
  });
  const group = await tx.group.findUniqueOrThrow({
    where: { id: groupId },
    select: { name: true, nameEs: true, slug: true },
  });
  await enqueueAlwaysMail(
    tx,
    { userId: invitee?.id ?? null, email: invite.email, groupId },
    {
      kind: "invitation",
      group,
      inviter: inviter.name,
      role: invite.role,
      link: `${publicOrigin()}/invite/${token}`,
      expiresAt: expiresAt.toISOString(),
    },
    asRecipient(invitee ?? { ...inviter, name: invite.name?.trim() ? invite.name : invite.email }),
  );
}

export async function renewInvite(
  actor: Actor,
  groupId: string,
  inviteId: string,
): Promise<{ token: string; email: string; expiresAt: Date }> {
  requireMemberManager(actor);
  const invite = await requirePendingInvite(groupId, inviteId);
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  await db().$transaction(async (tx) => {
    const { count } = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null },
      data: { tokenHash: hashToken(token), expiresAt },
    });
    if (count !== 1) throw new UserError("invites.notPending", 409);
    await appendAudit(
      {
        groupId,
        type: "member.invite_renewed",
        actorId: actor.userId,
        subjectType: "invite",
        subjectId: invite.id,
        data: { role: invite.role, delegationId: invite.delegationId },
      },
      tx,
    );
    // A renewed invitation is mailed again: the old link no longer works.
    await mailInvitation(tx, actor, groupId, { email: invite.email, role: invite.role }, token, expiresAt);
  });
  return { token, email: invite.email, expiresAt };
}
