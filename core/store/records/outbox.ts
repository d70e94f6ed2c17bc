/**
 * The outbox: every e-mail the app sends is first a record of the store's `outbox` collection,
 * written in the transaction of the action that caused it, then sent by the outbox worker
 * (core/mail/worker.ts) off the request path. In the store, not in each process's data dir, so the
 * processes of a cluster share one queue and a message is claimed by one of them
 * (docs/decisions/0031-outbox-queue.md).
 *
 * `legacyOutboxEntrySchema` is the older format: one JSON file per message under $DATA_DIR/outbox,
 * read once into the collection on start (core/mail/index.ts) and still accepted in backups.
 */
import { z } from "zod";
import { id, isoDate } from "./common";

/** What a message's e-mail carries besides its text: a calendar invitation (ICS). */
export const mailAttachmentSchema = z.strictObject({
  filename: z.string().min(1).max(120),
  /** e.g. `text/calendar; charset=utf-8; method=REQUEST` */
  contentType: z.string().min(1).max(120),
  content: z.string().max(100_000),
});
export type MailAttachment = z.infer<typeof mailAttachmentSchema>;

/**
 * - queued: waiting to be sent (now, or at `nextAttemptAt` after a failure);
 * - sent: the SMTP server accepted it (`sentAt`);
 * - failed: given up after too many attempts or refused for good by the server (`lastError`);
 * - kept: no SMTP server is configured (demo, development); shown in the app, never sent.
 */
export const OUTBOX_STATUSES = ["queued", "sent", "failed", "kept"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const outboxMessageSchema = z.strictObject({
  id,
  createdAt: isoDate,
  to: z.email(),
  subject: z.string().max(500),
  text: z.string().max(50_000),
  /** What the message is about ("meetingReminder", "event-announcement"…): one kind per message. */
  kind: z.string().min(1).max(60),
  programId: id.optional(),
  /**
   * The account the message is for, when it is for one (looked up by address, or given: the notice
   * to a former address). An erasure drops every message of the account, whatever its address.
   */
  userId: id.optional(),
  attachments: z.array(mailAttachmentSchema).max(5).optional(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int().min(0).default(0),
  /** A queued message is not tried before this time (the backoff after a failure). */
  nextAttemptAt: isoDate.optional(),
  /** The process that claimed the message to send it, and until when its claim holds. */
  claimedBy: z.string().max(100).optional(),
  leaseUntil: isoDate.optional(),
  sentAt: isoDate.optional(),
  lastError: z.string().max(1000).optional(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

/** A message of the older outbox directory (one JSON file each). */
export const legacyOutboxEntrySchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  to: z.email(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  programId: z.string().optional(),
  error: z.string().optional(),
});
export type LegacyOutboxEntry = z.infer<typeof legacyOutboxEntrySchema>;
