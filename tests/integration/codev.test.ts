import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, location, pageText } from "../helpers/http";
import { LiveClient, type Reply } from "../helpers/live";
import { startServer, type TestServer } from "../helpers/server";

const GROUP = "/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid";
/** The demo's next session: Benoît is the client, Marc facilitates, Mathieu takes notes. */
const SESSION = "cdv-demo-2";

interface View {
  version: number;
  me?: string;
  session: {
    status: string;
    currentStep: number;
    minutes: number[];
    subject: string;
    notes: string[];
    actionItems: Array<{ id: string; title: string }>;
    facilitatorId: string;
    scribeId: string | null;
    presentIds: string[];
    hours: number | null;
    running: boolean;
  };
  connected: string[];
}

let server: TestServer;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server?.stop();
});

async function member(email: string) {
  const client = new LiveClient(server.url, email);
  clients.push(client);
  await client.connect();
  const views: View[] = [];
  client.socket.on("codev:state", (v: View) => views.push(v));
  const send = (event: string, payload: Record<string, unknown> = {}) =>
    client.emit<View>(event, { sessionId: SESSION, ...payload });
  const ok = async (event: string, payload: Record<string, unknown> = {}) => {
    const reply = await send(event, payload);
    if (!reply.ok) throw new Error(`${email} ${event}: ${reply.error.code}`);
    return reply.data;
  };
  const waitFor = async (predicate: (v: View) => boolean) => {
    const started = Date.now();
    for (;;) {
      const found = [...views].reverse().find(predicate);
      if (found) return found;
      if (Date.now() - started > 10_000) throw new Error(`${email}: no matching view`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { client, views, send, ok, waitFor };
}

const page = pageText;
const errorOf = (reply: Reply<unknown>) => (reply.ok ? "ok" : reply.error.code);

describe("a co-development session over Socket.IO", () => {
  it("runs through its six steps with three members, a late joiner and a reconnection", async () => {
    const marc = await member("marc@exemple.org");
    const mathieu = await member("mathieu@exemple.org");

    const joined = await marc.ok("codev:join");
    expect(joined.me).toBe("p-marc");
    expect(joined.session.status).toBe("planned");
    await mathieu.ok("codev:join");

    // Only the facilitator runs the clock and the steps.
    expect(errorOf(await mathieu.send("codev:command", { command: "start" }))).toBe("not_allowed");
    const started = await marc.ok("codev:command", { command: "start" });
    expect(started.session).toMatchObject({ status: "running", currentStep: 0, running: true });
    expect(started.session.presentIds.sort()).toEqual(["p-marc", "p-mathieu"]);
    // The others see it pushed.
    await mathieu.waitFor((v) => v.session.status === "running");

    // Benoît, the client, joins late: he gets the current state and counts as present.
    const benoit = await member("benoit@exemple.org");
    const late = await benoit.ok("codev:join");
    expect(late.session.currentStep).toBe(0);
    expect(late.session.presentIds).toContain("p-benoit");
    expect(late.connected.sort()).toEqual(["p-benoit", "p-marc", "p-mathieu"]);

    // Step 0: the client states the subject; the scribe writes; a consultant-scribe cannot set the subject.
    expect(errorOf(await mathieu.send("codev:subject", { text: "Autre chose" }))).toBe(
      "not_allowed",
    );
    await benoit.ok("codev:subject", { text: "Nos chambres froides débordent l'été" });
    expect(errorOf(await benoit.send("codev:note", { step: 0, text: "x" }))).toBe("not_allowed");
    expect(errorOf(await mathieu.send("codev:note", { step: 9, text: "x" }))).toBe(
      "invalid_payload",
    );

    for (let step = 0; step < 6; step++) {
      await mathieu.ok("codev:note", { step, text: `Notes de l'étape ${step}` });
      if (step === 5) {
        await benoit.ok("codev:action:add", { title: "Mesurer les pertes de juillet" });
        const added = await benoit.ok("codev:action:add", {
          title: "Louer un conteneur réfrigéré",
        });
        expect(added.session.actionItems).toHaveLength(2);
        // A slip: the client removes an action, then writes it again.
        const removed = await benoit.ok("codev:action:remove", {
          itemId: added.session.actionItems[1]!.id,
        });
        expect(removed.session.actionItems.map((i) => i.title)).toEqual([
          "Mesurer les pertes de juillet",
        ]);
        await benoit.ok("codev:action:add", { title: "Louer un conteneur réfrigéré" });
      }
      if (step === 2) {
        // The facilitator pauses (the timer stops) and gives the step five more minutes.
        const paused = await marc.ok("codev:command", { command: "pause" });
        expect(paused.session.running).toBe(false);
        const extended = await marc.ok("codev:extend", { minutes: 5 });
        expect(extended.session.minutes[2]).toBe(20);
        await marc.ok("codev:command", { command: "resume" });
      }
      if (step === 3) {
        // Mathieu's connection drops; on reconnecting he finds the step and the notes.
        mathieu.client.socket.disconnect();
        await marc.waitFor((v) => !v.connected.includes("p-mathieu"));
        mathieu.client.socket.connect();
        await new Promise<void>((r) => mathieu.client.socket.once("connect", () => r()));
        const back = await mathieu.ok("codev:join");
        expect(back.session.currentStep).toBe(3);
        expect(back.session.notes[3]).toBe("Notes de l'étape 3");
      }
      if (step === 1) {
        // A double click: the second "next" for the same step is refused, no step is skipped.
        const [first, second] = await Promise.all([
          marc.send("codev:command", { command: "next", step }),
          marc.send("codev:command", { command: "next", step }),
        ]);
        expect([errorOf(first), errorOf(second)].sort()).toEqual(["not_now", "ok"]);
        await benoit.waitFor((v) => v.session.currentStep === step + 1);
        continue;
      }
      const next = await marc.ok("codev:command", { command: "next", step });
      expect(next.session.currentStep).toBe(step + 1);
      await benoit.waitFor((v) => v.session.currentStep === step + 1);
    }
    await mathieu.ok("codev:note", { step: 6, text: "Chacun a appris quelque chose" });
    // No step 7.
    expect(errorOf(await marc.send("codev:command", { command: "next", step: 6 }))).toBe("not_now");
    // Without the step on screen, a move is refused.
    expect(errorOf(await marc.send("codev:command", { command: "end" }))).toBe("not_now");

    const ended = await marc.ok("codev:command", { command: "end", step: 6 });
    expect(ended.session.status).toBe("ended");
    expect(ended.session.hours).toBe(0.25);
    expect(ended.session.notes).toEqual([
      "Notes de l'étape 0",
      "Notes de l'étape 1",
      "Notes de l'étape 2",
      "Notes de l'étape 3",
      "Notes de l'étape 4",
      "Notes de l'étape 5",
      "Chacun a appris quelque chose",
    ]);
    await benoit.waitFor((v) => v.session.status === "ended");
    // The scribe may finish the last notes after the end; the subject is closed.
    const after = await mathieu.ok("codev:note", { step: 6, text: "Chacun a appris, et noté" });
    expect(after.session.notes[6]).toBe("Chacun a appris, et noté");
    expect(errorOf(await benoit.send("codev:subject", { text: "Autre" }))).toBe("not_now");

    // The client's actions are in the group's plan, owned by him; the time is in the hour bank.
    const http = benoit.client.http;
    const plan = await page(await http.get(`${GROUP}/plan`));
    expect(plan).toContain("Mesurer les pertes de juillet");
    expect(plan).toContain("Louer un conteneur réfrigéré");
    const hours = await page(await http.get(`${GROUP}/hours`));
    expect(hours).toContain("15,25 h sur 20 h");
    // The session was tied to the group's next meeting: it is now marked as held.
    const meetings = await page(await http.get(`${GROUP}/meetings`));
    expect(meetings.match(/status--meeting-held/g)).toHaveLength(2);
  });

  it("lets a member take over when the facilitator is gone, never the client", async () => {
    const benoit = await member("benoit@exemple.org");
    const created = await benoit.client.http.post(`${GROUP}/codev`, {
      intent: "create",
      clientId: "p-mathieu",
      facilitatorId: "p-benoit",
      scribeId: "p-marc",
      meetingId: "",
      minutes0: "10",
      minutes1: "10",
      minutes2: "15",
      minutes3: "10",
      minutes4: "25",
      minutes5: "15",
      minutes6: "10",
    });
    expect(created.status).toBe(302);
    const id = /\/codev\/(cdv-[\w-]+)$/.exec(location(created))?.[1];
    expect(id).toBeDefined();
    const join = (m: Awaited<ReturnType<typeof member>>) =>
      m.client.emit<View>("codev:join", { sessionId: id });
    const marc = await member("marc@exemple.org");
    const mathieu = await member("mathieu@exemple.org");
    await join(benoit);
    await join(marc);
    await join(mathieu);
    // With the facilitator here, nobody takes over.
    expect(
      errorOf(await marc.client.emit("codev:command", { sessionId: id, command: "takeover" })),
    ).toBe("not_allowed");
    benoit.client.close();
    await marc.waitFor((v) => !v.connected.includes("p-benoit") && v.connected.length === 2);
    expect(
      errorOf(await mathieu.client.emit("codev:command", { sessionId: id, command: "takeover" })),
    ).toBe("not_allowed");
    const took = await marc.client.emit<View>("codev:command", {
      sessionId: id,
      command: "takeover",
    });
    expect(took.ok && took.data.session).toMatchObject({ facilitatorId: "p-marc", scribeId: null });
    const started = await marc.client.emit<View>("codev:command", {
      sessionId: id,
      command: "start",
    });
    expect(started.ok && started.data.session.status).toBe("running");
  });

  it("answers not_found to everyone outside the group, coordinators included", async () => {
    for (const email of ["amelie@exemple.org", "coordination@exemple.org"]) {
      const outsider = await member(email);
      for (const [event, payload] of [
        ["codev:join", {}],
        ["codev:command", { command: "next" }],
        ["codev:command", { command: "takeover" }],
        ["codev:extend", { minutes: 5 }],
        ["codev:subject", { text: "x" }],
        ["codev:note", { step: 1, text: "x" }],
        ["codev:action:add", { title: "x" }],
        ["codev:action:remove", { itemId: "cda-demo-1" }],
      ] as const) {
        for (const sessionId of ["cdv-demo-1", "cdv-demo-2", "cdv-nope"]) {
          const reply = await outsider.client.emit(event, { sessionId, ...payload });
          expect(errorOf(reply), `${email} ${event} ${sessionId}`).toBe("not_found");
        }
      }
      const http = outsider.client.http;
      // (The meeting page is the observer's to read: the demo group invites the coordination.)
      for (const path of [
        `${GROUP}/codev`,
        `${GROUP}/codev/cdv-demo-1`,
        ...(email === "amelie@exemple.org" ? [`${GROUP}/meetings/mtg-demo-demarrage`] : []),
      ]) {
        expect((await http.get(path)).status, `${email} ${path}`).toBe(404);
      }
      expect(
        (await http.post(`${GROUP}/codev`, { intent: "delete", sessionId: "cdv-demo-2" })).status,
      ).toBe(404);
    }
    // Members see the ended demo session with its notes; a made-up id is 404 for them too.
    const mathieu = new HttpClient(server.url);
    await mathieu.signIn("mathieu@exemple.org");
    const ended = await page(await mathieu.get(`${GROUP}/codev/cdv-demo-1`));
    expect(ended).toContain("Séance de codéveloppement n° 1");
    expect(ended).toContain("Livrer des plats cuisinés à 40 km");
    expect((await mathieu.get(`${GROUP}/codev/cdv-nope`)).status).toBe(404);
  });
});
