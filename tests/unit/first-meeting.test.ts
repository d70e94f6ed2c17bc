/**
 * The first meeting a new group is offered: within two weeks, on a day all three are available,
 * and never before the program's mentoring period (a group formed on 5 December for a period that
 * starts on 11 January was offered 9 December).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suggestFirstMeeting } from "../../core/models/group.server";
import { addDays, weekdayOf } from "../../core/utils/quebec-time";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
beforeAll(async () => {
  s = await testServices();
});
afterAll(async () => {
  await s.close();
});

const MEMBERS = ["p-marc", "p-benoit", "p-mathieu"];

describe("the suggested first meeting", () => {
  it("waits for the mentoring period when the group forms before it", async () => {
    const date = await suggestFirstMeeting(
      s,
      MEMBERS,
      "2027-01-11",
      new Date("2026-12-05T15:00:00Z"),
    );
    expect(date >= "2027-01-11").toBe(true);
    expect(date <= addDays("2027-01-11", 14)).toBe(true);
  });

  it("comes within two weeks, three days on at the earliest, once the period has begun", async () => {
    const date = await suggestFirstMeeting(
      s,
      MEMBERS,
      "2026-09-01",
      new Date("2026-12-05T15:00:00Z"),
    );
    expect(date >= "2026-12-08").toBe(true);
    expect(date <= "2026-12-19").toBe(true);
    // A weekday (the demo members are available on weekdays).
    expect([1, 2, 3, 4, 5]).toContain(weekdayOf(date));
  });
});
