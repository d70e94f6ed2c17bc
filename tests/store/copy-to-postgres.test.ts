import { execFile } from "node:child_process";
import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { LowStore } from "../../core/store/lowdb-store";
import { PgStore } from "../../core/store/pg-store";
import { demoDocument } from "../../server/seeds/demo";
import { makeTempDir, removeDir, ROOT } from "../helpers/server";

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await removeDir(d);
});

async function database(name: string) {
  const admin = new pg.Client({ connectionString: inject("pgUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return `postgres://maillage@127.0.0.1:${inject("pgPort")}/${name}`;
}

function copy(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ["--import", "tsx", "server/cli/copy-to-postgres.ts", ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      out: e.stdout + e.stderr,
    }),
  );
}

describe("npm run db:copy-to-postgres", () => {
  it("copies the demo store, its chat and audit logs, checks the counts, and refuses a second copy", async () => {
    const dir = await makeTempDir("maillage-copy-");
    dirs.push(dir);
    const low = await LowStore.open({ dataDir: dir, seed: () => demoDocument() });
    const counts = low.counts();
    await low.close();
    await mkdir(join(dir, "chat"));
    await writeFile(
      join(dir, "chat", "evt-demo-novembre.jsonl"),
      `${JSON.stringify({
        id: "m1",
        eventId: "evt-demo-novembre",
        roomId: "r1",
        round: 1,
        authorId: "p-marc",
        authorName: "Marc Tremblay",
        text: "Bonjour !",
        at: "2026-11-20T14:00:00.000Z",
      })}\n{"torn`,
    );
    const url = await database("copy_target");
    const first = await copy(["--from", join(dir, "maillage.json"), "--to", url]);
    expect(first.out).toContain("Every count matches.");
    expect(first.code).toBe(0);

    const store = await PgStore.open({ url, seed: () => ({}) });
    try {
      expect(await store.counts()).toEqual(counts);
      expect((await store.get("users", "u-marc"))?.name).toBe("Marc Tremblay");
      const chat = await store.pool.query("SELECT data FROM log_entries WHERE log = 'chat'");
      expect(chat.rows.map((r: { data: { text: string } }) => r.data.text)).toEqual(["Bonjour !"]);
    } finally {
      await store.close();
    }

    const again = await copy(["--from", join(dir, "maillage.json")], { DATABASE_URL: url });
    expect(again.code).toBe(2);
    expect(again.out).toContain("already holds data");
  });

  it("refuses bad arguments and unreadable files with a clear message", async () => {
    const missing = await copy([]);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain("--from FILE is required");
    const unknown = await copy(["--frmo", "x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('unknown argument "--frmo"');
    const dir = await makeTempDir("maillage-copy-");
    dirs.push(dir);
    await writeFile(join(dir, "broken.json"), "{ pas du json");
    const url = await database("copy_broken");
    const broken = await copy(["--from", join(dir, "broken.json"), "--to", url]);
    expect(broken.code).toBe(2);
    expect(broken.out).toContain("cannot read it as JSON");
  });
});
