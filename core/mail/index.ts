/**
 * E-mail, as a durable queue (docs/decisions/0031-outbox-queue.md). A message is first a record of
 * the store's `outbox` collection, written in the transaction of the action that caused it (a
 * refused or rolled-back action leaves no message); the outbox worker (./worker.ts, started by the
 * server) sends it off the request path, retries with backoff while the SMTP server is down, and
 * marks it sent once. Without SMTP settings (demo, development) a message is recorded as "kept":
 * coordinators read it on the program's outbox page and it is never sent, even if SMTP is
 * configured later.
 *
 * Messages of the older outbox directory ($DATA_DIR/outbox, one JSON file each) are read once into
 * the collection when the mailer opens, then deleted.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { newId } from "../store";
import {
  legacyOutboxEntrySchema,
  type LegacyOutboxEntry,
  type MailAttachment,
  type OutboxMessage,
  type OutboxStatus,
} from "../store/records/outbox";
import type { Store } from "../store/types";

export {
  legacyOutboxEntrySchema,
  OUTBOX_STATUSES,
  outboxMessageSchema,
  type MailAttachment,
  type OutboxMessage,
  type OutboxStatus,
} from "../store/records/outbox";

/** What a model hands to the mailer: the rest (status, attempts…) is the queue's. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** One kind per message ("meetingReminder", "event-announcement"…), for lists and preferences. */
  kind: string;
  programId?: string;
  attachments?: MailAttachment[];
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
}

/**
 * The outbox of one process. Made once by createServices (core/services/index.ts); models reach it
 * as `s.mail`.
 */
export class Mailer {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** Set when messages are really sent (SMTP_HOST); unset, they are kept in the app. */
    readonly smtp?: SmtpSettings,
  ) {}

  /**
   * Writes the message into the outbox, in the current transaction when there is one (so it
   * exists if and only if the action that caused it committed). Sending follows the commit.
   */
  async enqueue(message: MailMessage): Promise<OutboxMessage> {
    const record = await this.store.insert("outbox", {
      id: newId("mail"),
      createdAt: this.now().toISOString(),
      to: message.to,
      subject: message.subject,
      text: message.text,
      kind: message.kind,
      programId: message.programId,
      attachments: message.attachments?.length ? message.attachments : undefined,
      status: this.smtp ? "queued" : "kept",
      attempts: 0,
    });
    if (this.smtp)
      await this.store.afterCommit(() => {
        for (const listener of this.listeners) listener();
      });
    return record;
  }

  /** Calls `listener` when a message was queued and committed (the outbox worker wakes up). */
  onQueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The outbox, newest first; only a program's messages when `programId` is given. */
  async list(programId?: string): Promise<OutboxMessage[]> {
    const messages = await this.store.find("outbox", programId ? { programId } : undefined);
    return [...messages].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}

/** An older outbox file's message as a record: a failed one stays failed, none is sent again. */
function fromLegacy(entry: LegacyOutboxEntry): OutboxMessage {
  const status: OutboxStatus = entry.error ? "failed" : "kept";
  return {
    id: entry.id.slice(0, 64),
    createdAt: new Date(entry.createdAt).toISOString(),
    to: entry.to,
    subject: entry.subject.slice(0, 500),
    text: entry.text.slice(0, 50_000),
    kind: entry.kind.slice(0, 60) || "legacy",
    programId: entry.programId,
    status,
    attempts: 0,
    lastError: entry.error?.slice(0, 1000),
  };
}

/**
 * Reads the older outbox directory ($DATA_DIR/outbox/*.json) into the store once: each valid
 * message not already there (by id) is inserted, in one transaction, then the files are deleted
 * (the store holds them; a copy beside it would escape an account's erasure). Invalid files are left where they are,
 * with a warning. Returns how many messages were imported.
 */
export async function importLegacyOutbox(store: Store, dataDir: string): Promise<number> {
  const dir = join(dataDir, "outbox");
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json") && !n.startsWith("."));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  const found: { name: string; entry: LegacyOutboxEntry }[] = [];
  for (const name of names) {
    let parsed;
    try {
      parsed = legacyOutboxEntrySchema.safeParse(
        JSON.parse(await readFile(join(dir, name), "utf8")),
      );
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) found.push({ name, entry: parsed.data });
    else console.warn(`outbox: ${join(dir, name)} is not a valid message; left in place`);
  }
  if (found.length === 0) return 0;
  const imported = await store.transaction(async (tx) => {
    let count = 0;
    for (const { entry } of found) {
      const record = fromLegacy(entry);
      if (await tx.get("outbox", record.id)) continue;
      await tx.insert("outbox", record);
      count++;
    }
    return count;
  });
  // The store holds them now: no second copy of people's messages is left beside it (an erasure,
  // ADR 0038, reaches the store, not stray files).
  for (const { name } of found) await rm(join(dir, name), { force: true });
  return imported;
}
