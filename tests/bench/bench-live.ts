/**
 * `npm run bench:live -- --clients N`: a live speed-dating event under load, all on loopback.
 * Starts the production server with a temporary data dir holding the demo program plus N
 * participants, signs them in (real session cookies), connects N socket.io clients, runs short
 * rounds with chat traffic, and prints connect time, chat latency, round-switch time, server memory
 * and lost messages. The last line is one JSON object.
 *
 * `--nodes K` (2 to 4): the same event on K server processes sharing one throwaway PostgreSQL
 * cluster (DATABASE_URL: PostgreSQL store, Socket.IO PostgreSQL adapter). The clients are spread
 * round-robin over the processes, as sticky sessions would; the coordinator's console is on the
 * first. Memory is measured in every process (sum and max). Everything is stopped at the end, even
 * on failure or Ctrl-C.
 */
import { execFileSync } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { io, type Socket } from "socket.io-client";
import { z } from "zod";
import { regions } from "../../core/data/geography";
import { sessionStorage } from "../../app/utils/session.server";
import { hashPassword } from "../../core/security/password";
import { importIntoPostgres } from "../helpers/factory";
import { documentSchema } from "../../core/store/schema";
import { DEMO_PROGRAM_ID, demoDocument } from "../../server/seeds/demo";
import { makeTempDir, removeDir, ROOT, startServer, type TestServer } from "../helpers/server";
import { startCluster, type PgCluster } from "../setup/pg-cluster";
import { runBench } from "./run";

const argsSchema = z.object({
  clients: z.coerce.number().int().min(2).max(5000).default(1000),
  rounds: z.coerce.number().int().min(1).max(10).default(3),
  roundSeconds: z.coerce.number().min(3).max(120).default(12),
  chatEveryMs: z.coerce.number().int().min(500).max(60_000).default(3000),
  /** Server processes; more than one shares a throwaway PostgreSQL cluster. */
  nodes: z.coerce
    .number("a whole number from 1 to 4")
    .int("a whole number from 1 to 4")
    .min(1, "at least 1 server process")
    .max(4, "at most 4 server processes (2 cores: more only measures contention)")
    .default(1),
  /** Each server logs the steps of every round switch (MAILLAGE_LIVE_TIMINGS=1). */
  timings: z.enum(["on", "off"], "on or off").default("off"),
  /** A directory for each server's CPU profile (tests/bench/cpu-profile.mjs), written when it stops. */
  cpuProf: z.string().min(1).optional(),
});

