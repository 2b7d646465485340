import { Prisma } from "@prisma/client";
import { db } from "~/db.server";
import { GENESIS_HASH, chainHash, checkCheckpoint, verifyChain, type ChainCheckpoint } from "./chain";

export type AuditType =
  | "member.invited"
  | "member.invite_revoked"
  | "member.invite_renewed"
  | "member.joined"
  | "member.changed"
  | "member.removed"
  | "paper.created"
  | "paper.status_changed"
  | "paper.titled"
  | "template.created"
  | "template.updated"
  | "version.saved"
  | "translation.marked"
  | "vote.opened"
  | "stance.cast"
  | "vote.closed"
  | "vote.cancelled"
  | "report.ordered"
  | "report.edited"
  | "paper.imported"
  | "translation.imported"
  | "paper.drafting_changed"
  | "suggestion.decided"
  | "group.edited"
  | "suggestion.group_asked"
  | "suggestion.group_decided";

export interface AuditInput {
  groupId: string;
  type: AuditType;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
  /** When it happened; now unless given (the demo seed writes a past timeline, oldest first). */
  at?: Date;
}

type Tx = Prisma.TransactionClient;

/**
 * Appends one row to the group's chain. Pass the caller's transaction so the event commits with the
 * change it records. Appends to one group are serialised by a transaction-scoped advisory lock.
 */
export async function appendAudit(input: AuditInput, tx?: Tx): Promise<void> {
  if (!tx) {
    await db().$transaction((inner) => appendAudit(input, inner));
    return;
  }
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"audit:" + input.groupId}))`;
  const last = await tx.auditEvent.findFirst({
    where: { groupId: input.groupId },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const fields = {
    groupId: input.groupId,
    seq: (last?.seq ?? 0) + 1,
    type: input.type,
    actorId: input.actorId,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    data: (input.data ?? {}) as Prisma.InputJsonObject,
    createdAt: input.at ?? new Date(),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.auditEvent.create({ data: { ...fields, prevHash, hash: chainHash(prevHash, fields) } });
}

const CHAIN_SELECT = {
  id: true,
  groupId: true,
  seq: true,
  type: true,
  actorId: true,
  subjectType: true,
  subjectId: true,
  data: true,
  createdAt: true,
  prevHash: true,
  hash: true,
} as const;

/** Checks one group's chain from the first row; names the first row that does not link. */
export async function verifyGroupChain(groupId: string, prisma = db(), checkpoint?: ChainCheckpoint) {
  const rows = await prisma.auditEvent.findMany({
    where: { groupId },
    orderBy: { seq: "asc" },
    select: CHAIN_SELECT,
  });
  const check = verifyChain(rows);
  return { ...check, checkpoint: check.ok && checkpoint ? checkCheckpoint(rows, checkpoint) : null };
}

export async function listAuditEvents(groupId: string, take = 500) {
  return db().auditEvent.findMany({
    where: { groupId },
    orderBy: { seq: "desc" },
    take,
    select: {
      seq: true,
      type: true,
      subjectType: true,
      subjectId: true,
      data: true,
      createdAt: true,
      hash: true,
      actor: { select: { name: true } },
    },
  });
}
