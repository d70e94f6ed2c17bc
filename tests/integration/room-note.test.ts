/**
 * The room's shared note with several writers (ADR 0016): two people's concurrent edits both
 * survive, on both copies, in the store and after a restart; a late joiner gets the merged text;
 * a malformed, oversized or too long update is refused and changes nothing; only the people of
 * the room may read or write it; the note stays with its round.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { NOTE_MAX_LENGTH, NOTE_MESSAGE_MAX_BYTES, NOTE_TEXT_NAME } from "../../core/data/room-note";
import { createPairEvent, daysAhead, location, signedIn } from "../helpers/http";
import { LiveClient, NoteReplica } from "../helpers/live";
import { startServer, type TestServer } from "../helpers/server";

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

async function live(base: string, email: string) {
  const client = await new LiveClient(base, email).connect();
  clients.push(client);
  return client;
}

/** Amélie and Nathalie in room 1 of a started event, each with a synced copy of its note. */
async function pairInRoom(base: string, title: string) {
  const { eventId } = await createPairEvent(base, title);
  const coordinator = await live(base, "coordination@exemple.org");
  const amelie = await live(base, "amelie@exemple.org");
  const nathalie = await live(base, "nathalie@exemple.org");
  for (const c of [coordinator, amelie, nathalie]) await c.join(eventId);
  expect((await coordinator.emit("console:command", { eventId, command: "start" })).ok).toBe(true);
  const roomId = (await amelie.waitForState((s) => s.room !== null)).room!.id;
  await nathalie.waitForState((s) => s.room?.id === roomId);
  const notes = [
    new NoteReplica(amelie, eventId, roomId),
    new NoteReplica(nathalie, eventId, roomId),
  ];
  for (const note of notes) expect((await note.sync()).ok).toBe(true);
  return {
    eventId,
    roomId,
    coordinator,
    amelie,
    nathalie,
    notes: notes as [NoteReplica, NoteReplica],
  };
}

async function storedNotes(dataDir: string) {
  const doc = JSON.parse(await readFile(join(dataDir, "maillage.json"), "utf8")) as {
    roomNotes: Array<{ eventId: string; roomId: string; text: string; state?: string }>;
  };
  return doc.roomNotes;
}

const A = "Amélie : un budget partagé pour la camionnette.\n";
const N = "Nathalie : le calendrier des collectes.\n";

