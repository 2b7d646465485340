import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/http/sessions.server";
import { openNotification } from "~/modules/inbox/inbox.server";

/** Following a notification from the inbox marks it read on the way (with or without JavaScript). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const target = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await openNotification(user.id, id) : null;
  return redirect(target ?? "/inbox");
}
