/**
 * The shared note of a speed-dating room, edited by several people at once: a Yjs document per
 * (event, room), so concurrent edits merge instead of the last writer winning (ADR 0016).
 *
 * - A browser syncs on join and on every reconnect: `note:sync` carries its state vector (sync
 *   step 1) and gets back what it lacks (step 2) with the server's state vector, to which it
 *   answers with what the server lacks (`note:update`); then each side sends small updates.
 * - Every update from a browser is applied to this process's copy and checked before anyone sees
 *   it (well-formed, nothing missing it depends on, the text within NOTE_MAX_LENGTH, the document
 *   within NOTE_STATE_MAX_BYTES); a refused one leaves the copy as it was. What it changed is
 *   relayed to the room's other sockets here and, batched, to the other processes.
 * - The merged state is saved about every second (and on stop), merged with whatever another
 *   process saved meanwhile, with its plain text for the pages that read it.
 */
import { z } from "zod";
import { roomNote, saveRoomNotes, type RoomNote } from "../../core/models/event.server";
import { plainText } from "../../core/schemas/fields";
import { NOTE_MESSAGE_MAX_BYTES, NOTE_STATE_MAX_BYTES } from "../../core/data/room-note";
import { eventIdSchema } from "../../core/schemas/event";
import type { LiveServer } from "./handle";
import type { Services } from "../../core/services";
import { fromBase64, NoteDoc, toBase64 } from "./room-note-doc";

export { NoteDoc, NoteRefused, type NoteRefusal } from "./room-note-doc";

/** How long an accepted edit waits before it is saved (what a crash can lose, see ADR 0016). */
export const NOTE_SAVE_MS = 1_000;

interface Entry {
  eventId: string;
  roomId: string;
  note: NoteDoc;
  /** The store's copy has been merged in (the first sync waits for it). */
  loaded: Promise<void>;
  /** Changed since it was last saved. */
  dirty: boolean;
  /** The participant who last changed it. */
  by?: string;
  /** The state this process last read from or wrote to the store (another process wrote if it differs). */
  stored?: string;
  /** Its round is over: forgotten once saved. */
  retired: boolean;
}

const base64 = z.base64().max(4 * NOTE_STATE_MAX_BYTES);
const roomIdSchema = z.string().regex(/^[\w-]{1,80}$/);
/** What one process tells the others: the changes it accepted since its last notice. */
const relaySchema = z
  .array(
    z.strictObject({
      eventId: eventIdSchema,
      roomId: roomIdSchema,
      by: eventIdSchema,
      update: z.base64().max(4 * NOTE_MESSAGE_MAX_BYTES),
    }),
  )
  .max(10_000);
type Relay = z.infer<typeof relaySchema>[number];

export class RoomNotes {
  private readonly rooms = new Map<string, Entry>();
  private timer?: NodeJS.Timeout;
  private saving?: Promise<void>;
  private outbox: Relay[] = [];
  private outboxFlush?: NodeJS.Immediate;
  /** The server is stopping: the last save is under way, nothing else is scheduled. */
  private stopped = false;

  constructor(
    private readonly io: LiveServer,
    private readonly s: Services,
    private readonly clustered: () => boolean,
  ) {
    // Changes accepted by another process: applied here, and sent to this process's sockets.
    io.on("speed:note", (batch: unknown) => {
      const parsed = relaySchema.safeParse(batch);
      if (!parsed.success) return;
      for (const { eventId, roomId, by, update } of parsed.data) {
        const entry = this.rooms.get(key(eventId, roomId));
        if (!entry) continue; // nobody here has it open: the store and the others have it
        this.mergeTrusted(entry, fromBase64(update), by);
      }
    });
    // Another process opened a note: what its copy lacks from this one.
    io.on("speed:note-pull", (eventId: unknown, roomId: unknown, vector: unknown, ack: unknown) => {
      if (typeof ack !== "function") return;
      const answer = ack as (update: string | null) => void;
      const ids = z
        .tuple([eventIdSchema, roomIdSchema, base64])
        .safeParse([eventId, roomId, vector]);
      const entry = ids.success ? this.rooms.get(key(ids.data[0], ids.data[1])) : undefined;
      if (!ids.success || !entry) return answer(null);
      try {
        answer(toBase64(entry.note.diff(fromBase64(ids.data[2]))));
      } catch {
        answer(null);
      }
    });
  }

  /** Sync step 1 from a browser: answers step 2 and this copy's state vector. */
  async sync(eventId: string, roomId: string, stateVector: Uint8Array) {
    const entry = await this.open(eventId, roomId);
    return { update: entry.note.diff(stateVector), stateVector: entry.note.stateVector() };
  }

  /**
   * An update from a browser (already known to sit in that room): applied, relayed to the room's
   * other sockets, saved soon. Throws NoteRefused.
   */
  async update(
    eventId: string,
    roomId: string,
    update: Uint8Array,
    from: { socketId: string; participantId: string },
  ) {
    const entry = await this.open(eventId, roomId);
    const changed = entry.note.apply(update);
    if (!changed) return;
    this.relay(entry, changed, from.socketId);
    this.touch(entry, from.participantId);
    if (this.clustered()) {
      this.outbox.push({ eventId, roomId, by: from.participantId, update: toBase64(changed) });
      this.outboxFlush ??= setImmediate(() => {
        const batch = this.outbox;
        this.outbox = [];
        this.outboxFlush = undefined;
        this.io.serverSideEmit("speed:note", batch);
      });
    }
  }

