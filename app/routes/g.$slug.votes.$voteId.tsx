import { readForm } from "~/modules/read-form.server";
import { resolveLocale } from "~/http/locale.server";
import { localizePaper } from "~/modules/papers/paper-titles";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { LinksFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useKeptActionData } from "~/components/use-kept-action-data";
import { settledResult } from "~/components/settled-result";
import { requireGroupAccess } from "~/http/access.server";
import { notFound } from "~/http/responses.server";
import { frozenSections } from "~/modules/translations/translations.server";
import { can } from "~/modules/policy/policy";
import { requirePagePermission } from "~/http/permission.server";
import { cancelVoteSchema, castStanceSchema } from "~/modules/votes/rules";
import { STANCES_BY_KIND, currentStances, type StanceValue } from "~/modules/votes/tally";
import { votersByDelegation } from "~/modules/votes/voters-by-delegation";
import { cancelVote, castStance, closeVote } from "~/modules/votes/votes.server";
import { getVotePage } from "~/modules/votes/vote-queries.server";
import { failure, handleUserErrors } from "~/http/action-result.server";
import { UserError } from "~/modules/errors";
import { parseForm } from "~/modules/validation";
import { FrozenText } from "~/components/FrozenText";
import { Countdown } from "~/components/Countdown";
import { VoteChart, type ChartRow } from "~/components/VoteChart";
import { usePaperEvents } from "~/components/use-paper-events";
import { useQuietRevalidate } from "~/components/use-quiet-revalidate";
import { StanceForm } from "~/components/vote/StanceForm";
import { CochairControls } from "~/components/vote/CochairControls";
import { DelegateStances } from "~/components/vote/DelegateStances";
import { SuggestionUnderVote } from "~/components/vote/SuggestionUnderVote";
import { readSuggestionChange } from "~/modules/votes/suggestion-vote.schema";
import { isPaperLanguage } from "~/modules/translations/translation";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import voteStyles from "~/styles/vote.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: voteStyles }];
import { formatTime } from "~/modules/time/format-time";
import { useViewer } from "~/components/use-viewer";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.vote.paper.title} · Acuerdo` : "Acuerdo" },
];

async function requireVote(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireGroupAccess(request, params);
  const vote = await getVotePage(access.group.id, params.voteId ?? "");
  if (!vote) throw notFound();
  return { ...access, vote };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, actor, user, vote: stored } = await requireVote(request, params);
  // The paper's title and section titles in the reader's language.
  const locale = await resolveLocale(request, user);
  const vote = { ...stored, paper: localizePaper(stored.paper, locale) };
  // A vote on one suggestion ("ask the group") is on a change, not on a frozen text.
  const frozen = vote.version
    ? frozenSections(vote.version.state, vote.paper.sections, vote.paper.originalLanguage)
    : null;
  const titles = new Map(vote.paper.sections.map((s) => [s.key, s.title]));
  const sectionTitle = (key: string) => {
    const [base, language] = key.split(":");
    const title = titles.get(base) ?? base;
    return isPaperLanguage(language)
      ? t(locale, "translation.sectionTitle", {
          title,
          language: t(locale, `translation.language.${language}`),
        })
      : title;
  };
  const current = new Map(currentStances(vote.stances).map((s) => [s.userId, s]));
  const eligible = vote.eligibleVoters.some((v) => v.userId === user.id);
  return {
    group: { slug: group.slug },
    userId: user.id,
    vote: {
      id: vote.id,
      kind: vote.kind,
      status: vote.status,
      openedAt: vote.openedAt,
      deadline: vote.deadline,
      textHash: vote.textHash,
      closedAt: vote.closedAt,
      cancelReason: vote.cancelReason,
      rules: {
        quorumShare: vote.quorumShare,
        quorumAllDelegations: vote.quorumAllDelegations,
        minSupportShare: vote.minSupportShare,
        onePerDelegation: vote.onePerDelegation,
      },
      openedBy: vote.openedBy.name,
      closedBy: vote.closedBy?.name ?? null,
      paper: { id: vote.paper.id, title: vote.paper.title },
      versionNumber: vote.version?.number ?? null,
      suggestion: vote.suggestionId
        ? {
            id: vote.suggestionId,
            section: sectionTitle(vote.suggestionSectionKey ?? ""),
            change: readSuggestionChange(vote.suggestionChange),
            note: vote.note,
          }
        : null,
      outcome: vote.outcome,
      translationOutOfDate: vote.translationOutOfDate
        ? {
            language: frozen?.language ?? "en",
            sections: vote.translationOutOfDateSections.map((key) => titles.get(key) ?? key),
          }
        : null,
    },
    frozen,
    delegations: votersByDelegation(vote.eligibleVoters, vote.stances),
    myStance: current.get(user.id)
      ? { value: current.get(user.id)!.value, statement: current.get(user.id)!.statement }
      : null,
    canVote: can(actor, "vote.cast"),
    eligible,
    canManage: can(actor, "vote.manage"),
    history: vote.stances.map((s) => ({
      id: s.id.toString(),
      userId: s.userId,
      value: s.value,
      createdAt: s.createdAt,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { group, actor, vote } = await requireVote(request, params);
  const form = await readForm(request);
  const intent = form.get("intent");
  return handleUserErrors(async () => {
    if (intent === "stance") {
      requirePagePermission(actor, "vote.cast");
      const parsed = parseForm(castStanceSchema, form);
      if (!parsed.ok)
        return failure(400, {
          error: Object.values(parsed.fieldErrors)[0] ?? "errors.invalidInput",
          fieldErrors: parsed.fieldErrors,
          values: parsed.values,
        });
      try {
        await castStance(actor, group.id, vote.id, parsed.data);
      } catch (error) {
        // A refused stance keeps what the person chose and wrote, and says which field to fix.
        if (!(error instanceof UserError)) throw error;
        return failure(error.status, {
          error: error.key,
          params: error.params,
          fieldErrors:
            error.key === "votes.statementRequired" ? { statement: error.key } : { value: error.key },
          values: { intent: "stance", value: parsed.data.value, statement: parsed.data.statement },
        });
      }
      return { ok: true as const, intent: "stance" as const };
    }
    if (intent === "close") {
      requirePagePermission(actor, "vote.manage");
      if (!(await closeVote(vote.id, actor))) return failure(409, { error: "votes.closed" });
      return { ok: true as const, intent: "close" as const };
    }
    if (intent === "cancel") {
      requirePagePermission(actor, "vote.manage");
      const parsed = parseForm(cancelVoteSchema, form);
      if (!parsed.ok)
        return failure(400, {
          error: parsed.fieldErrors.reason ?? "errors.invalidInput",
          fieldErrors: parsed.fieldErrors,
          values: parsed.values,
        });
      await cancelVote(actor, group.id, vote.id, parsed.data.reason);
      return { ok: true as const, intent: "cancel" as const };
    }
    return failure(400, { error: "errors.invalidInput" });
  });
}

function pct(share: number): string {
  return String(Math.round(share * 1000) / 10);
}

/**
 * A vote in the order a delegate needs it: what is decided and by when; the text under vote and their
 * stance; then the tally by delegation; the co-chair's controls last, in their own region.
 */
export default function VotePage() {
  const data = useLoaderData<typeof loader>();
  const { group, vote, frozen, delegations, myStance, canVote, eligible, canManage } = data;
  const result = useKeptActionData<typeof action>();
  const navigation = useNavigation();
  const revalidate = useQuietRevalidate();
  const tr = useT();
  const locale = useLocale();
  usePaperEvents(`/g/${group.slug}/papers/${vote.paper.id}/events`, (event) => {
    if (event.type === "vote" && event.voteId === vote.id) revalidate();
  });
  const stances = STANCES_BY_KIND[vote.kind];
  const open = vote.status === "OPEN";
  const busy = navigation.state === "submitting";
  const failed = result && !result.ok ? result : null;
  const done = settledResult(navigation.state, result);
  const submittedIntent = navigation.formData?.get("intent");
  const outcome = vote.outcome;
  const perDelegation = (outcome?.perDelegation ?? {}) as Record<
    string,
    { eligible: number; counts: Partial<Record<StanceValue, number>>; voice?: string }
  >;
  const viewer = useViewer();
  const fmt = (d: string | Date) => formatTime(d, viewer);
  const rows: ChartRow[] = delegations.map((d) => {
    const counts: Partial<Record<StanceValue, number>> = {};
    for (const voter of d.voters)
      if (voter.stance) counts[voter.stance.value] = (counts[voter.stance.value] ?? 0) + 1;
    return {
      code: d.code,
      label: locale === "es" ? d.nameEs || d.name : d.name,
      eligible: d.voters.length,
      counts: outcome ? (perDelegation[d.code]?.counts ?? {}) : counts,
      voice: perDelegation[d.code]?.voice,
    };
  });
  const eligibleCount = delegations.reduce((n, d) => n + d.voters.length, 0);
  const takingPart = delegations.reduce((n, d) => n + d.voters.filter((v) => v.stance).length, 0);
  // Which form the last answer belongs to: a stance error shows in the stance form, a cancel error in its dialog.
  const lastIntent = failed ? (failed.values?.intent ?? "other") : null;

  return (
    <article className="vote-page">
      <p className="vote-back">
        <Link to={`/g/${group.slug}/papers/${vote.paper.id}`}>{tr("versions.back")}</Link>
      </p>
      <header className="vote-summary" aria-labelledby="vote-title">
        <p className="vote-eyebrow">{tr("vote.decides")}</p>
        <h1 id="vote-title">
          {tr(vote.suggestion ? "askGroup.vote.title" : "votes.title", { title: vote.paper.title })}
        </h1>
        <div className="vote-facts">
          <span className={`status vote-status-${vote.status.toLowerCase()}`}>
            {tr(`votes.status.${vote.status}`)}
          </span>
          <span>{tr(`votes.kind.${vote.kind}`)}</span>
          <span>
            <strong>{tr("vote.deadline")}:</strong> {fmt(vote.deadline)}
          </span>
          {open ? <Countdown deadline={String(vote.deadline)} onExpired={() => revalidate()} /> : null}
        </div>
        {open ? (
          <p className="vote-participation">
            {tr("vote.participation", { takingPart, eligible: eligibleCount })}
          </p>
        ) : null}
        <details className="vote-rules">
          <summary>{tr("votes.rules")}</summary>
          <ul>
            <li>{tr("votes.rule.kind", { kind: tr(`votes.kind.${vote.kind}`) })}</li>
            {vote.suggestion ? <li>{tr("askGroup.vote.rule")}</li> : null}
            <li>{tr("votes.rule.deadline", { date: fmt(vote.deadline) })}</li>
            {vote.kind !== "SILENCE" ? (
              <li>{tr("votes.rule.quorum", { percent: pct(vote.rules.quorumShare) })}</li>
            ) : null}
            {vote.kind !== "SILENCE" && vote.rules.quorumAllDelegations ? (
              <li>{tr("votes.rule.quorumAll")}</li>
            ) : null}
            {vote.kind === "CONSENSUS" ? <li>{tr("votes.rule.noBlock")}</li> : null}
            {vote.kind === "CONSENSUS" ? (
              <li>{tr("votes.rule.minSupport", { percent: pct(vote.rules.minSupportShare) })}</li>
            ) : null}
            {vote.kind === "MAJORITY" && vote.rules.onePerDelegation ? (
              <li>{tr("votes.rule.onePerDelegation")}</li>
            ) : null}
          </ul>
        </details>
      </header>

      <div aria-live="polite">
        {/* A refusal whose form is gone (the vote closed meanwhile) is said here, not lost. */}
        {failed &&
        (lastIntent === "other" ||
          (lastIntent === "stance" && !(open && canVote && eligible)) ||
          (lastIntent === "cancel" && !(open && canManage))) ? (
          <p role="alert" className="error">
            {t(locale, failed.error, failed.params)}
          </p>
        ) : null}
      </div>

      {vote.status === "CANCELLED" ? (
        <p className="notice">
          {tr("votes.cancelled", { reason: vote.cancelReason ?? "" })}
          {vote.suggestion ? ` ${tr("askGroup.outcome.cancelled")}` : null}
        </p>
      ) : null}

      {outcome ? (
        <section className="panel outcome" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">
            {tr("votes.outcome")}:{" "}
            <span className={`result-${outcome.result.toLowerCase()}`}>
              {tr(`votes.result.${outcome.result}`)}
            </span>
          </h2>
          <p>{tr(`votes.reason.${outcome.reason as "tie"}`)}</p>
          {vote.suggestion ? (
            <p>
              {tr(outcome.result === "ADOPTED" ? "askGroup.outcome.accepted" : "askGroup.outcome.rejected")}
            </p>
          ) : null}
          <p>
            {tr("votes.takingPart", {
              takingPart: outcome.takingPart,
              eligible: outcome.eligibleCount,
              met: tr(outcome.quorumMet ? "votes.quorumMet" : "votes.quorumNotMet"),
            })}
          </p>
          {vote.closedAt ? (
            <p className="muted">{tr("votes.closedAt", { date: fmt(vote.closedAt) })}</p>
          ) : null}
        </section>
      ) : null}

      {vote.translationOutOfDate ? (
        <p className="notice vote-translation-record">
          {vote.translationOutOfDate.sections.length > 0
            ? tr("votes.translationOutOfDate", {
                language: tr(`translation.language.${vote.translationOutOfDate.language}`),
                sections: vote.translationOutOfDate.sections.join(", "),
              })
            : tr("votes.translationOutOfDateUnnamed")}
        </p>
      ) : null}

      {frozen && vote.versionNumber !== null ? (
        <section className="vote-text" aria-labelledby="text-heading">
          <h2 id="text-heading">{tr("votes.frozenText")}</h2>
          <p className="muted small">
            {tr("votes.frozenTextHelp", { number: vote.versionNumber })}{" "}
            <span className="hash">{vote.textHash}</span>
          </p>
          <details className="vote-text-details" open={!open}>
            <summary>{tr("vote.textUnderVote.show", { number: vote.versionNumber })}</summary>
            <div className="vote-text-body">
              <FrozenText
                sections={frozen.sections}
                carried={frozen.carried}
                language={frozen.language}
                idPrefix="frozen"
              />
            </div>
          </details>
        </section>
      ) : vote.suggestion ? (
        <SuggestionUnderVote
          change={vote.suggestion.change}
          section={vote.suggestion.section}
          askedBy={vote.openedBy}
          note={vote.suggestion.note}
          textHash={vote.textHash}
          paperHref={`/g/${group.slug}/papers/${vote.paper.id}`}
        />
      ) : null}

      {open && canVote && eligible ? (
        <StanceForm
          stances={stances}
          textHash={vote.textHash}
          myStance={myStance}
          failed={lastIntent === "stance" ? failed : null}
          recorded={done?.ok === true && done.intent === "stance"}
          busy={busy && submittedIntent === "stance"}
          onSuggestion={Boolean(vote.suggestion)}
        />
      ) : open && !canVote ? (
        <p className="notice">{tr("votes.cannotVote")}</p>
      ) : open && !eligible ? (
        <p className="notice">{tr("votes.notEligible")}</p>
      ) : null}

      <section className="panel vote-tally" aria-labelledby="stances-heading">
        <h2 id="stances-heading">{tr("votes.stances")}</h2>
        <VoteChart rows={rows} stances={stances} labelledBy="stances-heading" />
        <DelegateStances delegations={delegations} />
      </section>

      {open && canManage ? (
        <CochairControls
          busy={busy}
          failed={lastIntent === "cancel" ? failed : null}
          cancelled={done?.ok === true && done.intent === "cancel"}
        />
      ) : null}
    </article>
  );
}
