/**
 * Databases of the test run's PostgreSQL cluster (tests/setup/postgres.ts, provided to the tests
 * as `pgUrl` and `pgPort`), and the two store engines a both-engine test runs on.
 */
import pg from "pg";
import { inject } from "vitest";

let created = 0;

/** A new, empty database (named `<prefix>_<pid>_<n>`, to read a leftover): its URL. */
export async function freshDatabase(prefix: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${++created}`;
  const admin = new pg.Client({ connectionString: inject("pgUrl") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return `postgres://maillage@127.0.0.1:${inject("pgPort")}/${name}`;
}

/**
 * lowdb (no URL) and PostgreSQL (a fresh database per call), for `describe.each(...)("… $name")`.
 */
export function storeEngines(prefix: string) {
  return [
    { name: "lowdb", databaseUrl: async (): Promise<string | undefined> => undefined },
    {
      name: "PostgreSQL",
      databaseUrl: (): Promise<string | undefined> => freshDatabase(prefix),
    },
  ];
}
