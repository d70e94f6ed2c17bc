/**
 * The pin rule as the app applies it (ADR 0024): a coordinator pins a mentee to a mentor who leads
 * two groups. Forming the mentor's first group without the mentee is allowed (the mentee still has
 * a seat in the other); a second group without the mentee is refused, naming the pin; a group with
 * the mentee is formed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formGroup } from "../../core/models/group.server";
import { isDomainErrorNamed } from "../../core/errors";
import type { EntityOf } from "../../core/store";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let program: EntityOf<"programs">;
const at = "2027-01-04T12:00:00.000Z";

beforeAll(async () => {
  s = await testServices({ seed: "empty" });
  const people = [
    ["m", "mentor", "01"],
    ["e", "mentee", "02"],
    ["a", "mentee", "03"],
    ["b", "mentee", "04"],
    ["c", "mentee", "05"],
    ["d", "mentee", "06"],
    ["f", "mentee", "07"],
  ] as const;
  for (const [id, role, region] of people) {
    await s.store.insert("organizations", {
      id: `org-${id}`,
      name: `Organisme ${id}`,
      region,
      mrc: "10",
      competitorIds: [],
      createdAt: at,
    });
    await s.store.insert("users", {
      id: `u-${id}`,
      email: `${id}@exemple.org`,
      name: id.toUpperCase(),
      role: "participant",
      passwordHash: "scrypt$16384$8$1$c2FsdA==$aGFzaA==",
      locale: "fr",
      createdAt: at,
    });
    await s.store.insert("participants", {
      id,
      programId: "prog",
      userId: `u-${id}`,
      organizationId: `org-${id}`,
      role,
      capacity: role === "mentor" ? 2 : 1,
      joinedAt: at,
    });
  }
  program = await s.store.insert("programs", {
    id: "prog",
    title: "Programme",
    theme: "Réemploi",
    subThemes: [],
    coordinatorIds: ["u-coordination"],
    status: "active",
    composition: "mentorship",
    regionRule: "distinct-regions",
    mentoringStart: "2027-01-04",
    mentoringEnd: "2027-06-30",
    hourBankHours: 20,
    pins: [["m", "e"]],
    createdAt: at,
  });
});
afterAll(async () => {
  await s.close();
});

const form = (memberIds: string[], key: string) =>
  formGroup(s, {
    program,
    memberIds,
    origin: "solver",
    sourceKey: key,
    approvedBy: "u-coordination",
  });

describe("a pin on a mentor who leads two groups", () => {
  it("the mentor's first group may leave the pinned mentee for the other", async () => {
    const g = await form(["m", "a", "b"], "k1");
    expect(g.memberIds).toEqual(["a", "b", "m"]);
  });

  it("a second group without the pinned mentee is refused, naming the pin", async () => {
    const error = await form(["m", "c", "d"], "k2").catch((e: unknown) => e);
    expect(isDomainErrorNamed(error, "GroupRuleError")).toBe(true);
    expect((error as { violations: unknown }).violations).toEqual([
      { code: "pin-broken", names: ["M", "E"] },
    ]);
  });

  it("a second group with the pinned mentee is formed", async () => {
    const g = await form(["m", "c", "e"], "k3");
    expect(g.memberIds).toEqual(["c", "e", "m"]);
  });
});
