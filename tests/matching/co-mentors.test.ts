/**
 * Co-mentors share one mentor seat (matching/co-mentors.ts, ADR 0026): the solver sees one mentor
 * whose fit is the two's combined expertise, forms one group with it, never with a competitor of
 * their organization, and both co-mentors are back in that group once it is solved.
 */
import { describe, expect, it } from "vitest";
import type { Participant } from "../../matching";
import { solveMatching } from "../../matching";
import {
  coMentorSeats,
  fromSeatIds,
  mergeCoMentors,
  partnerOf,
  toSeatIds,
} from "../../matching/co-mentors";
import { check } from "./checker";

const person = (
  id: string,
  role: Participant["role"],
  region: string,
  extra: Partial<Participant> = {},
): Participant => ({ id, role, region, mrc: `${region}1`, organization: `org-${id}`, ...extra });

const need = (tag: string) => ({ tag, priority: 3 });

// Two co-mentors of one organization: one knows storage, the other funding; the organization
// competes with z's (declared on one of them only).
const people: Participant[] = [
  person("co-1", "mentor", "01", { organization: "org-x", expertise: ["entreposage"] }),
  person("co-2", "mentor", "01", {
    organization: "org-x",
    expertise: ["financement"],
    competitors: ["org-z"],
  }),
  person("m", "mentor", "02", { expertise: ["transport"] }),
  person("a", "mentee", "03", { needs: [need("entreposage")] }),
  person("b", "mentee", "04", { needs: [need("financement")] }),
  person("z", "mentee", "05", {
    organization: "org-z",
    needs: [need("entreposage"), need("financement")],
  }),
  person("d", "mentee", "06", { needs: [need("transport")] }),
  person("e", "mentee", "07", { needs: [need("transport")] }),
  person("f", "mentee", "08", { needs: [need("transport")] }),
];
const seats = coMentorSeats([
  { id: "co-1", coMentorId: "co-2" },
  { id: "co-2", coMentorId: "co-1" },
  ...["m", "a", "b", "z", "d", "e", "f"].map((id) => ({ id })),
]);

describe("a mentor seat shared by two co-mentors", () => {
  it("is one person for the solver, with the two's combined expertise and competitors", () => {
    const merged = mergeCoMentors(people, seats);
    expect(merged.map((p) => p.id)).toEqual(["co-1", "m", "a", "b", "z", "d", "e", "f"]);
    const seat = merged[0]!;
    expect(seat.expertise).toEqual(["entreposage", "financement"]);
    expect(seat.competitors).toEqual(["org-z"]);
    expect(seat.capacity).toBe(1);
    expect(partnerOf("co-1", seats)).toBe("co-2");
    expect(toSeatIds(["co-2", "a", "co-1"], seats)).toEqual(["co-1", "a"]);
  });

  it("occupies one seat: one group holding both co-mentors, never with a competitor", async () => {
    const instance = { participants: mergeCoMentors(people, seats) };
    const result = await solveMatching(instance);
    expect(check(instance, result)).toEqual([]);
    const groups = result.groups.map((g) => fromSeatIds(g.members, seats).sort());
    // Two mentor seats (three mentors), six mentees: two groups, not three.
    expect(groups).toHaveLength(2);
    const shared = groups.filter((g) => g.includes("co-1") || g.includes("co-2"));
    expect(shared).toHaveLength(1);
    // Both co-mentors, and the two mentees their combined expertise serves; never z, who needs
    // both subjects but is a competitor of their organization.
    expect(shared[0]).toEqual(["a", "b", "co-1", "co-2"]);
    expect(shared[0]).not.toContain("z");
  });
});
