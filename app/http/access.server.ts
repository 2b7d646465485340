import type { Params } from "@remix-run/react";
import { oncePerRequest } from "~/http/request-scope.server";
import { requestSessionId, requireUser } from "~/http/sessions.server";
import { getMembershipOfSession } from "~/modules/groups/memberships.server";
import { getPaperByGroupSlug } from "~/modules/papers/papers.server";
import { notFound } from "./responses.server";

/** Signed in (else redirect to sign-in) and a member of the group in the URL (else 404). */
export async function requireGroupAccess(request: Request, params: Params) {
  // The membership is read beside the session (one statement with it: app/read-batch.ts), by the session
  // the cookie names; it counts only if that session is valid and its user's (requireUser checks).
  // The group layout and the page both ask: once per request (request-scope.server.ts).
  const sessionId = await requestSessionId(request);
  const membership = sessionId
    ? oncePerRequest(`membership:${sessionId}:${params.slug ?? ""}`, () =>
        getMembershipOfSession(sessionId, params.slug),
      )
    : Promise.resolve(null);
  // A failed read is reported by the await below; a redirect to sign-in leaves it unawaited.
  membership.catch(() => undefined);
  const user = await requireUser(request);
  const context = await membership;
  if (context?.actor.userId !== user.id) throw notFound();
  return { user, ...context };
}

/**
 * `requireGroupAccess` and the group's paper in the URL (else 404). The paper is read beside the session
 * and the membership (one statement with them), by the group's slug; it is answered only once they
 * confirm the membership, and only if it is that group's.
 */
export async function requirePaperAccess(request: Request, params: Params) {
  // After the cookie is read, so that the paper's reads are asked in the same turn as the membership's.
  await requestSessionId(request);
  const paper = getPaperByGroupSlug(params.slug ?? "", params.paperId ?? "");
  paper.catch(() => undefined);
  const access = await requireGroupAccess(request, params);
  const found = await paper;
  if (!found) throw notFound();
  return { ...access, paper: found };
}
