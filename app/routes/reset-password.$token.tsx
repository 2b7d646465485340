import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { resetPasswordSchema } from "~/modules/auth/account-forms.schema";
import { isResetTokenUsable, resetPassword } from "~/modules/auth/password-reset.server";
import { failure } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = () => [{ title: "Acuerdo" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await isResetTokenUsable(params.token ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await readForm(request));
  if (!parsed.ok) return failure(400, { error: "errors.invalidInput", fieldErrors: parsed.fieldErrors });
  if (!(await resetPassword(params.token ?? "", parsed.data.password)))
    return failure(410, { error: "reset.invalid" });
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const tr = useT();
  const fieldErrors = result?.fieldErrors ?? {};
  if (!usable || result?.error === "reset.invalid")
    return (
      <section className="panel narrow">
        <h1>{tr("reset.title")}</h1>
        <p role="alert" className="error">
          {tr("reset.invalid")}
        </p>
        <p>
          <Link to="/forgot-password">{tr("reset.askAgain")}</Link>
        </p>
      </section>
    );
  return (
    <section className="panel narrow">
      <h1>{tr("reset.title")}</h1>
      {result?.error ? (
        <p role="alert" className="error" id="reset-error">
          {tr(result.error)}
        </p>
      ) : null}
      <Form
        method="post"
        reloadDocument
        className="stack"
        aria-describedby={result?.error ? "reset-error" : undefined}
      >
        <div className="field">
          <label htmlFor="password">{tr("reset.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
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
          {tr("reset.submit")}
        </button>
      </Form>
    </section>
  );
}
