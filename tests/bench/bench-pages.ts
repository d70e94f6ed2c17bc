/**
 * `npm run bench:pages`: the main pages on a store the size of a large network. Seeds a temporary
 * data dir (tests/bench/scale-seed.ts: by default 1 000 participants, 300 groups, 5 000 meetings,
 * 50 000 chat messages, on top of the demo program and accounts), starts the production server,
 * measures its start-up (spawn to the "ready" line), signs in as a participant and as the
 * coordinator, and loads each page with autocannon (the session cookie on every request, a fixed
 * number of requests sized from a warm-up to last about --duration seconds, so that every request
 * is answered and counted). Besides latency and throughput it reports the server's CPU time per
 * request, which does not depend on what else the machine runs. Prints a table; the last line is
 * one JSON object `{"pages":[{"name","p50Ms","p95Ms","rps","cpuMsPerRequest"}],"startupMs",…}`.
 * The server and its data dir are removed at the end, even on failure or Ctrl-C.
 */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { get } from "node:http";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { z } from "zod";
import { DEMO_PROGRAM_ID } from "../../server/seeds/demo";
import { HttpClient } from "../helpers/http";
import { makeTempDir, removeDir, ROOT, startServer, type TestServer } from "../helpers/server";
import { scaleStore, writeScaleStore } from "./scale-seed";
import { runBench } from "./run";

const PARTICIPANT_EMAIL = "benoit@exemple.org";
const COORDINATOR_EMAIL = "coordination@exemple.org";
const GROUP_ID = "grp-demo-chaine-froid";
const P = `/programs/${DEMO_PROGRAM_ID}`;

interface PageSpec {
  name: string;
  path: string;
  as: "participant" | "coordinator";
  /** Text the page must contain, so a wrong page (an error, the sign-in form) is not measured. */
  expect: string;
}

const PAGES: PageSpec[] = [
  { name: "dashboard", path: "/dashboard", as: "participant", expect: "Maillages et mentorat" },
  { name: "program-home", path: P, as: "participant", expect: "Maillages et mentorat" },
  {
    name: "directory-filtered",
    path: `${P}/directory?role=mentor&tag=chaine-froid`,
    as: "participant",
    expect: "Marc Tremblay",
  },
  // The long lists come 50 to a page (app/components/Pager.tsx): their first page is measured.
  { name: "directory-all", path: `${P}/directory`, as: "participant", expect: "Page 1 sur" },
  {
    name: "group-space",
    path: `${P}/groups/${GROUP_ID}`,
    as: "participant",
    expect: "Marc Tremblay",
  },
  { name: "applications", path: `${P}/applications`, as: "coordinator", expect: "candidatures" },
  {
    name: "applications-filtered",
    path: `${P}/applications?status=submitted&sort=date`,
    as: "coordinator",
    expect: "candidatures",
  },
  { name: "coordinator-home", path: P, as: "coordinator", expect: "Page 1 sur" },
  { name: "report", path: `${P}/report`, as: "coordinator", expect: "Maillages et mentorat" },
];
const PAGE_NAMES = PAGES.map((p) => p.name);

