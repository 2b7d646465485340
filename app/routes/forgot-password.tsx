import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { forgotPasswordSchema } from "~/modules/auth/account-forms.schema";
import { requestPasswordReset } from "~/modules/auth/password-reset.server";
import { resolveLocale } from "~/http/locale.server";
import { failure } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { formatTime } from "~/modules/time/format-time";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";

export const meta: MetaFunction = () => [{ title: "Acuerdo" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(forgotPasswordSchema, await readForm(request));
  if (!parsed.ok)
    return failure(400, {
      error: "errors.invalidInput",
      fieldErrors: parsed.fieldErrors,
      values: parsed.values,
    });
  const result = await requestPasswordReset(parsed.data.email, context.clientIp);
  if (!result.ok) {
    const locale = await resolveLocale(request, null);
    return failure(429, {
      error: "forgot.throttled",
      params: { time: formatTime(result.retryAt, { locale, timeZone: "UTC" }, "time") },
      values: { email: parsed.data.email },
    });
  }
  // The same answer whether or not the address has an account.
  return { ok: true as const };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const tr = useT();
  const locale = useLocale();
  const failed = result && !result.ok ? result : null;
  const fieldErrors = failed?.fieldErrors ?? {};
  return (
    <section className="panel narrow">
      <h1>{tr("forgot.title")}</h1>
      {result?.ok ? (
        <p role="status">{tr("forgot.sent")}</p>
      ) : (
        <>
          <p className="muted">{tr("forgot.intro")}</p>
          {failed ? (
            <p role="alert" className="error" id="forgot-error">
              {t(locale, failed.error, failed.params)}
            </p>
          ) : null}
          <Form method="post" className="stack" aria-describedby={failed ? "forgot-error" : undefined}>
            <div className="field">
              <label htmlFor="email">{tr("forgot.email")}</label>
              <input
                id="email"
                name="email"
                type="email"
                autoComplete="username"
                required
                defaultValue={failed?.values?.email ?? ""}
                aria-invalid={fieldErrors.email ? true : undefined}
                aria-describedby={fieldErrors.email ? "email-error" : undefined}
              />
              {fieldErrors.email ? (
                <p className="field-error" id="email-error">
                  {tr(fieldErrors.email)}
                </p>
              ) : null}
            </div>
            <button type="submit" disabled={navigation.state === "submitting"}>
              {tr("forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{tr("login.submit")}</Link>
      </p>
    </section>
  );
}