describe("the shared note of a room", () => {
  it("keeps both people's concurrent edits, on both copies, in the store, after a restart, and for a late joiner", async () => {
    const own = await startServer();
    try {
      const { eventId, roomId, notes } = await pairInRoom(own.url, "Note à deux");
      const [amelie, nathalie] = notes;
      expect((await amelie.send(amelie.edit(0, "Ordre du jour\n"))).ok).toBe(true);
      await nathalie.waitForText((t) => t === "Ordre du jour\n");

      // Both type at the end of the same line at once: neither copy has seen the other's text.
      const fromAmelie = amelie.edit(14, A);
      const fromNathalie = nathalie.edit(14, N);
      const replies = await Promise.all([amelie.send(fromAmelie), nathalie.send(fromNathalie)]);
      expect(replies.map((r) => r.ok)).toEqual([true, true]);
      for (const note of notes) await note.waitForText((t) => t.includes(A) && t.includes(N));
      const merged = amelie.text;
      expect(nathalie.text).toBe(merged);
      expect(merged.startsWith("Ordre du jour\n")).toBe(true);
      expect(merged.length).toBe("Ordre du jour\n".length + A.length + N.length);

      // Someone opening the page now (a second tab) gets the merged text.
      const late = await live(own.url, "amelie@exemple.org");
      await late.join(eventId);
      const lateNote = new NoteReplica(late, eventId, roomId);
      expect((await lateNote.sync()).ok).toBe(true);
      expect(lateNote.text).toBe(merged);

      for (const c of clients) c.close();
      expect(await own.stop()).toBe(0);
      // Saved on the way out: the text for the pages, the state for the next copies.
      const [stored] = (await storedNotes(own.dataDir)).filter((n) => n.eventId === eventId);
      expect(stored).toMatchObject({ roomId, text: merged });
      const fromState = new Y.Doc();
      Y.applyUpdate(fromState, new Uint8Array(Buffer.from(stored!.state!, "base64")));
      expect(fromState.getText(NOTE_TEXT_NAME).toString()).toBe(merged);

      const again = await startServer({ dataDir: own.dataDir });
      try {
        const back = await live(again.url, "nathalie@exemple.org");
        await back.join(eventId);
        const note = new NoteReplica(back, eventId, roomId);
        expect((await note.sync()).ok).toBe(true);
        expect(note.text).toBe(merged);
      } finally {
        await again.stop();
      }
    } finally {
      await own.stop();
    }
  });

  it("refuses malformed, oversized and too long updates, and nothing changes", async () => {
    const { notes } = await pairInRoom(server.url, "Note refusée");
    const [amelie, nathalie] = notes;
    expect((await amelie.send(amelie.edit(0, "Texte de départ"))).ok).toBe(true);
    await nathalie.waitForText((t) => t === "Texte de départ");
    const pushes = nathalie.pushes;
    /** Another synced copy of Amélie's, to make refused updates from (hers stays as it is). */
    const scratch = async () => {
      const copy = new NoteReplica(amelie.client, amelie.eventId, amelie.roomId);
      expect((await copy.sync()).ok).toBe(true);
      return copy;
    };

    const garbage = new Uint8Array(200).map((_, i) => (i * 37) % 256);
    expect(await amelie.send(garbage)).toMatchObject({
      ok: false,
      error: { code: "invalid_payload", message: expect.stringContaining("« update »") },
    });
    const truncated = (await scratch()).edit(0, "Coupé ");
    expect(await amelie.send(truncated.slice(0, truncated.length - 3))).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    expect(await amelie.send(new Uint8Array(NOTE_MESSAGE_MAX_BYTES + 1))).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    // Text that would take the note past its limit: refused, with the limit named.
    const long = await scratch();
    const tooLong = long.edit(0, "x".repeat(NOTE_MAX_LENGTH - "Texte de départ".length + 1));
    expect(await long.send(tooLong)).toMatchObject({
      ok: false,
      error: { code: "note_full", message: expect.stringMatching(/5\s000 caractères/) },
    });
    // None of it reached the note nor the other person; then, just up to the limit is fine.
    const check = new NoteReplica(nathalie.client, nathalie.eventId, nathalie.roomId);
    expect((await check.sync()).ok).toBe(true);
    expect(check.text).toBe("Texte de départ");
    expect(nathalie.pushes).toBe(pushes);
    expect(amelie.text).toBe("Texte de départ");
    const upTo = check.edit(15, "y".repeat(NOTE_MAX_LENGTH - 15));
    expect((await check.send(upTo)).ok).toBe(true);
    await amelie.waitForText((t) => t.length === NOTE_MAX_LENGTH);
  });

  it("answers only the people of the room", async () => {
    const { eventId, roomId, coordinator, notes } = await pairInRoom(server.url, "Note gardée");
    const [amelie] = notes;
    // The coordinators run the event but sit in no room.
    expect(await attempt(coordinator, eventId, roomId)).toEqual(["not_in_room", "not_in_room"]);
    // Someone who is not invited learns nothing about the event.
    const outsider = await live(server.url, "louise@exemple.org");
    expect(await attempt(outsider, eventId, roomId)).toEqual(["not_in_event", "not_in_event"]);
    // A participant of the event, for a room that is not theirs.
    expect(await attempt(amelie.client, eventId, "r1-9")).toEqual(["not_in_room", "not_in_room"]);
    expect(amelie.text).toBe("");
  });

  it("lives with its round: the next room's note starts empty, the last one is closed", async () => {
    const people = ["louise", "marc", "amelie", "benoit"];
    const coordinatorHttp = await signedIn(server.url, "coordination@exemple.org");
    const created = await coordinatorHttp.post("/programs/prog-reemploi-2026/events", {
      title: "Note d'un tour",
      startsAt: `${daysAhead()}T13:30`,
      rounds: "2",
      roundMinutes: "5",
      breakMinutes: "0",
      roomSize: "2",
      format: "online",
      videoUrlPattern: "",
      invited: people.map((p) => `p-${p}`),
    });
    const eventId = location(created).split("/").pop()!;
    const coordinator = await live(server.url, "coordination@exemple.org");
    const clientsOf = await Promise.all(people.map((p) => live(server.url, `${p}@exemple.org`)));
    for (const c of [coordinator, ...clientsOf]) await c.join(eventId);
    expect((await coordinator.emit("console:command", { eventId, command: "start" })).ok).toBe(
      true,
    );
    const amelie = clientsOf[2]!;
    const first = (await amelie.waitForState((s) => s.room !== null)).room!.id;
    const note = new NoteReplica(amelie, eventId, first);
    expect((await note.sync()).ok).toBe(true);
    expect((await note.send(note.edit(0, "Premier tour"))).ok).toBe(true);

    expect((await coordinator.emit("console:command", { eventId, command: "skip" })).ok).toBe(true);
    const second = (await amelie.waitForState((s) => s.event.currentRound === 2 && s.room !== null))
      .room!.id;
    expect(second).not.toBe(first);
    expect(await attempt(amelie, eventId, first)).toEqual(["not_in_room", "not_in_room"]);
    const next = new NoteReplica(amelie, eventId, second);
    expect((await next.sync()).ok).toBe(true);
    expect(next.text).toBe("");
    expect(note.text).toBe("Premier tour");
  });
});

/** Tries to read, then to write, a room's note: the two answers' codes. */
async function attempt(client: LiveClient, eventId: string, roomId: string) {
  const note = new NoteReplica(client, eventId, roomId);
  const sync = await note.sync();
  const update = await note.send(note.edit(0, "Intrus"));
  return [sync.ok ? "ok" : sync.error.code, update.ok ? "ok" : update.error.code];
}
