/**
 * `npm run bench:live -- --clients N`: a live speed-dating event under load, all on loopback.
 * Starts the production server with a temporary data dir holding the demo program plus N
 * participants, signs them in (real session cookies), connects N socket.io clients, runs short
 * rounds with chat traffic, and prints connect time, chat latency, round-switch time, server memory
 * and lost messages. The last line is one JSON object.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { io, type Socket } from "socket.io-client";
import { z } from "zod";
import { regions } from "../../app/data/geography";
import { sessionStorage } from "../../app/utils/session.server";
import { hashPassword } from "../../server/security/password";
import { documentSchema } from "../../server/store/schema";
import { DEMO_PROGRAM_ID, demoDocument } from "../../server/store/seed";

const argsSchema = z.object({
  clients: z.coerce.number().int().min(2).max(5000).default(1000),
  rounds: z.coerce.number().int().min(1).max(10).default(3),
  roundSeconds: z.coerce.number().min(3).max(120).default(12),
  chatEveryMs: z.coerce.number().int().min(500).max(60_000).default(3000),
});

function parseArgs(argv: string[]) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}`);
    const name = arg.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    raw[name] = argv[++i] ?? "";
  }
  const parsed = argsSchema.strict().safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`bench:live: --${issue.path.join(".")}: ${issue.message}`);
    console.error(
      "usage: npm run bench:live -- --clients 1000 [--rounds 3] [--round-seconds 12] [--chat-every-ms 3000]",
    );
    process.exit(2);
  }
  return parsed.data;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

interface State {
  event: { status: string; phase: string | null; currentRound: number; deadline: number | null };
  room: { id: string; members: Array<{ id: string }> } | null;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  execFileSync(process.execPath, [join(ROOT, "server/start.mjs"), "--build-only"], {
    stdio: "inherit",
  });

  // A data dir with the demo program and N more participants invited to one event.
  const dataDir = await mkdtemp(join(tmpdir(), "maillage-bench-"));
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
  await writeFile(join(dataDir, "maillage.json"), JSON.stringify(documentSchema.parse(doc)));

  // Real session cookies, as /login issues them.
  const secret = "bench-secret-".padEnd(40, "x");
  process.env.SESSION_SECRET = secret;
  const cookieFor = async (userId: string) => {
    const session = await sessionStorage().getSession();
    session.set("userId", userId);
    return (await sessionStorage().commitSession(session)).split(";")[0]!;
  };

  const server = spawn(process.execPath, [join(ROOT, "build/node/index.js")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      SESSION_SECRET: secret,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /ready: (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  const rss = async () => {
    const status = await readFile(`/proc/${server.pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  };

  // Also check that a bench account signs in through the real form.
  const login = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "bench0@exemple.org", password: "maillage-bench" }),
  });
  if (login.status !== 302) throw new Error(`bench sign-in failed: ${login.status}`);

  const latencies: number[] = [];
  const expected = new Map<string, Set<string>>();
  const received = new Map<string, Set<string>>();
  const switchTimes = new Map<number, number[]>();
  const deadlines = new Map<number, number>();
  let sent = 0;
  let refused = 0;

  const connectStart = performance.now();
  const sockets: Socket[] = [];
  const states: Array<State | null> = [];
  const connectOne = async (index: number) => {
    const pid = ids[index]!;
    const socket = io(url, {
      transports: ["websocket"],
      extraHeaders: { Cookie: await cookieFor(`u-b${index}`) },
      reconnection: true,
    });
    sockets[index] = socket;
    states[index] = null;
    socket.on("event:state", (state: State) => {
      const prev = states[index];
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
    states[index] = reply.data;
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
  await new Promise<void>((resolve) => coordinator.once("connect", () => resolve()));
  await coordinator.emitWithAck("event:join", { eventId });
  const started = (await coordinator
    .timeout(60_000)
    .emitWithAck("console:command", { eventId, command: "start" })) as { ok: boolean };
  if (!started.ok) throw new Error("the event did not start");

  // Chat traffic until the event ends.
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
            .catch(() => ({ ok: false }))) as { ok: boolean; data?: { id: string } };
          if (reply.ok && reply.data) {
            sent++;
            expected.set(reply.data.id, new Set(mates));
          } else refused++;
        }
        await new Promise((r) => setTimeout(r, args.chatEveryMs * (0.8 + Math.random() * 0.4)));
      }
    })(),
  );
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (states.every((s) => s?.event.status === "ended")) {
        clearInterval(check);
        resolve();
      }
    }, 200);
  });
  running = false;
  await Promise.all(chatters);
  await new Promise((r) => setTimeout(r, 2000));
  const memory = await rss();

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
    serverRssMb: Math.round(memory.peak),
    lostMessages: lost,
  };

  console.log("");
  console.log(
    "| clients | connect (ms) | messages | refused at switch | chat p50 | p95 | p99 (ms) | round switch (ms) | server RSS now / peak (MB) | lost |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  console.log(
    `| ${result.clients} | ${result.connectMs} | ${sent} | ${refused} | ${result.chatP50Ms} | ${result.chatP95Ms} | ${result.chatP99Ms} | ${switches.map((s) => Math.round(s)).join(", ")} | ${Math.round(memory.now)} / ${result.serverRssMb} | ${lost} |`,
  );
  console.log(JSON.stringify(result));

  for (const s of sockets) s.close();
  coordinator.close();
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  await rm(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
