import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createPairEvent,
  daysAhead,
  decode,
  HttpClient,
  location,
  pageText,
} from "../helpers/http";
import { outboxMessages, storeSnapshot } from "../helpers/store-snapshot";
import { addDays, quebecInstant, quebecToday } from "../../core/utils/quebec-time";
import { LiveClient, NoteReplica, type LiveState } from "../helpers/live";
import { translate } from "../../core/i18n";
import { waitLines } from "../../core/live/wait-text";
import { startServer, type TestServer } from "../helpers/server";

const PROGRAM = "/programs/prog-reemploi-2026";
const PEOPLE = ["louise", "marc", "amelie", "benoit", "david", "thomas"];
const REGION: Record<string, string> = {
  louise: "01",
  marc: "02",
  amelie: "01",
  benoit: "05",
  david: "08",
  thomas: "11",
};

/** The day sessions are scheduled on, a month ahead, and the day one is moved to. */
const DAY = daysAhead(30);
const NEXT_DAY = addDays(DAY, 1);

let server: TestServer;
let clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterEach(() => {
  for (const c of clients) c.close();
  clients = [];
});
afterAll(async () => {
  await server?.stop();
});

async function createEvent(base: string, overrides: Record<string, string | string[]> = {}) {
  const coordinator = new HttpClient(base);
  await coordinator.signIn("coordination@exemple.org");
  const response = await coordinator.post(`${PROGRAM}/events`, {
    title: "Séance d'essai",
    startsAt: `${DAY}T13:30`,
    rounds: "3",
    roundMinutes: "7",
    breakMinutes: "1",
    roomSize: "2",
    format: "online",
    videoUrlPattern: "https://meet.jit.si/maillage-{event}-{room}",
    invited: PEOPLE.map((p) => `p-${p}`),
    ...overrides,
  });
  expect(response.status).toBe(302);
  return location(response).split("/").pop()!;
}

/** The coordinator's console and each of `who` (everyone invited by default), in the event. */
async function connectAll(base: string, eventId: string, who: readonly string[] = PEOPLE) {
  const coordinator = await new LiveClient(base, "coordination@exemple.org").connect();
  const people = await Promise.all(
    who.map((p) => new LiveClient(base, `${p}@exemple.org`).connect()),
  );
  clients.push(coordinator, ...people);
  await coordinator.join(eventId);
  await Promise.all(people.map((c) => c.join(eventId)));
  return { coordinator, people };
}

const key = (a: string, b: string) => [a, b].sort().join("|");

