import type { NotificationKind, Prisma } from "@prisma/client";
import { recordNotifications } from "~/modules/mail/notify.server";

/** Puts one inbox notification (and its mail) per user, inside the transaction that caused it. */
export async function notify(
  tx: Prisma.TransactionClient,
  groupId: string,
  userIds: string[],
  kind: NotificationKind,
  data: { paperId: string; voteId: string; actorId: string | null },
) {
  if (userIds.length === 0) return;
  await recordNotifications(
    tx,
    userIds.map((userId) => ({ userId, groupId, kind, ...data })),
  );
}
