import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { formatDate } from "../../core/i18n";
import {
  addDays,
  displayInstant,
  firstOfMonth,
  fromDateTimeLocal,
  isCalendarDate,
  quebecDate,
  quebecDateTime,
  quebecInstant,
  quebecToday,
  toDateTimeLocal,
  weekdayOf,
} from "../../core/utils/quebec-time";
import { ROOT } from "../helpers/server";

const iso = (date: string, time: string) => quebecInstant(date, time).toISOString();

/**
 * Conversions whose answers must not depend on the process's zone: computed here and in child
 * processes started with other `TZ` values.
 */
const PROBES = `
import {
  quebecDateTime,
  quebecInstant,
  quebecToday,
  toDateTimeLocal,
  fromDateTimeLocal,
} from "./core/utils/quebec-time";
const out = {
  winter: quebecInstant("2027-01-14", "13:30").toISOString(),
  summer: quebecInstant("2027-07-15", "13:30").toISOString(),
  skipped: quebecInstant("2026-03-08", "02:30").toISOString(),
  repeated: quebecInstant("2026-11-01", "01:30").toISOString(),
  beforeSpring: quebecInstant("2026-03-08", "01:59").toISOString(),
  afterFall: quebecInstant("2026-11-01", "02:00").toISOString(),
  input: fromDateTimeLocal("2027-07-15T13:30")?.toISOString(),
  evening: quebecToday("2027-01-15T00:30:00.000Z"),
  secondOneThirty: quebecDateTime("2026-11-01T06:30:00.000Z"),
  shown: toDateTimeLocal("2027-01-14T18:30:00.000Z"),
};
console.log(JSON.stringify(out));
`;
const EXPECTED = {
  winter: "2027-01-14T18:30:00.000Z",
  summer: "2027-07-15T17:30:00.000Z",
  skipped: "2026-03-08T07:30:00.000Z",
  repeated: "2026-11-01T05:30:00.000Z",
  beforeSpring: "2026-03-08T06:59:00.000Z",
  afterFall: "2026-11-01T07:00:00.000Z",
  input: "2027-07-15T17:30:00.000Z",
  evening: "2027-01-14",
  secondOneThirty: { date: "2026-11-01", time: "01:30" },
  shown: "2027-01-14T13:30",
};

