import { readForm } from "~/modules/read-form.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { env } from "~/env.server";
import { unsubscribe } from "~/modules/mail/preferences.server";
import { verifyUnsubscribe } from "~/modules/mail/unsubscribe-token";
import { useT } from "~/i18n/use-t";

export const meta: MetaFunction = () => [{ title: "Acuerdo" }, { name: "robots", content: "noindex" }];

// Works without a session: the signed token says who and which kind. Opening the link only asks
// (RFC 8058: a GET must not unsubscribe, link scanners follow links); the POST, from the page's button
// or a mail client's one-click, does it.

export function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const claim = verifyUnsubscribe(env().SESSION_SECRET, token);
  if (!claim) throw new Response("Invalid unsubscribe link", { status: 400 });
  return { token: token!, kind: claim.kind };
}

export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  const form = await readForm(request);
  const posted = form.get("token");
  const token = url.searchParams.get("token") ?? (typeof posted === "string" ? posted : null);
  const claim = verifyUnsubscribe(env().SESSION_SECRET, token);
  if (!claim || !(await unsubscribe(claim.userId, claim.kind)))
    return data({ done: false as const }, { status: 400 });
  return { done: true as const };
}

export default function Unsubscribe() {
  const { token, kind } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const tr = useT();
  return (
    <section className="panel narrow">
      <h1>{tr("unsubscribe.title")}</h1>
      {result?.done ? (
        <p role="status">{tr("unsubscribe.done")}</p>
      ) : result ? (
        <p role="alert" className="error">
          {tr("unsubscribe.invalid")}
        </p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="token" value={token} />
          <p>
            {kind === "digest"
              ? tr("unsubscribe.confirmDigest")
              : tr("unsubscribe.confirm", { kind: tr(`mail.kind.${kind}`) })}
          </p>
          <button type="submit">{tr("unsubscribe.submit")}</button>
        </Form>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  const tr = useT();
  return (
    <section className="panel narrow">
      <h1>{tr("unsubscribe.title")}</h1>
      <p role="alert" className="error">
        {tr("unsubscribe.invalid")}
      </p>
    </section>
  );
}
