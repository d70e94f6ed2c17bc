/**
 * Reminders: every few minutes the server sends the meeting reminders that are due (once per
 * meeting and date, see sendMeetingReminders), the speed-dating events' reminders (once per event
 * and date, a day before: sendEventReminders) and the check-in reminders (once per due date). One pass at a time; a failed pass is logged and the
 * next one tries again.
 */
import { sendCheckInReminders } from "../core/models/checkin.server";
import { announceOpenEvaluations } from "../core/models/evaluation.server";
import { sendEventReminders } from "../core/models/event.server";
import { sendMeetingReminders } from "../core/models/meeting-calendar.server";
import type { Services } from "../core/services";

/** Speed-dating events are recalled this many hours before they start. */
export const EVENT_REMINDER_HOURS = 24;

export function startReminders(s: Services, options: { hours: number; intervalMs: number }) {
  let running: Promise<void> | undefined;
  const pass = () => {
    if (running) return;
    running = (async () => {
      const meetings = await sendMeetingReminders(s, options.hours);
      const events = await sendEventReminders(s, EVENT_REMINDER_HOURS);
      const checkIns = await sendCheckInReminders(s);
      const evaluations = await announceOpenEvaluations(s);
      if (meetings + events + checkIns + evaluations > 0)
        console.log(
          `reminders: ${meetings} meeting, ${events} event, ${checkIns} check-in, ${evaluations} questionnaire`,
        );
    })()
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
