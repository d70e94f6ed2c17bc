/**
 * Meeting series in Quebec time (pure): each meeting is at the same wall-clock time in Quebec on
 * either side of a daylight-saving change, so "every 3 weeks at 13 h 30" stays at 13 h 30 all
 * winter and spring. The conversions are core/utils/quebec-time.ts's.
 */
import { addDays, quebecInstant } from "../utils/quebec-time";

export interface SeriesInput {
  /** First meeting's local date. */
  firstDate: string;
  /** Local wall-clock time, "HH:MM". */
  time: string;
  everyWeeks: number;
  durationMinutes: number;
  /** No meeting after this local date. */
  until: string;
}

export function generateSeries(
  input: SeriesInput,
): Array<{ startsAt: string; endsAt: string; localDate: string }> {
  const out: Array<{ startsAt: string; endsAt: string; localDate: string }> = [];
  for (
    let date = input.firstDate;
    date <= input.until && out.length < 60;
    date = addDays(date, input.everyWeeks * 7)
  ) {
    const start = quebecInstant(date, input.time);
    out.push({
      localDate: date,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + input.durationMinutes * 60_000).toISOString(),
    });
  }
  return out;
}
