import { json } from "@remix-run/node";

/** The one 404 of the app: a missing page and a group one is not a member of look the same. */
export function notFound(): Response {
  return json({ error: "errors.notFound" }, { status: 404 });
}
