/**
 * The store contract: the same tests against both engines (lowdb in a temporary directory, and
 * PostgreSQL in a throwaway cluster started by tests/setup/postgres.ts). Routes, models and socket
 * handlers only rely on what is checked here.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LowStore } from "../../core/store/lowdb-store";
import { PgStore } from "../../core/store/pg-store";
import { emptyDocument, SCHEMA_VERSION } from "../../core/store/schema";
import { UNIQUE_KEYS } from "../../core/store/unique-keys";
import {
  NotFoundError,
  StoreLoadError,
  StoreValidationError,
  UniqueViolationError,
  type Store,
} from "../../core/store/types";
import { makeTempDir, removeDir } from "../helpers/server";
import { freshDatabase } from "../helpers/databases";

interface Engine {
  name: string;
  /** Opens a store on a new, empty location; `reopen` opens the same location again. */
  open(seed?: () => unknown): Promise<{ store: Store; reopen: () => Promise<Store> }>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const engines: Engine[] = [
  {
    name: "lowdb",
    async open(seed = () => emptyDocument()) {
      const dir = await makeTempDir("maillage-contract-");
      const opened: Store[] = [];
      const openIt = async () => {
        const s = await LowStore.open({ dataDir: dir, seed });
        opened.push(s);
        return s;
      };
      cleanups.push(async () => {
        for (const s of opened) await s.close();
        await removeDir(dir);
      });
      return { store: await openIt(), reopen: openIt };
    },
  },
  {
    name: "postgresql",
    async open(seed = () => emptyDocument()) {
      const url = await freshDatabase("contract");
      const opened: Store[] = [];
      const openIt = async () => {
        const s = await PgStore.open({ url, seed, poolSize: 30 });
        opened.push(s);
        return s;
      };
      cleanups.push(async () => {
        for (const s of opened) await s.close();
      });
      return { store: await openIt(), reopen: openIt };
    },
  },
];

const user = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  email: `${id}@exemple.org`,
  name: `Personne ${id}`,
  role: "participant" as const,
  passwordHash: "scrypt$x$y",
  locale: "fr" as const,
  createdAt: "2026-11-28T10:00:00.000Z",
  ...extra,
});

/** An explanation as Maillage stored it before reason codes (document version 3). */
const SENTENCES = {
  fr: ["Triade : Marc (mentor·e) avec Ana et Béa (mentoré·es).", "Trois organismes différents."],
  en: ["Triad: Marc (mentor) with Ana and Béa (mentees).", "Three different organizations."],
};
const LEGACY_REASONS = [
  {
    code: "legacy-text",
    params: {
      fr: "Triade : Marc (mentor·e) avec Ana et Béa (mentoré·es).",
      en: "Triad: Marc (mentor) with Ana and Béa (mentees).",
    },
  },
  {
    code: "legacy-text",
    params: { fr: "Trois organismes différents.", en: "Three different organizations." },
  },
];
const sentencedGroup = () => ({
  id: "g1",
  programId: "p1",
  memberIds: ["a", "b", "m"],
  status: "active" as const,
  origin: "solver" as const,
  suggestedFirstMeeting: "2026-12-01",
  createdAt: "2026-11-28T10:00:00.000Z",
});
const sentencedRun = () => ({
  id: "run1",
  programId: "p1",
  status: "done",
  startedBy: "u1",
  startedAt: "2026-11-28T10:00:00.000Z",
  groups: [
    {
      id: "g1",
      memberIds: ["m", "a", "b"],
      mentorId: "m",
      score: 3,
      explanation: SENTENCES,
      decision: "proposed",
    },
  ],
  unplaced: [
    {
      id: "x",
      reason: "No compatible mentor.",
      reasonFr: "Aucun·e mentor·e compatible.",
      code: "no-compatible-mentor",
    },
    {
      id: "y",
      reason: "Moved out by a coordinator",
      reasonFr: "Retiré·e par la coordination",
      code: "moved",
    },
  ],
});

