import { useEffect, useRef } from "react";
import { Form } from "@remix-run/react";
import { t, type MessageKey } from "~/i18n/messages";
import { useLocale, useT } from "~/i18n/use-t";
import { STATEMENT_REQUIRED, type StanceValue } from "~/modules/votes/tally";

export interface StanceFailure {
  error: MessageKey;
  params?: Record<string, string | number>;
  fieldErrors?: Record<string, MessageKey | undefined>;
  values?: Record<string, string>;
}

/**
 * The delegate's stance: each choice with a one-line explanation, the statement, and any refusal shown
 * at the field it is about, which gets the focus (where the person is, not at the top of the page).
 */
export function StanceForm({
  stances,
  textHash,
  myStance,
  failed,
  recorded,
  busy,
  onSuggestion = false,
}: {
  stances: readonly StanceValue[];
  textHash: string;
  myStance: { value: StanceValue; statement: string } | null;
  failed: StanceFailure | null;
  recorded: boolean;
  busy: boolean;
  /** A silence procedure on one suggestion: breaking silence rejects the suggestion, not a text. */
  onSuggestion?: boolean;
}) {
  const tr = useT();
  const locale = useLocale();
  const statement = useRef<HTMLTextAreaElement>(null);
  const choices = useRef<HTMLFieldSetElement>(null);
  const values = failed?.values ?? {};
  const statementError = failed?.fieldErrors?.statement;
  const valueError = failed && !statementError ? failed.error : undefined;

  useEffect(() => {
    if (!failed) return;
    if (statementError) statement.current?.focus();
    else choices.current?.querySelector<HTMLInputElement>("input:checked, input")?.focus();
  }, [failed, statementError]);

  return (
    <section className="panel stance-panel" aria-labelledby="my-stance-heading">
      <h2 id="my-stance-heading">{tr("votes.yourStance")}</h2>
      {myStance ? (
        <p className="muted">{tr("votes.yourCurrent", { stance: tr(`votes.stance.${myStance.value}`) })}</p>
      ) : null}
      <Form method="post" className="stack" noValidate={false}>
        <input type="hidden" name="intent" value="stance" />
        <input type="hidden" name="textHash" value={textHash} />
        <fieldset
          ref={choices}
          className="stance-choices"
          aria-invalid={valueError ? true : undefined}
          aria-describedby={valueError ? "stance-value-error" : undefined}
        >
          <legend>{tr("votes.yourStance")}</legend>
          {stances.map((stance) => (
            // The explanation is outside the label: the radio's name stays "Block", it is described by the rest.
            <div key={stance} className="stance-choice">
              <input
                type="radio"
                id={`stance-${stance}`}
                name="value"
                value={stance}
                required
                defaultChecked={(values.value ?? myStance?.value) === stance}
                aria-describedby={`stance-explain-${stance}`}
              />
              <div className="stance-choice-text">
                <label htmlFor={`stance-${stance}`} className="stance-choice-name">
                  {tr(`votes.stance.${stance}`)}
                  {STATEMENT_REQUIRED.has(stance) ? <span aria-hidden="true"> *</span> : null}
                </label>
                <span id={`stance-explain-${stance}`} className="stance-explain">
                  {onSuggestion && stance === "BREAK_SILENCE"
                    ? tr("vote.stance.explain.BREAK_SILENCE.suggestion")
                    : tr(`vote.stance.explain.${stance}`)}
                </span>
              </div>
            </div>
          ))}
          {valueError ? (
            <p id="stance-value-error" role="alert" className="error field-error">
              {t(locale, valueError, failed?.params)}
            </p>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor="stance-statement">{tr("votes.statement")}</label>
          <textarea
            ref={statement}
            id="stance-statement"
            name="statement"
            rows={4}
            maxLength={4000}
            defaultValue={values.statement ?? myStance?.statement ?? ""}
            aria-describedby={
              statementError ? "stance-statement-error stance-statement-help" : "stance-statement-help"
            }
            aria-invalid={statementError ? true : undefined}
          />
          {statementError ? (
            <p id="stance-statement-error" role="alert" className="error field-error">
              {t(locale, statementError)}
            </p>
          ) : null}
          <p id="stance-statement-help" className="muted small">
            <span aria-hidden="true">* </span>
            {tr("votes.statementHelp")}
          </p>
        </div>
        <div className="stance-submit">
          <button type="submit" disabled={busy}>
            {myStance ? tr("votes.changeStance") : tr("votes.submitStance")}
          </button>
          <span aria-live="polite">
            {recorded ? <span className="success-inline">{tr("votes.stanceRecorded")}</span> : null}
          </span>
        </div>
      </Form>
    </section>
  );
}
