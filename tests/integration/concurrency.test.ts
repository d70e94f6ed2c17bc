/**
 * The concurrency suite (issue #16) on one server, on lowdb and on PostgreSQL: each scenario of
 * tests/helpers/races.ts sends at least 8 conflicting requests at once, then the invariants hold,
 * exactly one effect is visible and every request got a clear answer. The data of every scenario
 * is written by the data factory before the server starts (one server per engine).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVARIANTS } from "../../core/models/invariants";
import { Factory, importIntoPostgres, writeLowdbStore } from "../helpers/factory";
import { Race, SCENARIOS, type RaceTarget } from "../helpers/races";
import { makeTempDir, removeDir, startServer, type TestServer } from "../helpers/server";
import { startCluster, type PgCluster } from "../setup/pg-cluster";

it("races every invariant a person can reach through the app", () => {
  const raced = new Set(SCENARIOS.flatMap((s) => s.invariants));
  expect([...raced].sort()).toEqual(Object.keys(INVARIANTS).sort());
});

describe.each(["lowdb", "postgres"] as const)("simultaneous requests on %s", (engine) => {
  const factory = new Factory(engine === "lowdb" ? "l" : "g");
  const scenarios = SCENARIOS.map((s) => ({ name: s.name, run: s.build(factory) }));
  let dataDir: string;
  let cluster: PgCluster | undefined;
  let server: TestServer | undefined;
  let target: RaceTarget;

  beforeAll(async () => {
    const doc = await factory.document();
    dataDir = await makeTempDir();
    if (engine === "lowdb") {
      await writeLowdbStore(dataDir, doc);
      server = await startServer({ dataDir });
      target = {
        urls: [server.url],
        store: { engine, dataDir },
        dataDirs: [dataDir],
        logs: server.output,
      };
    } else {
      cluster = await startCluster();
      await importIntoPostgres(cluster.url, doc);
      server = await startServer({ dataDir, env: { DATABASE_URL: cluster.url } });
      target = {
        urls: [server.url],
        store: { engine, url: cluster.url },
        dataDirs: [dataDir],
        logs: server.output,
      };
    }
  });
  afterAll(async () => {
    await server?.stop();
    await cluster?.stop();
    if (dataDir) await removeDir(dataDir);
  });

  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const race = new Race(target);
      try {
        await scenario.run(race);
      } finally {
        race.close();
      }
    });
  }
});
