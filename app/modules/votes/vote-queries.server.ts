import type {
  Prisma,
  Role,
  StanceValue,
  VoteKind,
  VoteOutcome,
  VoteResult,
  VoteStatus,
} from "@prisma/client";
import { epochMs, sqlRows } from "~/sql.server";

export interface VotePage {
  id: string;
  kind: VoteKind;
  status: VoteStatus;
  openedAt: Date;
  deadline: Date;
  textHash: string;
  closedAt: Date | null;
  cancelReason: string | null;
  quorumShare: number;
  quorumAllDelegations: boolean;
  minSupportShare: number;
  onePerDelegation: boolean;
  translationOutOfDate: boolean;
  translationOutOfDateSections: string[];
  suggestionId: string | null;
  suggestionSectionKey: string | null;
  suggestionChange: Prisma.JsonValue | null;
  note: string | null;
  openedBy: { name: string };
  closedBy: { name: string } | null;
  paper: {
    id: string;
    title: string;
    titleTranslation: string;
    originalLanguage: string;
    sections: { key: string; title: string; titleEs: string; guidance: string; guidanceEs: string }[];
  };
  /** The frozen text voted on; null for a silence procedure on one suggestion. */
  version: { number: number; state: Uint8Array } | null;
  eligibleVoters: {
    userId: string;
    name: string;
    role: Role;
    delegation: { code: string; name: string; nameEs: string; colour: string; position: number } | null;
  }[];
  stances: { id: bigint; userId: string; value: StanceValue; statement: string; createdAt: Date }[];
  outcome: VoteOutcome | null;
}

/**
 * Everything the vote page shows, or null when the vote is not in this group. Plain SQL
 * (app/sql.server.ts), five statements at once; the frozen text comes as base64 (Prisma's driver
 * adapters turn bytes into an array of numbers, one per byte: see doc-store.server.ts).
 */
export async function getVotePage(groupId: string, voteId: string): Promise<VotePage | null> {
  const params = [voteId, groupId];
  const inGroup = `JOIN "Paper" p ON p.id = v."paperId" AND p."groupId" = $2 WHERE v.id = $1`;
  const [votes, sections, voters, stances, outcomes] = await Promise.all([
    sqlRows<VoteRow>(
      `SELECT v.id, v.kind::text AS kind, v.status::text AS status, ${epochMs('v."openedAt"')} AS "openedAt",
              ${epochMs("v.deadline")} AS deadline, v."textHash", ${epochMs('v."closedAt"')} AS "closedAt",
              v."cancelReason", v."quorumShare", v."quorumAllDelegations", v."minSupportShare",
              v."onePerDelegation", v."translationOutOfDate", v."translationOutOfDateSections",
              v."suggestionId", v."suggestionSectionKey", v."suggestionChange", v.note,
              ob.name AS "openedByName", cb.name AS "closedByName",
              p.id AS "paperId", p.title, p."titleTranslation", p."originalLanguage",
              ve.number AS "versionNumber", encode(ve.state, 'base64') AS "versionState"
         FROM "Vote" v
         JOIN "User" ob ON ob.id = v."openedById"
         LEFT JOIN "User" cb ON cb.id = v."closedById"
         LEFT JOIN "Version" ve ON ve.id = v."versionId"
         ${inGroup}`,
      params,
    ),
    sqlRows<VotePage["paper"]["sections"][number]>(
      `SELECT s.key, s.title, s."titleEs", s.guidance, s."guidanceEs"
         FROM "Vote" v JOIN "PaperSection" s ON s."paperId" = v."paperId" ${inGroup}
        ORDER BY s.position ASC`,
      params,
    ),
    sqlRows<VoterRow>(
      `SELECT e."userId", e.name, e.role::text AS role, d.code, d.name AS "delegationName",
              d."nameEs" AS "delegationNameEs", d.colour, d.position
         FROM "Vote" v JOIN "EligibleVoter" e ON e."voteId" = v.id
         LEFT JOIN "Delegation" d ON d.id = e."delegationId" ${inGroup}`,
      params,
    ),
    sqlRows<Omit<VotePage["stances"][number], "id" | "createdAt"> & { id: string; createdAt: number }>(
      `SELECT st.id::text AS id, st."userId", st.value::text AS value, st.statement,
              ${epochMs('st."createdAt"')} AS "createdAt"
         FROM "Vote" v JOIN "Stance" st ON st."voteId" = v.id ${inGroup}
        ORDER BY st.id ASC`,
      params,
    ),
    sqlRows<Omit<VoteOutcome, "computedAt"> & { computedAt: number }>(
      `SELECT o."voteId", o.result::text AS result, o.reason, o."quorumMet", o.counts, o."perDelegation",
              o.statements, o."eligibleCount", o."takingPart", ${epochMs('o."computedAt"')} AS "computedAt"
         FROM "Vote" v JOIN "VoteOutcome" o ON o."voteId" = v.id ${inGroup}`,
      params,
    ),
  ]);
  const row = votes[0];
  if (!row) return null;
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  const outcome = outcomes[0];
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    openedAt: new Date(row.openedAt),
    deadline: new Date(row.deadline),
    textHash: row.textHash,
    closedAt: date(row.closedAt),
    cancelReason: row.cancelReason,
    quorumShare: row.quorumShare,
    quorumAllDelegations: row.quorumAllDelegations,
    minSupportShare: row.minSupportShare,
    onePerDelegation: row.onePerDelegation,
    translationOutOfDate: row.translationOutOfDate,
    translationOutOfDateSections: row.translationOutOfDateSections,
    suggestionId: row.suggestionId,
    suggestionSectionKey: row.suggestionSectionKey,
    suggestionChange: row.suggestionChange,
    note: row.note,
    openedBy: { name: row.openedByName },
    closedBy: row.closedByName === null ? null : { name: row.closedByName },
    paper: {
      id: row.paperId,
      title: row.title,
      titleTranslation: row.titleTranslation,
      originalLanguage: row.originalLanguage,
      sections,
    },
    version:
      row.versionNumber === null || row.versionState === null
        ? null
        : { number: row.versionNumber, state: Buffer.from(row.versionState, "base64") },
    eligibleVoters: voters.map(
      ({ userId, name, role, code, delegationName, delegationNameEs, colour, position }) => ({
        userId,
        name,
        role,
        delegation:
          code === null
            ? null
            : {
                code,
                name: delegationName!,
                nameEs: delegationNameEs!,
                colour: colour!,
                position: position!,
              },
      }),
    ),
    stances: stances.map((stance) => ({
      ...stance,
      id: BigInt(stance.id),
      createdAt: new Date(stance.createdAt),
    })),
    outcome: outcome ? { ...outcome, computedAt: new Date(outcome.computedAt) } : null,
  };
}

type VoteRow = Omit<
  VotePage,
  | "openedAt"
  | "deadline"
  | "closedAt"
  | "openedBy"
  | "closedBy"
  | "paper"
  | "version"
  | "eligibleVoters"
  | "stances"
  | "outcome"
> & {
  openedAt: number;
  deadline: number;
  closedAt: number | null;
  openedByName: string;
  closedByName: string | null;
  paperId: string;
  title: string;
  titleTranslation: string;
  originalLanguage: string;
  versionNumber: number | null;
  versionState: string | null;
};

interface VoterRow {
  userId: string;
  name: string;
  role: Role;
  code: string | null;
  delegationName: string | null;
  delegationNameEs: string | null;
  colour: string | null;
  position: number | null;
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
