/**
 * Live chat, kept out of the main JSON document: one append-only JSON-lines file per event under
 * $DATA_DIR/chat/. Appending never rewrites anything, so the cost of a message does not grow with
 * the history. A torn last line (a kill mid-write) is skipped when the file is read back.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

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
  close(): Promise<void>;
}

interface EventLog {
  stream: WriteStream;
  byRoom: Map<string, ChatMessage[]>;
}

export class FileChatLog implements ChatLog {
  private readonly events = new Map<string, Promise<EventLog>>();

  constructor(private readonly dir: string) {}

  private file(eventId: string) {
    return join(this.dir, `${eventId.replace(/[^\w-]/g, "_")}.jsonl`);
  }

  private open(eventId: string): Promise<EventLog> {
    let log = this.events.get(eventId);
    if (!log) {
      log = (async () => {
        await mkdir(this.dir, { recursive: true });
        const byRoom = new Map<string, ChatMessage[]>();
        let text = "";
        try {
          text = await readFile(this.file(eventId), "utf8");
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
        for (const line of text.split("\n")) {
          if (!line.trim()) continue;
          try {
            const message = chatMessageSchema.parse(JSON.parse(line));
            const list = byRoom.get(message.roomId) ?? [];
            list.push(message);
            byRoom.set(message.roomId, list);
          } catch {
            // A torn line from an interrupted write: skipped.
          }
        }
        // Start on a fresh line in case the last one was torn.
        const stream = createWriteStream(this.file(eventId), { flags: "a" });
        if (text && !text.endsWith("\n")) stream.write("\n");
        return { stream, byRoom };
      })();
      this.events.set(eventId, log);
    }
    return log;
  }

  async append(message: ChatMessage) {
    const log = await this.open(message.eventId);
    const list = log.byRoom.get(message.roomId) ?? [];
    list.push(message);
    log.byRoom.set(message.roomId, list);
    await new Promise<void>((resolve, reject) =>
      log.stream.write(`${JSON.stringify(message)}\n`, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }

  async history(eventId: string, roomId: string) {
    const log = await this.open(eventId);
    return [...(log.byRoom.get(roomId) ?? [])];
  }

  async close() {
    const logs = await Promise.all(this.events.values());
    await Promise.all(
      logs.map((log) => new Promise<void>((resolve) => log.stream.end(() => resolve()))),
    );
    this.events.clear();
  }
}
