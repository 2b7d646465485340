import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { db } from "~/db.server";
import { LOCALES } from "~/i18n/messages";
import { localeCookie } from "~/modules/auth/locale.server";
import { getUser, safeRedirect } from "~/modules/auth/sessions.server";

const schema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

/** Saves the UI language on the account (and in a cookie, for the sign-in page). */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  // A resource route: a tampered value gets a plain 400, nothing is saved.
  if (!parsed.success) return json({ ok: false, error: "errors.invalidInput" }, { status: 400 });
  const user = await getUser(request);
  if (user) await db().user.update({ where: { id: user.id }, data: { locale: parsed.data.locale } });
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: {
      "Set-Cookie": await localeCookie.serialize(parsed.data.locale, {
        secure: new URL(request.url).protocol === "https:",
      }),
    },
  });
}

export function loader() {
  return redirect("/");
}