const count = (what: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number(`${what}: a whole number from ${min} to ${max}`)
    .int(`${what}: a whole number from ${min} to ${max}`)
    .min(min, `at least ${min}`)
    .max(max, `at most ${max}`)
    .default(fallback);

const argsSchema = z
  .strictObject({
    /** Seconds of load per page, about (after a short warm-up); at least 3 requests per connection. */
    duration: count("seconds", 1, 120, 8),
    connections: count("connections", 1, 200, 10),
    participants: count("participants", 30, 20_000, 1000),
    groups: count("groups", 1, 6000, 300),
    meetings: count("meetings", 0, 100_000, 5000),
    chatMessages: count("messages", 0, 1_000_000, 50_000),
    /** A directory for the server's CPU profile (tests/bench/cpu-profile.mjs), written when it stops. */
    cpuProf: z.string().min(1).optional(),
    /** Comma-separated page names: only these are measured. */
    pages: z
      .string()
      .transform((text) => text.split(",").map((s) => s.trim()))
      .pipe(
        z
          .array(z.enum(PAGE_NAMES as [string, ...string[]], `one of ${PAGE_NAMES.join(", ")}`))
          .min(1),
      )
      .optional(),
  })
  .refine((a) => a.groups * 3 <= a.participants, {
    message: "three participants per group: --participants must be at least 3 × --groups",
    path: ["participants"],
  });

const flag = (key: PropertyKey) =>
  `--${String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function usage(...problems: string[]): never {
  for (const problem of problems) console.error(`bench:pages: ${problem}`);
  console.error(
    "usage: npm run bench:pages -- [--duration 8] [--connections 10] [--participants 1000] [--groups 300] " +
      `[--meetings 5000] [--chat-messages 50000] [--cpu-prof DIR] [--pages ${PAGE_NAMES.slice(0, 2).join(",")},…]`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) usage(`unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) usage(`${arg}: a value is missing`);
    raw[name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = value;
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    usage(
      ...parsed.error.issues.map((issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown option ${issue.keys.map(flag).join(", ")}`
          : `${flag(issue.path[0] ?? "")}: ${issue.message}`,
      ),
    );
  }
  return parsed.data;
}

/** Everything the benchmark started, stopped by `cleanup()` (once). */
const resources: { server?: TestServer; dataDir?: string } = {};
let cleaning: Promise<void> | undefined;
function cleanup() {
  cleaning ??= (async () => {
    await resources.server?.stop();
    if (resources.dataDir) await removeDir(resources.dataDir);
  })();
  return cleaning;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
    : NaN;

/** Resident memory of a process now and at its peak, in MB. */
async function rssOf(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: Math.round(kb("VmRSS") / 1024), peak: Math.round(kb("VmHWM") / 1024) };
}

interface Load {
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  seconds: number;
}

/**
 * Loads one page: `connections` requests always in flight, until `amount` answers (every request
 * sent is answered and counted, none is left running on the server).
 */
function load(url: string, cookie: string, connections: number, amount: number): Promise<Load> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, amount, headers: { cookie }, timeout: 120 },
      (error: unknown, result: autocannon.Result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ latencies, statuses, errors: result.errors, seconds: result.duration });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
}

/**
 * Waits until the server is idle again: autocannon stops sending at the end of a run, but the
 * requests it left in flight are still being served and would slow down the next page.
 */
async function settle(server: TestServer) {
  const base = server.url;
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (server.process.exitCode !== null || server.process.signalCode !== null) {
      throw new Error(
        `the server stopped (${server.process.exitCode ?? server.process.signalCode}):\n${server.output()}`,
      );
    }
    const started = performance.now();
    // A fresh connection each time (no keep-alive socket the server may be closing).
    await new Promise<void>((resolve) => {
      const request = get(new URL("/healthz", base), { agent: false }, (response) => {
        response.resume();
        response.on("end", () => resolve());
      });
      request.on("error", () => resolve());
    });
    if (performance.now() - started < 20) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** CPU time the process has used so far (user + system), in ms. */
async function cpuMsOf(pid: number) {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const pages = args.pages ? PAGES.filter((p) => args.pages!.includes(p.name)) : PAGES;
  execFileSync(process.execPath, [join(ROOT, "server/start.mjs"), "--build-only"], {
    stdio: "inherit",
  });

  const seedStart = performance.now();
  const store = await scaleStore({
    participants: args.participants,
    groups: args.groups,
    meetings: args.meetings,
    chatMessages: args.chatMessages,
  });
  const dataDir = await makeTempDir("maillage-bench-pages-");
  resources.dataDir = dataDir;
  await writeScaleStore(dataDir, store);
  const sizeMb = (await readFile(join(dataDir, "maillage.json"))).length / 1_048_576;
  console.log(
    `Store seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (${sizeMb.toFixed(1)} MB): ` +
      Object.entries(store.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(", "),
  );

  const spawned = performance.now();
  const env: Record<string, string> = { SESSION_SECRET: "bench-pages-secret-".padEnd(48, "x") };
  if (args.cpuProf) {
    // Node refuses --cpu-prof in NODE_OPTIONS: a preloaded script runs the inspector's profiler.
    env.NODE_OPTIONS = `--import ${pathToFileURL(join(ROOT, "tests/bench/cpu-profile.mjs")).href}`;
    env.MAILLAGE_CPU_PROF_DIR = resolve(args.cpuProf);
  }
  resources.server = await startServer({ dataDir, env });
  const startupMs = Math.round(performance.now() - spawned);
  const server = resources.server;
  server.process.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  const rssAfterStart = await rssOf(server.process.pid!);
  console.log(`Server ready in ${startupMs} ms (RSS ${rssAfterStart.now} MB): ${server.url}`);

  const clients = {
    participant: new HttpClient(server.url),
    coordinator: new HttpClient(server.url),
  };
  await clients.participant.signIn(PARTICIPANT_EMAIL);
  await clients.coordinator.signIn(COORDINATOR_EMAIL);

  // Each page answers 200 with its own content before it is measured.
  for (const page of pages) {
    const response = await clients[page.as].get(page.path);
    const text = await response.text();
    if (response.status !== 200 || !text.includes(page.expect)) {
      throw new Error(
        `${page.name} (${page.path} as ${page.as}): status ${response.status}, ` +
          `expected text "${page.expect}" ${text.includes(page.expect) ? "found" : "missing"}`,
      );
    }
  }

  const rows: Array<{
    name: string;
    path: string;
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    maxMs: number;
    rps: number;
    requests: number;
    cpuMsPerRequest: number;
    non200: number;
    /** e.g. "200 × 31, 500 × 17, 3 errors" */
    statuses: string;
  }> = [];
  for (const page of pages) {
    const url = new URL(page.path, server.url).href;
    const cookie = clients[page.as].cookieHeader();
    await settle(server);
    // Warm-up (not counted): two requests per connection, which also tell how many requests
    // fill the measured run's duration.
    const warm = await load(url, cookie, args.connections, 2 * args.connections);
    const perSecond = warm.latencies.length / Math.max(warm.seconds, 0.001);
    const amount = Math.max(3 * args.connections, Math.round(perSecond * args.duration));
    await settle(server);
    const cpuBefore = await cpuMsOf(server.process.pid!);
    const started = performance.now();
    const run = await load(url, cookie, args.connections, amount);
    // Wall time of the measured run (autocannon's own duration is whole seconds).
    run.seconds = (performance.now() - started) / 1000;
    const cpuMs = (await cpuMsOf(server.process.pid!)) - cpuBefore;
    const sorted = [...run.latencies].sort((a, b) => a - b);
    const ok = run.statuses.get(200) ?? 0;
    rows.push({
      name: page.name,
      path: page.path,
      p50Ms: Math.round(percentile(sorted, 50)),
      p95Ms: Math.round(percentile(sorted, 95)),
      p99Ms: Math.round(percentile(sorted, 99)),
      maxMs: Math.round(sorted.at(-1) ?? NaN),
      rps: Math.round((sorted.length / run.seconds) * 10) / 10,
      requests: sorted.length,
      // The server's CPU time per answer: what the page costs, whatever the machine's load.
      cpuMsPerRequest: sorted.length ? Math.round(cpuMs / sorted.length) : NaN,
      non200: sorted.length - ok + run.errors,
      statuses: [
        ...[...run.statuses].map(([code, n]) => `${code} × ${n}`),
        ...(run.errors ? [`${run.errors} errors`] : []),
      ].join(", "),
    });
    const row = rows.at(-1)!;
    console.log(
      `  ${page.name}: p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms, ${row.rps} req/s, ` +
        `${row.cpuMsPerRequest} ms of server CPU per request` +
        (row.non200 ? ` (${row.non200} answers other than 200)` : ""),
    );
  }
  const rss = await rssOf(server.process.pid!);

  const TARGET_P95 = 200;
  const TARGET_STARTUP = 5000;
  console.log("");
  console.log(
    `${args.connections} connections, ${args.duration} s per page; start-up ${startupMs} ms ` +
      `(target < ${TARGET_STARTUP}); server RSS now ${rss.now} MB, peak ${rss.peak} MB`,
  );
  console.log(
    "| page | path | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | req/s | server CPU per request (ms) | non-200 | p95 < 200 ms |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.path} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.rps} | ${r.cpuMsPerRequest} | ${r.non200} | ${r.p95Ms < TARGET_P95 && !r.non200 ? "yes" : "NO"} |`,
    );
  }
  const failed = rows.filter((r) => r.non200 > 0);
  if (failed.length) {
    process.exitCode = 1;
    console.error(
      `bench:pages: pages answered other than 200 (an overloaded page's render is aborted after ` +
        `the stream timeout): ${failed.map((r) => `${r.name} (${r.statuses})`).join(", ")}`,
    );
  }
  console.log(
    JSON.stringify({
      pages: rows.map((r) => ({
        name: r.name,
        p50Ms: r.p50Ms,
        p95Ms: r.p95Ms,
        rps: r.rps,
        cpuMsPerRequest: r.cpuMsPerRequest,
      })),
      startupMs,
      connections: args.connections,
      durationS: args.duration,
      store: store.counts,
      serverRssMb: rss.peak,
    }),
  );
}

runBench("bench:pages", main, cleanup);
