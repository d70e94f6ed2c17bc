import { describe, expect, it } from "vitest";
import { summarize, type HourLine } from "../../core/models/hour-bank";

const period = { start: "2027-01-11", end: "2027-06-11" };

describe("the hour bank", () => {
  it("adds meeting and outside-meeting time, and tells what remains", () => {
    const lines: HourLine[] = [
      { kind: "meeting", hours: 2, date: "2027-01-20" },
      { kind: "meeting", hours: 2, date: "2027-02-10" },
      { kind: "preparation", hours: 1.5, date: "2027-01-18" },
      { kind: "communication", hours: 0.25, date: "2027-02-01" },
      { kind: "follow-up", hours: 0.75, date: "2027-02-12" },
    ];
    const s = summarize(lines, 20, period, "2027-02-15");
    expect(s.used).toBe(6.5);
    expect(s.remaining).toBe(13.5);
    expect(s.byKind).toEqual({
      meeting: 4,
      preparation: 1.5,
      communication: 0.25,
      "follow-up": 0.75,
    });
    expect(s.outsideMeetingsShare).toBeCloseTo(0.38, 2);
    expect(s.byMonth.map((m) => m.month)).toEqual([
      "2027-01",
      "2027-02",
      "2027-03",
      "2027-04",
      "2027-05",
      "2027-06",
    ]);
    expect(s.byMonth.map((m) => m.cumulative)).toEqual([3.5, 6.5, 6.5, 6.5, 6.5, 6.5]);
    expect(s.warnings).toEqual([]);
  });

  it("counts a meeting's time once, however many members were present", () => {
    const lines: HourLine[] = [
      // A two-hour meeting, three people present: one line each in the ledger.
      { kind: "meeting", hours: 2, date: "2027-01-20", meetingId: "m1" },
      { kind: "meeting", hours: 2, date: "2027-01-20", meetingId: "m1" },
      { kind: "meeting", hours: 2, date: "2027-01-20", meetingId: "m1" },
      // A co-development session of 1 h 45 with two present.
      { kind: "meeting", hours: 1.75, date: "2027-02-03", codevSessionId: "c1" },
      { kind: "meeting", hours: 1.75, date: "2027-02-03", codevSessionId: "c1" },
      // Preparation is each member's own time.
      { kind: "preparation", hours: 1, date: "2027-01-18" },
      { kind: "preparation", hours: 1, date: "2027-01-19" },
    ];
    const s = summarize(lines, 20, period, "2027-02-15");
    expect(s.byKind.meeting).toBe(3.75);
    expect(s.byKind.preparation).toBe(2);
    expect(s.used).toBe(5.75);
    expect(s.remaining).toBe(14.25);
    expect(s.byMonth[1]!.cumulative).toBe(5.75);
  });

  it("warns when the bank is nearly empty, or overdrawn", () => {
    const nearly = summarize(
      [
        { kind: "meeting", hours: 12, date: "2027-03-01" },
        { kind: "preparation", hours: 5, date: "2027-03-02" },
      ],
      20,
      period,
      "2027-03-03",
    );
    expect(nearly.remaining).toBe(3);
    expect(nearly.warnings).toEqual(["nearly-empty"]);
    const over = summarize(
      [
        { kind: "meeting", hours: 12, date: "2027-03-01" },
        { kind: "meeting", hours: 9, date: "2027-04-01" },
      ],
      20,
      period,
      "2027-04-02",
    );
    expect(over.remaining).toBe(-1);
    expect(over.warnings).toEqual(["overdrawn"]);
  });

  it("warns when the period ends soon with many hours left, like the pilot's Synergies group", () => {
    const lines: HourLine[] = [{ kind: "meeting", hours: 13, date: "2027-04-01" }];
    expect(summarize(lines, 20, period, "2027-05-20").warnings).toEqual(["many-left-at-end"]);
    expect(summarize(lines, 20, period, "2027-04-20").warnings).toEqual([]); // not yet near the end
    expect(summarize(lines, 20, period, "2027-06-20").warnings).toEqual([]); // period over
    expect(
      summarize([{ kind: "meeting", hours: 16, date: "2027-04-01" }], 20, period, "2027-05-20")
        .warnings,
    ).toEqual([]);
  });

  it("spans the months of a period that crosses a new year", () => {
    const s = summarize([], 20, { start: "2026-11-15", end: "2027-02-01" }, "2026-11-20");
    expect(s.byMonth.map((m) => m.month)).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(s.remaining).toBe(20);
  });
});
