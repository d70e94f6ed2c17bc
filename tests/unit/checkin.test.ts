import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendCheckInReminders, nextCheckInDue } from "../../core/models/checkin.server";
import { testServices, type TestServices } from "../helpers/services";
import { outboxMessages } from "../helpers/store-snapshot";

let s: TestServices;

beforeAll(async () => {
  s = await testServices();
});
afterAll(async () => {
  await s.close();
});

async function reminders() {
  const mails = await outboxMessages([s.dataDir]);
  return mails
    .filter((m) => m.kind === "checkInReminder")
    .map((m) => m.to)
    .sort();
}

describe("check-in reminders", () => {
  it("are due every N weeks after the last check-in, or after the group formed", () => {
    expect(nextCheckInDue(undefined, "2027-01-04T12:00:00.000Z", 2).toISOString()).toBe(
      "2027-01-18T12:00:00.000Z",
    );
    expect(
      nextCheckInDue("2027-01-20T09:00:00.000Z", "2027-01-04T12:00:00.000Z", 3).toISOString(),
    ).toBe("2027-02-10T09:00:00.000Z");
  });

  it("remind each mentee once per period, never the mentor, never a closed program", async () => {
    const group = (await s.store.get("groups", "grp-demo-chaine-froid"))!;
    // Today: the demo's check-ins are fresh, nothing is due.
    expect(await sendCheckInReminders(s, new Date())).toBe(0);
    // Three weeks later, both mentees are due; Marc (mentor) is not; the pilot cohort is closed.
    // The co-mentors' group's two mentees (Olivier, Rose) are due too; Anne and Gilles are not.
    const later = new Date(Date.now() + 21 * 86_400_000);
    expect(await sendCheckInReminders(s, later)).toBe(4);
    expect(await reminders()).toEqual([
      "benoit@exemple.org",
      "mathieu@exemple.org",
      "olivier@exemple.org",
      "rose@exemple.org",
    ]);
    // Another pass the same day sends nothing more.
    expect(await sendCheckInReminders(s, new Date(later.getTime() + 3_600_000))).toBe(0);
    // Mathieu checks in; two weeks on, both are reminded again: Mathieu's next check-in is due,
    // and Benoît, still silent, gets a reminder a full period after the first.
    await s.store.insert("checkIns", {
      id: "chk-test",
      groupId: group.id,
      participantId: "p-mathieu",
      needsStatus: "on-track",
      update: "Ça avance.",
      changes: "",
      questions: "",
      createdAt: later.toISOString(),
    });
    expect(await sendCheckInReminders(s, new Date(later.getTime() + 15 * 86_400_000))).toBe(4);
    expect(await reminders()).toEqual([
      "benoit@exemple.org",
      "benoit@exemple.org",
      "mathieu@exemple.org",
      "mathieu@exemple.org",
      "olivier@exemple.org",
      "olivier@exemple.org",
      "rose@exemple.org",
      "rose@exemple.org",
    ]);
  });
});
