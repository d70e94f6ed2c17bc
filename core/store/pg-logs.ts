/**
 * Append-only logs in PostgreSQL (table `log_entries`), for deployments with several processes:
 * the live chat and the coordinators' audit trail, with the same interfaces as the JSON-lines files.
 * Records are validated when read back, like the files.
 */
import type pg from "pg";
import type { z } from "zod";
import { auditEntrySchema, type AuditEntry } from "./audit-log";
import { chatMessageSchema, type ChatLog, type ChatMessage } from "./chat-log";

interface Pending {
  stream: string;
  data: string;
  done: (error?: unknown) => void;
}

class PgRecordLog<S extends z.ZodType> {
  /** Appends waiting for the INSERT in flight to finish (group commit). */
  private queue: Pending[] = [];
  private writing = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: string,
    private readonly schema: S,
  ) {}

  /**
   * Resolves once the record is committed. One INSERT at a time per log: whatever arrives while
   * one is in flight goes into the next, as one multi-row INSERT (a busy live chat costs a few
   * statements a second and one pooled connection, not one of each per message).
   */
  append(stream: string, record: z.infer<S>) {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({
        stream,
        data: JSON.stringify(record),
        done: (error) => (error === undefined ? resolve() : reject(error)),
      });
      if (!this.writing) void this.flush();
    });
  }

  private async flush() {
    this.writing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, 500);
      const values = batch.map((_, i) => `($1, $${2 * i + 2}, $${2 * i + 3}::jsonb)`).join(", ");
      try {
        await this.pool.query(`INSERT INTO log_entries (log, stream, data) VALUES ${values}`, [
          this.log,
          ...batch.flatMap((p) => [p.stream, p.data]),
        ]);
        for (const p of batch) p.done();
      } catch (error) {
        for (const p of batch) p.done(error ?? new Error("append failed"));
      }
    }
    this.writing = false;
  }

  async read(stream: string, roomId?: string): Promise<z.infer<S>[]> {
    const result = await this.pool.query<{ data: unknown }>(
      roomId === undefined
        ? "SELECT data FROM log_entries WHERE log = $1 AND stream = $2 ORDER BY seq"
        : "SELECT data FROM log_entries WHERE log = $1 AND stream = $2 AND data->>'roomId' = $3 ORDER BY seq",
      roomId === undefined ? [this.log, stream] : [this.log, stream, roomId],
    );
    return this.parsed(result.rows);
  }

  /** The records of several rooms of one stream (the chat index by room serves it). */
  async readRooms(stream: string, roomIds: readonly string[]): Promise<z.infer<S>[]> {
    if (roomIds.length === 0) return [];
    const result = await this.pool.query<{ data: unknown }>(
      "SELECT data FROM log_entries WHERE log = $1 AND stream = $2 AND data->>'roomId' = ANY($3::text[]) ORDER BY seq",
      [this.log, stream, roomIds],
    );
    return this.parsed(result.rows);
  }

  /**
   * Rewrites a stream's records in one PostgreSQL transaction (rows locked, changed rows updated,
   * dropped rows deleted): other processes read either the old records or the new ones.
   */
  async rewrite(stream: string, change: (record: z.infer<S>) => z.infer<S> | null) {
    const client = await this.pool.connect();
    let changed = 0;
    try {
      await client.query("BEGIN");
      const rows = await client.query<{ seq: string; data: unknown }>(
        "SELECT seq, data FROM log_entries WHERE log = $1 AND stream = $2 ORDER BY seq FOR UPDATE",
        [this.log, stream],
      );
      for (const row of rows.rows) {
        const parsed = this.schema.safeParse(row.data);
        const kept = parsed.success ? change(parsed.data) : null;
        if (parsed.success && kept === parsed.data) continue;
        changed++;
        if (kept === null) await client.query("DELETE FROM log_entries WHERE seq = $1", [row.seq]);
        else
          await client.query("UPDATE log_entries SET data = $2::jsonb WHERE seq = $1", [
            row.seq,
            JSON.stringify(kept),
          ]);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return changed;
  }

  private parsed(rows: Array<{ data: unknown }>): z.infer<S>[] {
    return rows.flatMap((r) => {
      const parsed = this.schema.safeParse(r.data);
      return parsed.success ? [parsed.data] : [];
    });
  }
}

export class PgChatLog implements ChatLog {
  private readonly log: PgRecordLog<typeof chatMessageSchema>;
  constructor(pool: pg.Pool) {
    this.log = new PgRecordLog(pool, "chat", chatMessageSchema);
  }
  append(message: ChatMessage) {
    return this.log.append(message.eventId, message);
  }
  history(eventId: string, roomId: string) {
    return this.log.read(eventId, roomId);
  }
  async histories(eventId: string, roomIds: readonly string[]) {
    const byRoom = new Map(roomIds.map((id) => [id, [] as ChatMessage[]]));
    for (const message of await this.log.readRooms(eventId, roomIds))
      byRoom.get(message.roomId)?.push(message);
    return byRoom;
  }
  rewrite(eventId: string, change: (message: ChatMessage) => ChatMessage | null) {
    return this.log.rewrite(eventId, change);
  }
  async close() {}
}

export class PgAuditLog {
  private readonly log: PgRecordLog<typeof auditEntrySchema>;
  constructor(pool: pg.Pool) {
    this.log = new PgRecordLog(pool, "audit", auditEntrySchema);
  }
  append(entry: AuditEntry) {
    return this.log.append(entry.programId, entry);
  }
  list(programId: string) {
    return this.log.read(programId);
  }
  rewrite(programId: string, change: (entry: AuditEntry) => AuditEntry | null) {
    return this.log.rewrite(programId, change);
  }
  async close() {}
}