function parseArgs(argv: string[]) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) usage(`unexpected argument ${arg}`);
    const name = arg.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    raw[name] = argv[++i] ?? "";
  }
  const parsed = argsSchema.strict().safeParse(raw);
  if (!parsed.success) {
    usage(
      ...parsed.error.issues.map((issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown option ${issue.keys.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}`
          : `--${issue.path.map((k) => String(k).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join(".")}: ${issue.message}`,
      ),
    );
  }
  return parsed.data;
}

function usage(...problems: string[]): never {
  for (const problem of problems) console.error(`bench:live: ${problem}`);
  console.error(
    "usage: npm run bench:live -- --clients 1000 [--rounds 3] [--round-seconds 12] [--chat-every-ms 3000] [--nodes 1] [--timings on] [--cpu-prof DIR]",
  );
  process.exit(2);
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

interface State {
  /** Grows with every published change; a view older than the one held is dropped (as the UI does). */
  version: number;
  event: { status: string; phase: string | null; currentRound: number; deadline: number | null };
  room: { id: string; members: Array<{ id: string }> } | null;
}

/** Everything the benchmark started, stopped by `cleanup()` (once). */
const resources: {
  sockets: Socket[];
  servers: TestServer[];
  cluster?: PgCluster;
  dataDir?: string;
} = { sockets: [], servers: [] };
let cleaning: Promise<void> | undefined;
function cleanup() {
  cleaning ??= (async () => {
    for (const socket of resources.sockets) socket.close();
    await Promise.all(resources.servers.map((server) => server.stop()));
    await resources.cluster?.stop();
    if (resources.dataDir) await removeDir(resources.dataDir);
  })();
  return cleaning;
}

/** Resident memory of one process now and at its peak, in MB. */
async function rssOf(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  execFileSync(process.execPath, [join(ROOT, "server/start.mjs"), "--build-only"], {
    stdio: "inherit",
  });

  // A data dir with the demo program and N more participants invited to one event.
  const dataDir = await makeTempDir("maillage-bench-");
  resources.dataDir = dataDir;
  const doc = await demoDocument();
  const hash = await hashPassword("maillage-bench");
  const now = new Date().toISOString();
  const ids: string[] = [];
  const weighted = regions.flatMap(
    (r, i) => Array(i % 3 === 0 ? 3 : 1).fill(r) as (typeof regions)[number][],
  );
  for (let i = 0; i < args.clients; i++) {
    const region = weighted[i % weighted.length]!;
    const mrc = region.mrcs[Math.floor(i / weighted.length) % region.mrcs.length]!;
    doc.organizations!.push({
      id: `org-b${i}`,
      name: `Organisme ${i}`,
      region: region.code,
      mrc: mrc.code,
      sector: "Banque alimentaire",
      competitorIds: [],
      createdAt: now,
    });
    doc.users!.push({
      id: `u-b${i}`,
      email: `bench${i}@exemple.org`,
      name: `Personne ${i}`,
      role: "participant",
      passwordHash: hash,
      locale: "fr",
      createdAt: now,
    });
    doc.participants!.push({
      id: `p-b${i}`,
      programId: DEMO_PROGRAM_ID,
      userId: `u-b${i}`,
      organizationId: `org-b${i}`,
      role: i % 3 === 0 ? "mentor" : "mentee",
      published: true,
      joinedAt: now,
    });
    ids.push(`p-b${i}`);
  }
  const eventId = "evt-bench";
  doc.events!.push({
    id: eventId,
    programId: DEMO_PROGRAM_ID,
    title: "Banc d'essai",
    startsAt: now,
    invitedParticipantIds: ids,
    rounds: args.rounds,
    roundMinutes: args.roundSeconds / 60,
    breakMinutes: 0,
    roomSize: 2,
    format: "online",
    videoUrlPattern: "",
    status: "lobby",
    currentRound: 0,
    schedule: [],
    waitCounts: {},
    createdBy: "u-coordination",
    createdAt: now,
  });
  // Signed-in browsers: one session record per account, as /login creates them.
  const sidFor = (userId: string) => `bench-session-${userId}-`.padEnd(40, "0");
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
  doc.sessions = ["u-coordination", ...ids.map((_, i) => `u-b${i}`)].map((userId) => ({
    id: sidFor(userId),
    userId,
    createdAt: now,
    expiresAt,
  }));
  if (args.nodes === 1) {
    await writeFile(join(dataDir, "maillage.json"), JSON.stringify(documentSchema.parse(doc)));
  } else {
    // Several processes share one PostgreSQL store; the same document is imported before they
    // start, so none of them seeds the demo instead.
    resources.cluster = await startCluster();
    await importIntoPostgres(resources.cluster.url, documentSchema.parse(doc));
  }

  // Real session cookies, as /login issues them.
  const secret = "bench-secret-".padEnd(40, "x");
  const sessions = sessionStorage({ sessionSecret: secret, secureCookies: false });
  const cookieFor = async (userId: string) => {
    const session = await sessions.getSession();
    session.set("sid", sidFor(userId));
    return (await sessions.commitSession(session)).split(";")[0]!;
  };

  const env: Record<string, string> = { SESSION_SECRET: secret };
  if (resources.cluster) env.DATABASE_URL = resources.cluster.url;
  if (args.timings === "on") env.MAILLAGE_LIVE_TIMINGS = "1";
  if (args.cpuProf) {
    // Node refuses --cpu-prof in NODE_OPTIONS: a preloaded script runs the inspector's profiler.
    env.NODE_OPTIONS = `--import ${pathToFileURL(join(ROOT, "tests/bench/cpu-profile.mjs")).href}`;
    env.MAILLAGE_CPU_PROF_DIR = resolve(args.cpuProf);
  }
  // Started together, as a deployment would (the migrations take a lock; nobody seeds).
  const launched = await Promise.allSettled(
    Array.from({ length: args.nodes }, () => startServer({ dataDir, env })),
  );
  for (const result of launched)
    if (result.status === "fulfilled") resources.servers.push(result.value);
  const failed = launched.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  const servers = resources.servers;
  servers.forEach((server, n) => {
    // Server errors show up as they did with one process, tagged with the node when several.
    const tag = args.nodes > 1 ? `[node ${n + 1}] ` : "";
    server.process.stderr?.on("data", (chunk: Buffer) =>
      process.stderr.write(tag ? chunk.toString().replace(/^(?=.)/gm, tag) : chunk),
    );
  });
  const urls = servers.map((server) => server.url);
  const url = urls[0]!;
  // A server that dies mid-run fails the benchmark instead of leaving it waiting.
  const died = new Promise<never>((_, reject) => {
    servers.forEach((server, n) =>
      server.process.once("exit", (code, signal) => {
        reject(new Error(`server ${n + 1} exited (${code ?? signal}):\n${server.output()}`));
      }),
    );
  });
  died.catch(() => undefined);

  // Also check that a bench account signs in through the real form (on every process).
  for (const base of urls) {
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "bench0@exemple.org", password: "maillage-bench" }),
    });
    if (login.status !== 302) throw new Error(`bench sign-in failed on ${base}: ${login.status}`);
  }

  const latencies: number[] = [];
  const expected = new Map<string, Set<string>>();
  const received = new Map<string, Set<string>>();
  const switchTimes = new Map<number, number[]>();
  const deadlines = new Map<number, number>();
  let sent = 0;
  let refused = 0;
  /** Why chat messages were refused: error code (or "timeout") → count. */
  const refusedBy = new Map<string, number>();

  const connectStart = performance.now();
  const sockets: Socket[] = [];
  const states: Array<State | null> = [];
  const connectOne = async (index: number) => {
    const pid = ids[index]!;
    // Round-robin over the processes, as sticky sessions would spread them.
    const socket = io(urls[index % urls.length]!, {
      transports: ["websocket"],
      extraHeaders: { Cookie: await cookieFor(`u-b${index}`) },
      reconnection: true,
    });
    sockets[index] = socket;
    resources.sockets.push(socket);
    states[index] = null;
    socket.on("event:state", (state: State) => {
      const prev = states[index];
      // Several processes: a slow push can arrive after a newer one; keep the newest, as the UI.
      if (prev && prev.version > state.version) return;
      states[index] = state;
      if (prev && state.event.currentRound > prev.event.currentRound) {
        if (prev.event.deadline) deadlines.set(state.event.currentRound, prev.event.deadline);
        const list = switchTimes.get(state.event.currentRound) ?? [];
        list.push(Date.now());
        switchTimes.set(state.event.currentRound, list);
      }
    });
    socket.on("chat:message", (m: { id: string; text: string }) => {
      if (!m.text.startsWith("bench|")) return;
      const ts = Number(m.text.split("|")[3]);
      latencies.push(Date.now() - ts);
      const set = received.get(m.id) ?? new Set();
      set.add(pid);
      received.set(m.id, set);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const reply = (await socket.timeout(30_000).emitWithAck("event:join", { eventId })) as {
      ok: boolean;
      data: State;
    };
    if (!reply.ok) throw new Error(`join refused for ${pid}`);
    // A push may already have brought a newer view than this reply.
    const held = states[index] as State | null;
    if (!held || held.version <= reply.data.version) states[index] = reply.data;
  };
  for (let i = 0; i < args.clients; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, args.clients - i) }, (_, k) => connectOne(i + k)),
    );
  }
  const connectMs = performance.now() - connectStart;

  const coordinator = io(url, {
    transports: ["websocket"],
    extraHeaders: { Cookie: await cookieFor("u-coordination") },
  });
  resources.sockets.push(coordinator);
  await new Promise<void>((resolve) => coordinator.once("connect", () => resolve()));
  await coordinator.emitWithAck("event:join", { eventId });
  const started = (await coordinator
    .timeout(60_000)
    .emitWithAck("console:command", { eventId, command: "start" })) as { ok: boolean };
  if (!started.ok) throw new Error("the event did not start");

  // Chat traffic until the event ends. The benchmark's own event loop delay is measured too: every
  // latency it reports includes it (2000 clients in one process).
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let running = true;
  const chatters = sockets.map((socket, index) =>
    (async () => {
      let seq = 0;
      await new Promise((r) => setTimeout(r, Math.random() * args.chatEveryMs));
      while (running) {
        const state = states[index];
        if (state?.room && state.event.phase === "round") {
          const mates = state.room.members.map((m) => m.id).filter((id) => id !== ids[index]);
          const reply = (await socket
            .timeout(10_000)
            .emitWithAck("chat:send", {
              eventId,
              roomId: state.room.id,
              text: `bench|${index}|${seq++}|${Date.now()}`,
            })
            .catch(() => ({ ok: false, error: { code: "timeout" } }))) as {
            ok: boolean;
            data?: { id: string };
            error?: { code: string };
          };
          if (reply.ok && reply.data) {
            sent++;
            expected.set(reply.data.id, new Set(mates));
          } else {
            refused++;
            const code = reply.error?.code ?? "unknown";
            refusedBy.set(code, (refusedBy.get(code) ?? 0) + 1);
          }
        }
        await new Promise((r) => setTimeout(r, args.chatEveryMs * (0.8 + Math.random() * 0.4)));
      }
    })(),
  );
  // The event lasts rounds × round length; two minutes more means a switch was never delivered.
  const limitMs = args.rounds * args.roundSeconds * 1000 + 120_000;
  let check: NodeJS.Timeout | undefined;
  await Promise.race([
    died,
    new Promise<void>((resolve, reject) => {
      const since = Date.now();
      check = setInterval(() => {
        if (states.every((s) => s?.event.status === "ended")) resolve();
        else if (Date.now() - since > limitMs) {
          // What the clients were last told, e.g. "200 × round 3 running".
          const seen = new Map<string, number>();
          for (const s of states) {
            const key = s ? `round ${s.event.currentRound} ${s.event.status}` : "no state";
            seen.set(key, (seen.get(key) ?? 0) + 1);
          }
          const told = [...seen].map(([key, n]) => `${n} × ${key}`).join(", ");
          reject(
            new Error(
              `the event did not end for every client within ${limitMs / 1000} s; last states: ${told}`,
            ),
          );
        }
      }, 200);
    }),
  ]).finally(() => clearInterval(check));
  running = false;
  await Promise.all(chatters);
  await new Promise((r) => setTimeout(r, 2000));
  const memories = await Promise.all(servers.map((server) => rssOf(server.process.pid!)));
  const memory = {
    now: memories.reduce((sum, m) => sum + m.now, 0),
    peak: memories.reduce((sum, m) => sum + m.peak, 0),
    maxPeak: Math.max(...memories.map((m) => m.peak)),
  };

  let lost = 0;
  for (const [id, mates] of expected) {
    const got = received.get(id) ?? new Set();
    for (const mate of mates) if (!got.has(mate)) lost++;
  }
  const sortedLatency = [...latencies].sort((a, b) => a - b);
  const switches = [...switchTimes]
    .filter(([round]) => deadlines.has(round))
    .map(([round, times]) => Math.max(...times) - (deadlines.get(round) ?? Math.min(...times)));
  const result = {
    clients: args.clients,
    connectMs: Math.round(connectMs),
    chatP50Ms: percentile(sortedLatency, 50),
    chatP95Ms: percentile(sortedLatency, 95),
    chatP99Ms: percentile(sortedLatency, 99),
    roundSwitchMs: switches.length ? Math.max(...switches) : NaN,
    /** The sum over every server process of its peak RSS (one process: its peak). */
    serverRssMb: Math.round(memory.peak),
    lostMessages: lost,
    nodes: args.nodes,
    /** The largest peak RSS of a single server process. */
    serverRssMaxMb: Math.round(memory.maxPeak),
  };

  // Several processes: the sum over them, then the largest single process.
  const rssCell =
    args.nodes === 1
      ? `${Math.round(memory.now)} / ${result.serverRssMb}`
      : `${Math.round(memory.now)} / ${result.serverRssMb} (sum of ${args.nodes} nodes; max ${result.serverRssMaxMb})`;
  console.log("");
  if (args.nodes > 1)
    console.log(`${args.nodes} server processes on one PostgreSQL (clients spread round-robin)`);
  console.log(
    "| clients | connect (ms) | messages | refused at switch | chat p50 | p95 | p99 (ms) | round switch (ms) | server RSS now / peak (MB) | lost |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  console.log(
    `| ${result.clients} | ${result.connectMs} | ${sent} | ${refused} | ${result.chatP50Ms} | ${result.chatP95Ms} | ${result.chatP99Ms} | ${switches.map((s) => Math.round(s)).join(", ")} | ${rssCell} | ${lost} |`,
  );
  loopDelay.disable();
  const ms = (ns: number) => Math.round(ns / 1e6);
  console.log(
    `benchmark client event loop delay during the event: p50 ${ms(loopDelay.percentile(50))} ms, p99 ${ms(loopDelay.percentile(99))} ms, max ${ms(loopDelay.max)} ms`,
  );
  if (refusedBy.size)
    console.log(`refused: ${[...refusedBy].map(([code, n]) => `${code} ${n}`).join(", ")}`);
  console.log(JSON.stringify(result));
}

runBench("bench:live", main, cleanup);
