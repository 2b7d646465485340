import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { loginSchema } from "~/modules/auth/account-forms.schema";
import { formatTime } from "~/modules/time/format-time";
import { saveTimeZone } from "~/modules/auth/preferences.server";
import { useNonce } from "~/nonce";
import { attemptLogin } from "~/modules/auth/login.server";
import { createSession, getUser, safeRedirect } from "~/http/sessions.server";
import { resolveLocale } from "~/http/locale.server";
import { failure } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";

export const meta: MetaFunction = () => [{ title: "Acuerdo" }];

// Runs as soon as the form is parsed, before hydration, so even a quick sign-in carries the zone.
const FILL_TIME_ZONE = `try{document.getElementById("login-tz").value=Intl.DateTimeFormat().resolvedOptions().timeZone||""}catch(e){}`;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request))
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(loginSchema, form);
  if (!parsed.ok)
    return failure(400, {
      error: "errors.invalidInput",
      fieldErrors: parsed.fieldErrors,
      values: parsed.values,
    });
  const { email, password, redirectTo, timeZone } = parsed.data;
  const result = await attemptLogin(email, password, context.clientIp);
  if (!result.ok) {
    if (result.reason === "throttled") {
      const locale = await resolveLocale(request, null);
      const time = formatTime(result.retryAt, { locale, timeZone: timeZone ?? "UTC" }, "time");
      return failure(429, { error: "login.throttled", params: { time }, values: { email } });
    }
    return failure(401, { error: "login.invalid", values: { email } });
  }
  if (timeZone) await saveTimeZone(result.userId, timeZone);
  const cookie = await createSession(request, result.userId);
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const tr = useT();
  const locale = useLocale();
  const fieldErrors = result?.fieldErrors ?? {};
  const nonce = useNonce();
  const timeZoneRef = useRef<HTMLInputElement>(null);
  // After a client-side navigation to this page the inline script does not run: fill the field here.
  useEffect(() => {
    if (timeZoneRef.current && !timeZoneRef.current.value)
      timeZoneRef.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  }, []);
  return (
    <section className="panel narrow">
      <h1>{tr("login.title")}</h1>
      <p className="muted">{tr("app.tagline")}</p>
      {params.get("reset") && !result ? <p role="status">{tr("reset.done")}</p> : null}
      {result?.error ? (
        <p role="alert" className="error" id="login-error">
          {t(locale, result.error, result.params)}
        </p>
      ) : null}
      <Form
        method="post"
        reloadDocument
        className="stack"
        aria-describedby={result?.error ? "login-error" : undefined}
      >
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        {/* Uncontrolled and without a React value, so hydration leaves what the script wrote alone. */}
        <input type="hidden" name="timeZone" id="login-tz" ref={timeZoneRef} />
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: FILL_TIME_ZONE }} />
        <div className="field">
          <label htmlFor="email">{tr("login.email")}</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={result?.values?.email ?? ""}
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={fieldErrors.email ? "email-error" : undefined}
          />
          {fieldErrors.email ? (
            <p className="field-error" id="email-error">
              {tr(fieldErrors.email)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="password">{tr("login.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? "password-error" : undefined}
          />
          {fieldErrors.password ? (
            <p className="field-error" id="password-error">
              {tr(fieldErrors.password)}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={navigation.state === "submitting"}>
          {tr("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{tr("forgot.link")}</Link>
      </p>
      <p className="muted">{tr("login.demoHint")}</p>
    </section>
  );
}