describe("Quebec time (core/utils/quebec-time.ts)", () => {
  it("turns a Quebec wall-clock time into its UTC instant, winter and summer", () => {
    expect(iso("2027-01-14", "13:30")).toBe("2027-01-14T18:30:00.000Z"); // EST, UTC−5
    expect(iso("2027-07-15", "13:30")).toBe("2027-07-15T17:30:00.000Z"); // EDT, UTC−4
    expect(quebecDateTime("2027-01-14T18:30:00.000Z")).toEqual({
      date: "2027-01-14",
      time: "13:30",
    });
    expect(quebecDateTime("2027-07-15T17:30:00.000Z")).toEqual({
      date: "2027-07-15",
      time: "13:30",
    });
  });

  it("resolves the hour skipped in March forward, and the hour repeated in November to its first time", () => {
    // 8 March 2026: 02:00 EST jumps to 03:00 EDT.
    expect(iso("2026-03-08", "01:59")).toBe("2026-03-08T06:59:00.000Z");
    expect(iso("2026-03-08", "02:30")).toBe("2026-03-08T07:30:00.000Z"); // shown as 03:30
    expect(quebecDateTime("2026-03-08T07:30:00.000Z").time).toBe("03:30");
    expect(iso("2026-03-08", "03:00")).toBe("2026-03-08T07:00:00.000Z");
    expect(iso("2026-03-08", "03:30")).toBe("2026-03-08T07:30:00.000Z");
    // 1 November 2026: 02:00 EDT falls back to 01:00 EST; 01:30 happens twice.
    expect(iso("2026-11-01", "00:59")).toBe("2026-11-01T04:59:00.000Z");
    expect(iso("2026-11-01", "01:30")).toBe("2026-11-01T05:30:00.000Z"); // the first (EDT)
    expect(quebecDateTime("2026-11-01T05:30:00.000Z").time).toBe("01:30");
    expect(quebecDateTime("2026-11-01T06:30:00.000Z").time).toBe("01:30"); // the second (EST)
    expect(iso("2026-11-01", "02:00")).toBe("2026-11-01T07:00:00.000Z");
    // Every other quarter hour of both days goes there and back unchanged.
    for (const day of ["2026-03-08", "2026-11-01"]) {
      for (let q = 0; q < 96; q++) {
        const time = `${String(Math.floor(q / 4)).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`;
        if (day === "2026-03-08" && time.startsWith("02:")) continue;
        expect(quebecDateTime(quebecInstant(day, time)), `${day} ${time}`).toEqual({
          date: day,
          time,
        });
      }
    }
  });

  it("knows today in Quebec when UTC is already tomorrow", () => {
    expect(quebecToday("2027-01-15T00:30:00.000Z")).toBe("2027-01-14"); // 19:30 in Quebec
    expect(quebecToday("2027-01-15T04:59:00.000Z")).toBe("2027-01-14");
    expect(quebecToday("2027-01-15T05:00:00.000Z")).toBe("2027-01-15");
    expect(quebecToday("2027-07-15T03:59:00.000Z")).toBe("2027-07-14");
    expect(quebecToday("2027-07-15T04:00:00.000Z")).toBe("2027-07-15");
    expect(quebecToday(Date.parse("2027-07-15T12:00:00.000Z"))).toBe("2027-07-15");
    expect(quebecDate(new Date("2027-02-03T03:15:00.000Z"))).toBe("2027-02-02");
    expect(quebecToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("reads and fills datetime-local inputs in Quebec time, refusing dates that do not exist", () => {
    expect(fromDateTimeLocal("2027-01-14T13:30")?.toISOString()).toBe("2027-01-14T18:30:00.000Z");
    expect(toDateTimeLocal("2027-07-15T17:30:00.000Z")).toBe("2027-07-15T13:30");
    expect(toDateTimeLocal("2027-01-15T03:00:00.000Z")).toBe("2027-01-14T22:00");
    for (const bad of [
      "2027-02-30T13:30",
      "2027-13-01T13:30",
      "2027-01-14T24:00",
      "2027-01-14T13:60",
      "2027-01-14 13:30",
      "2027-01-14T13:30:00",
      "2027-01-14",
      "",
    ]) {
      expect(fromDateTimeLocal(bad), bad).toBeUndefined();
    }
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2027-02-29")).toBe(false);
    expect(() => quebecInstant("2027-02-30", "13:30")).toThrow(RangeError);
  });

  it("refuses an instant written without its zone (it would be read in the server's)", () => {
    expect(() => quebecDateTime("2027-01-14T13:30")).toThrow(RangeError);
    expect(() => quebecDateTime("2027-01-14T13:30:00")).toThrow(RangeError);
    expect(quebecDateTime("2027-01-14T13:30:00-05:00").time).toBe("13:30");
  });

  it("counts calendar days, weekdays and months without a zone", () => {
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
    expect(addDays("2026-10-31", 1)).toBe("2026-11-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(addDays("2027-01-12", 21)).toBe("2027-02-02");
    expect(weekdayOf("2027-01-14")).toBe(4); // a Thursday
    expect(weekdayOf("2026-11-01")).toBe(0); // a Sunday
    // 22:00 on a Wednesday in Quebec is Thursday in UTC: the Quebec weekday is Wednesday.
    expect(weekdayOf(quebecDate("2027-01-14T03:00:00.000Z"))).toBe(3);
    expect(firstOfMonth("2026-11-20", 2)).toBe("2027-01-01");
    expect(firstOfMonth("2027-01-01", 5)).toBe("2027-06-01");
  });

  it("shows a calendar date as that date, and an instant at its Quebec time", () => {
    expect(quebecDate(displayInstant("2027-01-14"))).toBe("2027-01-14");
    expect(formatDate("fr", "2027-01-14")).toBe("14 janvier 2027");
    expect(formatDate("en", "2027-07-01", { dateStyle: "medium" })).toBe("Jul 1, 2027");
    expect(formatDate("fr", "2027-01-14T18:30:00.000Z", { timeStyle: "short" })).toBe(
      "13\u00a0h\u00a030",
    );
    expect(formatDate("fr", "2027-07-15T17:30:00.000Z", { timeStyle: "short" })).toBe(
      "13\u00a0h\u00a030",
    );
  });

  it("gives the same answers whatever the process's TZ", async () => {
    for (const zone of ["UTC", "Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati"]) {
      expect(JSON.parse(await probe(zone)), zone).toEqual(EXPECTED);
    }
  });
});

async function probe(zone: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    join(ROOT, "node_modules/.bin/tsx"),
    ["--eval", PROBES],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", TZ: zone } },
  );
  return stdout;
}
