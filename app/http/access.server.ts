import type { Params } from "@remix-run/react";
import { requireUser } from "~/http/sessions.server";
import { getMembership } from "~/modules/groups/memberships.server";
import { notFound } from "./responses.server";

/** Signed in (else redirect to sign-in) and a member of the group in the URL (else 404). */
export async function requireGroupAccess(request: Request, params: Params) {
  const user = await requireUser(request);
  const context = await getMembership(user.id, params.slug);
  if (!context) throw notFound();
  return { user, ...context };
}
