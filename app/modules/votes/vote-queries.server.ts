import type { VoteKind, VoteResult, VoteStatus } from "@prisma/client";
import { db } from "~/db.server";
import { epochMs, sqlRows } from "~/sql.server";

/** Everything the vote page shows, or null when the vote is not in this group. */
export async function getVotePage(groupId: string, voteId: string) {
  // The frozen text is read beside the rest as base64: Prisma's driver adapters turn bytes into an array
  // of numbers, one per byte (see doc-store.server.ts).
  const [vote, frozen] = await Promise.all([findVote(groupId, voteId), frozenState(groupId, voteId)]);
  if (!vote) return null;
  return { ...vote, version: vote.version && frozen ? { ...vote.version, state: frozen } : null };
}

async function frozenState(groupId: string, voteId: string): Promise<Uint8Array | null> {
  const [row] = await sqlRows<{ state: string }>(
    `SELECT encode(ve.state, 'base64') AS state
       FROM "Vote" v JOIN "Version" ve ON ve.id = v."versionId" JOIN "Paper" p ON p.id = v."paperId"
      WHERE v.id = $1 AND p."groupId" = $2`,
    [voteId, groupId],
  );
  return row ? Buffer.from(row.state, "base64") : null;
}

async function findVote(groupId: string, voteId: string) {
  return db().vote.findFirst({
    where: { id: voteId, paper: { groupId } },
    select: {
      id: true,
      kind: true,
      status: true,
      openedAt: true,
      deadline: true,
      textHash: true,
      closedAt: true,
      cancelReason: true,
      quorumShare: true,
      quorumAllDelegations: true,
      minSupportShare: true,
      onePerDelegation: true,
      translationOutOfDate: true,
      translationOutOfDateSections: true,
      suggestionId: true,
      suggestionSectionKey: true,
      suggestionChange: true,
      note: true,
      openedBy: { select: { name: true } },
      closedBy: { select: { name: true } },
      paper: {
        select: {
          id: true,
          title: true,
          titleTranslation: true,
          originalLanguage: true,
          sections: {
            orderBy: { position: "asc" },
            select: { key: true, title: true, titleEs: true, guidance: true, guidanceEs: true },
          },
        },
      },
      version: { select: { number: true } },
      eligibleVoters: {
        select: {
          userId: true,
          name: true,
          role: true,
          delegation: { select: { code: true, name: true, nameEs: true, colour: true, position: true } },
        },
      },
      stances: {
        orderBy: { id: "asc" },
        select: { id: true, userId: true, value: true, statement: true, createdAt: true },
      },
      outcome: true,
    },
  });
}

/** The paper's own votes, newest first: a silence procedure on one suggestion shows on the suggestion's card. */
export async function listVotesForPaper(
  paperId: string,
): Promise<
  { id: string; kind: VoteKind; status: VoteStatus; deadline: Date; outcome: { result: VoteResult } | null }[]
> {
  // Plain SQL (app/sql.server.ts): every paper page asks it.
  const rows = await sqlRows<{
    id: string;
    kind: VoteKind;
    status: VoteStatus;
    deadline: number;
    result: VoteResult | null;
  }>(
    `SELECT v.id, v.kind::text AS kind, v.status::text AS status, ${epochMs("v.deadline")} AS deadline,
            o.result::text AS result
       FROM "Vote" v LEFT JOIN "VoteOutcome" o ON o."voteId" = v.id
      WHERE v."paperId" = $1 AND v."suggestionId" IS NULL
      ORDER BY v."openedAt" DESC`,
    [paperId],
  );
  return rows.map(({ result, deadline, ...vote }) => ({
    ...vote,
    deadline: new Date(deadline),
    outcome: result === null ? null : { result },
  }));
}
