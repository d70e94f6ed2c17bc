/**
 * Notifications by email. Without SMTP settings, every message is written to the outbox: one JSON
 * file per message under $DATA_DIR/outbox, which coordinators read in the app. With SMTP_HOST set,
 * messages are sent with nodemailer; one that fails to send is kept in the outbox with the error.
 * An outbox file is written atomically (core/store/atomic-file.ts): on a full disk the message
 * fails with a DiskFullError and no temporary file is left behind.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic, type AtomicFs } from "../store/atomic-file";
import { asDiskFull } from "../store/types";
import { outboxEntrySchema, type OutboxEntry } from "../store/records/outbox";

export { outboxEntrySchema, type OutboxEntry };
export type MailMessage = Omit<OutboxEntry, "id" | "createdAt" | "error">;

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  pass?: string;
  from: string;
}

/**
 * The outbox and, when configured, the SMTP transport. Made once by createServices
 * (core/services/index.ts); models reach it as `s.mail`.
 */
export class Mailer {
  private constructor(
    readonly outboxDir: string,
    private readonly smtp?: SmtpSettings,
    private readonly transport?: { sendMail: (m: Record<string, unknown>) => Promise<unknown> },
    /** The outbox writes' file-system functions (a test's failing write; node's by default). */
    private readonly fs?: AtomicFs,
  ) {}

  static async open(options: { dataDir: string; smtp?: SmtpSettings; fs?: AtomicFs }) {
    const outboxDir = join(options.dataDir, "outbox");
    try {
      await mkdir(outboxDir, { recursive: true });
    } catch (error) {
      throw asDiskFull(error, outboxDir);
    }
    let transport: Mailer["transport"];
    if (options.smtp) {
      const nodemailer = await import("nodemailer");
      transport = nodemailer.createTransport({
        host: options.smtp.host,
        port: options.smtp.port,
        secure: options.smtp.secure,
        auth: options.smtp.user ? { user: options.smtp.user, pass: options.smtp.pass } : undefined,
      });
    }
    return new Mailer(outboxDir, options.smtp, transport, options.fs);
  }

  private async writeEntry(entry: OutboxEntry) {
    const name = `${entry.createdAt.replace(/[:.]/g, "-")}-${entry.id}.json`;
    await writeFileAtomic(join(this.outboxDir, name), JSON.stringify(entry, null, 2), {
      fs: this.fs,
    });
  }

  async send(message: MailMessage): Promise<OutboxEntry> {
    const entry: OutboxEntry = {
      ...message,
      id: randomUUID(),
      createdAt: new Date().toISOString(),
    };
    if (this.transport && this.smtp) {
      try {
        await this.transport.sendMail({
          from: this.smtp.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
        });
        return entry;
      } catch (error) {
        entry.error = (error as Error).message;
        console.error(`SMTP delivery to ${message.to} failed; kept in the outbox:`, entry.error);
      }
    }
    await this.writeEntry(entry);
    return entry;
  }

  /**
   * A person's account was erased (core/models/personal-data.server.ts, ADR 0038): the messages
   * addressed to `email` are removed from the outbox, and `scrub` rewrites every other message's
   * subject and text (another member's notice that names the person). Each file is replaced
   * atomically. Resolves to the number of messages removed or rewritten.
   */
  async eraseRecipient(email: string, scrub: (text: string) => string = (t) => t): Promise<number> {
    const dir = this.outboxDir;
    const target = email.trim().toLowerCase();
    let changed = 0;
    for (const name of (await readdir(dir)).filter(
      (n) => n.endsWith(".json") && !n.startsWith("."),
    )) {
      const path = join(dir, name);
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(path, "utf8"));
      } catch {
        continue;
      }
      const parsed = outboxEntrySchema.safeParse(raw);
      if (!parsed.success) continue;
      const entry = parsed.data;
      if (entry.to.trim().toLowerCase() === target) {
        await rm(path, { force: true });
        changed++;
        continue;
      }
      const subject = scrub(entry.subject);
      const text = scrub(entry.text);
      if (subject === entry.subject && text === entry.text) continue;
      await writeFileAtomic(path, JSON.stringify({ ...entry, subject, text }, null, 2), {
        fs: this.fs,
      });
      changed++;
    }
    return changed;
  }

  /** The outbox, newest first; only a program's messages when `programId` is given. */
  async list(programId?: string): Promise<OutboxEntry[]> {
    const dir = this.outboxDir;
    const names = (await readdir(dir)).filter((n) => n.endsWith(".json") && !n.startsWith("."));
    const entries: OutboxEntry[] = [];
    for (const name of names) {
      const parsed = outboxEntrySchema.safeParse(
        JSON.parse(await readFile(join(dir, name), "utf8")),
      );
      if (parsed.success && (!programId || parsed.data.programId === programId))
        entries.push(parsed.data);
    }
    return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
