import type { IncomingMessage } from "node:http";
import { personColour } from "../../app/modules/presence/person-colour";
import { db } from "../../app/db.server";
import { sqlRows } from "../../app/sql.server";
import { readSessionToken } from "../../app/http/sessions.server";
import {
  SESSION_USER_COLUMNS,
  hashToken,
  sessionUserFromRow,
  type SessionRow,
} from "../../app/modules/auth/sessions.server";
import { isSameOriginRequest } from "../../app/modules/auth/origin";
import {
  ACTOR_COLUMNS,
  actorFromRow,
  getActor,
  type ActorRow,
} from "../../app/modules/groups/memberships.server";
import { paperFragmentNames } from "../../app/modules/documents/document-schema";
import { can, type Actor, type DraftingMode, type PaperStatus } from "../../app/modules/policy/policy";
import type { SuggestionAuthor } from "../../app/modules/suggestions/suggestion-check";

export interface CollabIdentity {
  actor: Actor;
  sessionId: string;
  name: string;
  delegation: string | null;
  colour: string;
  groupId: string;
  status: PaperStatus;
  /** Who holds the pen (with the status, decides whether this person's changes must be suggestions). */
  draftingMode: DraftingMode;
  leadDelegationId: string | null;
  /** The top-level fragments of this paper (document-schema.ts): an update that adds any other is refused. */
  fragments: ReadonlySet<string>;
}

export type UpgradeDecision =
  { ok: true; identity: CollabIdentity } | { ok: false; status: 401 | 403 | 404; reason: string };

const SECRETARIAT_COLOUR = "#4a4f57";

/**
 * Decides an upgrade to /collab/:paperId before any document byte is sent: our own Origin, a live
 * session, and membership of the paper's group (a non-member learns nothing: 404, as on the pages).
 */
export async function authorizeUpgrade(
  req: IncomingMessage,
  paperId: string,
  expectedOrigin: string,
  /** Told when the upgrade is allowed, before the handshake: the paper's load overlaps it. */
  onPaperFound?: (status: PaperStatus) => void,
): Promise<UpgradeDecision> {
  if (!isSameOriginRequest("POST", { origin: req.headers.origin ?? null }, expectedOrigin)) {
    return { ok: false, status: 403, reason: "foreign origin" };
  }
  const token = await readSessionToken(req.headers.cookie ?? null);
  if (!token) return { ok: false, status: 401, reason: "no session" };
  const sessionId = hashToken(token);
  // The session's user, the paper's facts and the membership in one statement: on the embedded
  // database every statement waits its turn in one thread, and these were four, one after another.
  const [row] = await sqlRows<SessionRow & PaperAccessRow & ActorRow>(
    `SELECT ${SESSION_USER_COLUMNS}, ${PAPER_ACCESS_COLUMNS}, ${ACTOR_COLUMNS}
       FROM (SELECT CAST($1 AS text) AS "sessionId", CAST($2 AS text) AS "paperId") a
       LEFT JOIN "Session" s ON s.id = a."sessionId"
       LEFT JOIN "User" u ON u.id = s."userId"
       LEFT JOIN "Paper" p ON p.id = a."paperId"
       LEFT JOIN "Membership" m ON m."groupId" = p."groupId" AND m."userId" = u.id
       LEFT JOIN "Delegation" d ON d.id = m."delegationId"`,
    [sessionId, paperId],
  );
  const session = sessionUserFromRow(row, sessionId);
  if (!session) return { ok: false, status: 401, reason: "no session" };
  const paper = row.groupId ? paperAccessFromRow(row) : null;
  const decision = decide(session.user, sessionId, paper, paper ? actorFromRow(session.user.id, row) : null);
  // A non-member learns nothing and loads nothing.
  if (decision.ok) onPaperFound?.(decision.identity.status);
  return decision;
}

interface PaperAccess {
  groupId: string;
  status: PaperStatus;
  draftingMode: DraftingMode;
  leadDelegationId: string | null;
  originalLanguage: string;
  sectionKeys: string[] | null;
}

