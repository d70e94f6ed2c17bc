/**
 * Reminders before dated things (a group's meetings, speed-dating events): once per thing and date.
 * Each due candidate is claimed and told in one transaction that re-reads it (it may have moved,
 * been cancelled or been reminded meanwhile), so two passes or two processes at once send one
 * reminder; the e-mails are queued in that transaction and sent after its commit. Moving the thing
 * clears its `reminderSentAt`, which re-arms the reminder for the new date.
 */
import type { StoreWriter } from "../store/types";
import type { Services } from "../services";

type Reminded = "meetings" | "events";
interface Dated {
  id: string;
  startsAt: string;
  reminderSentAt?: string;
}

/**
 * Sends the reminders of `collection` whose date falls within `withinHours` of `now` and that are
 * still `open`; `tell` writes the notices (in the claiming transaction) and returns how many.
 */
export async function remindOnce<T extends Dated>(
  s: Services,
  collection: Reminded,
  options: {
    withinHours: number;
    now: Date;
    open: (record: T) => boolean;
    tell: (tx: StoreWriter, record: T) => Promise<number>;
  },
): Promise<number> {
  const from = options.now.toISOString();
  const horizon = new Date(options.now.getTime() + options.withinHours * 3_600_000).toISOString();
  const due = (r: T) =>
    options.open(r) && !r.reminderSentAt && r.startsAt > from && r.startsAt <= horizon;
  const candidates = ((await s.store.find(collection)) as unknown as T[]).filter(due);
  let sent = 0;
  for (const candidate of candidates) {
    sent += await s.store.transaction(async (tx) => {
      const fresh = (await tx.get(collection, candidate.id)) as unknown as T | undefined;
      if (!fresh || !due(fresh)) return 0;
      const claimed = (await tx.update(collection, fresh.id, {
        reminderSentAt: from,
      })) as unknown as T;
      return options.tell(tx, claimed);
    });
  }
  return sent;
}
