/**
 * The invariants checker itself: the demo data keeps every invariant, and each kind of breach is
 * found (a checker that finds nothing would make the concurrency and property tests pass for
 * nothing).
 */
import { describe, expect, it } from "vitest";
import { checkInvariants, INVARIANTS, type InvariantName } from "../../core/models/invariants";
import { documentSchema } from "../../core/store/schema";
import { isMrcInRegion } from "../../core/data/geography";
import { demoDocument } from "../../server/seeds/demo";

const demo = async () => documentSchema.parse(await demoDocument());
const names = (doc: Parameters<typeof checkInvariants>[0]) =>
  [...new Set(checkInvariants(doc).map((b) => b.invariant))].sort();

describe("the domain's invariants", () => {
  it("hold on the demo data", async () => {
    expect(checkInvariants(await demo())).toEqual([]);
  });

  it("place every organization of the demo in an MRC of its region, as the forms require", async () => {
    const misplaced = (await demo()).organizations
      .filter((o) => o.mrc !== undefined && !isMrcInRegion(o.region, o.mrc))
      .map((o) => `${o.name}: ${o.region}/${o.mrc}`);
    expect(misplaced).toEqual([]);
  });

  it("name each breach", async () => {
    const doc = await demo();
    const group = doc.groups.find((g) => g.status === "active")!;
    const mentee = doc.participants.find(
      (p) => group.memberIds.includes(p.id) && p.role !== "mentor",
    )!;
    const cases: Array<[InvariantName, (d: typeof doc) => void]> = [
      [
        "one-active-group",
        (d) => d.groups.push({ ...group, id: "grp-twice", sourceKey: undefined }),
      ],
      ["seats-match-groups", (d) => d.memberships.pop()],
      [
        "one-group-per-source",
        (d) => {
          d.groups[0] = { ...d.groups[0]!, sourceKey: "proposal:gp-x" };
          d.groupProposals.push({
            id: "gp-x",
            programId: group.programId,
            proposerId: mentee.id,
            memberIds: group.memberIds,
            responses: {},
            status: "withdrawn",
            message: "",
            expiresAt: group.createdAt,
            createdAt: group.createdAt,
          });
        },
      ],
      [
        "one-pending-proposal",
        (d) => {
          for (const id of ["gp-a", "gp-b"]) {
            d.groupProposals.push({
              id,
              programId: group.programId,
              proposerId: mentee.id,
              memberIds: ["x", "y", mentee.id],
              responses: {},
              status: "pending",
              message: "",
              expiresAt: group.createdAt,
              createdAt: group.createdAt,
            });
          }
        },
      ],
      ["invitation-once", (d) => d.participants.push({ ...mentee, id: "p-twice" })],
      ["rating-once", (d) => d.ratings.push({ ...d.ratings[0]!, id: "rat-twice" })],
      ["agreement-once", (d) => d.agreements.push({ ...d.agreements[0]!, id: "agr-twice" })],
      [
        "evaluation-once",
        (d) => d.evaluationResponses.push({ ...d.evaluationResponses[0]!, id: "resp-twice" }),
      ],
      [
        "meeting-hours-once",
        (d) => {
          const line = d.hourEntries.find((e) => e.meetingId && !e.codevSessionId)!;
          d.hourEntries.push({ ...line, id: "hrs-twice" });
        },
      ],
      ["codev-one-state", (d) => d.codevSessions.push({ ...d.codevSessions[0]!, id: "cdv-twice" })],
      [
        "event-one-clock",
        (d) => {
          d.events[0] = { ...d.events[0]!, status: "running", deadline: undefined };
        },
      ],
      [
        "solver-one-run",
        (d) => {
          for (const id of ["run-a", "run-b"]) {
            d.solverRuns.push({
              id,
              programId: group.programId,
              status: "running",
              startedBy: "u",
              startedAt: group.createdAt,
              progress: { phase: "start", fraction: 0 },
              groups: [],
              unplaced: [],
            });
          }
        },
      ],
      [
        "program-has-coordinator",
        (d) => {
          d.programs[0] = { ...d.programs[0]!, coordinatorIds: [] };
        },
      ],
      [
        "co-coordination-once",
        (d) => {
          const invitation = d.coordinatorInvitations[0]!;
          d.coordinatorInvitations[0] = {
            ...invitation,
            usedAt: invitation.createdAt,
            usedBy: "u-quelquun",
            withdrawnAt: invitation.createdAt,
          };
        },
      ],
      [
        "interview-once",
        (d) => {
          const validated = d.interviews.find((i) => i.status === "validated")!;
          d.interviews.push({ ...validated, id: "int-twice" });
        },
      ],
    ];
    expect(cases.map(([name]) => name).sort()).toEqual(Object.keys(INVARIANTS).sort());
    for (const [name, breakIt] of cases) {
      const copy = structuredClone(doc);
      breakIt(copy);
      expect(names(copy), name).toContain(name);
    }
  });
});
