/**
 * What the report's bar charts share: one bar per group, the group's name on the left, the value on
 * the right, and a legend. Long names are shortened inside the chart; the table and the chart's
 * description have them whole.
 */
import type { ReactNode } from "react";
export const CHART_WIDTH = 640;
export const LABEL_WIDTH = 150;
const VALUE_WIDTH = 110;
/** The room for the bars themselves. */
export const BAR_WIDTH = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
const ROW = 34;
export const BAR = 20;

/** The chart's height for this many groups. */
export const chartHeight = (rows: number) => rows * ROW + 12;
/** The top of a group's bar. */
export const rowTop = (index: number) => 6 + index * ROW;
/** The baseline of a text beside or inside a bar. */
export const textBaseline = (top: number) => top + BAR / 2 + 4;

/** Chart coordinates to a tenth of a unit: finer is invisible and only makes the page longer. */
export const tenth = (x: number) => Math.round(x * 10) / 10;

/** Long labels are shortened inside the chart; the table and the description have them whole. */
const short = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

/** A group's name to the left of its bar. */
export function BarLabel({ top, name }: { top: number; name: string }) {
  return (
    <text x={LABEL_WIDTH - 8} y={textBaseline(top)} textAnchor="end" className="chart-label">
      {short(name)}
    </text>
  );
}

export function Legend({ items }: { items: Array<{ className: string; label: string }> }) {
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.className}>
          <span className={`chart-swatch ${item.className}`} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * A bar chart of the report: a figure with its title and description (read by screen readers), one
 * row per group with its name on the left, what `bar` draws for that group from the row's top, and
 * the legend.
 */
export function BarChart<G extends { id: string }>({
  id,
  title,
  description,
  groups,
  names,
  bar,
  legend,
}: {
  id: string;
  title: string;
  description: string;
  groups: readonly G[];
  names: readonly string[];
  bar: (group: G, top: number) => ReactNode;
  legend: Array<{ className: string; label: string }>;
}) {
  return (
    <figure className="report-chart">
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${chartHeight(groups.length)}`}
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {groups.map((g, i) => (
          <g key={g.id}>
            <BarLabel top={rowTop(i)} name={names[i]!} />
            {bar(g, rowTop(i))}
          </g>
        ))}
      </svg>
      <Legend items={legend} />
    </figure>
  );
}
