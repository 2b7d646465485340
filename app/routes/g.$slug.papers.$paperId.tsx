import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { requireGroupAccess } from "~/modules/groups/access.server";
import { notFound } from "~/modules/groups/memberships.server";
import { changePaperStatus, getPaper } from "~/modules/papers/papers.server";
import { changeStatusSchema, saveVersionSchema } from "~/modules/papers/papers.schema";
import { userTransitions } from "~/modules/papers/status";
import { createVersion, paperDocReader } from "~/modules/papers/versions.server";
import { getPaperTranslations, markTranslationUpToDate } from "~/modules/translations/translations.server";
import { TEXT_VIEWS, markTranslationSchema, type TextView } from "~/modules/translations/translation";
import { TextViewSwitch } from "~/components/editor/TextViewSwitch";
import { z } from "zod";
import { listVotesForPaper } from "~/modules/votes/vote-queries.server";
import { can, type PaperStatus } from "~/modules/policy/policy";
import { requirePermission } from "~/modules/policy/require.server";
import { failure, handleUserErrors } from "~/modules/action-result.server";
import { parseForm } from "~/modules/validation";
import { PaperEditor } from "~/components/editor/PaperEditor";
import { ThreadPanel, usePaperComments } from "~/components/ThreadPanel";
import { listMentionable, listThreads } from "~/modules/comments/threads.server";
import { isDiscussionOpen } from "~/modules/comments/comment-rules";
import { StatusBadge } from "~/components/PaperList";
import { usePaperEvents } from "~/components/use-paper-events";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { getDelegationLook } from "~/modules/groups/memberships.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.paper.title} · Acuerdo` : "Acuerdo" },
];

async function requirePaper(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireGroupAccess(request, params);
  const paper = await getPaper(access.group.id, params.paperId ?? "");
  if (!paper) throw notFound();
  return { ...access, paper };
}

const viewSchema = z.enum(TEXT_VIEWS).optional().catch(undefined);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user, paper } = await requirePaper(request, params);
  // The paper's document is read once for the whole page (in place when it is open), the rest in parallel.
  const doc = paperDocReader(paper.id);
  const [delegation, translations, threads, mentionable, votes] = await Promise.all([
    getDelegationLook(actor.delegationId),
    getPaperTranslations(paper.id, doc.read),
    listThreads(
      actor,
      { id: paper.id, groupId: group.id, status: paper.status, sections: paper.sections },
      doc.read,
    ),
    listMentionable(group.id),
    listVotesForPaper(paper.id),
  ]).finally(doc.release);
  // A paper that carries its other language opens side by side; one that does not, on its original.
  const carried = translations.sections.some((s) => s.state !== "missing" || s.markedAt !== null);
  const view: TextView =
    viewSchema.parse(new URL(request.url).searchParams.get("view") ?? undefined) ??
    (carried ? "both" : "original");
  return {
    translations: { ...translations, view, carried },
    canMarkTranslation: can(actor, "translation.mark", { kind: "paper", status: paper.status }),
    group: { slug: group.slug, name: group.name },
    paper,
    me: { name: user.name, delegation: delegation?.code ?? null, colour: delegation?.colour ?? "#4a4f57" },
    isObserver: !can(actor, "paper.edit"),
    threads,
    mentionable,
    commentsReadOnly: !can(actor, "comment.write")
      ? ("comments.readOnlyObserver" as const)
      : isDiscussionOpen(paper.status)
        ? null
        : ("comments.paperClosed" as const),
    canEdit: can(actor, "paper.edit", { kind: "paper", status: paper.status }),
    canSaveVersion: can(actor, "version.save"),
    transitions: can(actor, "paper.changeStatus") ? userTransitions(paper.status) : [],
    canOpenVote: can(actor, "vote.manage") && paper.status === "REVIEW",
    votes,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, paper, user, group } = await requirePaper(request, params);
  const form = await request.formData();
  const intent = form.get("intent");
  return handleUserErrors(async () => {
    if (intent === "status") {
      requirePermission(actor, "paper.changeStatus");
      const parsed = changeStatusSchema.safeParse({ status: form.get("status") });
      if (!parsed.success) return failure(400, { error: "errors.invalidInput" });
      await changePaperStatus(actor, paper.id, parsed.data.status, "user");
      return { ok: true as const, intent: "status" as const, status: parsed.data.status };
    }
    if (intent === "translation") {
      const parsed = markTranslationSchema.safeParse({ sectionKey: form.get("sectionKey") });
      if (!parsed.success) return failure(400, { error: "translation.sectionUnknown" });
      await markTranslationUpToDate(actor, group.id, paper.id, parsed.data.sectionKey);
      return { ok: true as const, intent: "translation" as const, sectionKey: parsed.data.sectionKey };
    }
    if (intent === "version") {
      requirePermission(actor, "version.save");
      const parsed = parseForm(saveVersionSchema, form);
      if (!parsed.ok)
        return failure(400, {
          error: parsed.fieldErrors.label ?? "errors.invalidInput",
          fieldErrors: parsed.fieldErrors,
          values: parsed.values,
        });
      const version = await createVersion({ paperId: paper.id, label: parsed.data.label, userId: user.id });
      return { ok: true as const, intent: "version" as const, number: version.number };
    }
    return failure(400, { error: "errors.invalidInput" });
  });
}

