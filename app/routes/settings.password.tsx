import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { changePasswordSchema } from "~/modules/auth/account-forms.schema";
import { formatTime } from "~/modules/time/format-time";
import { changePassword } from "~/modules/auth/password-change.server";
import { createSession, requireUser } from "~/http/sessions.server";
import { resolveLocale } from "~/http/locale.server";
import { failure } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";

export const meta: MetaFunction = () => [{ title: "Acuerdo" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(changePasswordSchema, await readForm(request));
  if (!parsed.ok) return failure(400, { error: "errors.invalidInput", fieldErrors: parsed.fieldErrors });
  const result = await changePassword(
    user,
    parsed.data.currentPassword,
    parsed.data.newPassword,
    context.clientIp,
  );
  if (!result.ok) {
    if (result.reason === "throttled") {
      const locale = await resolveLocale(request, user);
      const time = formatTime(result.retryAt, { locale, timeZone: user.timeZone }, "time");
      return failure(429, { error: "login.throttled", params: { time } });
    }
    return failure(400, { error: "password.wrong", fieldErrors: { currentPassword: "password.wrong" } });
  }
  // Every session ended, this one too: the browser that changed it gets a fresh one.
  return redirect("/settings/password?changed=1", {
    headers: { "Set-Cookie": await createSession(request, user.id) },
  });
}

export default function ChangePassword() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const tr = useT();
  const locale = useLocale();
  const fieldErrors = result?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>{tr("password.title")}</h1>
      {params.get("changed") && !result ? <p role="status">{tr("password.changed")}</p> : null}
      {result?.error ? (
        <p role="alert" className="error" id="password-form-error">
          {t(locale, result.error, result.params)}
        </p>
      ) : null}
      <Form
        method="post"
        className="stack"
        aria-describedby={result?.error ? "password-form-error" : undefined}
      >
        <div className="field">
          <label htmlFor="currentPassword">{tr("password.current")}</label>
          <input
            id="currentPassword"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={fieldErrors.currentPassword ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="newPassword">{tr("password.new")}</label>
          <input
            id="newPassword"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-invalid={fieldErrors.newPassword ? true : undefined}
            aria-describedby={fieldErrors.newPassword ? "new-password-error" : undefined}
          />
          {fieldErrors.newPassword ? (
            <p className="field-error" id="new-password-error">
              {tr(fieldErrors.newPassword)}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {tr("password.submit")}
        </button>
      </Form>
    </section>
  );
}
