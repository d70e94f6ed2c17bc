/**
 * Records of the application itself: in-app notifications, signed-in sessions and the submissions
 * kept to answer a repeated form once.
 */
import { z } from "zod";
import { id, isoDate } from "./common";

/** In-app notices; the same notice also goes to the outbox. */
export const notificationSchema = z.strictObject({
  id,
  userId: id,
  programId: id.optional(),
  kind: z.string().min(1).max(60),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  link: z.string().max(300).default(""),
  createdAt: isoDate,
  readAt: isoDate.optional(),
});

/**
 * A signed-in browser. The cookie carries only this record's id, so signing out (or an expiry)
 * ends the session on the server: a copied cookie stops working (see app/utils/session.server.ts).
 */
export const sessionSchema = z.strictObject({
  id: z.string().min(32).max(64),
  userId: id,
  createdAt: isoDate,
  expiresAt: isoDate,
});

/**
 * A form submission that had its effect: a repeat of it (a double click, a retry, a resent form)
 * gets the same answer without a second effect (app/utils/submission.server.ts). Kept a day.
 */
export const submissionSchema = z.strictObject({
  /** `sub-` and a hash of who sent it and the form's one-time key. */
  id: z.string().regex(/^sub-[\w-]{43}$/),
  path: z.string().max(2000),
  status: z.number().int().min(200).max(399),
  /** Where a redirect went. */
  location: z.string().max(2000).optional(),
  /** The action's data, as JSON. */
  data: z.string().max(20_000).optional(),
  createdAt: isoDate,
});
export type Submission = z.infer<typeof submissionSchema>;
