/**
 * Meeting reminders: every few minutes the server sends the reminders that are due (once per
 * meeting and date, see sendMeetingReminders). One pass at a time; a failed pass is logged and the
 * next one tries again.
 */
import { sendMeetingReminders } from "../app/models/meeting.server";

export function startReminders(options: { hours: number; intervalMs: number }) {
  let running: Promise<void> | undefined;
  const pass = () => {
    if (running) return;
    running = sendMeetingReminders(options.hours)
      .then((sent) => {
        if (sent > 0) console.log(`meeting reminders: ${sent} sent`);
      })
      .catch((error: unknown) => console.error("meeting reminders failed:", error))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(pass, 1_000);
  const timer = setInterval(pass, options.intervalMs);
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
