import type { Params } from "@remix-run/react";
import { oncePerRequest } from "~/http/request-scope.server";
import { requireUser } from "~/http/sessions.server";
import { getMembership } from "~/modules/groups/memberships.server";
import { notFound } from "./responses.server";

/** Signed in (else redirect to sign-in) and a member of the group in the URL (else 404). */
export async function requireGroupAccess(request: Request, params: Params) {
  const user = await requireUser(request);
  // The group layout and the page both ask: once per request (request-scope.server.ts).
  const context = await oncePerRequest(`membership:${user.id}:${params.slug ?? ""}`, () =>
    getMembership(user.id, params.slug),
  );
  if (!context) throw notFound();
  return { user, ...context };
}
