import { UserError } from "~/modules/errors";
import { whyRefused, type Actor, type Ask } from "./policy";

/**
 * Module commands call this first: a refusal is a UserError (403, or 409 when only the paper's status is
 * in the way) that the route turns into a response in the user's language.
 */
export function requirePermission(actor: Actor | null, ...ask: Ask): void {
  const why = whyRefused(actor, ...ask);
  if (why === "role") throw new UserError("errors.forbidden", 403);
  if (why === "status") throw new UserError("errors.paperStatus", 409);
}
