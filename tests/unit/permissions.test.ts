/**
 * The permission module at the function level: every role against every kind of resource (like
 * the authorization matrix, without HTTP or sockets), and made-up or malformed ids answered like a
 * resource the person may not know.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codevAccess,
  coordinatorAccess,
  eventAccess,
  groupAccess,
  isRefusal,
  programAccess,
  type Refusal,
} from "../../core/permissions";
import { Factory } from "../helpers/factory";
import { testServices, type TestServices } from "../helpers/services";

const f = new Factory("perm");
const { program, coordinator, mentors, mentees } = f.cohort({ mentors: 1, mentees: 5 });
const [member] = mentors;
const [menteeA, menteeB, invited, invitedToo, bystander] = mentees;
const { program: other, coordinator: otherCoordinator } = f.cohort({ mentees: 1 });
const outsider = f.outsider();
const group = f.group(program, [member, menteeA, menteeB]);
const session = f.codevSession(group, {});
const event = f.liveEvent(program, [invited, invitedToo]);

const ROLES = {
  coordinator: coordinator.userId,
  otherCoordinator: otherCoordinator.userId,
  member: member.userId,
  invited: invited.userId,
  bystander: bystander.userId,
  outsider: outsider.userId,
} as const;
type Role = keyof typeof ROLES;

type Answer = "ok" | Refusal;
const answer = (access: object | Refusal): Answer => (isRefusal(access) ? access : "ok");

/** What each role gets, per resource (the same rules as tests/integration/authorization/matrix.ts). */
const MATRIX: Record<
  string,
  { check: (userId: string, id?: string) => Promise<Answer>; answers: Record<Role, Answer> }
> = {
  program: {
    check: async (u, id = program.id) => answer(await programAccess(s, u, id)),
    answers: {
      coordinator: "ok",
      otherCoordinator: "not_found",
      member: "ok",
      invited: "ok",
      bystander: "ok",
      outsider: "not_found",
    },
  },
  "program, as its coordinator": {
    check: async (u, id = program.id) => answer(await coordinatorAccess(s, u, id)),
    answers: {
      coordinator: "ok",
      otherCoordinator: "not_found",
      member: "forbidden",
      invited: "forbidden",
      bystander: "forbidden",
      outsider: "not_found",
    },
  },
  group: {
    check: async (u, id = group.id) => answer(await groupAccess(s, u, program.id, id)),
    answers: {
      coordinator: "not_found",
      otherCoordinator: "not_found",
      member: "ok",
      invited: "not_found",
      bystander: "not_found",
      outsider: "not_found",
    },
  },
  "co-development session": {
    check: async (u, id = session.id) => answer(await codevAccess(s, u, id)),
    answers: {
      coordinator: "not_found",
      otherCoordinator: "not_found",
      member: "ok",
      invited: "not_found",
      bystander: "not_found",
      outsider: "not_found",
    },
  },
  "speed-dating event": {
    check: async (u, id = event.id) => answer(await eventAccess(s, u, id)),
    answers: {
      coordinator: "ok",
      otherCoordinator: "not_found",
      member: "not_found",
      invited: "ok",
      bystander: "not_found",
      outsider: "not_found",
    },
  },
};

let s: TestServices;
beforeAll(async () => {
  const doc = await f.document();
  s = await testServices({ seed: () => doc });
});
afterAll(async () => {
  await s.close();
});

describe("permissions", () => {
  it("answer every role for every resource as the matrix says", async () => {
    const got: Record<string, Record<string, Answer>> = {};
    const expected: Record<string, Record<string, Answer>> = {};
    for (const [resource, rule] of Object.entries(MATRIX)) {
      got[resource] = {};
      for (const [role, userId] of Object.entries(ROLES))
        got[resource][role] = await rule.check(userId);
      expected[resource] = rule.answers;
    }
    expect(got).toEqual(expected);
  });

  it("answer made-up and malformed ids as not found, to everyone", async () => {
    for (const [resource, rule] of Object.entries(MATRIX)) {
      for (const [role, userId] of Object.entries(ROLES)) {
        for (const id of ["inconnu-permissions", "../etc", "", "x".repeat(65)])
          expect(await rule.check(userId, id), `${resource}, ${role}, ${id}`).toBe("not_found");
      }
    }
  });

  it("say what the person is to the resource", async () => {
    expect(await programAccess(s, coordinator.userId, program.id)).toMatchObject({
      asCoordinator: true,
      participant: undefined,
    });
    expect(await groupAccess(s, member.userId, program.id, group.id)).toMatchObject({
      participant: { id: member.participantId },
      group: { id: group.id },
    });
    expect(await codevAccess(s, member.userId, session.id)).toMatchObject({
      participantId: member.participantId,
      group: { id: group.id },
      session: { id: session.id },
    });
    expect(await eventAccess(s, invited.userId, event.id)).toMatchObject({
      coordinator: false,
      participantId: invited.participantId,
    });
    expect(await eventAccess(s, coordinator.userId, event.id)).toMatchObject({
      coordinator: true,
      participantId: undefined,
    });
  });

  it("refuse a group or an event through another program's id", async () => {
    expect(await groupAccess(s, member.userId, other.id, group.id)).toBe("not_found");
    expect(await eventAccess(s, coordinator.userId, event.id, other.id)).toBe("not_found");
    expect(await eventAccess(s, coordinator.userId, event.id, program.id)).not.toBe("not_found");
  });
});
