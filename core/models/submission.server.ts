/**
 * The submissions ledger (docs/decisions/0014-invariants.md): the first answer to a form carrying
 * a submission key, kept a day so that a repeat of the form gets it again without a second effect.
 * Read and written inside the action's own transaction (app/utils/submission.server.ts).
 */
import type { EntityOf, StoreWriter } from "../store";

export type Submission = EntityOf<"submissions">;
/** What a repeat is given: a redirect, or a status and the answer's data. */
export type SubmissionOutcome = Omit<Submission, "id" | "path" | "createdAt">;

/** How long a submission is remembered. */
const KEEP_MS = 24 * 3_600_000;
/** Old submissions are removed at most this often. */
const PURGE_EVERY_MS = 3_600_000;

export function findSubmission(tx: StoreWriter, id: string): Promise<Submission | undefined> {
  return tx.get("submissions", id);
}

let lastPurge = 0;
async function purgeOld(tx: StoreWriter, now: number) {
  if (now - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = now;
  const cutoff = new Date(now - KEEP_MS).toISOString();
  for (const old of await tx.find("submissions")) {
    if (old.createdAt < cutoff) await tx.remove("submissions", old.id);
  }
}

/** Records the first answer to submission `id` (and forgets those older than a day). */
export async function recordSubmission(
  tx: StoreWriter,
  id: string,
  path: string,
  outcome: SubmissionOutcome,
  now = Date.now(),
) {
  await purgeOld(tx, now);
  await tx.insert("submissions", {
    id,
    path: path.slice(0, 2000),
    ...outcome,
    createdAt: new Date(now).toISOString(),
  });
}
