import { describe, expect, it } from "vitest";
import { generateSeries } from "../../core/models/meeting-series";
import { quebecDateTime, quebecInstant } from "../../core/utils/quebec-time";

const wallClock = (iso: string) =>
  new Intl.DateTimeFormat("fr-CA", {
    timeZone: "America/Toronto",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));

describe("meeting series in Quebec time", () => {
  it("converts wall-clock times on both sides of daylight saving", () => {
    expect(quebecInstant("2027-01-12", "13:30").toISOString()).toBe("2027-01-12T18:30:00.000Z"); // EST, UTC-5
    expect(quebecInstant("2027-03-16", "13:30").toISOString()).toBe("2027-03-16T17:30:00.000Z"); // EDT, UTC-4
    expect(quebecInstant("2027-11-09", "09:00").toISOString()).toBe("2027-11-09T14:00:00.000Z");
  });

  it("reads an instant back as the wall-clock date and time shown in the meeting form", () => {
    expect(quebecDateTime("2027-01-12T18:30:00.000Z")).toEqual({
      date: "2027-01-12",
      time: "13:30",
    });
    expect(quebecDateTime("2027-03-16T17:30:00.000Z")).toEqual({
      date: "2027-03-16",
      time: "13:30",
    });
    // Late evening in Quebec is already the next day in UTC.
    expect(quebecDateTime("2027-02-03T03:15:00.000Z")).toEqual({
      date: "2027-02-02",
      time: "22:15",
    });
    for (const [date, time] of [
      ["2027-03-14", "03:30"],
      ["2027-11-07", "00:45"],
      ["2027-06-30", "23:59"],
    ] as const) {
      expect(quebecDateTime(quebecInstant(date, time).toISOString())).toEqual({ date, time });
    }
  });

  it("keeps the same local time across the March change, every three weeks until the end", () => {
    const series = generateSeries({
      firstDate: "2027-01-12",
      time: "13:30",
      everyWeeks: 3,
      durationMinutes: 120,
      until: "2027-06-11",
    });
    expect(series.map((m) => m.localDate)).toEqual([
      "2027-01-12",
      "2027-02-02",
      "2027-02-23",
      "2027-03-16",
      "2027-04-06",
      "2027-04-27",
      "2027-05-18",
      "2027-06-08",
    ]);
    for (const meeting of series) {
      expect(wallClock(meeting.startsAt)).toMatch(/^13\s?h?:?\s?30$|^13:30$/);
      expect(Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)).toBe(2 * 3_600_000);
    }
    expect(series[2]!.startsAt).toBe("2027-02-23T18:30:00.000Z");
    expect(series[3]!.startsAt).toBe("2027-03-16T17:30:00.000Z");
  });

  it("crosses the November change too", () => {
    const series = generateSeries({
      firstDate: "2026-10-20",
      time: "10:00",
      everyWeeks: 2,
      durationMinutes: 90,
      until: "2026-11-20",
    });
    expect(series.map((m) => m.startsAt)).toEqual([
      "2026-10-20T14:00:00.000Z",
      "2026-11-03T15:00:00.000Z",
      "2026-11-17T15:00:00.000Z",
    ]);
  });
});
