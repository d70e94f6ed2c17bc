#!/usr/bin/env node
/**
 * `npm run cluster:stop [-- --dir DIR] [--purge]`: stops what `npm run cluster` started in the
 * cluster dir (default `.cluster` at the repository root), using the pids it recorded: nginx
 * (`nginx -s quit`), the two app processes (SIGTERM, SIGKILL after 10 s) and PostgreSQL
 * (`pg_ctl stop -m fast`). Safe to run twice. `--purge` also deletes the cluster dir.
 *
 * `scripts/cluster.mjs` imports `stopCluster` from here to undo a start that failed half-way.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { rm, unlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";
import { z } from "zod";

const run = promisify(execFile);

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_DIR = join(ROOT, ".cluster");
export const NGINX = "/usr/sbin/nginx";
export const NODE_NAMES = ["node-1", "node-2"];
/** Written first by `npm run cluster`: only a directory holding it is ever purged. */
export const MARKER = "cluster.json";

/** The paths of everything `npm run cluster` keeps in its directory. */
export function clusterPaths(dir) {
  const pg = join(dir, "postgres");
  const nginx = join(dir, "nginx");
  return {
    dir,
    marker: join(dir, MARKER),
    data: join(dir, "data"),
    sessionSecret: join(dir, "session-secret"),
    pgPassword: join(dir, "postgres-password"),
    pg,
    pgData: join(pg, "data"),
    pgLog: join(pg, "server.log"),
    nginx,
    nginxConf: join(dir, "nginx.conf"),
    nginxPid: join(nginx, "nginx.pid"),
    nginxErrorLog: join(nginx, "error.log"),
    nginxAccessLog: join(nginx, "access.log"),
    nodeLog: (name) => join(dir, `${name}.log`),
    nodePid: (name) => join(dir, `${name}.pid`),
  };
}

export const asRoot = process.getuid?.() === 0;

/** Runs a command as the `postgres` system user when we are root (PostgreSQL refuses root). */
export function asPostgres(command, args, options = {}) {
  return asRoot
    ? run("runuser", ["-u", "postgres", "--", command, ...args], { cwd: "/", ...options })
    : run(command, args, { cwd: "/", ...options });
}

