import { describe, expect, it } from "vitest";
import {
  bankRoles,
  countedLines,
  drawsFromBank,
  ledgerRows,
  summarize,
  type BankRoles,
  type HourLine,
} from "../../core/models/hour-bank";
import { nextMeeting } from "../../core/models/meeting-spacing";

const period = { start: "2027-01-11", end: "2027-06-11" };
/** A mentorship group: the mentor and two mentees. */
const MENTOR = "p-mentor";
const roles: BankRoles = bankRoles({
  composition: "mentorship",
  group: { mentorId: MENTOR, memberIds: [MENTOR, "p-mentee-1", "p-mentee-2"] },
  roleOf: (id) => (id === MENTOR ? "mentor" : "mentee"),
  meetings: [],
  sessions: [],
});

describe("the hour bank", () => {
  it("adds meeting and outside-meeting time, and tells what remains", () => {
    const lines: HourLine[] = [
      { participantId: MENTOR, kind: "meeting", hours: 2, date: "2027-01-20" },
      { participantId: MENTOR, kind: "meeting", hours: 2, date: "2027-02-10" },
      { participantId: MENTOR, kind: "preparation", hours: 1.5, date: "2027-01-18" },
      { participantId: MENTOR, kind: "communication", hours: 0.25, date: "2027-02-01" },
      { participantId: MENTOR, kind: "follow-up", hours: 0.75, date: "2027-02-12" },
    ];
    const s = summarize(lines, 20, period, "2027-02-15", roles);
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
    // Months still to come have no figure yet (the chart shows them on its axis only).
    expect(s.byMonth.map((m) => m.cumulative)).toEqual([3.5, 6.5, null, null, null, null]);
    const later = summarize(lines, 20, period, "2027-04-02", roles);
    expect(later.byMonth.map((m) => m.cumulative)).toEqual([3.5, 6.5, 6.5, 6.5, null, null]);
    expect(s.warnings).toEqual([]);
  });

  it("counts a meeting's time once, however many members were present", () => {
    const lines: HourLine[] = [
      // A two-hour meeting, three people present: one line each in the ledger.
      { participantId: MENTOR, kind: "meeting", hours: 2, date: "2027-01-20", meetingId: "m1" },
      { participantId: MENTOR, kind: "meeting", hours: 2, date: "2027-01-20", meetingId: "m1" },
      { participantId: MENTOR, kind: "meeting", hours: 2, date: "2027-01-20", meetingId: "m1" },
      // A co-development session of 1 h 45 with two present.
      {
        participantId: MENTOR,
        kind: "meeting",
        hours: 1.75,
        date: "2027-02-03",
        codevSessionId: "c1",
      },
      {
        participantId: MENTOR,
        kind: "meeting",
        hours: 1.75,
        date: "2027-02-03",
        codevSessionId: "c1",
      },
      // Preparation is each member's own time.
      { participantId: MENTOR, kind: "preparation", hours: 1, date: "2027-01-18" },
      { participantId: MENTOR, kind: "preparation", hours: 1, date: "2027-01-19" },
    ];
    const s = summarize(lines, 20, period, "2027-02-15", roles);
    expect(s.byKind.meeting).toBe(3.75);
    expect(s.byKind.preparation).toBe(2);
    expect(s.used).toBe(5.75);
    expect(s.remaining).toBe(14.25);
    expect(s.byMonth[1]!.cumulative).toBe(5.75);
  });

  it("warns when the bank is nearly empty, or overdrawn", () => {
    const nearly = summarize(
      [
        { participantId: MENTOR, kind: "meeting", hours: 12, date: "2027-03-01" },
        { participantId: MENTOR, kind: "preparation", hours: 5, date: "2027-03-02" },
      ],
      20,
      period,
      "2027-03-03",
      roles,
    );
    expect(nearly.remaining).toBe(3);
    expect(nearly.warnings).toEqual(["nearly-empty"]);
    const over = summarize(
      [
        { participantId: MENTOR, kind: "meeting", hours: 12, date: "2027-03-01" },
        { participantId: MENTOR, kind: "meeting", hours: 9, date: "2027-04-01" },
      ],
      20,
      period,
      "2027-04-02",
      roles,
    );
    expect(over.remaining).toBe(-1);
    expect(over.warnings).toEqual(["overdrawn"]);
  });

  it("warns when the period ends soon with many hours left, like the pilot's Synergies group", () => {
    const lines: HourLine[] = [
      { participantId: MENTOR, kind: "meeting", hours: 13, date: "2027-04-01" },
    ];
    expect(summarize(lines, 20, period, "2027-05-20", roles).warnings).toEqual([
      "many-left-at-end",
    ]);
    expect(summarize(lines, 20, period, "2027-04-20", roles).warnings).toEqual([]); // not yet near the end
    expect(summarize(lines, 20, period, "2027-06-20", roles).warnings).toEqual([]); // period over
    expect(
      summarize(
        [{ participantId: MENTOR, kind: "meeting", hours: 16, date: "2027-04-01" }],
        20,
        period,
        "2027-05-20",
        roles,
      ).warnings,
    ).toEqual([]);
  });

  it("spans the months of a period that crosses a new year", () => {
    const s = summarize([], 20, { start: "2026-11-15", end: "2027-02-01" }, "2026-11-20", roles);
    expect(s.byMonth.map((m) => m.month)).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(s.remaining).toBe(20);
  });

  it("widens the chart to a month with hours outside the period (a December kickoff)", () => {
    const lines = [
      { participantId: MENTOR, kind: "meeting" as const, hours: 2, date: "2026-12-09" },
      { participantId: MENTOR, kind: "meeting" as const, hours: 2, date: "2027-07-02" },
    ];
    const s = summarize(lines, 20, { start: "2027-01-11", end: "2027-06-11" }, "2027-07-03", roles);
    expect(s.byMonth.map((m) => m.month)).toEqual([
      "2026-12",
      "2027-01",
      "2027-02",
      "2027-03",
      "2027-04",
      "2027-05",
      "2027-06",
      "2027-07",
    ]);
    expect(s.byMonth[0]!.cumulative).toBe(2);
    expect(s.byMonth.at(-1)!.cumulative).toBe(4);
  });
});

