/** Every coordinator decision on groups (who, when, what), per program, append-only. */
import { z } from "zod";
import { JsonlLog, type WriteStreamFs } from "./append-log";

export const auditEntrySchema = z.object({
  id: z.string(),
  programId: z.string(),
  at: z.iso.datetime(),
  actorId: z.string(),
  actorName: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export class AuditLog {
  private readonly log: JsonlLog<typeof auditEntrySchema>;

  /** `fs`: the write stream's file-system functions (a test's failing write). */
  constructor(dir: string, fs?: WriteStreamFs) {
    this.log = new JsonlLog(dir, auditEntrySchema, fs);
  }

  append(entry: AuditEntry) {
    return this.log.append(entry.programId, entry);
  }

  list(programId: string) {
    return this.log.read(programId);
  }

  /** Rewrites a program's trail atomically (an erasure, ADR 0038); null drops an entry. */
  rewrite(programId: string, change: (entry: AuditEntry) => AuditEntry | null) {
    return this.log.rewrite(programId, change);
  }

  close() {
    return this.log.close();
  }
}
