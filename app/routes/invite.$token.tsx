import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { acceptInvite, accountExists, getInvite, inviteState } from "~/modules/groups/invites.server";
import { acceptInviteNewAccountSchema } from "~/modules/groups/memberships.schema";
import { createSession, getUser } from "~/http/sessions.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invite = await getInvite(params.token ?? "");
  const state = inviteState(invite);
  if (state !== "valid" || !invite) return { state, invite: null, user: null, accountExists: false };
  const user = await getUser(request);
  return {
    state,
    user: user ? { email: user.email } : null,
    accountExists: !user && (await accountExists(invite.email)),
    invite: {
      email: invite.email,
      name: invite.name,
      role: invite.role,
      group: invite.group.name,
      delegation: invite.delegation,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const user = await getUser(request);
  return handleUserErrors(async () => {
    if (user) {
      const { slug } = await acceptInvite(token, { userId: user.id });
      return redirect(`/g/${slug}`);
    }
    const parsed = parseForm(acceptInviteNewAccountSchema, await readForm(request));
    if (!parsed.ok)
      return failure(400, {
        error: "errors.invalidInput",
        fieldErrors: parsed.fieldErrors,
        values: parsed.values,
      });
    const { userId, slug } = await acceptInvite(token, parsed.data);
    return redirect(`/g/${slug}`, { headers: { "Set-Cookie": await createSession(request, userId) } });
  });
}

export default function InvitePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const tr = useT();
  const locale = useLocale();
  if (!data.invite) {
    return (
      <section className="panel narrow">
        <p role="alert">{tr(data.state === "expired" ? "invite.expired" : "invite.invalid")}</p>
      </section>
    );
  }
  const { invite } = data;
  const role = tr(`role.${invite.role}`);
  const delegation = invite.delegation
    ? locale === "es" && invite.delegation.nameEs
      ? invite.delegation.nameEs
      : invite.delegation.name
    : null;
  const fieldErrors = result && "fieldErrors" in result ? (result.fieldErrors ?? {}) : {};
  return (
    <section className="panel narrow">
      <h1>{tr("invite.title", { group: invite.group })}</h1>
      <p>
        {delegation
          ? tr("invite.summaryDelegation", { group: invite.group, role, delegation })
          : tr("invite.summary", { group: invite.group, role })}
      </p>
      {result && !result.ok ? (
        <p role="alert" className="error">
          {t(locale, result.error, result.params)}
        </p>
      ) : null}
      {data.user ? (
        <Form method="post">
          <button type="submit">{tr("invite.accept")}</button>
        </Form>
      ) : data.accountExists ? (
        <p>
          {tr("invite.signInFirst", { email: invite.email })}{" "}
          <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
            {tr("invite.signInLink")}
          </Link>
        </p>
      ) : (
        <Form method="post" reloadDocument className="stack">
          <h2>{tr("invite.createAccount")}</h2>
          <p className="muted">{invite.email}</p>
          <div className="field">
            <label htmlFor="name">{tr("invite.yourName")}</label>
            <input
              id="name"
              name="name"
              autoComplete="name"
              required
              defaultValue={result && !result.ok ? (result.values?.name ?? invite.name) : invite.name}
              aria-invalid={fieldErrors.name ? true : undefined}
              aria-describedby={fieldErrors.name ? "name-error" : undefined}
            />
            {fieldErrors.name ? (
              <p className="field-error" id="name-error">
                {tr(fieldErrors.name)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="password">{tr("invite.choosePassword")}</label>
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
          <button type="submit">{tr("invite.accept")}</button>
        </Form>
      )}
    </section>
  );
}
