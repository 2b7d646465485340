// Suggestions as commands: set a paper's drafting mode, accept / reject / withdraw suggestions. A decision
// is made on the server, against the paper's current document, as one Yjs update (decideInFragment)
// that goes to the live document and the update log like any edit: everyone's page converges, people
// typing meanwhile keep what they typed, and the audit log records who decided what.
import * as Y from "yjs";
import { db } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import { UserError } from "~/modules/errors";
import { appendUpdates } from "~/modules/documents/doc-store.server";
import { getLiveDocuments } from "~/modules/documents/live-docs";
import { fragmentToJson } from "~/modules/documents/prosemirror-json";
import { publishPaperEvent } from "~/modules/papers/paper-events";
import { currentPaperDoc, paperDocReader } from "~/modules/papers/versions.server";
import type { Actor, DraftingMode, DraftingResource } from "~/modules/policy/policy";
import { requirePermission } from "~/modules/policy/require";
import { isPaperLanguage, otherLanguage, translationFragmentName } from "~/modules/translations/translation";
import { suggestionsBeforeTheGroup } from "~/modules/votes/suggestion-vote-queries.server";
import { listSectionSuggestions, quote, suggestionMarkKind, type PendingSuggestion } from "./list";
import {
  allSuggestions,
  decideInFragment,
  suggestionById,
  suggestionsByAuthor,
  type Decision,
  type SuggestionSelector,
} from "./resolve";
import type { SuggestionIntent } from "./suggestions.schema";

async function requirePaper(groupId: string, paperId: string) {
  const paper = await db().paper.findFirst({
    where: { id: paperId, groupId },
    select: {
      id: true,
      groupId: true,
      status: true,
      draftingMode: true,
      leadDelegationId: true,
      originalLanguage: true,
      sections: { orderBy: { position: "asc" }, select: { key: true } },
    },
  });
  if (!paper) throw new UserError("errors.notFound", 404);
  return paper;
}

type PaperRow = Awaited<ReturnType<typeof requirePaper>>;

/** The fragments a paper's text lives in, in reading order: each section, then its translation. */
function fragmentNames(paper: PaperRow): string[] {
  const other = isPaperLanguage(paper.originalLanguage) ? otherLanguage(paper.originalLanguage) : null;
  return paper.sections.flatMap((section) =>
    other ? [section.key, translationFragmentName(section.key, other)] : [section.key],
  );
}

export function draftingResource(paper: {
  status: DraftingResource["status"];
  draftingMode: DraftingMode;
  leadDelegationId: string | null;
}): DraftingResource {
  return {
    kind: "paper",
    status: paper.status,
    draftingMode: paper.draftingMode,
    leadDelegationId: paper.leadDelegationId,
  };
}

/** Each delegation's colour by its code, of a group's delegations: suggestions are shown in their delegation's colour. */
export function delegationColours(
  delegations: readonly { code: string; colour: string }[],
): Record<string, string> {
  return Object.fromEntries(delegations.map((row) => [row.code, row.colour]));
}

/** Every pending suggestion of a paper, section by section, in reading order. */
export async function listPendingSuggestions(paperId: string): Promise<PendingSuggestion[]> {
  const paper = await db().paper.findUnique({
    where: { id: paperId },
    select: { groupId: true },
  });
  if (!paper) return [];
  const row = await requirePaper(paper.groupId, paperId);
  const { read, release } = paperDocReader(paperId);
  try {
    return await read((doc) =>
      fragmentNames(row).flatMap((name) =>
        doc.share.has(name)
          ? listSectionSuggestions(name, fragmentToJson(doc.getXmlFragment(name), "keep"))
          : [],
      ),
    );
  } finally {
    release();
  }
}

/** Sets who holds the pen; open connections judge their next update by it at once. */
export async function setDraftingMode(actor: Actor, groupId: string, paperId: string, mode: DraftingMode) {
  requirePermission(actor, "paper.setDraftingMode");
  const paper = await requirePaper(groupId, paperId);
  if (paper.draftingMode === mode) return;
  await db().$transaction(async (tx) => {
    await tx.paper.update({ where: { id: paperId }, data: { draftingMode: mode } });
    await appendAudit(
      {
        groupId,
        type: "paper.drafting_changed",
        actorId: actor.userId,
        subjectType: "paper",
        subjectId: paperId,
        data: { from: paper.draftingMode, to: mode },
      },
      tx,
    );
  });
  getLiveDocuments()?.draftingChanged(paperId, mode);
  publishPaperEvent({ type: "drafting", paperId, mode });
}

/** Applies a change the server computed to the paper: to its live document, or to its update log. */
async function writeDecision(paperId: string, update: Uint8Array): Promise<void> {
  const live = getLiveDocuments();
  if (live) await live.applyServerUpdate(paperId, update);
  else await appendUpdates(paperId, [update]);
}

async function decide(
  paper: PaperRow,
  names: readonly string[],
  select: SuggestionSelector,
  decision: Decision,
): Promise<PendingSuggestion[]> {
  const doc = await currentPaperDoc(paper.id);
  try {
    const decided = names.flatMap((name) =>
      doc.share.has(name)
        ? listSectionSuggestions(name, fragmentToJson(doc.getXmlFragment(name), "keep")).filter((s) =>
            select({ ...s, kind: suggestionMarkKind(s) }),
          )
        : [],
    );
    if (decided.length === 0) return [];
    const before = Y.encodeStateVector(doc);
    for (const name of names)
      if (doc.share.has(name)) decideInFragment(doc.getXmlFragment(name), select, decision);
    await writeDecision(paper.id, Y.encodeStateAsUpdate(doc, before));
    return decided;
  } finally {
    doc.destroy();
  }
}

