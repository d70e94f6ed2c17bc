import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyCodevCommand,
  CodevError,
  createCodevSession,
  nextRoles,
} from "../../core/models/codev.server";
import { hourBankSummary } from "../../core/models/hour-bank.server";
import { testServices, type TestServices } from "../helpers/services";

const GROUP = "grp-demo-chaine-froid";
let s: TestServices;

beforeAll(async () => {
  s = await testServices();
});
afterAll(async () => {
  await s.close();
});

async function newSession() {
  const group = (await s.store.get("groups", GROUP))!;
  return createCodevSession(s, group, {
    clientId: "p-mathieu",
    facilitatorId: "p-marc",
    scribeId: "p-benoit",
    minutes: [10, 10, 15, 10, 25, 15, 10],
    createdBy: "p-marc",
  });
}

describe("co-development sessions (model)", () => {
  it("rotates the client so that everyone is the client once per cycle", () => {
    const members = ["a", "b", "c"];
    const sessions: Array<{ number: number; clientId: string }> = [];
    const clients: string[] = [];
    for (let n = 1; n <= 6; n++) {
      const roles = nextRoles(members, sessions);
      expect(new Set([roles.clientId, roles.facilitatorId, roles.scribeId]).size).toBe(3);
      clients.push(roles.clientId);
      sessions.push({ number: n, clientId: roles.clientId });
    }
    expect(clients.slice(0, 3).sort()).toEqual(members);
    expect(clients.slice(3).sort()).toEqual(members);
    // A cycle where someone was client out of turn still gives the others their turn.
    expect(
      nextRoles(members, [
        { number: 1, clientId: "b" },
        { number: 2, clientId: "a" },
      ]).clientId,
    ).toBe("c");
  });

  it("moves one step per facilitator click, even when two clicks race", async () => {
    const session = await newSession();
    const t0 = Date.parse("2027-02-03T15:00:00Z");
    await applyCodevCommand(s, GROUP, session.id, "p-marc", { type: "start", connected: [] }, t0);
    const results = await Promise.allSettled([
      applyCodevCommand(s, GROUP, session.id, "p-marc", { type: "next", step: 0 }, t0 + 60_000),
      applyCodevCommand(s, GROUP, session.id, "p-marc", { type: "next", step: 0 }, t0 + 60_000),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(CodevError);
    expect((await s.store.get("codevSessions", session.id))!.currentStep).toBe(1);
  });

  it("holds its meeting only once started: a session run before the meeting moves it to then", async () => {
    const group = (await s.store.get("groups", GROUP))!;
    const now = new Date().toISOString();
    const taken = new Set(
      (await s.store.find("codevSessions", { groupId: GROUP })).map((s) => s.meetingId),
    );
    const meeting = (await s.store.find("meetings", { groupId: GROUP }))
      .filter((m) => m.status === "planned" && m.startsAt > now && !taken.has(m.id))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0]!;
    const session = await createCodevSession(s, group, {
      clientId: "p-mathieu",
      facilitatorId: "p-marc",
      scribeId: "p-benoit",
      meetingId: meeting.id,
      minutes: [10, 10, 15, 10, 25, 15, 10],
      createdBy: "p-marc",
    });
    const t0 = Date.now();
    await applyCodevCommand(s, GROUP, session.id, "p-marc", { type: "start", connected: [] }, t0);
    await applyCodevCommand(s, GROUP, session.id, "p-marc", { type: "end", step: 0 }, t0 + 90_000);
    const after = (await s.store.get("meetings", meeting.id))!;
    expect(after.status).toBe("held");
    expect(after.startsAt).toBe(new Date(t0).toISOString());
    expect(Date.parse(after.endsAt) - Date.parse(after.startsAt)).toBe(
      Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt),
    );
    expect(after.sequence).toBeGreaterThan(meeting.sequence);
  });

  it("caps a session left running overnight at its planned time plus half an hour", async () => {
    const session = await newSession();
    const t0 = Date.parse("2027-02-10T15:00:00Z");
    await applyCodevCommand(
      s,
      GROUP,
      session.id,
      "p-marc",
      { type: "start", connected: ["p-benoit", "p-mathieu"] },
      t0,
    );
    await applyCodevCommand(s, GROUP, session.id, "p-mathieu", {
      type: "action-add",
      title: "Comparer deux fournisseurs de glacières",
    });
    const before = await hourBankSummary(s, (await s.store.get("groups", GROUP))!, {
      hourBankHours: 20,
      mentoringStart: "2027-01-11",
      mentoringEnd: "2027-06-11",
      composition: "mentorship",
    });
    const ended = await applyCodevCommand(
      s,
      GROUP,
      session.id,
      "p-marc",
      { type: "end", step: 0 },
      t0 + 20 * 3_600_000,
    );
    // 95 planned minutes + 30 = 125 minutes, in quarter hours: 2 h.
    expect(ended.hours).toBe(2);
    const after = await hourBankSummary(s, (await s.store.get("groups", GROUP))!, {
      hourBankHours: 20,
      mentoringStart: "2027-01-11",
      mentoringEnd: "2027-06-11",
      composition: "mentorship",
    });
    // Three people present, counted once.
    expect(after.used - before.used).toBe(2);
    const lines = await s.store.find("hourEntries", { groupId: GROUP });
    expect(lines.filter((l) => l.codevSessionId === session.id)).toHaveLength(3);
    const items = await s.store.find("actionItems", { groupId: GROUP });
    expect(items.find((i) => i.title === "Comparer deux fournisseurs de glacières")).toMatchObject({
      ownerId: "p-mathieu",
      source: "codev",
      status: "todo",
    });
  });
});
