/**
 * The retention job: once at start and then every hour, it purges the personal information of the
 * closed programs whose retention date (closing day plus the program's `retentionMonths`, Quebec
 * time) has come (core/models/personal-data.server.ts, ADR 0038), and removes the e-mails the
 * outbox is done with for more than OUTBOX_KEEP_DAYS (ADR 0031). Each program is claimed in the
 * store transaction that purges it, so in a cluster every process may run the job and a program is
 * still purged once. One pass at a time; a failed pass is logged and the next one tries again.
 */
import { purgeDuePrograms } from "../core/models/personal-data.server";
import { OUTBOX_KEEP_DAYS, pruneOutbox } from "../core/mail";
import type { Services } from "../core/services";

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export function startRetention(
  s: Services,
  { intervalMs = RETENTION_INTERVAL_MS, firstAfterMs = 5_000 } = {},
) {
  let running: Promise<void> | undefined;
  const pass = () => {
    if (running) return;
    running = (async () => {
      const purged = await purgeDuePrograms(s);
      if (purged > 0) console.log(`retention: personal data of ${purged} program(s) purged`);
      const pruned = await pruneOutbox(s.store, s.clock.now());
      if (pruned > 0)
        console.log(
          `retention: ${pruned} e-mail(s) older than ${OUTBOX_KEEP_DAYS} days removed from the outbox`,
        );
    })()
      .catch((error: unknown) => console.error("retention job failed:", error))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(pass, firstAfterMs);
  const timer = setInterval(pass, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
