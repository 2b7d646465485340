import { db } from "~/db.server";

/** Everything the vote page shows, or null when the vote is not in this group. */
export async function getVotePage(groupId: string, voteId: string) {
  const vote = await db().vote.findFirst({
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
      version: { select: { number: true, state: true } },
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
  return vote;
}

export async function listVotesForPaper(paperId: string) {
  return db().vote.findMany({
    // The paper's own votes: a silence procedure on one suggestion shows on the suggestion's card.
    where: { paperId, suggestionId: null },
    orderBy: { openedAt: "desc" },
    select: { id: true, kind: true, status: true, deadline: true, outcome: { select: { result: true } } },
  });
}
