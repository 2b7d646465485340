import { db } from "~/db.server";

/** A suggestion the group is being asked about, as its card shows it. */
export interface OpenSuggestionVote {
  voteId: string;
  suggestionId: string;
  sectionKey: string;
  deadline: Date;
  /** How many people have broken silence so far (each with a statement). */
  statements: number;
}

/** The paper's open silence procedures on suggestions, one per suggestion. */
export async function listOpenSuggestionVotes(paperId: string): Promise<OpenSuggestionVote[]> {
  const rows = await db().vote.findMany({
    where: { paperId, status: "OPEN", suggestionId: { not: null } },
    orderBy: { deadline: "asc" },
    select: {
      id: true,
      suggestionId: true,
      suggestionSectionKey: true,
      deadline: true,
      stances: { select: { userId: true }, distinct: ["userId"] },
    },
  });
  return rows.map((row) => ({
    voteId: row.id,
    suggestionId: row.suggestionId ?? "",
    sectionKey: row.suggestionSectionKey ?? "",
    deadline: row.deadline,
    statements: row.stances.length,
  }));
}

/** The ids of the paper's suggestions under a silence procedure now: nobody decides them by hand. */
export async function suggestionsBeforeTheGroup(paperId: string): Promise<Set<string>> {
  const rows = await db().vote.findMany({
    where: { paperId, status: "OPEN", suggestionId: { not: null } },
    select: { suggestionId: true },
  });
  return new Set(rows.flatMap((row) => (row.suggestionId ? [row.suggestionId] : [])));
}