export default function PaperPage() {
  const {
    group,
    paper,
    me,
    isObserver,
    canEdit,
    canSaveVersion,
    transitions,
    canOpenVote,
    votes,
    translations,
    canMarkTranslation,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { threads, mentionable, commentsReadOnly } = useLoaderData<typeof loader>();
  const comments = usePaperComments({ threads, canComment: commentsReadOnly === null });
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const tr = useT();
  const locale = useLocale();
  const [liveStatus, setLiveStatus] = useState<{ from: PaperStatus; to: PaperStatus } | null>(null);
  const busy = navigation.state === "submitting";

  usePaperEvents(`/g/${group.slug}/papers/${paper.id}/events`, (event) => {
    if (event.type === "thread" || event.type === "comment") revalidator.revalidate();
    if (event.type === "status" && event.status !== paper.status) {
      setLiveStatus({ from: paper.status, to: event.status });
      revalidator.revalidate();
    }
    if (event.type === "version" || event.type === "vote" || event.type === "translation")
      revalidator.revalidate();
  });
  const [view, setView] = useState<TextView>(translations.view);
  useEffect(() => setView(translations.view), [paper.id]); // eslint-disable-line react-hooks/exhaustive-deps
  function changeView(next: TextView) {
    setView(next);
    // Kept in the address (without a navigation) so a reload or a shared link opens the same view.
    const url = new URL(window.location.href);
    url.searchParams.set("view", next);
    window.history.replaceState(window.history.state, "", url);
  }

  // Until the loader catches up, an announced status change already freezes (or frees) the editors.
  const status = liveStatus?.from === paper.status ? liveStatus.to : paper.status;
  const editable =
    liveStatus?.from === paper.status ? canEdit && (status === "DRAFT" || status === "REVIEW") : canEdit;
  const readOnlyReason = isObserver
    ? tr("papers.readOnly.observer")
    : editable
      ? undefined
      : tr("papers.readOnly.status", { status: tr(`paper.status.${status}`) });
  const lead = paper.leadDelegation;

  return (
    <article className="paper-page">
      <header className="paper-header">
        <div>
          <h1>{paper.title}</h1>
          <p className="paper-meta">
            <StatusBadge status={status} />
            {lead ? (
              <span>
                {tr("paper.lead", { delegation: locale === "es" && lead.nameEs ? lead.nameEs : lead.name })}
              </span>
            ) : null}
            <Link to={`/g/${group.slug}/papers/${paper.id}/versions`}>{tr("versions.title")}</Link>
          </p>
          {translations.carried ? (
            <p className="muted small">
              {tr("translation.languages", {
                original: tr(`translation.language.${translations.original}`),
                translation: tr(`translation.language.${translations.translation}`),
              })}
            </p>
          ) : null}
          {votes.length > 0 ? (
            <nav aria-label={tr("votes.votesOnPaper")} className="paper-votes">
              <ul role="list">
                {votes.map((v) => (
                  <li key={v.id}>
                    <Link to={`/g/${group.slug}/votes/${v.id}`}>
                      {tr(`votes.kind.${v.kind}`)} · {tr(`votes.status.${v.status}`)}
                      {v.outcome ? ` · ${tr(`votes.result.${v.outcome.result}`)}` : ""}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </div>
        <div className="paper-actions">
          {canOpenVote ? (
            <Link to={`/g/${group.slug}/papers/${paper.id}/vote`} className="button-link">
              {tr("votes.open")}
            </Link>
          ) : null}
          {transitions.length > 0 ? (
            <Form
              method="post"
              onSubmit={(event) => {
                const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
                if (submitter?.value === "WITHDRAWN" && !window.confirm(tr("papers.withdrawConfirm")))
                  event.preventDefault();
              }}
            >
              <input type="hidden" name="intent" value="status" />
              {transitions.map((to) => (
                <button
                  key={to}
                  type="submit"
                  name="status"
                  value={to}
                  className={to === "WITHDRAWN" ? "danger" : "secondary"}
                  disabled={busy}
                >
                  {tr(`papers.moveTo.${to}`)}
                </button>
              ))}
            </Form>
          ) : null}
          {canSaveVersion ? (
            <Form method="post" className="version-form">
              <input type="hidden" name="intent" value="version" />
              <div className="field">
                <label htmlFor="version-label">{tr("versions.label")}</label>
                <input
                  id="version-label"
                  name="label"
                  required
                  maxLength={200}
                  placeholder={tr("versions.labelHint")}
                  key={result?.ok && result.intent === "version" ? result.number : "label"}
                />
              </div>
              <button type="submit" disabled={busy}>
                {tr("versions.save")}
              </button>
            </Form>
          ) : null}
        </div>
      </header>
      <div aria-live="polite">
        {result && !result.ok ? (
          <p role="alert" className="error">
            {t(locale, result.error, result.params)}
          </p>
        ) : null}
        {result?.ok && result.intent === "version" ? (
          <p className="success">{tr("versions.saved", { number: result.number })}</p>
        ) : null}
        {result?.ok && result.intent === "status" ? (
          <p className="success">
            {tr("papers.statusChanged", { status: tr(`paper.status.${result.status}`) })}
          </p>
        ) : null}
      </div>
      <div className={view === "both" ? "paper-workspace paper-workspace-both" : "paper-workspace"}>
        <div className="paper-texts">
          <TextViewSwitch
            view={view}
            original={translations.original}
            translation={translations.translation}
            onChange={changeView}
          />
          <PaperEditor
            paperId={paper.id}
            sections={paper.sections}
            user={me}
            editable={editable}
            readOnlyReason={readOnlyReason}
            comments={comments.forSection}
            translation={{
              original: translations.original,
              language: translations.translation,
              view,
              canMark: canMarkTranslation,
              sections: Object.fromEntries(translations.sections.map((s) => [s.key, s])),
            }}
          />
        </div>
        <ThreadPanel
          {...comments.panel}
          actionUrl={`/g/${group.slug}/papers/${paper.id}/threads`}
          threads={threads}
          members={mentionable}
          canComment={commentsReadOnly === null}
          readOnlyReason={commentsReadOnly ? tr(commentsReadOnly) : null}
          sectionTitle={(key) => paper.sections.find((s) => s.key === key)?.title ?? key}
        />
      </div>
    </article>
  );
}
