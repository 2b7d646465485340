import { readForm } from "~/modules/read-form.server";
import { localizePaper } from "~/modules/papers/paper-titles";
import { resolveLocale } from "~/http/locale.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { requireGroupAccess } from "~/http/access.server";
import { notFound } from "~/http/responses.server";
import { getPaper } from "~/modules/papers/papers.server";
import { getPaperTranslations } from "~/modules/translations/translations.server";
import { requirePagePermission } from "~/http/permission.server";
import { openVoteSchema } from "~/modules/votes/rules";
import { VOTE_KINDS } from "~/modules/votes/tally";
import { openVote } from "~/modules/votes/votes.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { parseForm } from "~/modules/validation";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { useViewer } from "~/components/use-viewer";
import { timeZoneLabel, toZonedWallTime } from "~/modules/time/format-time";
import { listPendingSuggestions } from "~/modules/suggestions/suggestions.server";
import { describeChange } from "~/modules/suggestions/describe-change";

async function requireVoteManager(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireGroupAccess(request, params);
  const paper = await getPaper(access.group.id, params.paperId ?? "");
  if (!paper) throw notFound();
  requirePagePermission(access.actor, "vote.manage");
  return { ...access, paper };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, paper: stored, user } = await requireVoteManager(request, params);
  const paper = localizePaper(stored, await resolveLocale(request, user));
  const [translations, pending] = await Promise.all([
    getPaperTranslations(paper.id),
    listPendingSuggestions(paper.id),
  ]);
  const titles = new Map(paper.sections.map((s) => [s.key, s.title]));
  return {
    group: { slug: group.slug },
    paper: { id: paper.id, title: paper.title, status: paper.status },
    // The opener must confirm opening a vote while these sections' translation is out of date.
    staleTranslation: {
      language: translations.translation,
      sections: translations.outOfDate.map((key) => titles.get(key) ?? key),
    },
    // A vote cannot open while these are pending: each links to its place in the paper.
    pendingSuggestions: pending.map((s) => ({
      id: s.id,
      sectionKey: s.sectionKey,
      section: titles.get(s.sectionKey.split(":")[0]) ?? s.sectionKey,
      author: s.delegation ? `${s.authorName} (${s.delegation})` : s.authorName,
      inserted: s.inserted,
      deleted: s.deleted,
      format: s.format ?? null,
      paragraph: s.kind === "paragraph",
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor, paper } = await requireVoteManager(request, params);
  const parsed = parseForm(openVoteSchema, await readForm(request));
  if (!parsed.ok)
    return failure(400, {
      error: Object.values(parsed.fieldErrors)[0] ?? "errors.invalidInput",
      fieldErrors: parsed.fieldErrors,
      values: parsed.values,
    });
  return handleUserErrors(async () => {
    const vote = await openVote(actor, group.id, paper.id, parsed.data);
    return redirect(`/g/${group.slug}/votes/${vote.id}`);
  });
}

export default function OpenVote() {
  const { group, paper, staleTranslation, pendingSuggestions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const tr = useT();
  const locale = useLocale();
  const values = result && !result.ok ? (result.values ?? {}) : {};
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const viewer = useViewer();
  // A suggested deadline one week ahead, at the minute, on the opener's clock (their time zone setting).
  const suggested = toZonedWallTime(new Date(Date.parse(viewer.now) + 7 * 24 * 3600_000), viewer.timeZone);
  const [kind, setKind] = useState(values.kind ?? "CONSENSUS");

  return (
    <section className="panel">
      <p>
        <Link to={`/g/${group.slug}/papers/${paper.id}`}>{tr("versions.back")}</Link>
      </p>
      <h1>{tr("votes.openTitle", { title: paper.title })}</h1>
      <p>{tr("votes.openHelp")}</p>
      {paper.status !== "REVIEW" ? <p className="notice">{tr("votes.paperNotInReview")}</p> : null}
      {pendingSuggestions.length > 0 ? (
        <div className="notice">
          <p>{tr("suggestions.pendingBeforeVote", { count: pendingSuggestions.length })}</p>
          <ul>
            {pendingSuggestions.map((s) => (
              <li key={`${s.sectionKey}:${s.id}`}>
                <Link to={`/g/${group.slug}/papers/${paper.id}#section-${s.sectionKey}`}>{s.section}</Link>:{" "}
                {s.author} — {describeChange(locale, s.inserted, s.deleted, s.format, s.paragraph)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" className="error">
          {t(locale, result.error, result.params)}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <fieldset className="stack">
          <legend>{tr("votes.kind")}</legend>
          {VOTE_KINDS.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>
                <strong>{tr(`votes.kind.${k}`)}</strong> — {tr(`votes.kindHelp.${k}`)}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="vote-deadline">{tr("votes.deadline")}</label>
          <input
            id="vote-deadline"
            name="deadline"
            type="datetime-local"
            required
            defaultValue={values.deadline ?? suggested}
            aria-describedby="vote-deadline-help"
            aria-invalid={fieldErrors.deadline ? true : undefined}
          />
          <p id="vote-deadline-help" className="muted small">
            {tr("votes.deadlineHelp", { zone: timeZoneLabel(viewer.timeZone) })}
          </p>
          <input type="hidden" name="timeZone" value={viewer.timeZone} />
        </div>
        <div className="field">
          <label htmlFor="vote-quorum">{tr("votes.quorum")}</label>
          <input
            id="vote-quorum"
            name="quorumPercent"
            type="number"
            min={0}
            max={100}
            step={1}
            defaultValue={values.quorumPercent ?? "50"}
            aria-invalid={fieldErrors.quorumPercent ? true : undefined}
          />
        </div>
        <label className="choice">
          <input
            type="checkbox"
            name="quorumAllDelegations"
            defaultChecked={values.quorumAllDelegations === "on"}
          />
          <span>{tr("votes.quorumAll")}</span>
        </label>
        {kind === "CONSENSUS" ? (
          <div className="field">
            <label htmlFor="vote-support">{tr("votes.minSupport")}</label>
            <input
              id="vote-support"
              name="minSupportPercent"
              type="number"
              min={0}
              max={100}
              step={1}
              defaultValue={values.minSupportPercent ?? "0"}
              aria-invalid={fieldErrors.minSupportPercent ? true : undefined}
            />
          </div>
        ) : null}
        {kind === "MAJORITY" ? (
          <label className="choice">
            <input
              type="checkbox"
              name="onePerDelegation"
              defaultChecked={values.onePerDelegation === "on"}
            />
            <span>{tr("votes.onePerDelegation")}</span>
          </label>
        ) : null}
        {staleTranslation.sections.length > 0 ? (
          <div className="notice vote-translation-stale">
            <p id="vote-translation-stale">
              {tr("votes.translationStale", {
                language: tr(`translation.language.${staleTranslation.language}`),
                sections: staleTranslation.sections.join(", "),
              })}
            </p>
            <label className="choice">
              <input
                type="checkbox"
                name="confirmTranslation"
                aria-describedby="vote-translation-stale"
                aria-invalid={
                  result && !result.ok && result.error === "votes.translationConfirmRequired"
                    ? true
                    : undefined
                }
              />
              <span>{tr("votes.translationConfirm")}</span>
            </label>
          </div>
        ) : null}
        <div>
          <button type="submit" disabled={navigation.state === "submitting" || paper.status !== "REVIEW"}>
            {tr("votes.submitOpen")}
          </button>
        </div>
      </Form>
    </section>
  );
}
