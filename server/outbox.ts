/**
 * The outbox worker of this process (docs/decisions/0031-outbox-queue.md): with SMTP settings, it
 * sends the queued e-mails off the request path. It wakes up when a message of this process is
 * committed, when a retry falls due, and every `intervalMs` (messages queued by another process of
 * a cluster). One pass at a time; a failed pass is logged and the next one tries again.
 */
import { OutboxWorker, smtpTransport, type MailTransport } from "../core/mail/worker";
import type { Services } from "../core/services";

export interface OutboxWorkerSettings {
  intervalMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export async function startOutboxWorker(
  s: Services,
  settings: OutboxWorkerSettings,
  transport?: MailTransport,
) {
  const smtp = s.mail.smtp;
  if (!smtp) return { stop: async () => undefined, worker: undefined };
  const mailTransport = transport ?? (await smtpTransport(smtp));
  const worker = new OutboxWorker(s.store, mailTransport, smtp.from, {
    baseDelayMs: settings.baseDelayMs,
    maxDelayMs: settings.maxDelayMs,
    now: () => s.clock.now(),
  });
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let wake: NodeJS.Timeout | undefined;

  const schedule = async () => {
    const next = await worker.nextDue();
    if (!next || stopped) return;
    const delay = Math.max(0, next.getTime() - s.clock.now().getTime());
    if (delay >= settings.intervalMs) return; // the regular timer comes first
    clearTimeout(wake);
    wake = setTimeout(pass, delay + 10);
    wake.unref();
  };

  const pass = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        const result = await worker.pass();
        if (result.sent + result.retried + result.failed > 0)
          console.log(
            `outbox: ${result.sent} sent, ${result.retried} to retry, ${result.failed} failed`,
          );
        if (result.sent + result.retried + result.failed > 0 && !stopped) again = true;
      } while (again && !stopped);
      await schedule();
    })()
      .catch((error: unknown) => console.error("outbox pass failed:", error))
      .finally(() => {
        running = undefined;
      });
  };

  const off = s.mail.onQueued(pass);
  const first = setTimeout(pass, 0);
  const timer = setInterval(pass, settings.intervalMs);
  first.unref();
  timer.unref();
  return {
    worker,
    async stop() {
      stopped = true;
      off();
      clearTimeout(first);
      clearTimeout(wake);
      clearInterval(timer);
      await running;
      mailTransport.close?.();
    },
  };
}
