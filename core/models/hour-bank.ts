/**
 * Hour-bank arithmetic (pure): what a group used, what remains, its use over time, and the two
 * warnings the pilot taught — the bank is nearly empty, or the period ends with many hours left
 * (one pilot group still had 7 of its 20 hours at the final evaluation).
 */
export type HourKind = "meeting" | "preparation" | "communication" | "follow-up";
export const HOUR_KINDS: readonly HourKind[] = [
  "meeting",
  "preparation",
  "communication",
  "follow-up",
];

export interface HourLine {
  kind: HourKind;
  hours: number;
  date: string;
  /** Lines of one meeting or session, one per person present: the meeting's time counts once. */
  meetingId?: string;
  codevSessionId?: string;
}

/**
 * The lines that count against the bank: the bank measures the group's time, so a two-hour meeting
 * uses two hours whoever attended; work outside meetings counts for each member who logged it.
 */
export function countedLines(lines: readonly HourLine[]): HourLine[] {
  const seen = new Map<string, HourLine>();
  const out: HourLine[] = [];
  for (const line of lines) {
    const key = line.meetingId ?? line.codevSessionId;
    if (!key) {
      out.push(line);
      continue;
    }
    const before = seen.get(key);
    if (!before) {
      seen.set(key, line);
      out.push(line);
    } else if (line.hours > before.hours) {
      out[out.indexOf(before)] = line;
      seen.set(key, line);
    }
  }
  return out;
}

export interface HourBankSummary {
  bank: number;
  used: number;
  remaining: number;
  byKind: Record<HourKind, number>;
  /** Share of the hours spent outside meetings (about half in the pilot). */
  outsideMeetingsShare: number;
  /** Cumulative use at the end of each month of the period, for the chart. */
  byMonth: Array<{ month: string; cumulative: number }>;
  warnings: Array<"nearly-empty" | "overdrawn" | "many-left-at-end">;
}

/** Below this share of the bank left, a warning. */
export const NEARLY_EMPTY_SHARE = 0.15;
/** Within this many days of the end, with at least this share left, a warning. */
export const END_SOON_DAYS = 30;
export const MANY_LEFT_SHARE = 0.25;

const round = (x: number) => Math.round(x * 100) / 100;

function months(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, m] = start.slice(0, 7).split("-").map(Number) as [number, number];
  const [ey, em] = end.slice(0, 7).split("-").map(Number) as [number, number];
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export function summarize(
  lines: readonly HourLine[],
  bank: number,
  period: { start: string; end: string },
  today: string,
): HourBankSummary {
  const byKind: Record<HourKind, number> = {
    meeting: 0,
    preparation: 0,
    communication: 0,
    "follow-up": 0,
  };
  const counted = countedLines(lines);
  for (const line of counted) byKind[line.kind] += line.hours;
  const used = round(HOUR_KINDS.reduce((sum, k) => sum + byKind[k], 0));
  const remaining = round(bank - used);
  const outside = used === 0 ? 0 : (used - byKind.meeting) / used;
  const sorted = [...counted].sort((a, b) => a.date.localeCompare(b.date));
  const byMonth = months(period.start, period.end).map((month) => ({
    month,
    cumulative: round(
      sorted.filter((l) => l.date.slice(0, 7) <= month).reduce((s, l) => s + l.hours, 0),
    ),
  }));
  const warnings: HourBankSummary["warnings"] = [];
  if (remaining < 0) warnings.push("overdrawn");
  else if (remaining <= bank * NEARLY_EMPTY_SHARE) warnings.push("nearly-empty");
  const daysLeft =
    (Date.parse(`${period.end}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`)) / 86_400_000;
  if (daysLeft >= 0 && daysLeft <= END_SOON_DAYS && remaining >= bank * MANY_LEFT_SHARE) {
    warnings.push("many-left-at-end");
  }
  return {
    bank,
    used,
    remaining,
    byKind: Object.fromEntries(HOUR_KINDS.map((k) => [k, round(byKind[k])])) as Record<
      HourKind,
      number
    >,
    outsideMeetingsShare: round(outside),
    byMonth,
    warnings,
  };
}
