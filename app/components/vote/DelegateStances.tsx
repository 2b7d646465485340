import { useLocale, useT } from "~/i18n/use-t";
import type { StanceValue } from "~/modules/votes/tally";

export interface DelegationStances {
  code: string;
  name: string;
  nameEs: string;
  voters: {
    userId: string;
    name: string;
    stance: { value: StanceValue; statement: string } | null;
    changes: number;
  }[];
}

/** Who took which stance, delegation by delegation (each a named region), statements quoted. */
export function DelegateStances({ delegations }: { delegations: DelegationStances[] }) {
  const tr = useT();
  const locale = useLocale();
  return (
    <div className="delegate-stances">
      {delegations.map((d) => {
        const name = locale === "es" ? d.nameEs || d.name : d.name;
        return (
          <section key={d.code} aria-label={name} className="delegation-stances">
            <h3>
              <span className="delegation-code" aria-hidden="true">
                {d.code}
              </span>{" "}
              {name}
            </h3>
            <ul role="list" className="voters">
              {d.voters.map((voter) => (
                <li key={voter.userId}>
                  <span className="voter-name">{voter.name}</span>
                  <span
                    className={`voter-stance${voter.stance ? ` stance-${voter.stance.value.toLowerCase()}` : " stance-none"}`}
                  >
                    {voter.stance ? tr(`votes.stance.${voter.stance.value}`) : tr("votes.noStance")}
                  </span>
                  {voter.changes > 0 ? (
                    <span className="muted small">
                      ({tr("votes.history")}: {voter.changes})
                    </span>
                  ) : null}
                  {voter.stance?.statement ? <q className="statement">{voter.stance.statement}</q> : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