/** The PostgreSQL binaries: the cluster's own major version when it exists, else the newest. */
export function postgresBin(pgData) {
  const root = "/usr/lib/postgresql";
  const versionFile = pgData ? join(pgData, "PG_VERSION") : undefined;
  if (versionFile && existsSync(versionFile)) {
    const version = readFileSync(versionFile, "utf8").trim();
    const bin = join(root, version, "bin");
    if (existsSync(join(bin, "pg_ctl"))) return bin;
    throw new Error(`the cluster in ${pgData} needs PostgreSQL ${version}, not installed`);
  }
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] ? join(root, versions[0], "bin") : undefined;
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** The recorded pid when that process still runs and its command line matches, else undefined. */
export function livePid(pidFile, commandPattern) {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").trim(), 10);
  if (!Number.isSafeInteger(pid) || pid <= 1 || !isAlive(pid)) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    // A recycled pid belongs to someone else: never signal it.
    if (!commandPattern.test(cmdline)) return undefined;
  } catch {
    return undefined;
  }
  return pid;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function waitForExit(pid, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

export const NODE_COMMAND = /build\/node\/index\.js/;
const NGINX_COMMAND = /nginx/;

/** True when PostgreSQL runs on this cluster's data directory. */
export async function postgresRunning(paths) {
  if (!existsSync(join(paths.pgData, "PG_VERSION"))) return false;
  const bin = postgresBin(paths.pgData);
  try {
    await asPostgres(join(bin, "pg_ctl"), ["-D", paths.pgData, "status"]);
    return true;
  } catch {
    return false;
  }
}

/** What still runs in this cluster dir: used by `npm run cluster` to refuse a second start. */
export async function runningParts(paths) {
  const parts = [];
  const nginxPid = livePid(paths.nginxPid, NGINX_COMMAND);
  if (nginxPid) parts.push(`nginx (pid ${nginxPid})`);
  for (const name of NODE_NAMES) {
    const pid = livePid(paths.nodePid(name), NODE_COMMAND);
    if (pid) parts.push(`${name} (pid ${pid})`);
  }
  if (await postgresRunning(paths)) parts.push("PostgreSQL");
  return parts;
}

async function stopNginx(paths, log) {
  const pid = livePid(paths.nginxPid, NGINX_COMMAND);
  if (!pid) return false;
  try {
    if (!existsSync(paths.nginxConf) || !existsSync(NGINX)) throw new Error("no nginx.conf");
    await run(NGINX, [
      "-c",
      paths.nginxConf,
      "-p",
      paths.dir,
      "-e",
      paths.nginxErrorLog,
      "-s",
      "quit",
    ]);
  } catch {
    process.kill(pid, "SIGQUIT"); // what `nginx -s quit` sends
  }
  // worker_shutdown_timeout (10 s) closes the WebSockets that keep a graceful quit waiting.
  if (!(await waitForExit(pid, 15_000))) {
    process.kill(pid, "SIGTERM");
    if (!(await waitForExit(pid, 5_000))) process.kill(pid, "SIGKILL");
  }
  log(`Stopped nginx (pid ${pid}).`);
  return true;
}

async function stopNode(paths, name, log) {
  const pidFile = paths.nodePid(name);
  const pid = livePid(pidFile, NODE_COMMAND);
  if (pid) {
    process.kill(pid, "SIGTERM");
    let how = "SIGTERM";
    if (!(await waitForExit(pid, 10_000))) {
      process.kill(pid, "SIGKILL");
      await waitForExit(pid, 5_000);
      how = "SIGKILL after 10 s";
    }
    log(`Stopped ${name} (pid ${pid}, ${how}).`);
  }
  await unlink(pidFile).catch(() => undefined);
  return Boolean(pid);
}

async function stopPostgres(paths, log) {
  if (!(await postgresRunning(paths))) return false;
  const bin = postgresBin(paths.pgData);
  await asPostgres(join(bin, "pg_ctl"), [
    "-D",
    paths.pgData,
    "-m",
    "fast",
    "-w",
    "-t",
    "60",
    "stop",
  ]);
  log(`Stopped PostgreSQL (${paths.pgData}).`);
  return true;
}

/** Stops nginx, then the app processes, then PostgreSQL; returns how many parts were stopped. */
export async function stopCluster(dir, log = console.log) {
  const paths = clusterPaths(dir);
  let stopped = 0;
  const errors = [];
  const attempt = async (what, step) => {
    try {
      if (await step()) stopped += 1;
    } catch (error) {
      errors.push(`${what}: ${error.message ?? error}`);
    }
  };
  await attempt("nginx", () => stopNginx(paths, log));
  const nodes = await Promise.all(
    NODE_NAMES.map(async (name) => {
      try {
        return await stopNode(paths, name, log);
      } catch (error) {
        errors.push(`${name}: ${error.message ?? error}`);
        return false;
      }
    }),
  );
  stopped += nodes.filter(Boolean).length;
  await attempt("PostgreSQL", () => stopPostgres(paths, log));
  if (errors.length > 0) throw new Error(`could not stop everything:\n  ${errors.join("\n  ")}`);
  return stopped;
}

const USAGE = `Usage: npm run cluster:stop [-- --dir DIR] [--purge]
  --dir DIR  the cluster directory (default: .cluster at the repository root)
  --purge    also delete the cluster directory (database, uploads, logs, session secret)`;

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        dir: { type: "string" },
        purge: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`cluster:stop: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const parsed = z
    .object({ dir: z.string().trim().min(1, "--dir must not be empty").optional() })
    .safeParse({ dir: values.dir });
  if (!parsed.success) {
    console.error(`cluster:stop: ${parsed.error.issues[0].message}\n${USAGE}`);
    process.exit(2);
  }
  const dir = resolve(parsed.data.dir ?? DEFAULT_DIR);
  if (!existsSync(dir)) {
    console.log(`Nothing to stop: ${dir} does not exist.`);
    return;
  }
  const isClusterDir = existsSync(join(dir, MARKER));
  if (!isClusterDir) {
    console.error(`cluster:stop: ${dir} is not a cluster directory (no ${MARKER}); nothing done.`);
    process.exit(1);
  }
  const stopped = await stopCluster(dir);
  if (stopped === 0) console.log(`Nothing was running in ${dir}.`);
  if (values.purge) {
    await rm(dir, { recursive: true, force: true });
    console.log(`Deleted ${dir}.`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`cluster:stop: ${error.message ?? error}`);
    process.exit(1);
  });
}
