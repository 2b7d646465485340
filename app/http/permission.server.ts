import { json } from "@remix-run/node";
import { UserError } from "~/modules/errors";
import type { Actor, Ask } from "~/modules/policy/policy";
import { requirePermission } from "~/modules/policy/require";

/**
 * A route's early check, so a refused person gets the 403 page before any work is done. The module
 * command checks again itself (requirePermission): this one only makes the refusal nicer.
 */
export function requirePagePermission(actor: Actor, ...ask: Ask): void {
  try {
    requirePermission(actor, ...ask);
  } catch (error) {
    if (error instanceof UserError)
      throw json({ error: error.key, action: ask[0] }, { status: error.status });
    throw error;
  }
}
