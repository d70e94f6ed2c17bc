/**
 * The store contract: the same tests against both engines (lowdb in a temporary directory, and
 * PostgreSQL in a throwaway cluster started by tests/setup/postgres.ts). Routes, models and socket
 * handlers only rely on what is checked here.
 */
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { LowStore } from "../../server/store/lowdb-store";
import { PgStore } from "../../server/store/pg-store";
import { emptyDocument } from "../../server/store/schema";
import {
  NotFoundError,
  StoreLoadError,
  StoreValidationError,
  type Store,
} from "../../server/store/types";
import { makeTempDir, removeDir } from "../helpers/server";

let databases = 0;
async function freshDatabase() {
  const name = `contract_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: inject("pgUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return `postgres://maillage@127.0.0.1:${inject("pgPort")}/${name}`;
}

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
      const url = await freshDatabase();
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
    const url = await freshDatabase();
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