describe.each(engines)("the store contract on $name", (engine) => {
  it("validates every write with the entity's schema and stores nothing invalid", async () => {
    const { store } = await engine.open();
    await expect(
      store.insert("users", { ...user("u1"), email: "pas-un-courriel" }),
    ).rejects.toThrow(StoreValidationError);
    const error = await store
      .insert("users", { ...user("u1"), locale: "de" as "fr" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreValidationError);
    expect((error as StoreValidationError).collection).toBe("users");
    expect((error as StoreValidationError).path).toContain("locale");
    expect(await store.find("users")).toEqual([]);
    await store.insert("users", user("u1"));
    await expect(store.insert("users", user("u1"))).rejects.toThrow(/duplicate id/);
    await expect(store.update("users", "u1", { role: "admin" as "participant" })).rejects.toThrow(
      StoreValidationError,
    );
    expect((await store.get("users", "u1"))?.role).toBe("participant");
  });

  it("finds by equality on top-level fields, in insertion order, and refuses an undefined filter", async () => {
    const { store } = await engine.open();
    for (const [id, locale] of [
      ["b", "fr"],
      ["a", "en"],
      ["c", "fr"],
    ] as const)
      await store.insert("users", user(id, { locale }));
    expect((await store.find("users")).map((u) => u.id)).toEqual(["b", "a", "c"]);
    expect((await store.find("users", { locale: "fr" })).map((u) => u.id)).toEqual(["b", "c"]);
    expect((await store.findOne("users", { locale: "en" }))?.id).toBe("a");
    expect(await store.findOne("users", { locale: "en", id: "b" })).toBeUndefined();
    expect(await store.get("users", "zz")).toBeUndefined();
    await expect(store.find("users", { locale: undefined })).rejects.toThrow(/undefined/);
  });

  it("answers reads by id and by field with each write taken into account, inside and after a transaction", async () => {
    const { store } = await engine.open();
    for (const id of ["a", "b", "c"]) await store.insert("users", user(id, { locale: "fr" }));
    // Read once, so that any lookup the engine keeps is built before the writes below.
    expect((await store.find("users", { locale: "fr" })).map((u) => u.id)).toEqual(["a", "b", "c"]);
    expect((await store.get("users", "b"))?.locale).toBe("fr");

    await store.update("users", "b", { locale: "en" });
    expect((await store.find("users", { locale: "fr" })).map((u) => u.id)).toEqual(["a", "c"]);
    expect((await store.find("users", { locale: "en" })).map((u) => u.id)).toEqual(["b"]);
    expect((await store.get("users", "b"))?.locale).toBe("en");

    await store.transaction(async (tx) => {
      await tx.insert("users", user("d", { locale: "en" }));
      await tx.remove("users", "a");
      expect((await tx.find("users", { locale: "en" })).map((u) => u.id)).toEqual(["b", "d"]);
      expect(await tx.get("users", "a")).toBeUndefined();
      expect((await tx.findOne("users", { locale: "fr" }))?.id).toBe("c");
    });
    expect((await store.find("users", { locale: "en" })).map((u) => u.id)).toEqual(["b", "d"]);
    expect(await store.get("users", "a")).toBeUndefined();
    expect((await store.get("users", "d"))?.locale).toBe("en");

    // A caller that sorts what it got changes nothing for the next reader.
    const found = await store.find("users", { locale: "en" });
    found.reverse();
    expect((await store.find("users", { locale: "en" })).map((u) => u.id)).toEqual(["b", "d"]);
  });

  it("round-trips values: accents, emoji, nested arrays, booleans, absent optionals", async () => {
    const { store } = await engine.open();
    await store.insert("users", user("u1", { name: "Éloïse D'Anjou 🍎 «citation»" }));
    await store.insert("organizations", {
      id: "o1",
      name: "L'Entre-Deux",
      region: "06",
      mrc: "66",
      sector: "",
      competitorIds: ["o2", "o3"],
      createdAt: "2026-11-28T10:00:00.000Z",
    });
    expect((await store.get("users", "u1"))?.name).toBe("Éloïse D'Anjou 🍎 «citation»");
    const org = await store.get("organizations", "o1");
    expect(org?.competitorIds).toEqual(["o2", "o3"]);
    expect(Object.keys(org!)).not.toContain("undefinedField");
    const updated = await store.update("users", "u1", { name: "Autre" });
    expect(updated).toMatchObject({ id: "u1", name: "Autre", email: "u1@exemple.org" });
  });

  it("updates, removes, and names the missing record", async () => {
    const { store } = await engine.open();
    await store.insert("users", user("u1"));
    await expect(store.update("users", "nope", { name: "x" })).rejects.toThrow(NotFoundError);
    expect(await store.remove("users", "u1")).toBe(true);
    expect(await store.remove("users", "u1")).toBe(false);
    expect(await store.find("users")).toEqual([]);
  });

  it("keeps a transaction all-or-nothing, and lets nested transactions join it", async () => {
    const { store } = await engine.open();
    await expect(
      store.transaction(async (tx) => {
        await tx.insert("users", user("u1"));
        await tx.insert("users", user("u2"));
        throw new Error("annulé");
      }),
    ).rejects.toThrow("annulé");
    expect(await store.find("users")).toEqual([]);
    const seen = await store.transaction(async (tx) => {
      await tx.insert("users", user("u1"));
      // A model called inside sees the outer transaction's write and writes into it.
      return store.transaction(async (inner) => {
        const found = await inner.get("users", "u1");
        await inner.insert("users", user("u2"));
        return found?.id;
      });
    });
    expect(seen).toBe("u1");
    expect((await store.find("users")).map((u) => u.id)).toEqual(["u1", "u2"]);
  });

  it("undoes a failed nested transaction and goes on with the outer one", async () => {
    const { store } = await engine.open();
    const log: string[] = [];
    await store.transaction(async (tx) => {
      await tx.insert("users", user("kept"));
      const refused = await store
        .transaction(async (inner) => {
          await inner.insert("users", user("half-done"));
          await store.afterCommit(() => log.push("never"));
          // A write the store refuses (a unique key): on PostgreSQL the statement fails too.
          await inner.insert("users", user("twice", { email: "kept@exemple.org" }));
        })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(UniqueViolationError);
      // The outer transaction still works after the refusal, and sees nothing of the inner one.
      expect(await tx.get("users", "half-done")).toBeUndefined();
      await tx.insert("users", user("after"));
      await store.afterCommit(() => log.push("kept"));
    });
    expect((await store.find("users")).map((u) => u.id)).toEqual(["kept", "after"]);
    expect(log).toEqual(["kept"]);
  });

  it("serializes transactions: concurrent read-check-write never loses an update", async () => {
    const { store } = await engine.open();
    await store.insert("users", user("counter", { name: "0" }));
    await Promise.all(
      Array.from({ length: 25 }, () =>
        store.transaction(async (tx) => {
          const current = await tx.get("users", "counter");
          await new Promise((r) => setTimeout(r, 1));
          await tx.update("users", "counter", { name: String(Number(current!.name) + 1) });
        }),
      ),
    );
    expect((await store.get("users", "counter"))?.name).toBe("25");
  });

  it("runs a transaction's effects once, after its commit, in order, and never after a rollback", async () => {
    const { store } = await engine.open();
    const log: string[] = [];
    const result = await store.transaction(async (tx) => {
      await tx.insert("users", user("u1"));
      await store.afterCommit(async () => {
        // Effects run outside the transaction, on committed data.
        log.push(`first sees ${(await store.get("users", "u1"))?.id ?? "nothing"}`);
      });
      await store.transaction(async () => {
        await store.afterCommit(() => log.push("second (nested)"));
      });
      await store.afterCommit(() => {
        throw new Error("a failing effect is logged, not thrown");
      });
      await store.afterCommit(() => log.push("third"));
      log.push("body done");
      return "ok";
    });
    expect(result).toBe("ok");
    // The transaction's promise settles after its effects.
    expect(log).toEqual(["body done", "first sees u1", "second (nested)", "third"]);

    log.length = 0;
    await expect(
      store.transaction(async (tx) => {
        await tx.insert("users", user("u2"));
        await store.afterCommit(() => log.push("never"));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(log).toEqual([]);
    // Outside a transaction, an effect runs at once.
    await store.afterCommit(() => log.push("at once"));
    expect(log).toEqual(["at once"]);
  });

  it("never lets work that outlives its transaction write into it", async () => {
    const { store } = await engine.open();
    let later: Promise<unknown> | undefined;
    await store.transaction(async (tx) => {
      await tx.insert("users", user("u1"));
      // Started inside, finishing after the commit (a solver job's callback does this).
      later = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
        store.update("users", "u1", { name: "written later" }),
      );
    });
    await later;
    expect((await store.get("users", "u1"))?.name).toBe("written later");
  });

  it("enforces the unique keys on inserts and updates, inside and outside transactions", async () => {
    const { store } = await engine.open();
    const rating = (id: string, extra: Record<string, unknown> = {}) => ({
      id,
      eventId: "evt-1",
      round: 1,
      fromParticipantId: "a",
      toParticipantId: "b",
      answer: "yes" as const,
      updatedAt: "2026-11-28T10:00:00.000Z",
      ...extra,
    });
    await store.insert("ratings", rating("r1"));
    const error = await store.insert("ratings", rating("r2")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolationError);
    expect((error as UniqueViolationError).key).toBe("rating_once");
    await store.insert("ratings", rating("r2", { round: 2 }));
    // An update that would collide is refused too, and the record keeps its value.
    await expect(store.update("ratings", "r2", { round: 1 })).rejects.toThrow(UniqueViolationError);
    expect((await store.get("ratings", "r2"))?.round).toBe(2);
    // A rolled-back transaction leaves nothing behind, and the store stays usable.
    await expect(
      store.transaction(async (tx) => {
        await tx.insert("ratings", rating("r3", { round: 3 }));
        await tx.insert("ratings", rating("r4", { round: 3 }));
      }),
    ).rejects.toThrow(UniqueViolationError);
    expect((await store.find("ratings")).map((r) => r.id)).toEqual(["r1", "r2"]);
    // A key with a condition applies only to the records it names: one running solver run.
    const run = (id: string, status: string) => ({
      id,
      programId: "p1",
      status: status as "running",
      startedBy: "u",
      startedAt: "2026-11-28T10:00:00.000Z",
    });
    await store.insert("solverRuns", run("s1", "done"));
    await store.insert("solverRuns", run("s2", "done"));
    await store.insert("solverRuns", run("s3", "running"));
    await expect(store.insert("solverRuns", run("s4", "running"))).rejects.toThrow(
      UniqueViolationError,
    );
    await store.update("solverRuns", "s3", { status: "done" });
    await store.insert("solverRuns", run("s4", "running"));
    // A record without the key's fields is not constrained by it.
    const entry = (id: string, extra: Record<string, unknown>) => ({
      id,
      groupId: "g",
      participantId: "a",
      kind: "preparation" as const,
      hours: 1,
      date: "2026-11-28",
      createdAt: "2026-11-28T10:00:00.000Z",
      ...extra,
    });
    await store.insert("hourEntries", entry("h1", {}));
    await store.insert("hourEntries", entry("h2", {}));
    await store.insert("hourEntries", entry("h3", { kind: "meeting", meetingId: "m1" }));
    await expect(
      store.insert("hourEntries", entry("h4", { kind: "meeting", meetingId: "m1" })),
    ).rejects.toThrow(UniqueViolationError);
  });

  it("migrates a version 1 store: seats for active groups, each group's source", async () => {
    const at = "2026-11-28T10:00:00.000Z";
    const group = (id: string, memberIds: string[], status = "active") => ({
      id,
      programId: "p1",
      memberIds,
      status,
      origin: "self",
      suggestedFirstMeeting: "2026-12-01",
      createdAt: at,
    });
    const v1 = {
      ...emptyDocument(),
      schemaVersion: 1,
      groups: [
        group("g1", ["m", "a", "b"]),
        group("g2", ["m", "c", "d"]),
        group("g3", ["e", "f", "x"], "dissolved"),
      ],
      groupProposals: [
        {
          id: "gp1",
          programId: "p1",
          proposerId: "a",
          memberIds: ["m", "a", "b"],
          responses: { m: "accepted", a: "accepted", b: "accepted" },
          status: "formed",
          expiresAt: at,
          createdAt: at,
          groupId: "g1",
        },
      ],
    };
    delete (v1 as Record<string, unknown>).memberships;
    delete (v1 as Record<string, unknown>).submissions;
    const { store } = await engine.open(() => v1);
    const seats = (await store.find("memberships")).map(
      (m) => `${m.groupId}:${m.participantId}:${m.seat}`,
    );
    expect(seats.sort()).toEqual(
      ["g1:a:0", "g1:b:0", "g1:m:0", "g2:c:0", "g2:d:0", "g2:m:1"].sort(),
    );
    expect((await store.get("groups", "g1"))?.sourceKey).toBe("proposal:gp1");
    expect((await store.get("groups", "g2"))?.sourceKey).toBeUndefined();
  });

  it("migrates a version 3 store: sentences stored before reason codes stay readable as written", async () => {
    const { store } = await engine.open(() => ({
      ...emptyDocument(),
      schemaVersion: 3,
      groups: [{ ...sentencedGroup(), explanation: SENTENCES }],
      solverRuns: [sentencedRun()],
    }));
    const legacy = LEGACY_REASONS;
    expect((await store.get("groups", "g1"))?.explanation).toEqual(legacy);
    const run = (await store.get("solverRuns", "run1"))!;
    expect(run.groups[0]!.explanation).toEqual(legacy);
    expect(run.unplaced).toEqual([
      {
        id: "x",
        code: "no-compatible-mentor",
        reasons: [
          {
            code: "legacy-text",
            params: { fr: "Aucun·e mentor·e compatible.", en: "No compatible mentor." },
          },
        ],
      },
      { id: "y", code: "moved", reasons: [{ code: "moved-out", params: {} }] },
    ]);
  });

  it("seeds an empty location once, and keeps the data across a reopen", async () => {
    const seed = () => ({ ...emptyDocument(), users: [user("seeded")] });
    const { store, reopen } = await engine.open(seed);
    expect((await store.find("users")).map((u) => u.id)).toEqual(["seeded"]);
    await store.insert("users", user("later"));
    await store.close();
    const again = await reopen();
    expect((await again.find("users")).map((u) => u.id)).toEqual(["seeded", "later"]);
  });
});

describe("the unique keys of each engine", () => {
  it("PostgreSQL holds exactly one index per key of unique-keys.ts", async () => {
    const { store } = await engines[1]!.open();
    const indexes = await (store as PgStore).pool.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'records' AND indexname LIKE 'records_unique_%' ORDER BY indexname",
    );
    expect(indexes.rows.map((r) => r.indexname)).toEqual(
      UNIQUE_KEYS.map((k) => `records_unique_${k.name}`).sort(),
    );
  });

  it("PostgreSQL migrates data written by an older version when it starts", async () => {
    const { store, reopen } = await engines[1]!.open();
    const pool = (store as PgStore).pool;
    const at = "2026-11-28T10:00:00.000Z";
    await store.insert("groups", {
      id: "g1",
      programId: "p1",
      memberIds: ["a", "b", "m"],
      status: "active",
      origin: "solver",
      suggestedFirstMeeting: "2026-12-01",
      createdAt: at,
    });
    // As a version 1 database holds it: no seats, the version in store_meta.
    await pool.query("UPDATE store_meta SET value = '1'::jsonb WHERE key = 'schemaVersion'");
    await store.close();
    const again = await reopen();
    expect((await again.find("memberships")).map((m) => m.participantId).sort()).toEqual([
      "a",
      "b",
      "m",
    ]);
    const meta = await (again as PgStore).pool.query(
      "SELECT value FROM store_meta WHERE key = 'schemaVersion'",
    );
    expect(meta.rows[0].value).toBe(SCHEMA_VERSION);
  });

  it("PostgreSQL migrates sentences stored before reason codes when it starts (version 3)", async () => {
    const { store, reopen } = await engines[1]!.open();
    const pool = (store as PgStore).pool;
    await store.insert("groups", sentencedGroup());
    // As a version 3 database holds them: explanations and reasons as sentences.
    const run = sentencedRun();
    await pool.query(
      "INSERT INTO records (collection, id, data) VALUES ('solverRuns', $1, $2::jsonb)",
      [run.id, JSON.stringify(run)],
    );
    await pool.query(
      "UPDATE records SET data = jsonb_set(data, '{explanation}', $1::jsonb) WHERE id = 'g1'",
      [JSON.stringify(SENTENCES)],
    );
    await pool.query("UPDATE store_meta SET value = '3'::jsonb WHERE key = 'schemaVersion'");
    await store.close();
    const again = await reopen();
    expect((await again.get("groups", "g1"))?.explanation).toEqual(LEGACY_REASONS);
    const migrated = (await again.get("solverRuns", "run1"))!;
    expect(migrated.groups[0]!.explanation).toEqual(LEGACY_REASONS);
    expect(migrated.unplaced.map((u) => u.reasons[0]!.code)).toEqual(["legacy-text", "moved-out"]);
  });

  it("lowdb refuses to start on a data file whose records break a key, and leaves it untouched", async () => {
    const dir = await makeTempDir("maillage-contract-");
    cleanups.push(() => removeDir(dir));
    const twice = {
      ...emptyDocument(),
      users: [user("u1"), user("u2", { email: "u1@exemple.org" })],
    };
    const text = JSON.stringify(twice);
    await writeFile(join(dir, "maillage.json"), text);
    const error = await LowStore.open({ dataDir: dir, seed: () => emptyDocument() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreLoadError);
    expect((error as Error).message).toContain("user_email");
    expect(await readFile(join(dir, "maillage.json"), "utf8")).toBe(text);
  });
});

describe("the PostgreSQL store when the database is away", () => {
  it("refuses to start with a clear message naming the database, without the password", async () => {
    const error = await PgStore.open({
      url: "postgres://maillage:secret@127.0.0.1:1/maillage",
      seed: () => emptyDocument(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLoadError);
    expect(String((error as Error).message)).toContain("cannot connect to PostgreSQL");
    expect(String((error as Error).message)).toContain("127.0.0.1:1");
    expect(String((error as Error).message)).not.toContain("secret");
  });

  it("applies its migrations once, even when two processes start together", async () => {
    const url = await freshDatabase("contract");
    const seed = () => ({ ...emptyDocument(), users: [user("seeded")] });
    const [a, b] = await Promise.all([PgStore.open({ url, seed }), PgStore.open({ url, seed })]);
    cleanups.push(async () => {
      await a.close();
      await b.close();
    });
    expect((await a.find("users")).map((u) => u.id)).toEqual(["seeded"]);
    const versions = await a.pool.query("SELECT version FROM schema_migrations ORDER BY version");
    expect(versions.rows.map((r: { version: number }) => r.version)).toEqual([1, 2, 3, 4, 5]);
  });
});
