import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { requireGroupAccess } from "~/modules/groups/access.server";
import { notFound } from "~/modules/groups/memberships.server";
import { frozenSections } from "~/modules/translations/translations.server";
import { can } from "~/modules/policy/policy";
import { requirePermission } from "~/modules/policy/require.server";
import { cancelVoteSchema, castStanceSchema } from "~/modules/votes/rules";
import { STANCES_BY_KIND, STATEMENT_REQUIRED, currentStances, type StanceValue } from "~/modules/votes/tally";
import { cancelVote, castStance, closeVote } from "~/modules/votes/votes.server";
import { getVotePage } from "~/modules/votes/vote-queries.server";
import { failure, handleUserErrors } from "~/modules/action-result.server";
import { parseForm } from "~/modules/validation";
import { FrozenText } from "~/components/FrozenText";
import { Countdown } from "~/components/Countdown";
import { VoteChart, type ChartRow } from "~/components/VoteChart";
import { usePaperEvents } from "~/components/use-paper-events";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";

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
  const { group, actor, user, vote } = await requireVote(request, params);
  const frozen = frozenSections(vote.version.state, vote.paper.sections, vote.paper.originalLanguage);
  const titles = new Map(vote.paper.sections.map((s) => [s.key, s.title]));
  const current = new Map(currentStances(vote.stances).map((s) => [s.userId, s]));
  const delegations = new Map<
    string,
    {
      code: string;
      name: string;
      nameEs: string;
      position: number;
      voters: {
        userId: string;
        name: string;
        stance: { value: StanceValue; statement: string } | null;
        changes: number;
      }[];
    }
  >();
  for (const voter of vote.eligibleVoters) {
    const d = voter.delegation ?? { code: "—", name: "—", nameEs: "—", colour: "#4a4f57", position: 99 };
    if (!delegations.has(d.code))
      delegations.set(d.code, {
        code: d.code,
        name: d.name,
        nameEs: d.nameEs,
        position: d.position,
        voters: [],
      });
    const stance = current.get(voter.userId);
    delegations.get(d.code)!.voters.push({
      userId: voter.userId,
      name: voter.name,
      stance: stance ? { value: stance.value, statement: stance.statement } : null,
      changes: vote.stances.filter((s) => s.userId === voter.userId).length - 1,
    });
  }
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
      versionNumber: vote.version.number,
      outcome: vote.outcome,
      translationOutOfDate: vote.translationOutOfDate
        ? {
            language: frozen.language,
            sections: vote.translationOutOfDateSections.map((key) => titles.get(key) ?? key),
          }
        : null,
    },
    frozen,
    delegations: [...delegations.values()].sort((a, b) => a.position - b.position),
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
  const form = await request.formData();
  const intent = form.get("intent");
  return handleUserErrors(async () => {
    if (intent === "stance") {
      requirePermission(actor, "vote.cast");
      const parsed = parseForm(castStanceSchema, form);
      if (!parsed.ok)
        return failure(400, {
          error: Object.values(parsed.fieldErrors)[0] ?? "errors.invalidInput",
          fieldErrors: parsed.fieldErrors,
          values: parsed.values,
        });
      await castStance(actor, group.id, vote.id, parsed.data);
      return { ok: true as const, intent: "stance" as const };
    }
    if (intent === "close") {
      requirePermission(actor, "vote.manage");
      if (!(await closeVote(vote.id, actor.userId))) return failure(409, { error: "votes.closed" });
      return { ok: true as const, intent: "close" as const };
    }
    if (intent === "cancel") {
      requirePermission(actor, "vote.manage");
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

export default function VotePage() {
  const data = useLoaderData<typeof loader>();
  const { group, vote, frozen, delegations, myStance, canVote, eligible, canManage } = data;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const tr = useT();
  const locale = useLocale();
  usePaperEvents(`/g/${group.slug}/papers/${vote.paper.id}/events`, (event) => {
    if (event.type === "vote" && event.voteId === vote.id) revalidator.revalidate();
  });
  const stances = STANCES_BY_KIND[vote.kind];
  const open = vote.status === "OPEN";
  const failed = result && !result.ok ? result : null;
  const values = failed?.values ?? {};
  const outcome = vote.outcome;
  const perDelegation = (outcome?.perDelegation ?? {}) as Record<
    string,
    { eligible: number; counts: Partial<Record<StanceValue, number>>; voice?: string }
  >;
  const fmt = (d: string | Date) =>
    new Date(d).toLocaleString(locale === "es" ? "es-MX" : "en-US", {
      dateStyle: "long",
      timeStyle: "short",
    });
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

  return (
    <article className="vote-page">
      <p>
        <Link to={`/g/${group.slug}/papers/${vote.paper.id}`}>{tr("versions.back")}</Link>
      </p>
      <h1>{tr("votes.title", { title: vote.paper.title })}</h1>
      <p className="paper-meta">
        <span className={`status vote-status-${vote.status.toLowerCase()}`}>
          {tr(`votes.status.${vote.status}`)}
        </span>
        <span>{tr(`votes.kind.${vote.kind}`)}</span>
        {open ? (
          <Countdown deadline={String(vote.deadline)} onExpired={() => revalidator.revalidate()} />
        ) : null}
      </p>

      <div aria-live="polite">
        {failed ? (
          <p role="alert" className="error">
            {t(locale, failed.error, failed.params)}
          </p>
        ) : null}
        {result?.ok && result.intent === "stance" ? (
          <p className="success">{tr("votes.stanceRecorded")}</p>
        ) : null}
      </div>

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

      <section className="panel" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{tr("votes.rules")}</h2>
        <ul>
          <li>{tr("votes.rule.kind", { kind: tr(`votes.kind.${vote.kind}`) })}</li>
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
      </section>

      {vote.status === "CANCELLED" ? (
        <p className="notice">{tr("votes.cancelled", { reason: vote.cancelReason ?? "" })}</p>
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

      <section className="panel" aria-labelledby="stances-heading">
        <h2 id="stances-heading">{tr("votes.stances")}</h2>
        <VoteChart rows={rows} stances={stances} />
        {delegations.map((d) => (
          <section
            key={d.code}
            aria-label={locale === "es" ? d.nameEs || d.name : d.name}
            className="delegation-stances"
          >
            <h3>{locale === "es" ? d.nameEs || d.name : d.name}</h3>
            <ul role="list" className="people">
              {d.voters.map((voter) => (
                <li key={voter.userId}>
                  <span>{voter.name}</span>
                  <span className="role">
                    {voter.stance ? tr(`votes.stance.${voter.stance.value}`) : tr("votes.noStance")}
                  </span>
                  {voter.stance?.statement ? <q className="statement">{voter.stance.statement}</q> : null}
                  {voter.changes > 0 ? (
                    <span className="muted small">
                      ({tr("votes.history")}: {voter.changes})
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>

      {open && canVote && eligible ? (
        <section className="panel" aria-labelledby="my-stance-heading">
          <h2 id="my-stance-heading">{tr("votes.yourStance")}</h2>
          {myStance ? (
            <p>{tr("votes.yourCurrent", { stance: tr(`votes.stance.${myStance.value}`) })}</p>
          ) : null}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="stance" />
            <input type="hidden" name="textHash" value={vote.textHash} />
            <fieldset className="stack">
              <legend>{tr("votes.yourStance")}</legend>
              {stances.map((stance) => (
                <label key={stance} className="choice">
                  <input
                    type="radio"
                    name="value"
                    value={stance}
                    required
                    defaultChecked={(values.value ?? myStance?.value) === stance}
                  />
                  <span>
                    {tr(`votes.stance.${stance}`)}
                    {STATEMENT_REQUIRED.has(stance) ? <span aria-hidden="true"> *</span> : null}
                  </span>
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="stance-statement">{tr("votes.statement")}</label>
              <textarea
                id="stance-statement"
                name="statement"
                rows={4}
                maxLength={4000}
                defaultValue={values.statement ?? myStance?.statement ?? ""}
                aria-describedby="stance-statement-help"
                aria-invalid={failed?.error === "votes.statementRequired" ? true : undefined}
              />
              <p id="stance-statement-help" className="muted small">
                <span aria-hidden="true">* </span>
                {tr("votes.statementHelp")}
              </p>
            </div>
            <div>
              <button type="submit" disabled={navigation.state === "submitting"}>
                {myStance ? tr("votes.changeStance") : tr("votes.submitStance")}
              </button>
            </div>
          </Form>
        </section>
      ) : open && !canVote ? (
        <p className="notice">{tr("votes.cannotVote")}</p>
      ) : open && !eligible ? (
        <p className="notice">{tr("votes.notEligible")}</p>
      ) : null}

      {open && canManage ? (
        <section className="panel" aria-label={tr("votes.closeNow")}>
          <Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm(tr("votes.closeConfirm"))) event.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="close" />
            <button type="submit" disabled={navigation.state === "submitting"}>
              {tr("votes.closeNow")}
            </button>
          </Form>
          <Form method="post" className="stack cancel-form">
            <input type="hidden" name="intent" value="cancel" />
            <div className="field">
              <label htmlFor="cancel-reason">{tr("votes.cancelReason")}</label>
              <input id="cancel-reason" name="reason" maxLength={1000} defaultValue={values.reason ?? ""} />
            </div>
            <div>
              <button type="submit" className="danger" disabled={navigation.state === "submitting"}>
                {tr("votes.cancel")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="text-heading">
        <h2 id="text-heading">{tr("votes.frozenText")}</h2>
        <p className="muted">
          {tr("votes.frozenTextHelp", { number: vote.versionNumber })}{" "}
          <span className="hash">{vote.textHash}</span>
        </p>
        <FrozenText
          sections={frozen.sections}
          carried={frozen.carried}
          language={frozen.language}
          idPrefix="frozen"
        />
      </section>
    </article>
  );
}
