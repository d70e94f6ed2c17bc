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
import { NOTICE_PREFERENCES_PATH, wantsNotice, type MailKind } from "../data/notice-kinds";
import { translate, type Locale } from "../i18n";
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
  /**
   * One kind per message ("meetingReminder", "passwordReset"…), for lists and the person's notice
   * preferences: every kind is mapped to a category in core/data/notice-kinds.ts (ADR 0039).
   */
  kind: MailKind;
  /**
   * The language of the preferences footer when the address has no account (an applicant, an
   * invitation to a new address); an account's own language wins. Default: French.
   */
  locale?: Locale;
  programId?: string;
  /**
   * The account it is for, when its address is no longer the account's (the notice sent to the
   * former address after a change); otherwise found from the address.
   */
  userId?: string;
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
    /** The site's address, for the link to the notice preferences at the foot of every e-mail. */
    private readonly siteUrl: () => string = () => "http://127.0.0.1:3000",
  ) {}

  /**
   * Writes the message into the outbox, in the current transaction when there is one (so it
   * exists if and only if the action that caused it committed). Sending follows the commit.
   *
   * The one place of the notice preferences (ADR 0039): the recipient's account is read (by
   * address, in the same transaction); a message of a category they turned off is not written
   * (`undefined` is returned), essential ones always are. Every message ends with a link to the
   * preferences, in the recipient's language.
   */
  async enqueue(message: MailMessage): Promise<OutboxMessage | undefined> {
    const recipient = await this.store.findOne("users", {
      email: message.to.trim().toLowerCase(),
    });
    if (recipient && !wantsNotice(recipient.noticePreferences, message.kind)) return undefined;
    const locale = recipient?.locale ?? message.locale ?? "fr";
    const footer = translate(locale, "notices.footer", {
      link: `${this.siteUrl()}${NOTICE_PREFERENCES_PATH}`,
    });
    const record = await this.store.insert("outbox", {
      id: newId("mail"),
      createdAt: this.now().toISOString(),
      to: message.to,
      subject: message.subject,
      text: `${message.text}\n\n-- \n${footer}`,
      kind: message.kind,
      programId: message.programId,
      userId: message.userId ?? recipient?.id,
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

/** How long the outbox keeps a message once it is done with (sent, failed for good, or kept). */
export const OUTBOX_KEEP_DAYS = 90;

/**
 * Removes the messages done with for more than `days` (ADR 0031): an e-mail holds the names and
 * addresses of the people it was for, and the outbox is a log of sending, not an archive. A message
 * ages from when it was sent (or written, when it was never sent); queued ones stay whatever their
 * age. One transaction that re-reads them; returns how many went.
 */
export async function pruneOutbox(store: Store, now: Date, days = OUTBOX_KEEP_DAYS) {
  const before = new Date(now.getTime() - days * 24 * 60 * 60 * 1000).toISOString();
  return store.transaction(async (tx) => {
    let removed = 0;
    for (const status of ["sent", "failed", "kept"] as const) {
      for (const message of await tx.find("outbox", { status })) {
        if ((message.sentAt ?? message.createdAt) >= before) continue;
        await tx.remove("outbox", message.id);
        removed += 1;
      }
    }
    return removed;
  });
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
