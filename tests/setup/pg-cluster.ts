/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` into a temporary directory,
 * `pg_ctl start` on a free loopback port (Unix socket in the same directory), one database. As root,
 * the cluster runs as the `postgres` system user (PostgreSQL refuses to run as root).
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(
      "PostgreSQL is not installed: run bash tests/setup/ensure-package.sh '/usr/lib/postgresql/*/bin/initdb' postgresql",
    );
  return join(root, versions[0], "bin");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  url: string;
  port: number;
  dir: string;
  /** A fresh, empty database on this cluster; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server, keeping its data (to test an outage); `resume` starts it again. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(): Promise<PgCluster> {
  const bin = postgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), "maillage-pg-"));
  const data = join(dir, "data");
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(dir, 0o700);
  const as = (command: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", command, ...args], { cwd: "/" })
      : run(command, args, { cwd: "/" });
  await as(join(bin, "initdb"), [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "maillage",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  const port = await freePort();
  const start = () =>
    as(join(bin, "pg_ctl"), [
      "-D",
      data,
      "-l",
      join(dir, "server.log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      "start",
    ]);
  await start();
  const psql = (sql: string) =>
    run(join(bin, "psql"), [
      "-h",
      "127.0.0.1",
      "-p",
      String(port),
      "-U",
      "maillage",
      "-d",
      "postgres",
      "-c",
      sql,
    ]);
  const createDatabase = async (name: string) => {
    await psql(`CREATE DATABASE "${name.replace(/[^\w]/g, "_")}"`);
    return `postgres://maillage@127.0.0.1:${port}/${name.replace(/[^\w]/g, "_")}`;
  };
  const url = await createDatabase("maillage");
  return {
    url,
    port,
    dir,
    createDatabase,
    pause: async () => {
      await as(join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
    },
    resume: async () => {
      await start();
    },
    stop: async () => {
      await as(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]).catch(
        () => undefined,
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}
