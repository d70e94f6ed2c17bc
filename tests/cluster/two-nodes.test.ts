/**
 * Two server processes on one PostgreSQL: failed sign-ins on either count against the same limit.
 * People in the same speed-dating room on different
 * processes chat, and write in the room's shared note at the same time; the process driving the
 * clock is killed mid-round; its people reconnect to the other process and keep their room, its
 * history and its note; the round switches exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysAhead, HttpClient, location, signedIn } from "../helpers/http";
import { LiveClient, NoteReplica, type LiveState } from "../helpers/live";
import { makeTempDir, removeDir, startServer, type TestServer } from "../helpers/server";
import { startCluster, type PgCluster } from "../setup/pg-cluster";

let cluster: PgCluster;
let dataDir: string;
let nodeA: TestServer;
let nodeB: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  cluster = await startCluster();
  dataDir = await makeTempDir();
  const env = {
    DATABASE_URL: cluster.url,
    SESSION_SECRET: "une-phrase-secrete-partagee-par-les-deux-noeuds",
  };
  // Started together: the seed and the migrations happen once.
  [nodeA, nodeB] = await Promise.all([
    startServer({ dataDir, env }),
    startServer({ dataDir, env }),
  ]);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await nodeA?.stop();
  await nodeB?.stop();
  await cluster?.stop();
  await removeDir(dataDir);
});

async function live(base: string, email: string, cookies?: LiveClient) {
  const client = new LiveClient(base, email);
  if (cookies) for (const [k, v] of cookies.http.cookies) client.http.cookies.set(k, v);
  clients.push(client);
  return client.connect();
}

describe("two server processes", () => {
  it("count failed sign-ins for one account together (the rate limits are in the database)", async () => {
    const login = (base: string, password: string) =>
      new HttpClient(base).post("/login", { email: "yves@exemple.org", password });
    // Five failures in all (the limit per account), three on A and two on B.
    for (const base of [nodeA.url, nodeB.url, nodeA.url, nodeB.url, nodeA.url])
      expect((await login(base, "mauvais")).status).toBe(400);
    // Even the right password waits now, on either process.
    for (const base of [nodeA.url, nodeB.url])
      expect((await login(base, "maillage-demo")).status, base).toBe(429);
  });

  it("drop an erased account's name from the live sessions of every process", async () => {
    const coordinatorHttp = await signedIn(nodeB.url, "coordination@exemple.org");
    const created = await coordinatorHttp.post("/programs/prog-reemploi-2026/events", {
      title: "Séance puis effacement",
      startsAt: `${daysAhead()}T13:30`,
      rounds: "1",
      roundMinutes: "5",
      breakMinutes: "0",
      roomSize: "2",
      format: "online",
      videoUrlPattern: "",
      invited: ["p-thomas", "p-marc"],
    });
    const eventId = location(created).split("/").pop()!;
    // Everyone of the session on B.
    const thomas = await live(nodeB.url, "thomas@exemple.org");
    const marc = await live(nodeB.url, "marc@exemple.org");
    const coordinator = await live(nodeB.url, "coordination@exemple.org");
    for (const c of [thomas, marc, coordinator]) await c.join(eventId);
    expect((await coordinator.emit("console:command", { eventId, command: "start" })).ok).toBe(
      true,
    );
    await marc.waitForState((s) => s.room?.members.some((m) => m.id === "p-thomas") ?? false);
    expect((await coordinator.emit("console:command", { eventId, command: "end" })).ok).toBe(true);
    const ended = await marc.waitForState((s) => s.event.status === "ended");
    expect(ended.toRate.map((r) => r.name)).toEqual(["Thomas Leclerc"]);
    await coordinator.waitForState((s) => s.event.status === "ended");

    // Thomas deletes his account on A.
    const thomasOnA = await signedIn(nodeA.url, "thomas@exemple.org");
    const deleted = await thomasOnA.post("/account/delete", {
      password: "maillage-demo",
      confirm: "on",
    });
    expect(deleted.status).toBe(302);

    // B pushes the views again without his name, and a reload on B shows none.
    await marc.waitForState((s) => s.toRate[0]?.name === "Personne supprimée");
    await coordinator.waitForState(
      (s) =>
        s.console !== null &&
        !JSON.stringify(s.console).includes("Thomas Leclerc") &&
        s.console.rooms.some((r) => r.members.includes("Personne supprimée")),
    );
    const marcAgain = await live(nodeB.url, "marc@exemple.org", marc);
    const again = await marcAgain.join(eventId);
    expect(again.toRate.map((r) => r.name)).toEqual(["Personne supprimée"]);
    expect(JSON.stringify(again)).not.toContain("Thomas Leclerc");
  });

  it("share a room, carry on when the clock's process dies, and switch the round once", async () => {
    const coordinatorHttp = await signedIn(nodeB.url, "coordination@exemple.org");
    const created = await coordinatorHttp.post("/programs/prog-reemploi-2026/events", {
      title: "Séance sur deux serveurs",
      startsAt: `${daysAhead()}T13:30`,
      rounds: "2",
      roundMinutes: "0.25",
      breakMinutes: "0",
      roomSize: "3",
      format: "online",
      videoUrlPattern: "",
      invited: ["p-amelie", "p-nathalie", "p-karine"],
    });
    const eventId = location(created).split("/").pop()!;

    // Amélie on A; Nathalie and Karine on B; the coordinator's console on B.
    const amelie = await live(nodeA.url, "amelie@exemple.org");
    const nathalie = await live(nodeB.url, "nathalie@exemple.org");
    const karine = await live(nodeB.url, "karine@exemple.org");
    const coordinator = await live(nodeB.url, "coordination@exemple.org");
    for (const c of [amelie, nathalie, karine, coordinator]) await c.join(eventId);
    expect((await coordinator.emit("console:command", { eventId, command: "open-lobby" })).ok).toBe(
      true,
    );
    // Presence spans processes: Amélie, connected to A, counts for the start decided on B.
    const started = await coordinator.emit("console:command", { eventId, command: "start" });
    expect(started.ok).toBe(true);
    const inRoom = (c: LiveClient) =>
      c.waitForState((s) => s.event.currentRound === 1 && s.room !== null);
    const [a1, n1, k1] = await Promise.all([inRoom(amelie), inRoom(nathalie), inRoom(karine)]);
    expect(a1.room!.id).toBe(n1.room!.id);
    expect(k1.room!.id).toBe(a1.room!.id);
    const roomId = a1.room!.id;

    // Chat across processes, both ways.
    await amelie.emit("chat:send", { eventId, roomId, text: "Bonjour depuis A" });
    await nathalie.emit("chat:send", { eventId, roomId, text: "Bonjour depuis B" });
    const heard = (c: LiveClient, text: string) =>
      expect.poll(() => c.messages.some((m) => m.text === text), { timeout: 5_000 }).toBe(true);
    await heard(nathalie, "Bonjour depuis A");
    await heard(karine, "Bonjour depuis A");
    await heard(amelie, "Bonjour depuis B");

    // A change mid-round, made on B, reaches A's people with their room's chat (A reads the chat
    // of every current room at once for its views).
    const pause = await coordinator.emit("console:command", { eventId, command: "pause" });
    expect(pause.ok).toBe(true);
    const paused = await amelie.waitForState((s) => s.event.status === "paused");
    expect(paused.room?.id).toBe(roomId);
    expect(paused.chat.map((m) => m.text)).toEqual(["Bonjour depuis A", "Bonjour depuis B"]);

    // The room's shared note across processes (the clock paused meanwhile). A line written on A,
    // then a copy opened on B right away (from the store, or from A if not saved yet).
    const noteA = new NoteReplica(amelie, eventId, roomId);
    expect((await noteA.sync()).ok).toBe(true);
    expect((await noteA.send(noteA.edit(0, "Ordre du jour\n"))).ok).toBe(true);
    const noteB = new NoteReplica(nathalie, eventId, roomId);
    expect((await noteB.sync()).ok).toBe(true);
    await noteB.waitForText((t) => t === "Ordre du jour\n");
    // Then both type at once, one on each process: both lines survive on both.
    const lineA = "Amélie, sur A : le budget.\n";
    const lineB = "Nathalie, sur B : le calendrier.\n";
    const sent = await Promise.all([
      noteA.send(noteA.edit(14, lineA)),
      noteB.send(noteB.edit(14, lineB)),
    ]);
    expect(sent.map((r) => r.ok)).toEqual([true, true]);
    for (const note of [noteA, noteB])
      await note.waitForText((t) => t.includes(lineA) && t.includes(lineB));
    const merged = noteA.text;
    expect(noteB.text).toBe(merged);
    const noteKarine = new NoteReplica(karine, eventId, roomId);
    expect((await noteKarine.sync()).ok).toBe(true);
    expect(noteKarine.text).toBe(merged);
    const resume = await coordinator.emit("console:command", { eventId, command: "resume" });
    expect(resume.ok).toBe(true);
    await amelie.waitForState((s) => s.event.status === "running" && s.event.currentRound === 1);

    // B, which started the event and drove its clock, dies mid-round.
    nodeB.process.kill("SIGKILL");
    await new Promise((r) => nodeB.process.once("exit", r));
    // Its people come back through the load balancer, on A, with the same session cookie.
    const nathalie2 = await live(nodeA.url, "nathalie@exemple.org", nathalie);
    const karine2 = await live(nodeA.url, "karine@exemple.org", karine);
    const back = await nathalie2.join(eventId);
    expect(back.event.currentRound).toBe(1);
    expect(back.room?.id).toBe(roomId);
    expect(back.chat.map((m) => m.text)).toEqual(["Bonjour depuis A", "Bonjour depuis B"]);
    // The note B held is on A too.
    const noteBack = new NoteReplica(nathalie2, eventId, roomId);
    expect((await noteBack.sync()).ok).toBe(true);
    expect(noteBack.text).toBe(merged);
    await karine2.join(eventId);
    await karine2.emit("chat:send", { eventId, roomId, text: "Toujours là" });
    await heard(amelie, "Toujours là");

    // A's clock takes over: the round switches once, to round 2, not further.
    const round2 = await amelie.waitForState((s) => s.event.currentRound === 2, 30_000);
    expect(round2.event.status).toBe("running");
    await new Promise((r) => setTimeout(r, 1_000));
    // From the start on (the lobby is round 0): 1, 1, …, 2, 2 — one switch.
    const rounds = amelie.states.map((s) => s.event.currentRound).filter((r) => r >= 1);
    const switches = rounds.filter((r, i) => i > 0 && r !== rounds[i - 1]).length;
    expect(switches).toBe(1);
    const versions = new Set(
      amelie.states
        .filter((s) => s.event.currentRound === 2)
        .map((s) => (s as LiveState & { version: number }).version),
    );
    expect(versions.size).toBe(1);
    await nathalie2.waitForState((s) => s.event.currentRound === 2);
  });
});
