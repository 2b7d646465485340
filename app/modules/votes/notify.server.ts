import type { NotificationKind, Prisma } from "@prisma/client";

/** Puts one inbox notification per user, inside the transaction that caused it. */
export async function notify(
  tx: Prisma.TransactionClient,
  groupId: string,
  userIds: string[],
  kind: NotificationKind,
  data: { paperId: string; voteId: string; actorId: string | null },
) {
  if (userIds.length === 0) return;
  await tx.notification.createMany({ data: userIds.map((userId) => ({ userId, groupId, kind, ...data })) });
}
