/**
 * The concurrency suite (issue #16) across two server processes sharing one PostgreSQL, as a
 * load-balanced deployment runs: the conflicting requests of every scenario of
 * tests/helpers/races.ts alternate between the processes (sockets too: one per process). Each
 * process has its own data dir (its outbox); the data comes from the data factory, imported
 * before the processes start.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { Factory, importIntoPostgres } from "../helpers/factory";
import { Race, SCENARIOS, type RaceTarget } from "../helpers/races";
import { makeTempDir, removeDir, startServer, type TestServer } from "../helpers/server";
import { startCluster, type PgCluster } from "../setup/pg-cluster";

const factory = new Factory("c");
const scenarios = SCENARIOS.map((s) => ({ name: s.name, run: s.build(factory) }));
let cluster: PgCluster;
const dataDirs: string[] = [];
let nodes: TestServer[] = [];
let target: RaceTarget;

beforeAll(async () => {
  cluster = await startCluster();
  await importIntoPostgres(cluster.url, await factory.document());
  dataDirs.push(await makeTempDir(), await makeTempDir());
  const env = {
    DATABASE_URL: cluster.url,
    SESSION_SECRET: "une-phrase-secrete-partagee-par-les-deux-noeuds",
  };
  // Started together, as a deployment would (the migrations take a lock; nobody seeds).
  const started = await Promise.allSettled(
    dataDirs.map((dataDir) => startServer({ dataDir, env })),
  );
  nodes = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  target = {
    urls: nodes.map((n) => n.url),
    store: { engine: "postgres", url: cluster.url },
    dataDirs,
    logs: () => nodes.map((n, i) => `[node ${i + 1}]\n${n.output()}`).join("\n"),
  };
});
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.stop()));
  await cluster?.stop();
  for (const dir of dataDirs) await removeDir(dir);
});

describe("simultaneous requests on two processes sharing one PostgreSQL", () => {
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
