/**
 * A message in the outbox: one JSON file per e-mail under $DATA_DIR/outbox (core/mail writes and
 * reads them). Kept here, with the other records of the data dir, because backups include and check
 * the outbox (core/store/backup/) and the store may import nothing from core/mail.
 */
import { z } from "zod";

export const outboxEntrySchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  to: z.email(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  programId: z.string().optional(),
  error: z.string().optional(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