  /** The rounds moved on: the notes of rooms no longer in use are saved, then forgotten. */
  retire(eventId: string, current: ReadonlySet<string>) {
    for (const [k, entry] of this.rooms) {
      if (entry.eventId !== eventId || current.has(entry.roomId)) continue;
      entry.retired = true;
      if (!entry.dirty) this.rooms.delete(k);
    }
  }

  /** Saves every changed note now (the server stops). */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
  }

  private async open(eventId: string, roomId: string) {
    const k = key(eventId, roomId);
    let entry = this.rooms.get(k);
    if (!entry) {
      const created: Entry = {
        eventId,
        roomId,
        note: new NoteDoc(),
        loaded: Promise.resolve(),
        dirty: false,
        retired: false,
      };
      created.loaded = this.load(created).catch((error: unknown) => {
        if (this.rooms.get(k) === created) this.rooms.delete(k);
        throw error;
      });
      this.rooms.set(k, created);
      entry = created;
    }
    // Asked for by someone in the room: the room is current again (a round skipped back).
    entry.retired = false;
    await entry.loaded;
    return entry;
  }

  /**
   * The store's copy first; with several processes, also what the others hold and have not saved
   * yet (asked without waiting: it reaches the room's sockets as an update when it comes).
   */
  private async load(entry: Entry) {
    const stored = await roomNote(this.s, entry.eventId, entry.roomId);
    if (stored) {
      try {
        entry.note.merge(stored.state ? fromBase64(stored.state) : NoteDoc.seed(stored.text));
      } catch (error) {
        // Its state cannot be read: its text is what the pages showed, so it starts from that.
        console.error(`room note ${entry.eventId}/${entry.roomId}: stored state unreadable`, error);
        entry.note.merge(NoteDoc.seed(stored.text));
      }
      entry.stored = stored.state;
      entry.by = stored.updatedBy;
    }
    if (!this.clustered()) return;
    this.io.serverSideEmit(
      "speed:note-pull",
      entry.eventId,
      entry.roomId,
      toBase64(entry.note.stateVector()),
      (error: Error | null, replies: unknown[] | undefined) => {
        for (const reply of replies ?? []) {
          const parsed = base64.safeParse(reply);
          if (parsed.success) this.mergeTrusted(entry, fromBase64(parsed.data));
        }
      },
    );
  }

  private mergeTrusted(entry: Entry, update: Uint8Array, by?: string) {
    try {
      const changed = entry.note.merge(update);
      if (!changed) return;
      this.relay(entry, changed);
      this.touch(entry, by);
    } catch (error) {
      console.error(
        `room note ${entry.eventId}/${entry.roomId}: a copy could not be merged`,
        error,
      );
    }
  }

  /** To this process's sockets in the room, but the one it came from. */
  private relay(entry: Entry, update: Uint8Array, except?: string) {
    const room = this.io.local.to(`evt:${entry.eventId}:room:${entry.roomId}`);
    (except ? room.except(except) : room).emit("note:changed", { roomId: entry.roomId, update });
  }

  /** Saved within NOTE_SAVE_MS, under the name of whoever changed it last. */
  private touch(entry: Entry, by = entry.by) {
    if (!by) return;
    entry.by = by;
    entry.dirty = true;
    if (this.stopped) return;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, NOTE_SAVE_MS);
    this.timer.unref?.();
  }

  /** Saves the changed notes, one transaction per event; one save at a time. */
  private async save(): Promise<void> {
    while (this.saving) await this.saving;
    const dirty = [...this.rooms.values()].filter((e) => e.dirty);
    if (dirty.length === 0) return;
    for (const entry of dirty) entry.dirty = false;
    const byEvent = new Map<string, Entry[]>();
    for (const entry of dirty)
      byEvent.set(entry.eventId, [...(byEvent.get(entry.eventId) ?? []), entry]);
    this.saving = (async () => {
      for (const [eventId, entries] of byEvent) {
        try {
          await saveRoomNotes(
            this.s,
            eventId,
            entries.map((entry) => ({
              roomId: entry.roomId,
              by: entry.by!,
              merge: (stored) => this.merged(entry, stored),
            })),
          );
        } catch (error) {
          console.error(`room notes of ${eventId} not saved, retrying`, error);
          for (const entry of entries) this.touch(entry);
        }
      }
      for (const entry of dirty) {
        if (entry.retired && !entry.dirty) this.rooms.delete(key(entry.eventId, entry.roomId));
      }
    })().finally(() => (this.saving = undefined));
    await this.saving;
  }

  /** What to store: this copy merged with the stored one when another process wrote it since. */
  private merged(entry: Entry, stored: RoomNote | undefined) {
    if (stored?.state && stored.state !== entry.stored) {
      try {
        const changed = entry.note.merge(fromBase64(stored.state));
        if (changed) this.relay(entry, changed);
      } catch (error) {
        console.error(`room note ${entry.eventId}/${entry.roomId}: stored copy unreadable`, error);
      }
    }
    const state = toBase64(entry.note.compact());
    entry.stored = state;
    return { text: plainText(entry.note.toString()), state };
  }
}

function key(eventId: string, roomId: string) {
  return `${eventId}:${roomId}`;
}
