import { db } from "~/db.server";
import { readFormatChange } from "./list";
import type { DecisionRecord, SuggestionDecision } from "./version-decisions";

const DECISIONS: readonly string[] = ["accept", "reject", "withdraw"];
const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** The suggestion decisions on a paper, from its group's audit log, oldest first. */
export async function listSuggestionDecisions(groupId: string, paperId: string): Promise<DecisionRecord[]> {
  const rows = await db().auditEvent.findMany({
    where: {
      groupId,
      OR: [
        { type: "suggestion.decided", subjectType: "paper", subjectId: paperId },
        // A silence procedure's decision is recorded on its vote, naming the paper in its data.
        { type: "suggestion.group_decided", data: { path: ["paperId"], equals: paperId } },
      ],
    },
    orderBy: { seq: "asc" },
    select: { type: true, data: true, createdAt: true, actor: { select: { name: true } } },
  });
  return rows.flatMap((row) => {
    const data = (row.data ?? {}) as Record<string, unknown>;
    const decision = text(data.decision);
    if (!DECISIONS.includes(decision)) return [];
    return [
      {
        at: row.createdAt.toISOString(),
        decision: decision as SuggestionDecision,
        by: row.actor?.name ?? null,
        byGroup: row.type === "suggestion.group_decided",
        author: text(data.authorName) || "—",
        delegation: text(data.delegation) || null,
        inserted: text(data.inserted),
        deleted: text(data.deleted),
        format: readFormatChange(data.format),
        paragraph: data.paragraph === true,
      },
    ];
  });
}