describe("the hour bank by role: whose time draws from it", () => {
  const MENTEE = "p-mentee-1";
  const prep = (participantId: string, extra: Partial<HourLine> = {}): HourLine => ({
    participantId,
    kind: "preparation",
    hours: 1.5,
    date: "2027-01-18",
    ...extra,
  });

  it("counts the mentor's preparation and leaves a mentee's apart, as their own time", () => {
    expect(drawsFromBank(prep(MENTOR), roles)).toBe(true);
    expect(drawsFromBank(prep(MENTEE), roles)).toBe(false);
    const s = summarize(
      [
        prep(MENTOR),
        prep(MENTEE),
        { participantId: MENTEE, kind: "communication", hours: 0.5, date: "2027-01-19" },
        { participantId: MENTOR, kind: "follow-up", hours: 1, date: "2027-01-25" },
      ],
      20,
      period,
      "2027-02-01",
      roles,
    );
    expect(s.used).toBe(2.5);
    expect(s.remaining).toBe(17.5);
    expect(s.byKind).toEqual({ meeting: 0, preparation: 1.5, communication: 0, "follow-up": 1 });
    expect(s.ownTime).toBe(2);
    expect(s.ownByKind).toEqual({
      meeting: 0,
      preparation: 1.5,
      communication: 0.5,
      "follow-up": 0,
    });
    // The mentee's time does not bring the "nearly empty" warning closer.
    expect(s.byMonth.find((m) => m.month === "2027-02")!.cumulative).toBe(2.5);
  });

  it("counts a meeting once, whoever was present, mentees included", () => {
    const lines: HourLine[] = [MENTOR, MENTEE, "p-mentee-2"].map((participantId) => ({
      participantId,
      kind: "meeting",
      hours: 2,
      date: "2027-01-20",
      meetingId: "m1",
    }));
    // An individual meeting with one mentee: two lines, one meeting.
    for (const participantId of [MENTOR, MENTEE])
      lines.push({ participantId, kind: "meeting", hours: 1, date: "2027-02-03", meetingId: "m2" });
    const s = summarize(lines, 20, period, "2027-02-15", roles);
    expect(s.used).toBe(3);
    expect(s.byKind.meeting).toBe(3);
    expect(s.ownTime).toBe(0);
  });

  it("treats every holder of the mentor's role as a lead (two co-mentors sharing a seat)", () => {
    const coMentored = bankRoles({
      composition: "mentorship",
      group: { mentorId: MENTOR, memberIds: [MENTOR, "p-comentor", MENTEE] },
      roleOf: (id) => (id === MENTEE ? "mentee" : "mentor"),
      meetings: [],
      sessions: [],
    });
    expect(drawsFromBank(prep("p-comentor"), coMentored)).toBe(true);
    expect(drawsFromBank(prep(MENTEE), coMentored)).toBe(false);
  });

  it("in co-development, counts the work of the facilitator of the meeting or session it was for", () => {
    const codev = bankRoles({
      composition: "co-development",
      group: { memberIds: ["p-a", "p-b", "p-c"] },
      roleOf: () => "peer",
      meetings: [
        { id: "m1", facilitatorId: "p-a" },
        // A session held in m2 names its own facilitator: p-c, not the meeting's p-b.
        { id: "m2", facilitatorId: "p-b" },
      ],
      sessions: [
        { id: "s1", meetingId: "m2", facilitatorId: "p-c" },
        { id: "s2", facilitatorId: "p-b" },
      ],
    });
    expect(drawsFromBank(prep("p-a", { forMeetingId: "m1" }), codev)).toBe(true);
    expect(drawsFromBank(prep("p-b", { forMeetingId: "m1" }), codev)).toBe(false);
    expect(drawsFromBank(prep("p-c", { forMeetingId: "m2" }), codev)).toBe(true);
    expect(drawsFromBank(prep("p-b", { forMeetingId: "m2" }), codev)).toBe(false);
    expect(drawsFromBank(prep("p-b", { forSessionId: "s2" }), codev)).toBe(true);
    expect(drawsFromBank(prep("p-c", { forSessionId: "s2" }), codev)).toBe(false);
    // Work for no meeting in particular is the peer's own time; meeting time always counts.
    expect(drawsFromBank(prep("p-a"), codev)).toBe(false);
    expect(drawsFromBank({ ...prep("p-b"), kind: "meeting", meetingId: "m1" }, codev)).toBe(true);
    const s = summarize(
      [prep("p-a", { forMeetingId: "m1" }), prep("p-b", { forMeetingId: "m1" }), prep("p-a")],
      20,
      period,
      "2027-02-01",
      codev,
    );
    expect(s.used).toBe(1.5);
    expect(s.ownTime).toBe(3);
  });
});

