/**
 * Derived data kept per store revision (core/models/revision-cache.server.ts): the program report is
 * built once per store revision: reloading it (or exporting its tables)
 * reuses the last one, and any write makes the next request see the new data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDirectory } from "../../core/models/profile.server";
import { programReport } from "../../core/models/report.server";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;

beforeAll(async () => {
  s = await testServices();
});
afterAll(async () => {
  await s.close();
});

describe("the program report's cache", () => {
  it("reuses the report while nothing changes and shows a new hour entry at once", async () => {
    const program = (await s.store.get("programs", "prog-pilote-2025"))!;
    const first = await programReport(s, program, "2026-11-28");
    expect(await programReport(s, program, "2026-11-28")).toBe(first);
    // Another day is another report (periods and "planned" meetings depend on it).
    expect(await programReport(s, program, "2026-11-29")).not.toBe(first);

    const used = first.totals.hours.used;
    const group = (await s.store.find("groups", { programId: program.id }))[0]!;
    await s.store.insert("hourEntries", {
      id: "he-cache-test",
      groupId: group.id,
      // The mentor's preparation draws from the bank (a mentee's would be their own time).
      participantId: group.mentorId!,
      kind: "preparation",
      hours: 1.5,
      date: "2026-01-10",
      createdAt: new Date().toISOString(),
    });
    const after = await programReport(s, program, "2026-11-28");
    expect(after).not.toBe(first);
    expect(after.totals.hours.used).toBeCloseTo(used + 1.5);
  });
});

describe("the directory's shared fits", () => {
  const programId = "prog-reemploi-2026";
  const viewer = { userId: "u-benoit", participantId: "p-benoit" };

  it("follow a profile change at once, and a transaction's uncommitted writes are never kept", async () => {
    const entryOf = async (id: string) =>
      (await listDirectory(s, programId, viewer, {}, 1)).entries.find((e) => e.id === id);
    const before = await entryOf("p-marc");
    expect(before?.fit).toBeGreaterThan(0);
    // Read twice with nothing changed: the same order and fits.
    expect((await listDirectory(s, programId, viewer, {}, 1)).entries).toEqual(
      (await listDirectory(s, programId, viewer, {}, 1)).entries,
    );

    const marc = (await s.store.get("participants", "p-marc"))!;
    // Inside a transaction, a read sees the change but does not keep it for others...
    await expect(
      s.store.transaction(async (tx) => {
        await tx.update("participants", "p-marc", {
          profile: { ...marc.profile, expertise: [], needs: [] },
        });
        expect((await entryOf("p-marc"))?.fit).toBeLessThan(before!.fit!);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await entryOf("p-marc"))?.fit).toBe(before?.fit);

    // ...and a committed change shows on the next read.
    await s.store.update("participants", "p-marc", {
      profile: { ...marc.profile, expertise: [], needs: [] },
    });
    expect((await entryOf("p-marc"))?.fit).toBeLessThan(before!.fit!);
  });
});
