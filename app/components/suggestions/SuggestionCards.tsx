import { useEffect, useRef } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { t } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import type { PendingSuggestion } from "~/modules/suggestions/list";
import { describeChange } from "~/modules/suggestions/describe-change";
import { mayAskGroup, type AskGroupCardData } from "~/modules/votes/suggestion-vote";
import { Time } from "../Time";
import { AskGroupDialog } from "./AskGroupDialog";
import type { MarginAnchor, MarginCard } from "../margin/DocumentMargin";

export interface SuggestionCardsProps {
  suggestions: PendingSuggestion[];
  actionUrl: string;
  /** May accept and reject (the lead delegation, co-chairs, the secretariat, while the text may change). */
  canDecide: boolean;
  /** May withdraw their own suggestions. */
  canWithdraw: boolean;
  myId: string;
  /** Delegation code → its colour. */
  colours: Record<string, string>;
  sectionTitle: (key: string) => string;
  /** "Ask the group": who may, and the silence procedures under way (absent: not offered). */
  askGroup?: AskGroupCardData & { voteHref: (voteId: string) => string };
}

type OpenProcedure = AskGroupCardData["open"][number];

interface DecisionResult {
  ok: boolean;
  error?: Parameters<typeof t>[1];
  intent?: string;
}

/** Where a suggestion sits in the text: its first marked run, else its section's heading. */
export function suggestionAnchor(suggestion: { id: string; sectionKey: string }): MarginAnchor {
  return (
    document.querySelector(`.editor-content [data-suggestion-id="${CSS.escape(suggestion.id)}"]`) ??
    document.getElementById(`section-${suggestion.sectionKey}`)
  );
}

/** The margin's suggestion cards, beside the words they change: who proposed what, and the decisions. */
export function suggestionMarginCards({
  suggestions,
  actionUrl,
  canDecide,
  canWithdraw,
  myId,
  colours,
  sectionTitle,
  askGroup,
}: SuggestionCardsProps): MarginCard[] {
  return suggestions.map((suggestion) => {
    const procedure = askGroup?.open.find(
      (vote) => vote.suggestionId === suggestion.id && vote.sectionKey === suggestion.sectionKey,
    );
    return {
      key: `suggestion:${suggestion.sectionKey}:${suggestion.id}`,
      active: false,
      anchor: () => suggestionAnchor(suggestion),
      node: (
        <SuggestionCard
          suggestion={suggestion}
          actionUrl={actionUrl}
          canDecide={canDecide}
          canWithdraw={canWithdraw && suggestion.authorId === myId}
          colour={suggestion.delegation ? colours[suggestion.delegation] : undefined}
          sectionTitle={sectionTitle(suggestion.sectionKey)}
          procedure={procedure ? { ...procedure, href: askGroup!.voteHref(procedure.voteId) } : null}
          ask={
            askGroup && mayAskGroup(askGroup, suggestion) ? { minLeadSeconds: askGroup.minLeadSeconds } : null
          }
        />
      ),
    };
  });
}

function SuggestionCard({
  suggestion,
  actionUrl,
  canDecide,
  canWithdraw,
  colour,
  sectionTitle,
  procedure,
  ask,
}: {
  suggestion: PendingSuggestion;
  actionUrl: string;
  canDecide: boolean;
  canWithdraw: boolean;
  colour: string | undefined;
  sectionTitle: string;
  /** The silence procedure deciding it now: nobody decides it by hand meanwhile. */
  procedure: (OpenProcedure & { href: string }) | null;
  ask: { minLeadSeconds: number } | null;
}) {
  const tr = useT();
  const locale = useLocale();
  const fetcher = useFetcher<DecisionResult>();
  const author = suggestion.delegation
    ? `${suggestion.authorName} (${suggestion.delegation})`
    : suggestion.authorName;
  const change = describeChange(
    locale,
    suggestion.inserted,
    suggestion.deleted,
    suggestion.format,
    suggestion.kind === "paragraph",
  );
  const busy = fetcher.state !== "idle";
  // Once the group is asked, the dialog and its button are gone: the focus goes to the procedure's link.
  const asking = useRef(false);
  const procedureLink = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (procedure && asking.current) {
      asking.current = false;
      procedureLink.current?.focus();
    }
  }, [procedure]);
  const button = (intent: "accept" | "reject" | "withdraw", label: string, aria: string, primary = false) => (
    <button
      type="submit"
      name="intent"
      value={intent}
      className={primary ? "small" : "secondary small"}
      aria-label={aria}
      disabled={busy}
    >
      {label}
    </button>
  );
  return (
    <div
      className="suggestion-card"
      data-suggestion-card={suggestion.id}
      style={colour ? { borderInlineStartColor: colour } : undefined}
    >
      <p className="suggestion-card-author">
        <strong>{author}</strong> · <Time value={suggestion.createdAt} relative />
      </p>
      <p className={`suggestion-card-change suggestion-card-${suggestion.kind}`}>{change}</p>
      <p className="suggestion-card-section muted">{tr("suggestions.section", { section: sectionTitle })}</p>
      {procedure ? (
        <p className="suggestion-card-silence">
          {tr("askGroup.silence")} <Time value={procedure.deadline} /> ·{" "}
          {procedure.statements === 1
            ? tr("askGroup.statements.one")
            : tr("askGroup.statements.other", { count: procedure.statements })}{" "}
          ·{" "}
          <Link ref={procedureLink} to={procedure.href} aria-label={tr("askGroup.link.label", { change })}>
            {tr("askGroup.link")}
          </Link>
        </p>
      ) : null}
      {!procedure && (canDecide || canWithdraw || ask) ? (
        // The dialog's form is not inside the decision form: React carries a submit through a portal.
        <div className="suggestion-card-actions">
          {canDecide || canWithdraw ? (
            <fetcher.Form method="post" action={actionUrl} className="suggestion-card-decisions">
              <input type="hidden" name="sectionKey" value={suggestion.sectionKey} />
              <input type="hidden" name="suggestionId" value={suggestion.id} />
              {canDecide
                ? button(
                    "accept",
                    tr("suggestions.accept"),
                    tr("suggestions.accept.label", { author, change }),
                    true,
                  )
                : null}
              {canDecide
                ? button(
                    "reject",
                    tr("suggestions.reject"),
                    tr("suggestions.reject.label", { author, change }),
                  )
                : null}
              {canWithdraw
                ? button("withdraw", tr("suggestions.withdraw"), tr("suggestions.withdraw.label", { change }))
                : null}
            </fetcher.Form>
          ) : null}
          {ask ? (
            <AskGroupDialog
              actionUrl={actionUrl}
              sectionKey={suggestion.sectionKey}
              suggestionId={suggestion.id}
              label={tr("askGroup.open.label", { author, change })}
              minLeadSeconds={ask.minLeadSeconds}
              onAsking={(value) => {
                asking.current = value;
              }}
            />
          ) : null}
        </div>
      ) : null}
      {fetcher.data && !fetcher.data.ok && fetcher.data.error ? (
        <p role="alert" className="error">
          {t(locale, fetcher.data.error)}
        </p>
      ) : null}
    </div>
  );
}
