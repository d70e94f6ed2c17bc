/**
 * The rate limits (core/security/rate-limits.ts) on both engines: in memory, and in PostgreSQL
 * where two processes' limiters (two pools on one database, as two server processes have) share
 * their counts. Time is moved with a fake clock (Date only: PostgreSQL's own timers keep running).
 * Two server processes sharing the sign-in limit: tests/cluster/two-nodes.test.ts.
 */
import pg from "pg";
import { afterAll, afterEach, describe, expect, inject, it, vi } from "vitest";
import { RATE_LIMITS, RateLimits } from "../../core/security/rate-limits";
import { PgStore } from "../../core/store/pg-store";
import { emptyDocument } from "../../core/store/schema";

const stores: PgStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Two limiters as two processes would have them: one memory each, or one database for both. */
const engines: Record<string, () => Promise<[RateLimits, RateLimits | undefined]>> = {
  memory: async () => [new RateLimits(), undefined],
  postgresql: async () => {
    const name = `limits_${process.pid}_${stores.length}`;
    const admin = new pg.Client({ connectionString: inject("pgUrl") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = `postgres://maillage@127.0.0.1:${inject("pgPort")}/${name}`;
    const [a, b] = await Promise.all([
      PgStore.open({ url, seed: emptyDocument }),
      PgStore.open({ url, seed: emptyDocument }),
    ]);
    stores.push(a, b);
    return [new RateLimits(a.pool), new RateLimits(b.pool)];
  },
};

describe.each(Object.keys(engines))("rate limits (%s)", (engine) => {
  it("counts uses per key within a window that starts at the first use", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-03T14:00:00Z") });
    const [one, other] = await engines[engine]!();
    const two = other ?? one;
    const { points } = RATE_LIMITS.applyAddress;
    expect(points).toBe(20);
    // Twenty saves from one address, spread over both processes.
    for (let i = 0; i < points; i++)
      expect(await (i % 2 ? two : one).consume("applyAddress", "192.0.2.1"), `use ${i + 1}`).toBe(
        0,
      );
    vi.setSystemTime(new Date("2026-12-03T14:04:00Z"));
    // The 21st, four minutes later, on either process: wait until ten minutes after the first.
    expect(await one.consume("applyAddress", "192.0.2.1")).toBe(6 * 60_000);
    expect(await two.consume("applyAddress", "192.0.2.1")).toBe(6 * 60_000);
    // Another address, and the same address under another limit, are not affected.
    expect(await two.consume("applyAddress", "192.0.2.2")).toBe(0);
    expect(await two.consume("signUpAddress", "192.0.2.1")).toBe(0);
    // Refused uses do not push the window back.
    vi.setSystemTime(new Date("2026-12-03T14:10:00Z"));
    expect(await two.consume("applyAddress", "192.0.2.1")).toBe(0);
  });

  it("counts failed sign-ins without refusing them, tells the wait, and forgets them on reset", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-03T14:00:00Z") });
    const [one, other] = await engines[engine]!();
    const two = other ?? one;
    for (let i = 0; i < 4; i++)
      await (i % 2 ? two : one).count("signInPair", "192.0.2.1|marc@exemple.org");
    expect(await two.wait("signInPair", "192.0.2.1|marc@exemple.org")).toBe(0);
    await one.count("signInPair", "192.0.2.1|marc@exemple.org");
    vi.setSystemTime(new Date("2026-12-03T14:05:00Z"));
    expect(await two.wait("signInPair", "192.0.2.1|marc@exemple.org")).toBe(10 * 60_000);
    expect(await one.wait("signInPair", "192.0.2.1|yves@exemple.org")).toBe(0);
    await two.reset("signInPair", "192.0.2.1|marc@exemple.org");
    expect(await one.wait("signInPair", "192.0.2.1|marc@exemple.org")).toBe(0);

    // Chat: five messages per person in five seconds.
    for (let i = 0; i < 5; i++) expect(await one.consume("chatPerson", "evt-1:p-marc")).toBe(0);
    expect(await two.consume("chatPerson", "evt-1:p-marc")).toBe(5_000);
    expect(await two.consume("chatPerson", "evt-1:p-yves")).toBe(0);
    vi.setSystemTime(new Date("2026-12-03T14:05:05Z"));
    expect(await two.consume("chatPerson", "evt-1:p-marc")).toBe(0);
  });
});
