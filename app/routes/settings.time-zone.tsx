import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { timeZoneFormSchema } from "~/modules/auth/account-forms.schema";
import { requireUser } from "~/http/sessions.server";
import { knownTimeZones, saveTimeZone } from "~/modules/auth/preferences.server";
import { failure } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { formatTime, normalizeTimeZone } from "~/modules/time/format-time";
import { t } from "~/i18n/messages";
import { useT } from "~/i18n/use-t";
import { useViewer } from "~/components/use-viewer";

export const meta: MetaFunction = () => [{ title: "Acuerdo" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { timeZone: normalizeTimeZone(user.timeZone), zones: knownTimeZones() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const parsed = parseForm(timeZoneFormSchema, form);
  if (!parsed.ok)
    return failure(400, {
      error: "timeZone.invalid",
      fieldErrors: parsed.fieldErrors,
      values: parsed.values,
    });
  await saveTimeZone(user.id, parsed.data.timeZone);
  return redirect("/settings/time-zone?saved=1");
}

export default function TimeZoneSettings() {
  const { timeZone, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const viewer = useViewer();
  const tr = useT();
  const invalid = Boolean(result?.fieldErrors?.timeZone);
  return (
    <section className="panel narrow">
      <h1>{tr("timeZone.title")}</h1>
      <p>{tr("timeZone.help")}</p>
      {params.get("saved") && !result ? <p role="status">{tr("timeZone.saved")}</p> : null}
      {result?.error ? (
        <p role="alert" className="error" id="time-zone-error">
          {t(viewer.locale, result.error)}
        </p>
      ) : null}
      <p className="muted">{tr("timeZone.current", { time: formatTime(viewer.now, viewer) })}</p>
      <Form method="post" className="stack">
        <div className="field">
          <label htmlFor="time-zone">{tr("timeZone.label")}</label>
          <select
            id="time-zone"
            name="timeZone"
            defaultValue={timeZone}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? "time-zone-error" : undefined}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {tr("timeZone.save")}
        </button>
      </Form>
    </section>
  );
}