describe("a live speed-dating event", () => {
  it("runs three rounds with rooms, chat, ratings and mutual matches", async () => {
    const eventId = await createEvent(server.url);
    const { coordinator, people } = await connectAll(server.url, eventId);

    const notYet = await people[0]!.emit("console:command", { eventId, command: "start" });
    expect(notYet).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await coordinator.emit("console:command", { eventId, command: "open-lobby" })).ok).toBe(
      true,
    );
    expect((await coordinator.emit("console:command", { eventId, command: "start" })).ok).toBe(
      true,
    );

    const met = new Set<string>();
    for (let round = 1; round <= 3; round++) {
      const states = await Promise.all(
        people.map((c) =>
          c.waitForState((s) => s.event.currentRound === round && s.event.phase === "round"),
        ),
      );
      const deadlines = new Set(states.map((s) => s.event.deadline));
      expect(deadlines.size).toBe(1); // one server clock for everyone
      for (const [i, state] of states.entries()) {
        const me = `p-${PEOPLE[i]}`;
        expect(state.room, `${me} round ${round}`).not.toBeNull();
        const others = state.room!.members.map((m) => m.id).filter((id) => id !== me);
        for (const other of others) {
          const person = PEOPLE[Number(PEOPLE.indexOf(other.slice(2)))]!;
          expect(REGION[person]).not.toBe(REGION[PEOPLE[i]!]); // never the same region
          if (me < other) {
            expect(met.has(key(me, other))).toBe(false); // never the same person twice
            met.add(key(me, other));
          }
        }
      }
      // Chat reaches the room, and only the room.
      const author = people[0]!;
      const authorRoom = states[0]!.room!;
      const sent = await author.emit("chat:send", {
        eventId,
        roomId: authorRoom.id,
        text: `Bonjour du tour ${round}`,
      });
      expect(sent.ok).toBe(true);
      const mateIndex = PEOPLE.indexOf(
        authorRoom.members.find((m) => m.id !== "p-louise")!.id.slice(2),
      );
      await expect
        .poll(() => people[mateIndex]!.messages.some((m) => m.text === `Bonjour du tour ${round}`))
        .toBe(true);
      const outsider = people.find((_, i) => i !== 0 && i !== mateIndex)!;
      expect(outsider.messages.some((m) => m.text === `Bonjour du tour ${round}`)).toBe(false);
      const wrongRoom = states.find((s) => s.room!.id !== authorRoom.id)!.room!.id;
      const refused = await author.emit("chat:send", {
        eventId,
        roomId: wrongRoom,
        text: "intrus",
      });
      expect(refused).toMatchObject({ ok: false, error: { code: "not_in_room" } });

      // Everyone rates everyone they met: "oui" for the first person in the room list.
      for (const [i, state] of states.entries()) {
        for (const other of state.room!.members.filter((m) => m.id !== `p-${PEOPLE[i]}`)) {
          const reply = await people[i]!.emit("rating:submit", {
            eventId,
            round,
            toParticipantId: other.id,
            answer: "yes",
          });
          expect(reply.ok).toBe(true);
        }
      }
      expect((await coordinator.emit("console:command", { eventId, command: "skip" })).ok).toBe(
        true,
      );
      if (round < 3) {
        await Promise.all(
          people.map((c) =>
            c.waitForState((s) => s.event.phase === "break" && s.event.currentRound === round),
          ),
        );
        expect((await coordinator.emit("console:command", { eventId, command: "skip" })).ok).toBe(
          true,
        );
      }
    }
    const ended = await Promise.all(
      people.map((c) => c.waitForState((s) => s.event.status === "ended")),
    );
    expect(ended[0]!.toRate.length).toBeGreaterThanOrEqual(3);

    // Rating someone never met is refused; ratings stay private.
    const strangers = await people[0]!.emit("rating:submit", {
      eventId,
      round: 1,
      toParticipantId: "p-amelie",
      answer: "yes",
    });
    expect(strangers).toMatchObject({ ok: false, error: { code: "not_met" } });
    const louise = new HttpClient(server.url);
    await louise.signIn("louise@exemple.org");
    const page = decode(await (await louise.get(`${PROGRAM}/events/${eventId}`)).text());
    expect(page).toContain("Vos affinités réciproques");
    expect(page).toContain("Oui réciproque");
    const doc = JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as {
      ratings: Array<{ eventId: string }>;
    };
    expect(doc.ratings.filter((r) => r.eventId === eventId).length).toBe(met.size * 2);
  });

  it("shows a mutual match at once to the person who saves the rating, and live to the other; to nobody else", async () => {
    const { eventId } = await createPairEvent(server.url, "Séance des affinités");
    const coordinator = await new LiveClient(server.url, "coordination@exemple.org").connect();
    const amelie = await new LiveClient(server.url, "amelie@exemple.org").connect();
    const nathalie = await new LiveClient(server.url, "nathalie@exemple.org").connect();
    clients.push(coordinator, amelie, nathalie);
    type Pushed = { eventId: string; matches: LiveState["matches"] };
    const pushed = new Map<LiveClient, Pushed[]>();
    for (const client of [coordinator, amelie, nathalie]) {
      const list: Pushed[] = [];
      pushed.set(client, list);
      client.socket.on("event:matches", (update: Pushed) => list.push(update));
    }
    await coordinator.join(eventId);
    await Promise.all([amelie.join(eventId), nathalie.join(eventId)]);
    expect((await coordinator.emit("console:command", { eventId, command: "start" })).ok).toBe(
      true,
    );
    await Promise.all(
      [amelie, nathalie].map((c) =>
        c.waitForState((s) => s.event.currentRound === 1 && s.event.phase === "round"),
      ),
    );
    expect((await coordinator.emit("console:command", { eventId, command: "end" })).ok).toBe(true);
    await Promise.all(
      [amelie, nathalie].map((c) => c.waitForState((s) => s.event.status === "ended")),
    );
    expect((await nathalie.join(eventId)).matches).toEqual([]);

    const rate = (client: LiveClient, toParticipantId: string) =>
      client.emit("rating:submit", { eventId, round: 1, toParticipantId, answer: "yes", note: "" });
    expect((await rate(amelie, "p-nathalie")).ok).toBe(true);
    expect(pushed.get(amelie)!.at(-1)).toEqual({ eventId, matches: [] });
    expect((await rate(nathalie, "p-amelie")).ok).toBe(true);
    // Nathalie's page has the match when her "Enregistré." shows: no reload.
    expect(pushed.get(nathalie)!.at(-1)).toEqual({
      eventId,
      matches: [
        {
          id: "p-amelie",
          name: expect.stringContaining("Amélie") as string,
          organization: expect.any(String) as string,
          level: "yes",
        },
      ],
    });
    // Amélie's open page gets hers too, live.
    await expect
      .poll(() =>
        pushed
          .get(amelie)!
          .at(-1)
          ?.matches.map((m) => [m.id, m.level]),
      )
      .toEqual([["p-nathalie", "yes"]]);
    // Each list is its own person's: the coordinator's socket hears of none.
    expect(pushed.get(coordinator)).toEqual([]);
    // A page opened afterwards shows it from its first view.
    expect((await amelie.join(eventId)).matches.map((m) => m.id)).toEqual(["p-nathalie"]);
  });

  it("refuses bad payloads, people not invited, and chat floods", async () => {
    const eventId = await createEvent(server.url);
    const { coordinator, people } = await connectAll(server.url, eventId);
    const stranger = await new LiveClient(server.url, "karine@exemple.org").connect();
    clients.push(stranger);
    const refused = await stranger.emit("event:join", { eventId });
    expect(refused).toMatchObject({ ok: false, error: { code: "not_in_event" } });
    expect(await stranger.emit("chat:send", { eventId, roomId: "r1-1", text: "hé" })).toMatchObject(
      { ok: false, error: { code: "not_in_event" } },
    );
    expect(await people[0]!.emit("chat:send", { eventId, roomId: "r1-1", text: "" })).toMatchObject(
      { ok: false, error: { code: "invalid_payload" } },
    );
    expect(
      await people[0]!.emit("chat:send", { eventId, roomId: "r1-1", text: "x".repeat(1001) }),
    ).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    expect(await people[0]!.emit("event:join", { eventId: "../../etc" })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(
      await coordinator.emit("console:command", { eventId, command: "explode" }),
    ).toMatchObject({ ok: false, error: { code: "invalid_payload" } });

    await coordinator.emit("console:command", { eventId, command: "start" });
    const state = await people[0]!.waitForState((s) => s.event.phase === "round");
    const results = [];
    for (let i = 0; i < 7; i++) {
      results.push(
        await people[0]!.emit("chat:send", {
          eventId,
          roomId: state.room!.id,
          text: `message ${i}`,
        }),
      );
    }
    expect(results.filter((r) => r.ok).length).toBe(5);
    expect(results.at(-1)).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    await coordinator.emit("console:command", { eventId, command: "end" });
  });

  it("closes a person's live connection when they sign out", async () => {
    const eventId = await createEvent(server.url);
    const yves = await new LiveClient(server.url, "louise@exemple.org").connect();
    clients.push(yves);
    await yves.join(eventId);
    const closed = new Promise<string>((resolve) =>
      yves.socket.once("disconnect", (reason) => resolve(reason)),
    );
    await yves.http.post("/logout", {});
    expect(await closed).toBe("io server disconnect");
  });

  it("closes only the live connections of the sessions that end: a sign-out, a new password", async () => {
    // Sophie on three devices, each with its own session.
    const [laptop, phone, tablet] = await Promise.all(
      [1, 2, 3].map(() => new LiveClient(server.url, "sophie@exemple.org").connect()),
    );
    clients.push(laptop!, phone!, tablet!);
    const closedReason = (client: LiveClient) =>
      new Promise<string>((resolve) => client.socket.once("disconnect", resolve));
    const alive = async (client: LiveClient) =>
      (await client.emit<{ user: { id: string } }>("session:whoami", {})).ok;

    // Signing out on the phone closes the phone's connection only.
    const phoneClosed = closedReason(phone!);
    await phone!.http.post("/logout", {});
    expect(await phoneClosed).toBe("io server disconnect");
    expect([await alive(laptop!), await alive(tablet!)]).toEqual([true, true]);

    // A new password chosen on the laptop ends the tablet's session and its connection, not the
    // laptop's own.
    const tabletClosed = closedReason(tablet!);
    const changed = await laptop!.http.post("/account", {
      intent: "password",
      currentPassword: "maillage-demo",
      password: "un-nouveau-secret-solide",
      passwordConfirm: "un-nouveau-secret-solide",
    });
    expect(changed.status).toBeLessThan(400);
    expect(await tabletClosed).toBe("io server disconnect");
    expect(await alive(laptop!)).toBe(true);
    expect((await laptop!.http.get("/account")).status).toBe(200);
  });

  it("lets the coordinator change a session before it starts: the invited are told, the page follows", async () => {
    // Thomas is not invited at first.
    const eventId = await createEvent(server.url, {
      invited: PEOPLE.filter((p) => p !== "thomas").map((p) => `p-${p}`),
    });
    const eventPage = `${PROGRAM}/events/${eventId}`;
    const coordinator = await new LiveClient(server.url, "coordination@exemple.org").connect();
    const thomas = await new LiveClient(server.url, "thomas@exemple.org").connect();
    clients.push(coordinator, thomas);
    await coordinator.join(eventId);
    expect((await thomas.emit("event:join", { eventId })).ok).toBe(false);
    const messages = async () =>
      (await outboxMessages([server.dataDir])).filter((m) => m.text.includes(`/events/${eventId}`));
    const before = (await messages()).length;

    // Only the coordination is offered the form, filled with the session's settings in Quebec time.
    expect(await pageText(await coordinator.http.get(eventPage))).toContain("Modifier la séance");
    expect(await pageText(await thomas.http.get(`${PROGRAM}/events`))).not.toContain(
      "Modifier la séance",
    );
    const marc = await new LiveClient(server.url, "marc@exemple.org").connect();
    clients.push(marc);
    expect(await pageText(await marc.http.get(eventPage))).not.toContain("Modifier la séance");
    expect((await marc.http.get(`${eventPage}/edit`)).status).toBe(403);
    const form = await pageText(await coordinator.http.get(`${eventPage}/edit`));
    expect(form).toContain(`value="${DAY}T13:30"`);

    // A new time, and Thomas added.
    const settings = {
      title: "Séance d'essai",
      startsAt: `${NEXT_DAY}T15:00`,
      rounds: "3",
      roundMinutes: "7",
      breakMinutes: "1",
      roomSize: "2",
      format: "online",
      videoUrlPattern: "https://meet.jit.si/maillage-{event}-{room}",
      invited: PEOPLE.map((p) => `p-${p}`),
    };
    const saved = await coordinator.http.post(`${eventPage}/edit`, settings);
    expect(saved.status).toBe(302);
    expect(location(saved)).toBe(`${eventPage}?saved`);
    expect(await pageText(await coordinator.http.get(`${eventPage}?saved`))).toContain(
      "Les changements de la séance sont enregistrés.",
    );
    const told = (await messages()).slice(before);
    expect(told.filter((m) => m.kind === "eventAnnouncement").map((m) => m.to)).toEqual([
      "thomas@exemple.org",
    ]);
    expect(
      told
        .filter((m) => m.kind === "eventUpdate")
        .map((m) => m.to)
        .sort(),
    ).toEqual(
      PEOPLE.filter((p) => p !== "thomas")
        .map((p) => `${p}@exemple.org`)
        .sort(),
    );
    expect(told.find((m) => m.kind === "eventUpdate")!.text).toContain("15\u00a0h\u00a000");
    // The same settings sent again tell nobody.
    expect((await coordinator.http.post(`${eventPage}/edit`, settings)).status).toBe(302);
    expect(await messages()).toHaveLength(before + told.length);

    // The live page follows at once: the new time, the console lists Thomas, who may come in.
    const moved = quebecInstant(NEXT_DAY, "15:00").getTime(); // 15 h 00 in Quebec
    await coordinator.waitForState(
      (state) =>
        (state.console?.invited.some((p) => p.id === "p-thomas") ?? false) &&
        Date.parse(state.event.startsAt) === moved,
    );
    expect((await thomas.emit("event:join", { eventId })).ok).toBe(true);

    // Benoît, connected, is taken off the list: told once with a cancelling calendar entry, his
    // page stops following the session, and he may no longer join it.
    const benoit = await new LiveClient(server.url, "benoit@exemple.org").connect();
    clients.push(benoit);
    await benoit.join(eventId);
    const withoutBenoit = {
      ...settings,
      invited: settings.invited.filter((id) => id !== "p-benoit"),
    };
    expect((await coordinator.http.post(`${eventPage}/edit`, withoutBenoit)).status).toBe(302);
    const uninvited = async () =>
      (await outboxMessages([server.dataDir])).filter((m) => m.kind === "eventUninvited");
    const cancelled = await uninvited();
    expect(cancelled.map((m) => m.to)).toEqual(["benoit@exemple.org"]);
    expect(cancelled[0]!.attachments?.[0]?.content).toContain("STATUS:CANCELLED");
    await coordinator.waitForState(
      (state) => !(state.console?.invited.some((p) => p.id === "p-benoit") ?? true),
    );
    const statesBefore = benoit.states.length;
    expect((await benoit.emit("chat:send", { eventId, roomId: "r1", text: "Bonjour" })).ok).toBe(
      false,
    );
    expect((await benoit.emit("event:join", { eventId })).ok).toBe(false);
    expect((await coordinator.http.post(`${eventPage}/edit`, withoutBenoit)).status).toBe(302);
    expect(await uninvited()).toHaveLength(1);

    // Once started, the settings stay as they are.
    await marc.join(eventId);
    expect((await coordinator.emit("console:command", { eventId, command: "start" })).ok).toBe(
      true,
    );
    await coordinator.waitForState((state) => state.event.status === "running");
    expect(await pageText(await coordinator.http.get(`${eventPage}/edit`))).toContain(
      "La séance a commencé : ses réglages ne peuvent plus changer.",
    );
    const late = await coordinator.http.post(`${eventPage}/edit`, settings);
    expect(late.status).toBe(409);
    expect(await pageText(late)).toContain("La séance a commencé");
    expect(await pageText(await coordinator.http.get(eventPage))).not.toContain(
      "Modifier la séance",
    );
    expect(benoit.states.length).toBe(statesBefore);
    await coordinator.emit("console:command", { eventId, command: "end" });
  });

  it("refuses a start already past, when scheduling and when editing, and tells nobody", async () => {
    const stored = () => storeSnapshot({ engine: "lowdb", dataDir: server.dataDir });
    const coordinator = new HttpClient(server.url);
    await coordinator.signIn("coordination@exemple.org");
    const form = {
      title: "Séance d'hier",
      // Yesterday in Quebec, whatever the hour: already past (the demo's QA case, a month back).
      startsAt: `${addDays(quebecToday(), -1)}T10:00`,
      rounds: "3",
      roundMinutes: "7",
      breakMinutes: "1",
      roomSize: "2",
      format: "online",
      videoUrlPattern: "",
      invited: ["p-marc", "p-louise"],
    };
    const before = await stored();

    const refused = await coordinator.post(`${PROGRAM}/events`, form);
    expect(refused.status).toBe(400);
    const html = await pageText(refused);
    expect(html).toContain('id="field-startsAt-error"');
    expect(html).toMatch(
      /Le début de la séance, le [^<]+ \(heure du Québec\), serait déjà passé : choisissez une date et une heure à venir\./,
    );
    coordinator.cookies.set("maillage_lang", "en");
    const english = await pageText(await coordinator.post(`${PROGRAM}/events`, form));
    expect(english).toMatch(
      /The session's start, [^<]+ \(Quebec time\), is already past: choose a date and time in the future\./,
    );
    coordinator.cookies.set("maillage_lang", "fr");
    let after = await stored();
    expect(after.events).toHaveLength(before.events.length);
    expect(after.outbox).toHaveLength(before.outbox.length);
    expect(after.notifications).toHaveLength(before.notifications.length);

    // A session to come may not be moved into the past either: it keeps its settings.
    const eventId = await createEvent(server.url, { invited: ["p-marc", "p-louise"] });
    const scheduled = await stored();
    const event = scheduled.events.find((e) => e.id === eventId)!;
    const moved = await coordinator.post(`${PROGRAM}/events/${eventId}/edit`, {
      ...form,
      title: "Séance déplacée",
    });
    expect(moved.status).toBe(400);
    const movedHtml = await pageText(moved);
    expect(movedHtml).toContain('id="field-startsAt-error"');
    expect(movedHtml).toContain("serait déjà passé : choisissez une date et une heure à venir.");
    after = await stored();
    expect(after.events.find((e) => e.id === eventId)).toEqual(event);
    expect(after.outbox).toHaveLength(scheduled.outbox.length);
    expect(after.notifications).toHaveLength(scheduled.notifications.length);
  });

  it("brings a participant who lost the network back into the same room, with the chat", async () => {
    const eventId = await createEvent(server.url);
    const { coordinator, people } = await connectAll(server.url, eventId);
    await coordinator.emit("console:command", { eventId, command: "start" });
    const before = await people[1]!.waitForState((s) => s.event.phase === "round");
    const room = before.room!;
    const mate = people[PEOPLE.indexOf(room.members.find((m) => m.id !== "p-marc")!.id.slice(2))]!;
    await mate.emit("chat:send", { eventId, roomId: room.id, text: "Avant la coupure" });

    const marc = people[1]!;
    marc.states = [];
    marc.socket.io.engine.close(); // the Wi-Fi drops
    await new Promise((r) => setTimeout(r, 300));
    await mate.emit("chat:send", { eventId, roomId: room.id, text: "Pendant la coupure" });
    await new Promise<void>((resolve) =>
      marc.socket.connected ? resolve() : marc.socket.once("connect", () => resolve()),
    );
    const after = await marc.join(eventId);
    expect(after.room?.id).toBe(room.id);
    expect(after.chat.map((m) => m.text)).toEqual(
      expect.arrayContaining(["Avant la coupure", "Pendant la coupure"]),
    );
    // Still in the room's channel: new messages arrive.
    await mate.emit("chat:send", { eventId, roomId: room.id, text: "Après la coupure" });
    await expect.poll(() => marc.messages.some((m) => m.text === "Après la coupure")).toBe(true);
    await coordinator.emit("console:command", { eventId, command: "end" });
  });

  it("advances by itself at the deadline, and resumes after a server restart", async () => {
    const own = await startServer();
    try {
      const eventId = await createEvent(own.url, {
        roundMinutes: "0.05",
        breakMinutes: "0",
        rounds: "3",
      });
      const { coordinator, people } = await connectAll(own.url, eventId);
      await coordinator.emit("console:command", { eventId, command: "start" });
      // 3 seconds later the clock moves to round 2 without anyone asking.
      await people[0]!.waitForState(
        (s) => s.event.currentRound === 2 && s.event.phase === "round",
        15_000,
      );
      await coordinator.emit("console:command", { eventId, command: "pause" });
      const paused = await people[0]!.waitForState((s) => s.event.status === "paused");
      const roomBefore = paused.room!.id;
      await people[0]!.emit("chat:send", { eventId, roomId: roomBefore, text: "Message gardé" });
      // A note typed just before the shutdown is saved by it.
      const note = new NoteReplica(people[0]!, eventId, roomBefore);
      expect((await note.sync()).ok).toBe(true);
      expect((await note.send(note.edit(0, "Note de dernière seconde"))).ok).toBe(true);
      for (const c of [coordinator, ...people]) c.close();

      expect(await own.stop()).toBe(0);
      const again = await startServer({ dataDir: own.dataDir });
      try {
        const louise = await new LiveClient(again.url, "louise@exemple.org").connect();
        clients.push(louise);
        const state: LiveState = await louise.join(eventId);
        expect(state.event).toMatchObject({ status: "paused", currentRound: 2 });
        expect(state.room?.id).toBe(roomBefore);
        expect(state.chat.map((m) => m.text)).toContain("Message gardé");
        const noteAgain = new NoteReplica(louise, eventId, roomBefore);
        expect((await noteAgain.sync()).ok).toBe(true);
        expect(noteAgain.text).toBe("Note de dernière seconde");
        // The clock goes on by itself after the restart.
        await louise.emit("console:command", { eventId, command: "resume" });
        const coordinatorAgain = await new LiveClient(
          again.url,
          "coordination@exemple.org",
        ).connect();
        clients.push(coordinatorAgain);
        await coordinatorAgain.join(eventId);
        expect(
          (await coordinatorAgain.emit("console:command", { eventId, command: "resume" })).ok,
        ).toBe(true);
        await louise.waitForState((s) => s.event.currentRound === 3, 15_000);
      } finally {
        await again.stop();
      }
    } finally {
      await own.stop();
    }
  });

  it("seats a person who arrives during a round as waiting: told so, counted, on the console", async () => {
    const eventId = await createEvent(server.url);
    const early = PEOPLE.filter((p) => p !== "thomas");
    const { coordinator, people } = await connectAll(server.url, eventId, early);
    expect((await coordinator.emit("console:command", { eventId, command: "start" })).ok).toBe(
      true,
    );
    const started = await Promise.all(
      people.map((c) => c.waitForState((s) => s.event.currentRound === 1)),
    );
    // Five people in pairs: one waits, told that five are here.
    const waiter = people[started.findIndex((s) => s.waiting)]!;
    expect(started.find((s) => s.waiting)!.wait?.present).toBe(5);

    // Thomas opens the page after the start: he waits this round, told why and that a room awaits
    // him next round.
    const thomas = await new LiveClient(server.url, "thomas@exemple.org").connect();
    clients.push(thomas);
    const view = await thomas.join(eventId);
    expect(view.room).toBeNull();
    expect(view.waiting).toBe(true);
    expect(view.wait).toMatchObject({ reason: "late", present: 6 });
    const text = waitLines({ ...view, event: { roomSize: 2 } })
      .map((line) => translate("fr", line.key, line.params))
      .join(" ");
    expect(text).toContain("Vous êtes arrivé·e après le début de ce tour");
    expect(text).toContain("Une salle vous attend au prochain tour");
    // The console lists him as waiting; the one who waited before counts him.
    await coordinator.waitForState((s) => s.console?.waiting.includes("Thomas Leclerc") ?? false);
    await waiter.waitForState((s) => s.wait?.present === 6);

    // The next round seats him.
    expect((await coordinator.emit("console:command", { eventId, command: "skip" })).ok).toBe(true);
    await thomas.waitForState((s) => s.event.phase === "break");
    expect((await coordinator.emit("console:command", { eventId, command: "skip" })).ok).toBe(true);
    const round2 = await thomas.waitForState(
      (s) => s.event.currentRound === 2 && s.event.phase === "round",
    );
    expect(round2.room).not.toBeNull();
    await coordinator.emit("console:command", { eventId, command: "end" });
  });

  it("tells whoever waits in the last round what is left: rating now, never another room", async () => {
    const eventId = await createEvent(server.url, { rounds: "2", breakMinutes: "0" });
    const early = PEOPLE.filter((p) => p !== "thomas");
    const { coordinator, people } = await connectAll(server.url, eventId, early);
    await coordinator.emit("console:command", { eventId, command: "start" });
    await Promise.all(people.map((c) => c.waitForState((s) => s.event.currentRound === 1)));
    expect((await coordinator.emit("console:command", { eventId, command: "skip" })).ok).toBe(true);
    const last = await Promise.all(
      people.map((c) => c.waitForState((s) => s.event.currentRound === 2)),
    );
    // The one waiting in the last round sat in a room in the first: the ratings are shown now,
    // and the panel says so.
    const waiting = last.find((s) => s.waiting)!;
    expect(waiting.wait?.next).toBe("none");
    expect(waiting.toRate.length).toBeGreaterThan(0);
    const lines = (view: LiveState, locale: "fr" | "en") =>
      waitLines({ ...view, event: { roomSize: 2 } })
        .map((line) => translate(locale, line.key, line.params))
        .join(" ");
    expect(lines(waiting, "fr")).toContain(
      "C'est le dernier tour de la séance : vous pouvez noter dès maintenant, ci-dessous, les conversations que vous avez eues.",
    );
    expect(lines(waiting, "fr")).not.toContain("à la fin");
    expect(lines(waiting, "en")).toContain("you can rate the conversations you had now, below");

    // Someone arriving during the last round is promised no room: there is none left.
    const thomas = await new LiveClient(server.url, "thomas@exemple.org").connect();
    clients.push(thomas);
    const late = await thomas.join(eventId);
    expect(late.wait).toMatchObject({ reason: "late", next: "none" });
    expect(late.toRate).toEqual([]);
    expect(lines(late, "fr")).toContain(
      "C'est le dernier tour de la séance : il n'y aura pas d'autre salle.",
    );
    expect(lines(late, "fr")).not.toContain("prochain tour");
    await coordinator.emit("console:command", { eventId, command: "end" });
  });

  it("shows an erased account's name nowhere in the live session, reloaded or not", async () => {
    // A server of its own: Thomas's account is erased for good.
    const own = await startServer();
    const live: LiveClient[] = [];
    try {
      const eventId = await createEvent(own.url);
      const coordinator = await new LiveClient(own.url, "coordination@exemple.org").connect();
      const people = await Promise.all(
        PEOPLE.map((p) => new LiveClient(own.url, `${p}@exemple.org`).connect()),
      );
      live.push(coordinator, ...people);
      await coordinator.join(eventId);
      await Promise.all(people.map((c) => c.join(eventId)));
      await coordinator.emit("console:command", { eventId, command: "start" });
      const round1 = await Promise.all(
        people.map((c) => c.waitForState((s) => s.event.currentRound === 1)),
      );
      const thomasIndex = PEOPLE.indexOf("thomas");
      expect(round1[thomasIndex]!.room).not.toBeNull();
      const mateId = round1[thomasIndex]!.room!.members.find((m) => m.id !== "p-thomas")!.id;
      const mate = people[PEOPLE.indexOf(mateId.slice(2))]!;
      await coordinator.emit("console:command", { eventId, command: "end" });
      const ended = await mate.waitForState((s) => s.event.status === "ended");
      expect(ended.toRate.find((r) => r.participantId === "p-thomas")?.name).toBe("Thomas Leclerc");
      await coordinator.waitForState((s) => s.event.status === "ended");

      // Thomas deletes his account.
      const deleted = await people[thomasIndex]!.http.post("/account/delete", {
        password: "maillage-demo",
        confirm: "on",
      });
      expect(deleted.status).toBe(302);

      // Those on the page see the name go without reloading…
      const erased = (s: LiveState) =>
        s.toRate.find((r) => r.participantId === "p-thomas")?.name === "Personne supprimée";
      await mate.waitForState(erased);
      await coordinator.waitForState((s) => !JSON.stringify(s.console).includes("Thomas Leclerc"));
      // …and after reloading the page.
      const mateAgain = await new LiveClient(own.url, mate.email).connect();
      const coordinatorAgain = await new LiveClient(own.url, "coordination@exemple.org").connect();
      live.push(mateAgain, coordinatorAgain);
      const mateView = await mateAgain.join(eventId);
      const consoleView = await coordinatorAgain.join(eventId);
      expect(mateView.toRate.find((r) => r.participantId === "p-thomas")?.name).toBe(
        "Personne supprimée",
      );
      expect(JSON.stringify(mateView)).not.toContain("Thomas Leclerc");
      expect(JSON.stringify(consoleView)).not.toContain("Thomas Leclerc");
      expect(consoleView.console?.rooms.flatMap((r) => r.members)).toContain("Personne supprimée");
      const page = await coordinator.http.get(`${PROGRAM}/events/${eventId}`);
      expect(page.status).toBe(200);
      expect(decode(await page.text())).not.toContain("Thomas Leclerc");
    } finally {
      for (const c of live) c.close();
      await own.stop();
    }
  });
});
