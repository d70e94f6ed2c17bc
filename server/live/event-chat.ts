/**
 * Chat delivery across processes: a message reaches the room's sockets on this process at once,
 * and the other processes in one notice per turn of the event loop for every message sent
 * meanwhile (a busy chat costs a few PostgreSQL notifications a second instead of one per message,
 * and the local delivery never waits for the database).
 */
import { z } from "zod";
import { chatMessageSchema } from "../../core/store/chat-log";
import type { ChatMessage } from "../../core/models/chat.server";
import type { LiveServer } from "./handle";

export class ChatRelay {
  /** Chat messages sent here, on their way to the other processes (one notice per batch). */
  private outbox: ChatMessage[] = [];
  private flush?: NodeJS.Immediate;

  constructor(
    private readonly io: LiveServer,
    private readonly clustered: () => boolean,
  ) {
    // Chat sent to another process: delivered to the rooms' sockets here.
    io.on("speed:chat", (batch: unknown) => {
      const parsed = z.array(chatMessageSchema).max(10_000).safeParse(batch);
      if (!parsed.success) return;
      for (const message of parsed.data) this.deliverHere(message);
    });
  }

  private deliverHere(message: ChatMessage) {
    this.io.local.to(`evt:${message.eventId}:room:${message.roomId}`).emit("chat:message", message);
  }

  deliver(message: ChatMessage) {
    this.deliverHere(message);
    if (!this.clustered()) return;
    this.outbox.push(message);
    this.flush ??= setImmediate(() => {
      const batch = this.outbox;
      this.outbox = [];
      this.flush = undefined;
      this.io.serverSideEmit("speed:chat", batch);
    });
  }
}
