/**
 * Document version 2 (core/store/migrations.ts, run by both engines): the U+FFFD that React
 * 18.3's zero bytes left in saved texts are dropped when a store of version 1 is opened, on both
 * engines; any other U+FFFD is kept.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { LowStore } from "../../core/store/lowdb-store";
import { PgStore } from "../../core/store/pg-store";
import { emptyDocument, SCHEMA_VERSION } from "../../core/store/schema";
import { makeTempDir, removeDir } from "../helpers/server";

/** Names as saved back from a page with zero bytes, and as they must read once repaired. */
const NAMES: Array<[stored: string, repaired: string]> = [
  ["Am\uFFFDélie Côté", "Amélie Côté"],
  ["\uFFFDÉlodie", "Élodie"],
  ["L\uFFFD\uFFFD’Entraide", "L’Entraide"],
  ["\uFFFD\uFFFD\uFFFD🍎 Pomme", "🍎 Pomme"],
  // Not the renderer's doing: damaged before it was typed, or more U+FFFD than the bug makes.
  ["Caf\uFFFD du coin", "Caf\uFFFD du coin"],
  ["r\uFFFD\uFFFDlection", "r\uFFFD\uFFFDlection"],
  ["Montr\uFFFD\uFFFDéal", "Montr\uFFFD\uFFFDéal"],
];

const users = () =>
  NAMES.map(([name], i) => ({
    id: `u${i}`,
    email: `u${i}@exemple.org`,
    name,
    role: "participant" as const,
    passwordHash: "scrypt$x$y",
    locale: "fr" as const,
    createdAt: "2026-11-28T10:00:00.000Z",
  }));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("opening a store of document version 1", () => {
  it("lowdb: drops the renderer's U+FFFD, keeps the others, and keeps the old file", async () => {
    const dir = await makeTempDir("maillage-repair-");
    const file = join(dir, "maillage.json");
    const old = JSON.stringify({ ...emptyDocument(), schemaVersion: 1, users: users() });
    await writeFile(file, old);
    const store = await LowStore.open({ dataDir: dir, seed: () => emptyDocument() });
    cleanups.push(async () => {
      await store.close();
      await removeDir(dir);
    });
    expect((await store.find("users")).map((u) => u.name)).toEqual(NAMES.map(([, r]) => r));
    const saved = JSON.parse(await readFile(file, "utf8")) as { schemaVersion: number };
    expect(saved.schemaVersion).toBe(SCHEMA_VERSION);
    expect(await readFile(`${file}.v1.bak`, "utf8")).toBe(old);
  });

  it("postgresql: drops the renderer's U+FFFD, keeps the others, and records the new version", async () => {
    const name = `repair_${process.pid}`;
    const admin = new pg.Client({ connectionString: inject("pgUrl") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = `postgres://maillage@127.0.0.1:${inject("pgPort")}/${name}`;

    // A database as it was at document version 1: the damaged names stored.
    const before = await PgStore.open({
      url,
      seed: () => ({ ...emptyDocument(), users: users() }),
    });
    expect((await before.find("users")).map((u) => u.name)).toEqual(NAMES.map(([s]) => s));
    await before.pool.query("UPDATE store_meta SET value = '1' WHERE key = 'schemaVersion'");
    await before.close();

    const store = await PgStore.open({ url, seed: () => emptyDocument() });
    cleanups.push(() => store.close());
    expect((await store.find("users")).map((u) => u.name)).toEqual(NAMES.map(([, r]) => r));
    const meta = await store.pool.query("SELECT value FROM store_meta WHERE key = 'schemaVersion'");
    expect(meta.rows[0].value).toBe(SCHEMA_VERSION);
  });
});
