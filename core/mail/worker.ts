/**
 * The outbox worker: sends the queued messages of the store's `outbox` collection
 * (docs/decisions/0031-outbox-queue.md).
 *
 * - A pass claims the due messages in one store transaction that re-reads them (queued, their
 *   backoff over, no live claim): each gets this worker's id and a lease. Transactions are
 *   serialized across processes (ADR 0003, 0009), so two workers never claim the same message.
 * - Each claimed message is sent, then its outcome is written in a transaction that re-reads it and
 *   checks the claim is still this worker's: sent (with `sentAt`), or back to queued with an
 *   exponential backoff (capped), or failed for good (a 5xx answer, or too many attempts).
 * - A claim whose lease ran out (a process that crashed while sending) is claimed again. The lease
 *   is longer than the SMTP timeouts, so a live sender always finishes before it expires.
 */
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Store } from "../store/types";
import type { OutboxMessage } from "../store/records/outbox";
import type { SmtpSettings } from "./index";

/** What the worker needs of nodemailer's transport. */
export interface MailTransport {
  sendMail(message: Record<string, unknown>): Promise<unknown>;
  close?(): void;
}

export interface OutboxWorkerOptions {
  /** Messages claimed per pass. */
  batch?: number;
  /** How long a claim holds: longer than a send can take (the SMTP timeouts below). */
  leaseMs?: number;
  /** The first retry's delay; each next one doubles, up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this many failed attempts the message is failed for good. */
  maxAttempts?: number;
  /** This worker's name in claims (host, process and a random part by default). */
  workerId?: string;
  now?: () => Date;
}

/** The SMTP connection's timeouts: a send that hangs ends well before the lease does. */
const SMTP_TIMEOUT_MS = 30_000;

export async function smtpTransport(smtp: SmtpSettings): Promise<MailTransport> {
  const nodemailer = await import("nodemailer");
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
}

/** The delay before attempt `attempts + 1`, after `attempts` failures: base · 2^(n−1), capped. */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** An SMTP answer that will not change by retrying (5xx: unknown mailbox, refused content). */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

export interface PassResult {
  sent: number;
  retried: number;
  failed: number;
}

export class OutboxWorker {
  readonly id: string;
  private readonly batch: number;
  private readonly leaseMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxAttempts: number;
  private readonly now: () => Date;

  constructor(
    private readonly store: Store,
    private readonly transport: MailTransport,
    private readonly from: string,
    options: OutboxWorkerOptions = {},
  ) {
    this.id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.batch = options.batch ?? 20;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.baseDelayMs = options.baseDelayMs ?? 30_000;
    this.maxDelayMs = options.maxDelayMs ?? 60 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 20;
    this.now = options.now ?? (() => new Date());
  }

  /** Claims the due messages (one transaction that re-reads them). */
  async claim(): Promise<OutboxMessage[]> {
    return this.store.transaction(async (tx) => {
      const now = this.now();
      const iso = now.toISOString();
      const due = (await tx.find("outbox", { status: "queued" }))
        .filter((m) => !m.nextAttemptAt || m.nextAttemptAt <= iso)
        .filter((m) => !m.leaseUntil || m.leaseUntil <= iso)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .slice(0, this.batch);
      const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
      const claimed: OutboxMessage[] = [];
      for (const m of due) {
        claimed.push(
          await tx.update("outbox", m.id, {
            claimedBy: this.id,
            leaseUntil,
            attempts: m.attempts + 1,
          }),
        );
      }
      return claimed;
    });
  }

  /** Sends one claimed message and records the outcome (if the claim is still this worker's). */
  private async deliver(message: OutboxMessage): Promise<keyof PassResult | undefined> {
    let error: unknown;
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        // The same Message-ID on every attempt: a receiver can tell a repeat.
        messageId: `<${message.id}@maillage>`,
        attachments: message.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
    } catch (caught) {
      error = caught ?? new Error("unknown error");
    }
    return this.store.transaction(async (tx) => {
      const current = await tx.get("outbox", message.id);
      // Our lease ran out and another worker took the message: its outcome is its own.
      if (!current || current.status !== "queued" || current.claimedBy !== this.id)
        return undefined;
      const now = this.now();
      const released = { claimedBy: undefined, leaseUntil: undefined };
      if (error === undefined) {
        await tx.update("outbox", message.id, {
          ...released,
          status: "sent",
          sentAt: now.toISOString(),
          nextAttemptAt: undefined,
        });
        return "sent";
      }
      const lastError = String((error as Error).message ?? error).slice(0, 1000);
      if (isPermanent(error) || current.attempts >= this.maxAttempts) {
        await tx.update("outbox", message.id, { ...released, status: "failed", lastError });
        return "failed";
      }
      const delay = backoffDelay(current.attempts, this.baseDelayMs, this.maxDelayMs);
      await tx.update("outbox", message.id, {
        ...released,
        lastError,
        nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
      });
      return "retried";
    });
  }

  /** One pass: claims the due messages and sends them, one after the other. */
  async pass(): Promise<PassResult> {
    const result: PassResult = { sent: 0, retried: 0, failed: 0 };
    const claimed = await this.claim();
    for (const message of claimed) {
      const outcome = await this.deliver(message);
      if (outcome) result[outcome]++;
    }
    return result;
  }

  /** When the next queued message falls due (to wake up then), if any. */
  async nextDue(): Promise<Date | undefined> {
    const queued = await this.store.find("outbox", { status: "queued" });
    let next: string | undefined;
    for (const m of queued) {
      const at = [m.nextAttemptAt, m.leaseUntil].filter(Boolean).sort().at(-1) ?? m.createdAt;
      if (!next || at < next) next = at;
    }
    return next ? new Date(next) : undefined;
  }
}
