/**
 * Quebec time (America/Toronto), whatever the process's `TZ`: every date and time a person enters
 * or reads goes through here (ADR 0015). Instants are stored in UTC (ISO strings ending in "Z");
 * dates are Quebec calendar dates ("2027-01-14"), times Quebec wall-clock times ("13:30").
 *
 * The zone rules come from @date-fns/tz (TZDate), never from the server's zone. A wall-clock time
 * that does not exist (02:30 on the March change) moves forward by the gap (03:30 EDT); one that
 * happens twice (01:30 on the November change) is the first one (EDT), as RFC 5545 reads them
 * (and Temporal's "compatible" disambiguation).
 *
 * Pure: used by the server and the browser alike.
 */
import { TZDate } from "@date-fns/tz";

export const QUEBEC_TIME_ZONE = "America/Toronto";

/** An instant: an ISO string with its zone ("…Z" or "…-05:00"), milliseconds, or a Date. */
export type Instant = string | number | Date;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const pad = (n: number) => String(n).padStart(2, "0");

function milliseconds(instant: Instant): number {
  if (typeof instant === "string") {
    // A string without its zone would be read in the process's zone: refused, it is a bug.
    if (!ZONED_ISO.test(instant)) throw new RangeError(`Not an instant with a zone: ${instant}`);
    return Date.parse(instant);
  }
  return typeof instant === "number" ? instant : instant.getTime();
}

function inQuebec(instant: Instant): TZDate {
  const ms = milliseconds(instant);
  if (Number.isNaN(ms)) throw new RangeError("Invalid instant");
  return new TZDate(ms, QUEBEC_TIME_ZONE);
}

function dateParts(date: string): [number, number, number] | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // A calendar date that exists: 2027-02-30 does not.
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    return undefined;
  return [y, m, d];
}

/** True for a calendar date that exists, written "YYYY-MM-DD". */
export function isCalendarDate(date: string): boolean {
  return dateParts(date) !== undefined;
}

/** True for a wall-clock time written "HH:MM" (00:00 to 23:59). */
export function isWallTime(time: string): boolean {
  return TIME.test(time);
}

/** The UTC instant of a Quebec date and wall-clock time ("2027-01-14", "13:30" → 18:30Z). */
export function quebecInstant(date: string, time: string): Date {
  const parts = dateParts(date);
  const clock = TIME.exec(time);
  if (!parts || !clock) throw new RangeError(`Not a Quebec date and time: ${date} ${time}`);
  const [y, m, d] = parts;
  const ms = new TZDate(
    y,
    m - 1,
    d,
    Number(clock[1]),
    Number(clock[2]),
    QUEBEC_TIME_ZONE,
  ).getTime();
  // In the hour repeated in November, TZDate (built through the process's Date) answers the first
  // or the second occurrence depending on the process's zone: the first one is the rule.
  const earlier = ms - 3_600_000;
  const wall = quebecDateTime(earlier);
  return new Date(wall.date === date && wall.time === time ? earlier : ms);
}

/** The Quebec date and wall-clock time of an instant: { date: "2027-01-14", time: "13:30" }. */
export function quebecDateTime(instant: Instant): { date: string; time: string } {
  const d = inQuebec(instant);
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/** The Quebec calendar date of an instant. */
export function quebecDate(instant: Instant): string {
  return quebecDateTime(instant).date;
}

/** Today in Quebec ("2027-01-14"): after 19:00 in winter it is not yet UTC's tomorrow. */
export function quebecToday(now: Instant = Date.now()): string {
  return quebecDate(now);
}

/** The value of an <input type="datetime-local"> showing an instant in Quebec time. */
export function toDateTimeLocal(instant: Instant): string {
  const { date, time } = quebecDateTime(instant);
  return `${date}T${time}`;
}

/** An <input type="datetime-local"> value ("2027-01-14T13:30", Quebec time) as an instant. */
export function fromDateTimeLocal(value: string): Date | undefined {
  const [date = "", time = "", ...rest] = value.split("T");
  if (rest.length || !isCalendarDate(date) || !isWallTime(time)) return undefined;
  return quebecInstant(date, time);
}

/** The day of the week of a calendar date, 0 = Sunday (the date is a Quebec date). */
export function weekdayOf(date: string): number {
  const parts = dateParts(date);
  if (!parts) throw new RangeError(`Not a date: ${date}`);
  return new Date(Date.UTC(parts[0], parts[1] - 1, parts[2])).getUTCDay();
}

/** A calendar date `days` later (or earlier): "2027-03-06" + 7 → "2027-03-13". */
export function addDays(date: string, days: number): string {
  const parts = dateParts(date);
  if (!parts) throw new RangeError(`Not a date: ${date}`);
  const next = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + days));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** The first day of the month `months` after the month of `date`: "2027-01-14" + 2 → "2027-03-01". */
export function firstOfMonth(date: string, months = 0): string {
  const parts = dateParts(date);
  if (!parts) throw new RangeError(`Not a date: ${date}`);
  const next = new Date(Date.UTC(parts[0], parts[1] - 1 + months, 1));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-01`;
}

/**
 * The instant to format for a value a person reads: an instant as is; a calendar date as noon in
 * Quebec, so that it shows as that date in Quebec's zone.
 */
export function displayInstant(value: Instant): Date {
  if (typeof value === "string" && dateParts(value)) return quebecInstant(value, "12:00");
  return new Date(milliseconds(value));
}
