#!/usr/bin/env node
/**
 * `npm run cluster [-- --port N] [--dir DIR]`: Maillage's production shape on one machine, all on
 * loopback: PostgreSQL (Debian's package, a cluster of its own in DIR/postgres), two app processes
 * sharing DIR/data and one session secret, and nginx (Debian's package, its own master process)
 * in front of them on 127.0.0.1:N with sticky sessions and WebSockets. Prints the URL.
 * `npm run cluster:stop` stops it all (scripts/cluster-stop.mjs); see docs/deployment.md for a
 * real deployment of the same shape.
 *
 * A second run reuses the directory: same database, data, uploads and session secret.
 */
import { execFile, spawn } from "node:child_process";
import { Buffer } from "node:buffer";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { chmod, chown, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join, relative, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { z } from "zod";
import {
  DEFAULT_DIR,
  MARKER,
  NGINX,
  NODE_NAMES,
  ROOT,
  asPostgres,
  asRoot,
  clusterPaths,
  postgresBin,
  runningParts,
  stopCluster,
} from "./cluster-stop.mjs";

const run = promisify(execFile);
const { fetch, AbortSignal } = globalThis;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const DATABASE = "maillage";
const DB_USER = "maillage";

class ClusterError extends Error {}

/** Set by SIGINT/SIGTERM once the start is under way: the waits give up and clean up. */
let interrupted = false;
function checkInterrupt() {
  if (interrupted) throw new ClusterError(`interrupted (${interrupted})`);
}

const USAGE = `Usage: npm run cluster [-- --port N] [--dir DIR]
  --port N   nginx's port on 127.0.0.1 (default: 8080)
  --dir DIR  where the cluster keeps its database, uploads, logs and pids
             (default: .cluster at the repository root)`;

function parseCli(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        dir: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`cluster: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const schema = z.object({
    port: z
      .string()
      .regex(/^\d+$/, "--port must be a port number")
      .transform(Number)
      .pipe(z.number().int().min(1, "--port must be 1-65535").max(65535, "--port must be 1-65535"))
      .default(8080),
    dir: z.string().trim().min(1, "--dir must not be empty").default(DEFAULT_DIR),
  });
  const parsed = schema.safeParse({ port: values.port, dir: values.dir });
  if (!parsed.success) {
    console.error(`cluster: ${parsed.error.issues[0].message}\n${USAGE}`);
    process.exit(2);
  }
  return { port: parsed.data.port, dir: resolve(parsed.data.dir) };
}

/** Resolves when 127.0.0.1:port can be listened on (port 0: returns the free port picked). */
function tryListen(port) {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : port));
    });
  });
}

/** Single-quotes a value for the shell that pg_ctl runs `postgres -o …` through. */
const shellQuote = (value) => `'${value.replaceAll("'", "'\\''")}'`;

function step(message) {
  console.log(`• ${message}`);
}

async function aptInstall(pkg) {
  if (!asRoot) {
    throw new ClusterError(
      `Debian's ${pkg} package is missing: install it (sudo apt-get install ${pkg}) and retry.`,
    );
  }
  step(`Installing Debian's ${pkg} package…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    await run("apt-get", ["update", "-qq"], { env, maxBuffer: 64 * 1024 * 1024 });
    await run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", pkg], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    throw new ClusterError(`apt-get install ${pkg} failed:\n${error.stderr || error.message}`);
  }
  if (pkg === "nginx" && existsSync("/run/nginx.pid")) {
    console.log(
      "  (the package also started the system nginx service; this cluster does not use it:" +
        " `systemctl disable --now nginx` if you do not want it)",
    );
  }
}

/** The directory: created, or reused only when it is a cluster directory. */
async function prepareDir(paths) {
  if (existsSync(paths.dir)) {
    if (!statSync(paths.dir).isDirectory())
      throw new ClusterError(`${paths.dir} is not a directory`);
    if (!existsSync(paths.marker) && readdirSync(paths.dir).length > 0) {
      throw new ClusterError(
        `${paths.dir} exists and is not a cluster directory (no ${MARKER}): choose another --dir.`,
      );
    }
  }
  await mkdir(paths.dir, { recursive: true });
  // The postgres and nginx worker users must be able to traverse it, not to list it.
  await chmod(paths.dir, 0o711);
  await mkdir(paths.data, { recursive: true, mode: 0o700 });
  await mkdir(paths.nginx, { recursive: true, mode: 0o711 });
  await chmod(paths.nginx, 0o711);
}

async function writeMarker(paths, info) {
  await writeFile(paths.marker, `${JSON.stringify(info, null, 2)}\n`);
}

/** A secret kept in the cluster dir, created once (readable by root only). */
async function keptSecret(file) {
  if (existsSync(file)) {
    const secret = (await readFile(file, "utf8")).trim();
    if (secret.length < 32) throw new ClusterError(`${file} holds fewer than 32 characters`);
    return secret;
  }
  const secret = randomBytes(32).toString("hex");
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return secret;
}

async function postgresIds() {
  const { stdout: uid } = await run("id", ["-u", "postgres"]);
  const { stdout: gid } = await run("id", ["-g", "postgres"]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/** initdb (first run) and pg_ctl start on a free loopback port; returns the DATABASE_URL. */
async function startPostgres(paths) {
  const bin = postgresBin(paths.pgData);
  const socket = join(paths.pg, ".s.PGSQL.65535");
  if (Buffer.byteLength(socket) > 100) {
    throw new ClusterError(`--dir is too long for PostgreSQL's socket path (${socket})`);
  }
  const existing = existsSync(join(paths.pgData, "PG_VERSION"));
  if (existing && !existsSync(paths.pgPassword)) {
    throw new ClusterError(
      `${paths.pgPassword} is missing for the existing cluster in ${paths.pgData}: ` +
        "npm run cluster:stop -- --purge starts over",
    );
  }
  const password = await keptSecret(paths.pgPassword);
  await mkdir(paths.pg, { recursive: true, mode: 0o700 });
  await chmod(paths.pg, 0o700);
  if (asRoot) {
    const { uid, gid } = await postgresIds();
    await chown(paths.pg, uid, gid);
    try {
      await asPostgres("test", ["-w", paths.pg]);
    } catch {
      throw new ClusterError(
        `the postgres user cannot write to ${paths.pg} (a parent directory is closed to it): ` +
          "choose a --dir under a directory others can traverse",
      );
    }
  }
  if (!existing) {
    step(`Creating a PostgreSQL cluster in ${relativeToRoot(paths.pgData)}`);
    const pwfile = join(paths.pg, "initdb-password");
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    try {
      if (asRoot) {
        const { uid, gid } = await postgresIds();
        await chown(pwfile, uid, gid);
      }
      await asPostgres(join(bin, "initdb"), [
        "-D",
        paths.pgData,
        "-U",
        DB_USER,
        "-A",
        "scram-sha-256",
        `--pwfile=${pwfile}`,
        "-E",
        "UTF8",
        "--locale=C",
      ]);
    } catch (error) {
      throw new ClusterError(`initdb failed:\n${error.stderr || error.message}`);
    } finally {
      await unlink(pwfile).catch(() => undefined);
    }
  }
  const port = await tryListen(0);
  step(`Starting PostgreSQL on 127.0.0.1:${port}`);
  try {
    await asPostgres(join(bin, "pg_ctl"), [
      "-D",
      paths.pgData,
      "-l",
      paths.pgLog,
      "-w",
      "-t",
      "60",
      "-o",
      `-p ${port} -k ${shellQuote(paths.pg)} -c listen_addresses=127.0.0.1`,
      "start",
    ]);
  } catch (error) {
    throw new ClusterError(
      `PostgreSQL did not start (see ${paths.pgLog}):\n${error.stderr || error.message}`,
    );
  }
  const psql = (sql) =>
    run(
      join(bin, "psql"),
      ["-X", "-h", "127.0.0.1", "-p", String(port), "-U", DB_USER, "-d", "postgres"].concat([
        "-v",
        "ON_ERROR_STOP=1",
        "-tAc",
        sql,
      ]),
      { env: { ...process.env, PGPASSWORD: password }, cwd: "/" },
    );
  try {
    const { stdout } = await psql(`SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`);
    if (stdout.trim() !== "1") await psql(`CREATE DATABASE ${DATABASE}`);
  } catch (error) {
    throw new ClusterError(`creating the database failed:\n${error.stderr || error.message}`);
  }
  return { port, url: `postgres://${DB_USER}:${password}@127.0.0.1:${port}/${DATABASE}` };
}

