import { randomBytes } from "node:crypto";
import type { Role } from "@prisma/client";
import { db } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { hashToken } from "~/modules/auth/sessions.server";
import { hashPassword } from "~/modules/auth/passwords.server";
import { UserError } from "~/modules/errors";
import type { Actor } from "~/modules/policy/policy";
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
    // The invitation is mailed with its link, in the invitee's language when they already have an
    // account, else in the inviter's.
    const inviter = await tx.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: { name: true, locale: true, timeZone: true },
    });
    const invitee = await tx.user.findUnique({
      where: { email: input.email },
      select: { id: true, name: true, locale: true, timeZone: true },
    });
    const group = await tx.group.findUniqueOrThrow({
      where: { id: groupId },
      select: { name: true, slug: true },
    });
    await enqueueAlwaysMail(
      tx,
      { userId: invitee?.id ?? null, email: input.email, groupId },
      {
        kind: "invitation",
        group,
        inviter: inviter.name,
        role: input.role,
        link: `${publicOrigin()}/invite/${token}`,
        expiresAt: expiresAt.toISOString(),
      },
      asRecipient(invitee ?? { ...inviter, name: input.name || input.email }),
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
