import { useT } from "~/utils/i18n-react";

/**
 * Cumulative hours by month against the bank, as a small inline SVG (no chart library for one
 * line). The numbers are also in a table for screen readers.
 */
export function HourChart({
  byMonth,
  bank,
}: {
  /** `null` for a month still to come: on the axis, without a point. */
  byMonth: Array<{ month: string; cumulative: number | null }>;
  bank: number;
}) {
  const { t, date, number } = useT();
  const width = 480;
  const height = 160;
  const pad = 28;
  const top = Math.max(bank, ...byMonth.map((m) => m.cumulative ?? 0), 1);
  const x = (i: number) =>
    pad + (byMonth.length <= 1 ? 0 : (i * (width - 2 * pad)) / (byMonth.length - 1));
  const y = (v: number) => height - pad - (v / top) * (height - 2 * pad);
  const points = byMonth
    .flatMap((m, i) => (m.cumulative === null ? [] : [`${x(i)},${y(m.cumulative)}`]))
    .join(" ");
  const label = (month: string) => date(`${month}-15`, { month: "short" });
  return (
    <figure className="hour-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="hour-chart-title">
        <title id="hour-chart-title">{t("hours.chartTitle")}</title>
        <line x1={pad} x2={width - pad} y1={y(bank)} y2={y(bank)} className="bank-line" />
        <text x={width - pad} y={y(bank) - 4} textAnchor="end" className="chart-label">
          {t("hours.bankLine", { hours: number(bank) })}
        </text>
        <polyline points={points} className="use-line" />
        {byMonth.map((m, i) => (
          <g key={m.month}>
            {m.cumulative === null ? null : (
              <circle cx={x(i)} cy={y(m.cumulative)} r={3} className="use-point" />
            )}
            <text x={x(i)} y={height - 8} textAnchor="middle" className="chart-label">
              {label(m.month)}
            </text>
          </g>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>{t("hours.chartTitle")}</caption>
        <tbody>
          {byMonth.map((m) =>
            m.cumulative === null ? null : (
              <tr key={m.month}>
                <th scope="row">{label(m.month)}</th>
                <td>{number(m.cumulative)} h</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </figure>
  );
}
