/**
 * The rhythm of a group's meetings (ADR 0027), pure functions of the meetings and the program:
 * - spacing: a meeting further from the previous one than the program's cadence
 *   (`cadenceWeeksMin`–`cadenceWeeksMax` weeks, 2–4 by default) is flagged, gently: the members
 *   may have their reasons, nothing is refused;
 * - the end of the program for a group (its last meeting held, or the program's mentoring end
 *   reached), from which continuing is offered: 1–2 follow-up meetings a year, outside the
 *   cadence and the hour bank.
 */
import { addDays, quebecDate, quebecToday } from "../utils/quebec-time";

export interface RhythmMeeting {
  id: string;
  startsAt: string;
  status: "planned" | "held" | "postponed" | "cancelled";
  followUp: boolean;
}

export interface SpacingFlag {
  /** Nearer to the previous meeting than the cadence's minimum, or further than its maximum. */
  kind: "too-close" | "too-far";
  /** Days since the previous meeting (Quebec calendar days). */
  days: number;
}

export const FOLLOW_UPS_PER_YEAR = 2;

const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** The program's meetings that set its rhythm: planned or held, follow-ups aside, in order. */
function rhythmOf<M extends RhythmMeeting>(meetings: readonly M[]): M[] {
  return meetings
    .filter((m) => !m.followUp && (m.status === "planned" || m.status === "held"))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * Each meeting whose distance from the previous one (planned or held) is outside the cadence,
 * by id. Postponed and cancelled meetings do not count: the next meeting is measured from the
 * last one that takes place.
 */
export function spacingFlags(
  meetings: readonly RhythmMeeting[],
  cadence: { cadenceWeeksMin: number; cadenceWeeksMax: number },
): Map<string, SpacingFlag> {
  const flags = new Map<string, SpacingFlag>();
  const ordered = rhythmOf(meetings);
  for (let i = 1; i < ordered.length; i++) {
    const days =
      dayNumber(quebecDate(ordered[i]!.startsAt)) - dayNumber(quebecDate(ordered[i - 1]!.startsAt));
    if (days < cadence.cadenceWeeksMin * 7) flags.set(ordered[i]!.id, { kind: "too-close", days });
    else if (days > cadence.cadenceWeeksMax * 7)
      flags.set(ordered[i]!.id, { kind: "too-far", days });
  }
  return flags;
}

/**
 * The day the program ended for the group, if it has: the mentoring end once reached, or earlier
 * the day of its last meeting once that meeting is held and nothing is planned or postponed.
 */
export function programEndFor(
  meetings: readonly RhythmMeeting[],
  mentoringEnd: string,
  now: Date,
): string | undefined {
  const today = quebecToday(now);
  const program = meetings
    .filter((m) => !m.followUp && m.status !== "cancelled")
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const last = program.at(-1);
  if (last && last.status === "held" && program.every((m) => m.status === "held")) {
    const day = quebecDate(last.startsAt);
    return day < mentoringEnd ? day : mentoringEnd;
  }
  return today >= mentoringEnd ? mentoringEnd : undefined;
}

/**
 * Which year after the program's end a day falls in (0: the first twelve months). A day before
 * the end counts in the first year.
 */
export function followUpYear(end: string, date: string): number {
  // Calendar years from the end's day (leap years included): "2027-06-11" → "2028-06-10" is 0.
  const years = Number(date.slice(0, 4)) - Number(end.slice(0, 4));
  return Math.max(0, date.slice(5) < end.slice(5) ? years - 1 : years);
}

/** How many follow-ups (not cancelled) the year of `date` already has. */
export function followUpsInYear(meetings: readonly RhythmMeeting[], end: string, date: string) {
  const year = followUpYear(end, date);
  return meetings.filter(
    (m) =>
      m.followUp && m.status !== "cancelled" && followUpYear(end, quebecDate(m.startsAt)) === year,
  ).length;
}

/** The first day a follow-up may be planned on: the day after the end, and not before tomorrow. */
export function firstFollowUpDay(end: string, now: Date): string {
  const tomorrow = addDays(quebecToday(now), 1);
  const after = addDays(end, 1);
  return after > tomorrow ? after : tomorrow;
}

/**
 * The group's next meeting: the earliest planned one that has not ended yet (one under way is
 * still "next"); postponed and cancelled meetings are not. Undefined when none is planned.
 */
export function nextMeeting<M extends { startsAt: string; endsAt: string; status: string }>(
  meetings: readonly M[],
  now: Date,
): M | undefined {
  const at = now.toISOString();
  return meetings
    .filter((m) => m.status === "planned" && m.endsAt > at)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
}
