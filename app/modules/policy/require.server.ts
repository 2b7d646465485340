import { json } from "@remix-run/node";
import { can, type Action, type Actor, type Resource } from "./policy";

/** Throws a 403 with a message key the page can show in the user's language. */
export function requirePermission(actor: Actor, action: Action, resource?: Resource): void {
  if (!can(actor, action, resource)) {
    throw json({ error: "errors.forbidden", action }, { status: 403 });
  }
}
