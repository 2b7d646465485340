import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { saveLocale } from "~/modules/auth/preferences.server";
import { LOCALES } from "~/i18n/messages";
import { localeCookie } from "~/http/locale.server";
import { getUser, safeRedirect } from "~/http/sessions.server";

const schema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

/** Saves the UI language on the account (and in a cookie, for the sign-in page). */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  // A resource route: a tampered value gets a plain 400, nothing is saved.
  if (!parsed.success) return json({ ok: false, error: "errors.invalidInput" }, { status: 400 });
  const user = await getUser(request);
  if (user) await saveLocale(user.id, parsed.data.locale);
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
