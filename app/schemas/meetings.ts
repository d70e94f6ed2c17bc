import { z } from "zod";
import { crossField } from "~/utils/forms";
import { dateField, numberField, optionalText } from "./fields";

const seriesFields = z.object({
  intent: z.literal("plan"),
  firstDate: dateField,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "errors.time"),
  everyWeeks: numberField(1, 12),
  durationMinutes: numberField(30, 480),
  until: dateField,
});
type SeriesFields = z.infer<typeof seriesFields>;
export const seriesSchema = seriesFields.refine(
  ...crossField<SeriesFields>(
    ["firstDate", "until"],
    (v) => v.until >= v.firstDate,
    "until",
    "errors.endBeforeStart",
  ),
);

const statusFields = z.object({
  intent: z.literal("status"),
  meetingId: z.string().regex(/^[\w-]{1,64}$/),
  status: z.enum(["planned", "held", "postponed", "cancelled"], "errors.choice"),
  reason: optionalText(1000),
});
type StatusFields = z.infer<typeof statusFields>;
export const meetingStatusSchema = statusFields.refine(
  ...crossField<StatusFields>(
    ["status", "reason"],
    (v) => (v.status !== "postponed" && v.status !== "cancelled") || v.reason.length >= 3,
    "reason",
    "errors.reasonRequired",
  ),
);
