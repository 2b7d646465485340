import { useT } from "~/i18n/use-t";
import type { StanceValue } from "~/modules/votes/tally";
import { TableScroll } from "~/components/TableScroll";

export interface ChartRow {
  code: string;
  label: string;
  eligible: number;
  counts: Partial<Record<StanceValue, number>>;
  voice?: string;
}

// Colours are paired with the stance name in the legend and the table: colour is never the only signal.
const COLOURS: Record<StanceValue, string> = {
  SUPPORT: "#1d6b34",
  SUPPORT_WITH_RESERVATIONS: "#6a9b2f",
  ABSTAIN: "#8a8f98",
  OBJECT: "#b36b00",
  BLOCK: "#a1241b",
  BREAK_SILENCE: "#a1241b",
  FOR: "#1d6b34",
  AGAINST: "#a1241b",
};

/** Stacked bars per delegation (SVG, hidden from screen readers) with the same numbers as a table. */
export function VoteChart({
  rows,
  stances,
  labelledBy,
}: {
  rows: ChartRow[];
  stances: readonly StanceValue[];
  /** The id of the visible heading that names the chart and its table. */
  labelledBy: string;
}) {
  const tr = useT();
  const width = 560;
  const barHeight = 22;
  const labelWidth = 120;
  const max = Math.max(1, ...rows.map((r) => r.eligible));
  const scale = (width - labelWidth - 10) / max;
  const height = rows.length * (barHeight + 10) + 10;
  return (
    // The section around it carries the one visible title ("Stances by delegation"); figure and table
    // are named by it.
    <figure className="vote-chart" aria-labelledby={labelledBy}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="presentation"
        aria-hidden="true"
        focusable="false"
      >
        {rows.map((row, i) => {
          let x = labelWidth;
          const y = 10 + i * (barHeight + 10);
          return (
            <g key={row.code}>
              <text x={0} y={y + barHeight * 0.7} fontSize="13" fill="#1a1d21">
                {row.code}
              </text>
              <rect
                x={labelWidth}
                y={y}
                width={row.eligible * scale}
                height={barHeight}
                fill="none"
                stroke="#c9ced6"
              />
              {stances.map((stance) => {
                const n = row.counts[stance] ?? 0;
                const rect =
                  n > 0 ? (
                    <rect
                      key={stance}
                      x={x}
                      y={y}
                      width={n * scale}
                      height={barHeight}
                      fill={COLOURS[stance]}
                    />
                  ) : null;
                x += n * scale;
                return rect;
              })}
            </g>
          );
        })}
      </svg>
      <ul className="legend" aria-hidden="true">
        {stances.map((stance) => (
          <li key={stance}>
            <span className="swatch" style={{ backgroundColor: COLOURS[stance] }} />{" "}
            {tr(`votes.stance.${stance}`)}
          </li>
        ))}
      </ul>
      <TableScroll label={tr("votes.chartTitle")}>
        <table aria-labelledby={labelledBy}>
          <thead>
            <tr>
              <th scope="col">{tr("votes.table.delegation")}</th>
              <th scope="col">{tr("votes.table.eligible")}</th>
              {stances.map((stance) => (
                <th key={stance} scope="col">
                  {tr(`votes.stance.${stance}`)}
                </th>
              ))}
              {rows.some((r) => r.voice) ? <th scope="col">{tr("votes.table.voice")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code}>
                <th scope="row">{row.label}</th>
                <td>{row.eligible}</td>
                {stances.map((stance) => (
                  <td key={stance}>{row.counts[stance] ?? 0}</td>
                ))}
                {rows.some((r) => r.voice) ? (
                  <td>
                    {row.voice
                      ? tr(`votes.stance.${row.voice === "ABSTAIN" ? "ABSTAIN" : (row.voice as StanceValue)}`)
                      : "—"}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}
