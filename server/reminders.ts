/**
 * Reminders: every few minutes the server sends the meeting reminders that are due (once per
 * meeting and date, see sendMeetingReminders) and the check-in reminders (once per due date). One pass at a time; a failed pass is logged and the
 * next one tries again.
 */
import { sendCheckInReminders } from "../core/models/checkin.server";
import { announceOpenEvaluations } from "../core/models/evaluation.server";
import { sendMeetingReminders } from "../core/models/meeting-calendar.server";
import type { Services } from "../core/services";

export function startReminders(s: Services, options: { hours: number; intervalMs: number }) {
  let running: Promise<void> | undefined;
  const pass = () => {
    if (running) return;
    running = (async () => {
      const meetings = await sendMeetingReminders(s, options.hours);
      const checkIns = await sendCheckInReminders(s);
      const evaluations = await announceOpenEvaluations(s);
      if (meetings + checkIns + evaluations > 0)
        console.log(
          `reminders: ${meetings} meeting, ${checkIns} check-in, ${evaluations} questionnaire`,
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