function announceDecisions(paperId: string, intent: SuggestionIntent, suggestions: PendingSuggestion[]) {
  for (const suggestion of suggestions)
    publishPaperEvent({
      type: "suggestion",
      paperId,
      suggestionId: suggestion.id,
      change: intent === "accept" ? "accepted" : intent === "reject" ? "rejected" : "withdrawn",
    });
}

async function audit(
  actor: Actor,
  paper: PaperRow,
  intent: SuggestionIntent,
  suggestions: PendingSuggestion[],
) {
  await db().$transaction(async (tx) => {
    for (const suggestion of suggestions)
      await appendAudit(
        {
          groupId: paper.groupId,
          type: "suggestion.decided",
          actorId: actor.userId,
          subjectType: "paper",
          subjectId: paper.id,
          data: {
            decision: intent,
            suggestionId: suggestion.id,
            sectionKey: suggestion.sectionKey,
            authorId: suggestion.authorId,
            authorName: suggestion.authorName,
            delegation: suggestion.delegation,
            inserted: quote(suggestion.inserted),
            deleted: quote(suggestion.deleted),
            ...(suggestion.format
              ? { format: { ...suggestion.format, text: quote(suggestion.format.text) } }
              : {}),
            ...(suggestion.kind === "paragraph" ? { paragraph: true } : {}),
          },
        },
        tx,
      );
  });
  announceDecisions(paper.id, intent, suggestions);
}

/**
 * Accepts, rejects or (its author) withdraws one suggestion. Refused with 404 when it is not pending
 * (decided meanwhile by someone else), 403/409 by the policy.
 */
export async function decideSuggestion(
  actor: Actor,
  groupId: string,
  paperId: string,
  input: { intent: SuggestionIntent; sectionKey: string; suggestionId: string },
): Promise<PendingSuggestion> {
  const paper = await requirePaper(groupId, paperId);
  if (!fragmentNames(paper).includes(input.sectionKey)) throw new UserError("suggestions.gone", 404);
  const pending = (await listPendingSuggestions(paperId)).find(
    (s) => s.id === input.suggestionId && s.sectionKey === input.sectionKey,
  );
  if (!pending) throw new UserError("suggestions.gone", 404);
  if (input.intent === "withdraw")
    requirePermission(actor, "suggestion.withdraw", {
      kind: "suggestion",
      authorId: pending.authorId,
      paperStatus: paper.status,
    });
  else requirePermission(actor, "suggestion.decide", draftingResource(paper));
  // The group decides it when its silence procedure closes (votes/suggestion-votes.server.ts).
  if ((await suggestionsBeforeTheGroup(paperId)).has(input.suggestionId))
    throw new UserError("askGroup.underSilence", 409);
  const decided = await decide(
    paper,
    [input.sectionKey],
    suggestionById(input.suggestionId),
    input.intent === "accept" ? "accept" : "reject",
  );
  if (decided.length === 0) throw new UserError("suggestions.gone", 404);
  await audit(actor, paper, input.intent, decided);
  return pending;
}

/** Accepts or rejects everything pending in one section and/or by one author. Returns how many. */
export async function decideMany(
  actor: Actor,
  groupId: string,
  paperId: string,
  input: { intent: "acceptAll" | "rejectAll"; sectionKey?: string; authorId?: string },
): Promise<number> {
  const paper = await requirePaper(groupId, paperId);
  requirePermission(actor, "suggestion.decide", draftingResource(paper));
  const names = fragmentNames(paper);
  if (input.sectionKey !== undefined && !names.includes(input.sectionKey))
    throw new UserError("suggestions.gone", 404);
  const chosen = input.authorId ? suggestionsByAuthor(input.authorId) : allSuggestions;
  // "All" leaves out what the group is deciding: its silence procedure decides it.
  const beforeTheGroup = await suggestionsBeforeTheGroup(paperId);
  const select: SuggestionSelector = (mark) => chosen(mark) && !beforeTheGroup.has(mark.id);
  const decision = input.intent === "acceptAll" ? "accept" : "reject";
  const decided = await decide(paper, input.sectionKey ? [input.sectionKey] : names, select, decision);
  await audit(actor, paper, decision, decided);
  return decided.length;
}

/**
 * Applies the group's decision on one suggestion (its silence procedure closed): the same one Yjs update
 * Accept or Reject makes, through the live document so open editors see it. The decision itself is
 * audited when the vote closes. Returns what it decided (nothing: the suggestion was gone meanwhile).
 */
export async function applyGroupDecision(
  paperId: string,
  sectionKey: string,
  suggestionId: string,
  decision: Decision,
): Promise<PendingSuggestion[]> {
  const row = await db().paper.findUnique({ where: { id: paperId }, select: { groupId: true } });
  if (!row) return [];
  const paper = await requirePaper(row.groupId, paperId);
  if (!fragmentNames(paper).includes(sectionKey)) return [];
  const decided = await decide(paper, [sectionKey], suggestionById(suggestionId), decision);
  announceDecisions(paperId, decision, decided);
  return decided;
}