/** The columns a paper's access facts are read from, of `Paper p`. */
const PAPER_ACCESS_COLUMNS = `p."groupId", p.status::text AS status, p."draftingMode"::text AS "draftingMode",
  p."leadDelegationId", p."originalLanguage",
  (SELECT array_agg(ps.key) FROM "PaperSection" ps WHERE ps."paperId" = p.id) AS "sectionKeys"`;

type PaperAccessRow = { [K in keyof PaperAccess]: PaperAccess[K] | null };

function paperAccessFromRow(row: PaperAccessRow): PaperAccess {
  return {
    groupId: row.groupId!,
    status: row.status!,
    draftingMode: row.draftingMode!,
    leadDelegationId: row.leadDelegationId,
    originalLanguage: row.originalLanguage!,
    sectionKeys: row.sectionKeys,
  };
}

/** Plain SQL, like the session and membership lookups (app/sql.server.ts). */
async function readPaperAccess(paperId: string): Promise<PaperAccess | null> {
  const [row] = await sqlRows<PaperAccessRow>(
    `SELECT ${PAPER_ACCESS_COLUMNS} FROM "Paper" p WHERE p.id = $1`,
    [paperId],
  );
  return row ? paperAccessFromRow(row) : null;
}

async function identify(
  user: { id: string; name: string },
  sessionId: string,
  paper: PaperAccess | null,
): Promise<UpgradeDecision> {
  // The same Actor as the pages' (getMembershipOfSession): one Actor for HTTP and the WebSocket.
  return decide(user, sessionId, paper, paper ? await getActor(user.id, paper.groupId) : null);
}

function decide(
  user: { id: string; name: string },
  sessionId: string,
  paper: PaperAccess | null,
  member: Awaited<ReturnType<typeof getActor>>,
): UpgradeDecision {
  if (!paper) return { ok: false, status: 404, reason: "no such paper" };
  if (!member || !can(member.actor, "group.read")) return { ok: false, status: 404, reason: "not a member" };
  const { actor, look: delegation } = member;
  return {
    ok: true,
    identity: {
      actor,
      sessionId,
      name: user.name,
      delegation: delegation?.code ?? null,
      colour: personColour(delegation?.colour ?? SECRETARIAT_COLOUR, user.id),
      groupId: paper.groupId,
      status: paper.status,
      draftingMode: paper.draftingMode,
      leadDelegationId: paper.leadDelegationId,
      fragments: paperFragmentNames(paper.sectionKeys ?? [], paper.originalLanguage),
    },
  };
}

/**
 * Asks again, for an open connection, what the upgrade asked: is its session still alive, is its user
 * still a member, in which role. Used when someone's access changed while they were connected.
 */
export async function recheckIdentity(identity: CollabIdentity, paperId: string): Promise<UpgradeDecision> {
  const session = await db().session.findUnique({
    where: { id: identity.sessionId },
    select: { expiresAt: true, user: { select: { id: true, name: true } } },
  });
  if (!session || session.expiresAt.getTime() <= Date.now() || session.user.id !== identity.actor.userId)
    return { ok: false, status: 401, reason: "session ended" };
  return identify(session.user, identity.sessionId, await readPaperAccess(paperId));
}

/** Whether this connection's updates are accepted while the paper has `status`. */
export function canWrite(identity: CollabIdentity, status: PaperStatus): boolean {
  return can(identity.actor, "paper.edit", { kind: "paper", status });
}

/**
 * Null when this connection may edit the paper directly; otherwise who it is, for the check that each of
 * its updates is only that person's suggestions (suggestion-check.ts).
 */
export function suggestionAuthor(identity: CollabIdentity, status: PaperStatus): SuggestionAuthor | null {
  const paper = {
    kind: "paper",
    status,
    draftingMode: identity.draftingMode,
    leadDelegationId: identity.leadDelegationId,
  } as const;
  if (can(identity.actor, "paper.editDirectly", paper)) return null;
  return { userId: identity.actor.userId, name: identity.name, delegation: identity.delegation };
}
