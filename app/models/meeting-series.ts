/**
 * Meeting series in Quebec time (pure): a local date and time in America/Toronto becomes the right
 * UTC instant on either side of a daylight-saving change, so "every 3 weeks at 13 h 30" stays at
 * 13 h 30 on the wall clock all winter and spring.
 */
export const GROUP_TIME_ZONE = "America/Toronto";

function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - instant) / 60_000);
}

/** The UTC instant of a wall-clock time in a time zone ("2027-03-16", "13:30"). */
export function zonedToUtc(date: string, time: string, timeZone = GROUP_TIME_ZONE): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall - offsetMinutes(wall, timeZone) * 60_000;
  guess = wall - offsetMinutes(guess, timeZone) * 60_000;
  return new Date(guess);
}

function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T12:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

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
    const start = zonedToUtc(date, input.time);
    out.push({
      localDate: date,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + input.durationMinutes * 60_000).toISOString(),
    });
  }
  return out;
}

/** The wall-clock date and time of an instant in Quebec: { date: "2027-03-16", time: "13:30" }. */
export function utcToZoned(
  iso: string,
  timeZone = GROUP_TIME_ZONE,
): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    time: `${get("hour")}:${get("minute")}`,
  };
}
