/**
 * Live chat, kept out of the main JSON document: one append-only JSON-lines file per event under
 * $DATA_DIR/chat/ (see append-log.ts), with an index by room kept in memory.
 */
import { z } from "zod";
import { JsonlLog, type WriteStreamFs } from "./append-log";

export const chatMessageSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  roomId: z.string(),
  round: z.number().int(),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  at: z.iso.datetime(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export interface ChatLog {
  /** Resolves once the line is handed to the operating system. */
  append(message: ChatMessage): Promise<void>;
  /** A room's messages, oldest first. */
  history(eventId: string, roomId: string): Promise<ChatMessage[]>;
  /** Several rooms' messages at once, oldest first in each (one read for a whole round). */
  histories(eventId: string, roomIds: readonly string[]): Promise<Map<string, ChatMessage[]>>;
  /**
   * Rewrites an event's messages atomically (an erasure, ADR 0038): `change` returns the message to
   * keep (the same object when unchanged) or null to drop it. Resolves to how many changed.
   */
  rewrite(eventId: string, change: (message: ChatMessage) => ChatMessage | null): Promise<number>;
  close(): Promise<void>;
}

export class FileChatLog implements ChatLog {
  private readonly log: JsonlLog<typeof chatMessageSchema>;
  private readonly rooms = new Map<string, Promise<Map<string, ChatMessage[]>>>();

  /** `fs`: the write stream's file-system functions (a test's failing write). */
  constructor(dir: string, fs?: WriteStreamFs) {
    this.log = new JsonlLog(dir, chatMessageSchema, fs);
  }

  private byRoom(eventId: string) {
    let index = this.rooms.get(eventId);
    if (!index) {
      index = this.log.read(eventId).then((messages) => {
        const map = new Map<string, ChatMessage[]>();
        for (const m of messages) map.set(m.roomId, [...(map.get(m.roomId) ?? []), m]);
        return map;
      });
      this.rooms.set(eventId, index);
    }
    return index;
  }

  async append(message: ChatMessage) {
    const index = await this.byRoom(message.eventId);
    // Written first: a failed write (a full disk) leaves the room's history as it was.
    await this.log.append(message.eventId, message);
    const list = index.get(message.roomId) ?? [];
    list.push(message);
    index.set(message.roomId, list);
  }

  async history(eventId: string, roomId: string) {
    return [...((await this.byRoom(eventId)).get(roomId) ?? [])];
  }

  async histories(eventId: string, roomIds: readonly string[]) {
    const index = await this.byRoom(eventId);
    return new Map(roomIds.map((id) => [id, [...(index.get(id) ?? [])]]));
  }

  async rewrite(eventId: string, change: (message: ChatMessage) => ChatMessage | null) {
    // The index by room is built again from the rewritten file on the next read.
    this.rooms.delete(eventId);
    try {
      return await this.log.rewrite(eventId, change);
    } finally {
      this.rooms.delete(eventId);
    }
  }

  close() {
    return this.log.close();
  }
}
