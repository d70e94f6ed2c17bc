/**
 * The shared notes of a speed-dating event's rooms, as stored (ADR 0016): read, and saved by
 * merging with what another process may have saved meanwhile.
 */
import { newId } from "../../store";
import type { EntityOf } from "../../store";
import type { Services } from "../../services";

export type RoomNote = EntityOf<"roomNotes">;

/** A room's note as stored: its plain text, and the Yjs state it was merged from (ADR 0016). */
export async function roomNote(
  s: Services,
  eventId: string,
  roomId: string,
): Promise<RoomNote | undefined> {
  return s.store.findOne("roomNotes", { eventId, roomId });
}

/**
 * Saves some room notes of an event in one transaction. Each `merge` gets the note as stored now
 * (another process may have saved it since this one read it) and returns what to keep.
 */
export async function saveRoomNotes(
  s: Services,
  eventId: string,
  notes: Array<{
    roomId: string;
    by: string;
    merge: (stored: RoomNote | undefined) => { text: string; state: string };
  }>,
) {
  return s.store.transaction(async (tx) => {
    const updatedAt = s.clock.now().toISOString();
    for (const { roomId, by, merge } of notes) {
      const existing = await tx.findOne("roomNotes", { eventId, roomId });
      const record = { ...merge(existing), updatedBy: by, updatedAt };
      if (existing) await tx.update("roomNotes", existing.id, record);
      else await tx.insert("roomNotes", { ...record, id: newId("note"), eventId, roomId });
    }
  });
}
