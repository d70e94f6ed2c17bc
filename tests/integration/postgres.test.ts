/**
 * The whole app on PostgreSQL: the same routes, models and socket handlers as on lowdb, data kept
 * across restarts, and an outage of the database met with a clear error page, then recovery.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageText, signedIn } from "../helpers/http";
import { LiveClient } from "../helpers/live";
import { makeTempDir, removeDir, startServer, type TestServer } from "../helpers/server";
import { startCluster, type PgCluster } from "../setup/pg-cluster";

const GROUP = "/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid";
let cluster: PgCluster;
let dataDir: string;
let server: TestServer | undefined;

beforeAll(async () => {
  cluster = await startCluster();
  dataDir = await makeTempDir();
});
afterAll(async () => {
  await server?.stop();
  await cluster?.stop();
  await removeDir(dataDir);
});

const start = () => startServer({ dataDir, env: { DATABASE_URL: cluster.url } });

describe("Maillage on PostgreSQL", () => {
  it("seeds once, serves pages, forms and live sessions, and keeps the data across a restart", async () => {
    server = await start();
    const marc = await signedIn(server.url, "marc@exemple.org");
    const space = await pageText(await marc.get(GROUP));
    expect(space).toContain("Benoît Girard");
    const logged = await marc.post(`${GROUP}/hours`, {
      intent: "add",
      kind: "preparation",
      hours: "1,5",
      date: "2026-12-02",
      note: "Préparé sur PostgreSQL",
    });
    expect(logged.status).toBe(200);
    const bad = await marc.post(`${GROUP}/hours`, {
      intent: "add",
      kind: "sieste",
      hours: "x",
      date: "",
    });
    expect(bad.status).toBe(400);

    // A co-development session over Socket.IO, its state in the database.
    const live = await new LiveClient(server.url, "marc@exemple.org").connect();
    const joined = await live.emit<{ session: { status: string } }>("codev:join", {
      sessionId: "cdv-demo-2",
    });
    expect(joined.ok && joined.data.session.status).toBe("planned");
    const started = await live.emit<{ session: { status: string } }>("codev:command", {
      sessionId: "cdv-demo-2",
      command: "start",
    });
    expect(started.ok && started.data.session.status).toBe("running");
    live.close();

    await server.stop();
    server = await start();
    const again = await signedIn(server.url, "marc@exemple.org");
    expect(await pageText(await again.get(`${GROUP}/hours`))).toContain("Préparé sur PostgreSQL");
    const codev = await pageText(await again.get(`${GROUP}/codev`));
    expect(codev).toContain("En cours");
    // Seeded once: still one demo coordinator, one demo group.
    expect(server.output()).not.toContain("cannot connect");
  });

  it("shows a clear error page while the database is down, and recovers when it is back", async () => {
    server ??= await start();
    const marc = await signedIn(server.url, "marc@exemple.org");
    await cluster.pause();
    try {
      const down = await marc.get(GROUP);
      expect(down.status).toBe(500);
      const html = await pageText(down);
      expect(html).toContain("Une erreur inattendue");
      expect(html).not.toMatch(/ECONNREFUSED|at .*\.js:\d+/);
      const write = await marc.post(`${GROUP}/hours`, {
        intent: "add",
        kind: "preparation",
        hours: "2",
        date: "2026-12-03",
        note: "Pendant la panne",
      });
      expect(write.status).toBe(500);
    } finally {
      await cluster.resume();
    }
    await expect
      .poll(async () => (await marc.get(GROUP)).status, { timeout: 15_000, interval: 250 })
      .toBe(200);
    // Nothing half-written during the outage.
    expect(await pageText(await marc.get(`${GROUP}/hours`))).not.toContain("Pendant la panne");
  });

  it("refuses to start when PostgreSQL cannot be reached, naming it without the password", async () => {
    const dir = await makeTempDir();
    try {
      const { runServerExpectingExit } = await import("../helpers/server");
      const result = await runServerExpectingExit(dir, {
        DATABASE_URL: "postgres://maillage:secret@127.0.0.1:1/maillage",
      });
      expect(result.code).toBe(1);
      expect(result.output).toContain("cannot connect to PostgreSQL");
      expect(result.output).not.toContain("secret");
    } finally {
      await removeDir(dir);
    }
  });
});
