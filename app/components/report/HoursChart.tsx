import type { ReportGroup } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";
import { BAR, BAR_WIDTH, BarChart, LABEL_WIDTH, tenth, textBaseline } from "./chart";

/**
 * Each group's hour bank as one bar: hours used, hours remaining, and hours over the bank. The
 * figures are also in the chart's description and in the hours table.
 */
export function HoursChart({ groups, names }: { groups: ReportGroup[]; names: string[] }) {
  const { t, number } = useT();
  const top = Math.max(1, ...groups.map((g) => Math.max(g.hours.bank, g.hours.used)));
  const w = (h: number) => tenth((Math.max(0, h) / top) * BAR_WIDTH);
  const description = groups
    .map((g, i) =>
      t("report.charts.hoursItem", {
        group: names[i]!,
        used: number(g.hours.used),
        remaining: number(g.hours.remaining),
        bank: number(g.hours.bank),
      }),
    )
    .join(" ");
  return (
    <BarChart
      id="chart-hours"
      title={t("report.charts.hoursTitle")}
      description={description}
      groups={groups}
      names={names}
      bar={(g, y) => {
        const used = Math.min(g.hours.used, g.hours.bank);
        const over = Math.max(0, g.hours.used - g.hours.bank);
        return (
          <>
            <rect x={LABEL_WIDTH} y={y} width={w(used)} height={BAR} className="bar-used" />
            <rect
              x={tenth(LABEL_WIDTH + w(used))}
              y={y}
              width={w(g.hours.remaining)}
              height={BAR}
              className="bar-remaining"
            />
            {over > 0 ? (
              <rect
                x={tenth(LABEL_WIDTH + w(used))}
                y={y}
                width={w(over)}
                height={BAR}
                className="bar-over"
              />
            ) : null}
            <text
              x={tenth(LABEL_WIDTH + w(Math.max(g.hours.bank, g.hours.used)) + 6)}
              y={textBaseline(y)}
              className="chart-value"
            >
              {t("report.charts.hoursValue", {
                used: number(g.hours.used),
                bank: number(g.hours.bank),
              })}
            </text>
          </>
        );
      }}
      legend={[
        { className: "bar-used", label: t("report.hours.used") },
        { className: "bar-remaining", label: t("report.hours.remaining") },
        ...(groups.some((g) => g.hours.used > g.hours.bank)
          ? [{ className: "bar-over", label: t("report.charts.overdrawn") }]
          : []),
      ]}
    />
  );
}