describe("the ledger as people read it (ledgerRows)", () => {
  it("gathers a meeting's lines into one row naming who was present, its hours once", () => {
    const lines = [
      {
        id: "1",
        participantId: "m",
        kind: "meeting" as const,
        hours: 2,
        date: "2027-01-12",
        meetingId: "mtg1",
      },
      { id: "2", participantId: "a", kind: "preparation" as const, hours: 1, date: "2027-01-10" },
      {
        id: "3",
        participantId: "a",
        kind: "meeting" as const,
        hours: 2,
        date: "2027-01-12",
        meetingId: "mtg1",
      },
      {
        id: "4",
        participantId: "b",
        kind: "meeting" as const,
        hours: 1.5,
        date: "2027-01-12",
        meetingId: "mtg1",
      },
      {
        id: "5",
        participantId: "b",
        kind: "meeting" as const,
        hours: 1,
        date: "2027-01-20",
        codevSessionId: "cdv1",
      },
    ];
    const rows = ledgerRows(lines);
    expect(rows.map((r) => r.type)).toEqual(["meeting", "entry", "meeting"]);
    const meeting = rows[0]!;
    if (meeting.type !== "meeting") throw new Error("a meeting row");
    expect(meeting).toMatchObject({ key: "mtg1", source: "meeting", hours: 2, date: "2027-01-12" });
    expect(meeting.presentIds).toEqual(["m", "a", "b"]);
    expect(meeting.entries.map((e) => e.id)).toEqual(["1", "3", "4"]);
    expect(rows[2]).toMatchObject({ type: "meeting", source: "session", presentIds: ["b"] });
    // The rows' meeting hours are exactly what the bank counts (countedLines).
    const counted = countedLines(lines).filter((l) => l.meetingId || l.codevSessionId);
    expect(rows.flatMap((r) => (r.type === "meeting" ? [r.hours] : []))).toEqual(
      counted.map((l) => l.hours),
    );
  });
});

describe("the next meeting (nextMeeting)", () => {
  const at = (startsAt: string, status: string, endsAt = startsAt.replace("T18", "T20")) => ({
    id: startsAt,
    startsAt,
    endsAt,
    status,
  });
  it("is the earliest planned meeting not yet ended", () => {
    const meetings = [
      at("2027-02-02T18:30:00.000Z", "planned"),
      at("2027-01-12T18:30:00.000Z", "cancelled"),
      at("2027-01-19T18:30:00.000Z", "planned"),
      at("2027-01-05T18:30:00.000Z", "held"),
    ];
    expect(nextMeeting(meetings, new Date("2027-01-06T00:00:00Z"))?.id).toBe(
      "2027-01-19T18:30:00.000Z",
    );
    // Under way: still the next one until it ends.
    expect(nextMeeting(meetings, new Date("2027-01-19T19:00:00Z"))?.id).toBe(
      "2027-01-19T18:30:00.000Z",
    );
    expect(nextMeeting(meetings, new Date("2027-03-01T00:00:00Z"))).toBeUndefined();
  });
});
