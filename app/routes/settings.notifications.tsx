import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser } from "~/http/sessions.server";
import { failure } from "~/http/action-result.server";
import { MAIL_MODES, OPTIONAL_KINDS } from "~/modules/mail/kinds";
import { preferencesFromForm, preferencesSchema } from "~/modules/mail/preferences.schema";
import { getPreferences, savePreferences } from "~/modules/mail/preferences.server";
import { timeZoneLabel } from "~/modules/time/format-time";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = () => [{ title: "Acuerdo" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const preferences = await getPreferences(user.id);
  const zones = Intl.supportedValuesOf("timeZone");
  return {
    ...preferences,
    zones: zones.includes(preferences.timeZone) ? zones : [preferences.timeZone, ...zones],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = preferencesSchema.safeParse(preferencesFromForm(await readForm(request)));
  if (!parsed.success) return failure(400, { error: "notifications.invalid" });
  await savePreferences(user.id, parsed.data);
  return redirect("/settings/notifications?saved=1");
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

export default function NotificationSettings() {
  const { modes, digestHour, timeZone, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const tr = useT();
  return (
    <section className="panel narrow notification-settings">
      <h1>{tr("notifications.title")}</h1>
      <p className="muted">{tr("notifications.intro")}</p>
      {params.get("saved") && !result ? <p role="status">{tr("notifications.saved")}</p> : null}
      {result?.error ? (
        <p role="alert" className="error" id="notifications-error">
          {tr(result.error)}
        </p>
      ) : null}
      <Form
        method="post"
        className="stack"
        aria-describedby={result?.error ? "notifications-error" : undefined}
      >
        {OPTIONAL_KINDS.map((kind) => (
          <fieldset key={kind} className="mail-kind">
            <legend>{tr(`mail.kind.${kind}`)}</legend>
            <div className="mail-modes">
              {MAIL_MODES.map((mode) => (
                <label key={mode} className="mail-mode">
                  <input
                    type="radio"
                    name={`mode.${kind}`}
                    value={mode}
                    defaultChecked={modes[kind] === mode}
                  />
                  {tr(`mail.mode.${mode}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <div className="field">
          <label htmlFor="digestHour">{tr("notifications.digestHour")}</label>
          <select
            id="digestHour"
            name="digestHour"
            defaultValue={String(digestHour)}
            aria-describedby="digestHour-hint"
          >
            {HOURS.map((hour) => (
              <option key={hour} value={hour}>{`${String(hour).padStart(2, "0")}:00`}</option>
            ))}
          </select>
          <p className="muted small" id="digestHour-hint">
            {tr("notifications.digestHourHint", { zone: timeZoneLabel(timeZone) })}
          </p>
        </div>
        <div className="field">
          <label htmlFor="timeZone">{tr("notifications.timeZone")}</label>
          <select id="timeZone" name="timeZone" defaultValue={timeZone}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {tr("notifications.save")}
        </button>
      </Form>
    </section>
  );
}