function relativeToRoot(path) {
  const rel = relative(ROOT, path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/** The last lines a process wrote to its log since `offset` (this start only). */
function tail(file, offset = 0, lines = 20) {
  try {
    const text = readFileSync(file).subarray(offset).toString("utf8");
    return text.trimEnd().split("\n").slice(-lines).join("\n") || "(nothing in the log)";
  } catch {
    return "(no log)";
  }
}

/** Starts one detached app process and waits for its "is ready" line; returns its port. */
async function startNode(paths, name, env) {
  const logFile = paths.nodeLog(name);
  const fd = openSync(logFile, "a");
  const offset = statSync(logFile).size;
  let exited;
  let child;
  try {
    child = spawn(process.execPath, [join(ROOT, "build", "node", "index.js")], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  child.on("exit", (code, signal) => {
    exited = signal ?? `code ${code}`;
  });
  await new Promise((done, fail) => {
    child.once("spawn", done);
    child.once("error", fail);
  });
  await writeFile(paths.nodePid(name), `${child.pid}\n`);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const fresh = readFileSync(logFile).subarray(offset).toString("utf8");
    const ready = /is ready: http:\/\/[^\s:]+:(\d+)/.exec(fresh);
    if (ready) {
      child.unref();
      return Number(ready[1]);
    }
    checkInterrupt();
    if (exited) {
      throw new ClusterError(
        `${name} exited (${exited}) before it was ready:\n${tail(logFile, offset)}`,
      );
    }
    await sleep(200);
  }
  throw new ClusterError(
    `${name} was not ready after 120 s (see ${logFile}):\n${tail(logFile, offset)}`,
  );
}

function nginxConf(paths, port, nodePorts) {
  const user = asRoot ? "user www-data;\n" : "";
  return `# Written by scripts/cluster.mjs (npm run cluster); rewritten on each start.
${user}daemon on;
worker_processes 2;
pid nginx/nginx.pid;
error_log nginx/error.log warn;
# A graceful quit waits for open WebSockets: close them after 10 s.
worker_shutdown_timeout 10s;

events {
  worker_connections 4096;
}

http {
  access_log nginx/access.log;
  client_body_temp_path nginx/client_body_temp;
  proxy_temp_path nginx/proxy_temp;
  fastcgi_temp_path nginx/fastcgi_temp;
  uwsgi_temp_path nginx/uwsgi_temp;
  scgi_temp_path nginx/scgi_temp;
  server_tokens off;
  # Tool uploads are at most 10 MB (app/utils/upload.server.ts), plus the multipart envelope.
  client_max_body_size 12m;

  # "Connection: upgrade" for WebSockets, an empty Connection (upstream keep-alive) otherwise.
  map $http_upgrade $connection_upgrade {
    default upgrade;
    "" "";
  }

  upstream maillage {
    # Sticky sessions: one client address always reaches the same process, which Socket.IO's
    # long-polling needs (its session lives in the process that opened it).
    hash $remote_addr consistent;
${nodePorts.map((p) => `    server 127.0.0.1:${p};`).join("\n")}
    keepalive 32;
  }

  server {
    listen 127.0.0.1:${port};
    server_name _;

    location / {
      proxy_pass http://maillage;
      proxy_http_version 1.1;
      # $http_host keeps the port: the app compares the Origin header with Host.
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      # Socket.IO pings every 25 s; the long timeouts cover idle WebSockets and long polls.
      proxy_read_timeout 3600s;
      proxy_send_timeout 3600s;
      # Which process answered (local cluster only: do not expose this in production).
      add_header X-Maillage-Upstream $upstream_addr always;
    }
  }
}
`;
}

async function startNginx(paths, port, nodePorts) {
  if (asRoot) {
    try {
      await run("id", ["-u", "www-data"]);
    } catch {
      throw new ClusterError("nginx's worker user www-data does not exist on this machine");
    }
    try {
      await run("runuser", ["-u", "www-data", "--", "test", "-x", paths.nginx], { cwd: "/" });
    } catch {
      throw new ClusterError(
        `nginx's worker user (www-data) cannot reach ${paths.nginx}: ` +
          "choose a --dir under a directory others can traverse",
      );
    }
  }
  await writeFile(paths.nginxConf, nginxConf(paths, port, nodePorts));
  step(`Starting nginx on 127.0.0.1:${port}`);
  const args = ["-c", paths.nginxConf, "-p", `${paths.dir}/`, "-e", paths.nginxErrorLog];
  try {
    await run(NGINX, [...args, "-t", "-q"]);
    await run(NGINX, args);
  } catch (error) {
    throw new ClusterError(`nginx did not start:\n${error.stderr || error.message}`);
  }
}

async function waitForHealth(url) {
  const deadline = Date.now() + 30_000;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (response.ok && JSON.parse(body).ok === true) return JSON.parse(body);
      last = `HTTP ${response.status}: ${body.slice(0, 200)}`;
    } catch (error) {
      last = error.cause?.message ?? error.message;
    }
    checkInterrupt();
    await sleep(250);
  }
  throw new ClusterError(`${url}/healthz did not answer through nginx: ${last}`);
}

async function main() {
  const options = parseCli(process.argv.slice(2));
  const paths = clusterPaths(options.dir);
  const stopCommand =
    options.dir === DEFAULT_DIR
      ? "npm run cluster:stop"
      : `npm run cluster:stop -- --dir ${relativeToRoot(options.dir)}`;

  if (existsSync(paths.marker)) {
    const running = await runningParts(paths);
    if (running.length > 0) {
      throw new ClusterError(
        `the cluster in ${paths.dir} is already running (${running.join(", ")}): ` +
          `run \`${stopCommand}\` first`,
      );
    }
  }
  try {
    await tryListen(options.port);
  } catch (error) {
    throw new ClusterError(
      `127.0.0.1:${options.port} is not available (${error.code ?? error.message}): use --port`,
    );
  }

  await prepareDir(paths);
  const url = `http://127.0.0.1:${options.port}`;
  const info = { createdBy: "npm run cluster", url, startedAt: new Date().toISOString() };
  await writeMarker(paths, info);

  // Debian's packages first, before anything runs that would have to be stopped.
  if (!postgresBin(paths.pgData)) await aptInstall("postgresql");
  if (!postgresBin(paths.pgData)) throw new ClusterError("PostgreSQL is missing after apt-get");
  if (!existsSync(NGINX)) await aptInstall("nginx");
  if (!existsSync(NGINX)) throw new ClusterError(`${NGINX} is missing after apt-get`);

  step("Building Maillage if the sources changed");
  const build = await new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, "server", "start.mjs"), "--build-only"], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) => done(code));
    child.on("error", () => done(1));
  });
  if (build !== 0) throw new ClusterError("the build failed (see above)");

  // From here on, a failure (or Ctrl+C) stops whatever was started.
  const onSignal = (signal) => {
    interrupted = signal;
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const sessionSecret = await keptSecret(paths.sessionSecret);
    const pg = await startPostgres(paths);
    checkInterrupt();
    const env = {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: paths.data,
      DATABASE_URL: pg.url,
      SESSION_SECRET: sessionSecret,
      PUBLIC_URL: url,
    };
    const nodePorts = [];
    // One after the other: the first one migrates and seeds the database.
    for (const name of NODE_NAMES) {
      step(`Starting ${name} (log: ${relativeToRoot(paths.nodeLog(name))})`);
      nodePorts.push(await startNode(paths, name, env));
      checkInterrupt();
    }
    await startNginx(paths, options.port, nodePorts);
    const health = await waitForHealth(url);
    checkInterrupt();
    await writeMarker(paths, {
      ...info,
      version: health.version,
      postgresPort: pg.port,
      nodes: NODE_NAMES.map((name, i) => ({ name, port: nodePorts[i] })),
    });

    const logs = NODE_NAMES.map((name) => relativeToRoot(paths.nodeLog(name))).join(", ");
    console.log(`
Maillage ${health.version} cluster is up: ${url}
  nginx       127.0.0.1:${options.port}, sticky by client address (logs: ${relativeToRoot(paths.nginx)}/)
  app         ${NODE_NAMES.map((name, i) => `${name} 127.0.0.1:${nodePorts[i]}`).join(", ")}
  PostgreSQL  127.0.0.1:${pg.port}, database "${DATABASE}" (log: ${relativeToRoot(paths.pgLog)})
  logs        ${logs}
  data        ${relativeToRoot(paths.data)} (uploads shared by both processes)${
    process.env.MAILLAGE_DEMO === "0"
      ? ""
      : "\n  demo        sign in as marc@exemple.org (or any demo account) with maillage-demo"
  }
Stop it with: ${stopCommand}   (add ${stopCommand.includes(" -- ") ? "" : "-- "}--purge to delete ${relativeToRoot(paths.dir)})`);
  } catch (error) {
    console.error(`\ncluster: ${error instanceof ClusterError ? error.message : error.stack}`);
    console.error("Stopping what was started…");
    await stopCluster(paths.dir, (line) => console.error(`  ${line}`)).catch((stopError) =>
      console.error(`  ${stopError.message}`),
    );
    process.exit(1);
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(`cluster: ${error instanceof ClusterError ? error.message : error.stack}`);
  process.exit(1);
});
