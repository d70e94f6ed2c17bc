import type { GroupMeetings, ReportGroup } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";
import { BAR, BAR_WIDTH, BarChart, LABEL_WIDTH, tenth, textBaseline } from "./chart";

const STATUSES = ["held", "postponed", "cancelled", "planned"] as const;

/**
 * Each group's meetings as one bar, a segment per status (held, postponed, cancelled, planned).
 * The figures are also in the chart's description and in the meetings table.
 */
export function MeetingsChart({ groups, names }: { groups: ReportGroup[]; names: string[] }) {
  const { t, number } = useT();
  const total = (m: GroupMeetings) => STATUSES.reduce((s, k) => s + m[k], 0);
  const top = Math.max(1, ...groups.map((g) => total(g.meetings)));
  const w = (n: number) => tenth((n / top) * BAR_WIDTH);
  const description = groups
    .map((g, i) =>
      t("report.charts.meetingsItem", {
        group: names[i]!,
        held: number(g.meetings.held),
        postponed: number(g.meetings.postponed),
        cancelled: number(g.meetings.cancelled),
        planned: number(g.meetings.planned),
      }),
    )
    .join(" ");
  return (
    <BarChart
      id="chart-meetings"
      title={t("report.charts.meetingsTitle")}
      description={description}
      groups={groups}
      names={names}
      bar={(g, y) => {
        let x = LABEL_WIDTH;
        return (
          <>
            {STATUSES.map((status) => {
              const n = g.meetings[status];
              if (n === 0) return null;
              const segment = (
                <g key={status}>
                  <rect x={tenth(x)} y={y} width={w(n)} height={BAR} className={`bar-${status}`} />
                  {w(n) >= 18 ? (
                    <text
                      x={tenth(x + w(n) / 2)}
                      y={textBaseline(y)}
                      textAnchor="middle"
                      className={`chart-count chart-count--${status}`}
                    >
                      {number(n)}
                    </text>
                  ) : null}
                </g>
              );
              x += w(n);
              return segment;
            })}
            <text x={tenth(x + 6)} y={textBaseline(y)} className="chart-value">
              {t("report.charts.meetingsValue", { count: number(total(g.meetings)) })}
            </text>
          </>
        );
      }}
      legend={STATUSES.map((s) => ({ className: `bar-${s}`, label: t(`report.meetings.${s}`) }))}
    />
  );
}
