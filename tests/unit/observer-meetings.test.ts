/**
 * Issue #19, part C (ADR 0027): the coordination as observer by the group's consent, observer
 * notes about a real meeting, a meeting's place and format, the spacing flag and the follow-up
 * meetings once the program has ended. Model level, on the demo data; the HTTP side of the
 * observer is in the authorization matrix and tests/integration/observer.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupAccess, groupViewAccess, isRefusal } from "../../core/permissions";
import { setObserverInvitation } from "../../core/models/agreement.server";
import { addObserverNote } from "../../core/models/evaluation.server";
import {
  FollowUpRefusedError,
  planFollowUp,
  setMeetingStatus,
  updateMeetingDetails,
} from "../../core/models/meeting.server";
import { meetingsIcs } from "../../core/models/meeting-calendar.server";
import {
  followUpYear,
  programEndFor,
  spacingFlags,
  type RhythmMeeting,
} from "../../core/models/meeting-spacing";
import { meetingDetailsSchema } from "../../core/schemas/meetings";
import { isValidPlace, placeUrl } from "../../core/utils/place";
import { quebecInstant } from "../../core/utils/quebec-time";
import { testServices, type TestServices } from "../helpers/services";

const PROGRAM = "prog-reemploi-2026";
const GROUP = "grp-demo-chaine-froid";
const KICKOFF = "mtg-demo-demarrage";
const COORDINATOR = "u-coordination";
const BENOIT = { participantId: "p-benoit", userId: "u-benoit", name: "Benoît Girard" };

let s: TestServices;
let now = new Date();
beforeAll(async () => {
  s = await testServices({ clock: { now: () => now } });
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const viewer = async (userId: string) => {
  const access = await groupViewAccess(s, userId, PROGRAM, GROUP);
  return isRefusal(access) ? access : access.observer ? "observer" : "member";
};

describe("the coordination as observer", () => {
  it("sees the group only while a member invites it, and each change is audited", async () => {
    const benoit = (await s.store.get("participants", "p-benoit"))!;
    BENOIT.userId = benoit.userId;
    // The demo group invites the coordination: the coordinator observes, is no member.
    expect(await viewer(COORDINATOR)).toBe("observer");
    expect(await groupAccess(s, COORDINATOR, PROGRAM, GROUP)).toBe("not_found");
    expect(await viewer(benoit.userId)).toBe("member");

    await setObserverInvitation(s, GROUP, false, BENOIT);
    expect(await viewer(COORDINATOR)).toBe("not_found");
    // Withdrawing twice is no change and no second line.
    await setObserverInvitation(s, GROUP, false, BENOIT);
    await setObserverInvitation(s, GROUP, true, BENOIT);
    expect(await viewer(COORDINATOR)).toBe("observer");
    const lines = (await s.audit.list(PROGRAM)).filter((e) => e.action.startsWith("observer-"));
    expect(lines.map((e) => [e.action, e.actorId, e.details])).toEqual([
      ["observer-revoked", benoit.userId, { groupId: GROUP }],
      ["observer-invited", benoit.userId, { groupId: GROUP }],
    ]);
  });

  it("is for the program's own coordination: another program's coordinator never sees it", async () => {
    const other = (await s.store.find("programs", {})).find(
      (p) => p.id !== PROGRAM && !p.coordinatorIds.includes(COORDINATOR),
    );
    const stranger = other?.coordinatorIds[0] ?? "u-nobody";
    expect(await viewer(stranger)).toBe("not_found");
  });

  it("writes notes about a real meeting of a group that invites it, and nothing else", async () => {
    const note = await addObserverNote(
      s,
      PROGRAM,
      { meetingId: KICKOFF, note: "Belle écoute." },
      COORDINATOR,
    );
    const kickoff = (await s.store.get("meetings", KICKOFF))!;
    expect(note).toMatchObject({ groupId: GROUP, meetingId: KICKOFF });
    expect(note.meetingDate).toBe(
      new Intl.DateTimeFormat("en-CA", { timeZone: "America/Toronto" }).format(
        new Date(kickoff.startsAt),
      ),
    );
    // A made-up meeting, and a meeting of a group of another program, are refused on the field.
    const pilotMeeting = (await s.store.find("meetings", {})).find((m) => m.groupId !== GROUP)!;
    for (const meetingId of ["mtg-inconnue", pilotMeeting.id]) {
      await expect(
        addObserverNote(s, PROGRAM, { meetingId, note: "Non." }, COORDINATOR),
      ).rejects.toMatchObject({ field: "meetingId", messageKey: "observation.meetingNotFound" });
    }
    // Once the invitation is withdrawn, the group's meetings are no longer observed.
    await setObserverInvitation(s, GROUP, false, BENOIT);
    await expect(
      addObserverNote(s, PROGRAM, { meetingId: KICKOFF, note: "Après." }, COORDINATOR),
    ).rejects.toMatchObject({ field: "meetingId" });
    await setObserverInvitation(s, GROUP, true, BENOIT);
  });
});

describe("a meeting's place and format", () => {
  it("takes an address or an http(s) link, never another scheme", () => {
    expect(isValidPlace("1000 rue de l'Exemple, Saguenay")).toBe(true);
    expect(isValidPlace("Salle : 2e étage")).toBe(true);
    expect(isValidPlace("")).toBe(true);
    expect(placeUrl("https://exemple.org/salle")).toBe("https://exemple.org/salle");
    expect(placeUrl("1000 rue de l'Exemple")).toBeUndefined();
    for (const bad of ["javascript:alert(1)", "data:text/html,x", "ftp://exemple.org", "https://"])
      expect(isValidPlace(bad), bad).toBe(false);

    const form = {
      intent: "details",
      sequence: "0",
      date: "2027-03-01",
      time: "13:30",
      durationMinutes: "90",
      kind: "collective",
      format: "site-visit",
      place: "javascript:alert(1)",
    };
    const refused = meetingDetailsSchema.safeParse(form);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["place", "meetingWhere.placeInvalid"],
    ]);
    const parsed = meetingDetailsSchema.parse({ ...form, place: "https://exemple.org/visio" });
    expect(parsed).toMatchObject({ format: "site-visit", notesShared: false });
    expect(meetingDetailsSchema.safeParse({ ...form, format: "hybride" }).success).toBe(false);
  });

  it("is saved with the meeting and goes into the calendar's LOCATION", async () => {
    const meeting = (await s.store.find("meetings", { groupId: GROUP })).find(
      (m) => m.status === "planned",
    )!;
    const saved = await updateMeetingDetails(s, GROUP, meeting.id, {
      sequence: meeting.sequence,
      date: "2027-05-03",
      time: "10:00",
      durationMinutes: 120,
      kind: "collective",
      participantIds: [],
      facilitatorId: "",
      theme: "",
      agenda: "",
      notes: "",
      tools: "",
      format: "in-person",
      place: "1000 rue de l'Exemple, Saguenay",
      notesShared: true,
    });
    expect(saved).toMatchObject({ format: "in-person", notesShared: true });
    const ics = meetingsIcs([saved], "Rencontre", "https://exemple.org/groupe");
    // Folded and escaped as iCalendar wants (commas escaped).
    expect(ics.replace(/\r\n /g, "")).toContain("LOCATION:1000 rue de l'Exemple\\, Saguenay");
    expect(meetingsIcs([{ ...saved, place: "" }], "R", "https://exemple.org")).not.toContain(
      "LOCATION",
    );
  });
});

describe("the meetings' rhythm", () => {
  const at = (date: string, status: RhythmMeeting["status"] = "planned", followUp = false) => ({
    id: date,
    startsAt: quebecInstant(date, "13:30").toISOString(),
    status,
    followUp,
  });
  const cadence = { cadenceWeeksMin: 2, cadenceWeeksMax: 4 };

  it("flags a meeting nearer or further than the cadence from the last one that takes place", () => {
    const flags = spacingFlags(
      [
        at("2027-01-05", "held"),
        at("2027-01-19"), // 14 days: within
        at("2027-01-26"), // 7 days: too close
        at("2027-02-23"), // 28 days: within
        at("2027-03-09", "cancelled"),
        at("2027-04-06"), // 42 days after the last one that takes place: too far
        at("2027-04-13", "postponed"),
        at("2027-10-01", "planned", true), // a follow-up: outside the rhythm
      ],
      cadence,
    );
    expect(Object.fromEntries(flags)).toEqual({
      "2027-01-26": { kind: "too-close", days: 7 },
      "2027-04-06": { kind: "too-far", days: 42 },
    });
    // Across a change of time (March 14, 2027), days are Quebec calendar days.
    expect(spacingFlags([at("2027-03-01"), at("2027-03-29")], cadence).size).toBe(0);
  });

  it("ends the program for a group at its last meeting held, or at the mentoring end", () => {
    const june = new Date("2027-06-20T12:00:00Z");
    const april = new Date("2027-04-01T12:00:00Z");
    expect(programEndFor([at("2027-01-05", "held"), at("2027-05-01")], "2027-06-11", april)).toBe(
      undefined,
    );
    expect(programEndFor([at("2027-01-05", "held"), at("2027-05-01")], "2027-06-11", june)).toBe(
      "2027-06-11",
    );
    expect(
      programEndFor(
        [at("2027-01-05", "held"), at("2027-03-02", "held"), at("2027-03-30", "cancelled")],
        "2027-06-11",
        april,
      ),
    ).toBe("2027-03-02");
    expect(programEndFor([], "2027-06-11", april)).toBeUndefined();
    expect(followUpYear("2027-06-11", "2028-06-10")).toBe(0);
    expect(followUpYear("2027-06-11", "2028-06-11")).toBe(1);
  });

  it("offers 1–2 follow-up meetings a year once the program has ended, outside the hour bank", async () => {
    const input = { time: "13:30", durationMinutes: 90, format: "in-person", place: "" } as const;
    // Before the end (the demo's mentoring ends 2027-06-11 and meetings are still planned).
    now = new Date("2027-01-10T15:00:00Z");
    await expect(planFollowUp(s, GROUP, { ...input, date: "2027-09-01" })).rejects.toMatchObject({
      messageKey: "followUp.notEnded",
    });
    // After the mentoring end: the first one, a second in the same year, not a third.
    now = new Date("2027-06-20T15:00:00Z");
    await expect(planFollowUp(s, GROUP, { ...input, date: "2027-06-15" })).rejects.toMatchObject({
      messageKey: "followUp.tooEarly",
      field: "date",
    });
    const first = await planFollowUp(s, GROUP, { ...input, date: "2027-09-01" });
    expect(first).toMatchObject({ followUp: true, kind: "collective", format: "in-person" });
    await planFollowUp(s, GROUP, { ...input, date: "2028-03-01" });
    const third = planFollowUp(s, GROUP, { ...input, date: "2028-05-01" });
    await expect(third).rejects.toBeInstanceOf(FollowUpRefusedError);
    await expect(third).rejects.toMatchObject({ messageKey: "followUp.yearFull", field: "date" });
    // The next year after the end has room again.
    await planFollowUp(s, GROUP, { ...input, date: "2028-09-01" });

    // Held, a follow-up puts no line in the program's hour bank.
    now = new Date("2027-09-02T15:00:00Z");
    await setMeetingStatus(s, GROUP, first.id, "held", "");
    expect(await s.store.find("hourEntries", { meetingId: first.id })).toEqual([]);
    expect((await s.store.get("meetings", first.id))!.presentIds).toHaveLength(3);
  });
});
