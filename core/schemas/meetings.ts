import { z } from "zod";
import { crossField } from "./forms";
import { checkbox, dateField, numberField, optionalText, choiceIdSchema } from "./fields";
import { isValidPlace, MEETING_FORMATS } from "../utils/place";

const idField = choiceIdSchema;
const timeField = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "errors.time");

/** How the members meet (ADR 0027); "" on a meeting whose format was never said. */
const formatField = z
  .union([z.literal(""), z.enum(MEETING_FORMATS, "errors.choice")], "errors.choice")
  .default("");
/** An address, or a link that must be http(s) (core/utils/place.ts). */
const placeField = optionalText(500).refine(isValidPlace, "meetingWhere.placeInvalid");

const seriesFields = z.object({
  intent: z.literal("plan"),
  firstDate: dateField,
  time: timeField,
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

const statusChoice = {
  status: z.enum(["planned", "held", "postponed", "cancelled"], "errors.choice"),
  reason: optionalText(1000),
};
/** Postponed or cancelled: say why. */
const reasonGiven = (v: { status: string; reason: string }) =>
  (v.status !== "postponed" && v.status !== "cancelled") || v.reason.length >= 3;

const statusFields = z.object({
  intent: z.literal("status"),
  meetingId: idField,
  ...statusChoice,
  /** Held: who was present (checkboxes; absent when the form has none: everyone expected). */
  presentIds: z.array(idField).max(4).optional(),
});
type StatusFields = z.infer<typeof statusFields>;
export const meetingStatusSchema = statusFields.refine(
  ...crossField<StatusFields>(["status", "reason"], reasonGiven, "reason", "errors.reasonRequired"),
);

/** A meeting's own page: the meeting is the page's; a held meeting names who was present. */
const attendanceFields = z.object({
  intent: z.literal("status"),
  ...statusChoice,
  presentIds: z.array(idField).max(4).default([]),
});
type AttendanceFields = z.infer<typeof attendanceFields>;
const attendanceSchema = attendanceFields
  .refine(
    ...crossField<AttendanceFields>(
      ["status", "reason"],
      reasonGiven,
      "reason",
      "errors.reasonRequired",
    ),
  )
  .refine(
    ...crossField<AttendanceFields>(
      ["status", "presentIds"],
      (v) => v.status !== "held" || v.presentIds.length > 0,
      "presentIds",
      "errors.presentRequired",
    ),
  );

const detailFields = z.object({
  intent: z.literal("details"),
  sequence: numberField(0, 1_000_000),
  date: dateField,
  time: timeField,
  durationMinutes: numberField(30, 480),
  kind: z.enum(["collective", "individual"], "errors.choice"),
  format: formatField,
  place: placeField,
  participantIds: z.array(idField).max(4).default([]),
  facilitatorId: z.union([z.literal(""), idField]).default(""),
  theme: z.union([z.literal(""), z.string().regex(/^[\w-]{1,48}$/, "errors.choice")]).default(""),
  agenda: optionalText(4000),
  notes: optionalText(8000),
  tools: optionalText(4000),
  /** The members share this meeting's notes with the program's observer. */
  notesShared: checkbox,
});
type DetailFields = z.infer<typeof detailFields>;
export const meetingDetailsSchema = detailFields.refine(
  ...crossField<DetailFields>(
    ["kind", "participantIds"],
    (v) => v.kind === "collective" || v.participantIds.length >= 2,
    "participantIds",
    "errors.individualMembers",
  ),
);

export const swapSchema = z.object({
  intent: z.literal("swap"),
  swapWith: idField,
});

/** Names the leads of the meetings to come by the program's rule (core/models/meeting-lead.ts). */
export const rotationSchema = z.object({ intent: z.literal("rotate") });

/** A follow-up meeting after the program (ADR 0027): one at a time, 1–2 a year. */
export const followUpSchema = z.object({
  intent: z.literal("follow-up"),
  date: dateField,
  time: timeField,
  durationMinutes: numberField(30, 480),
  format: formatField,
  place: placeField,
});

export type SeriesForm = z.input<typeof seriesSchema>;
export type FollowUpForm = z.input<typeof followUpSchema>;
export type MeetingStatusForm = z.input<typeof meetingStatusSchema>;
export type RotationForm = z.input<typeof rotationSchema>;

export type MeetingDetailsForm = z.input<typeof meetingDetailsSchema>;
export type MeetingStatusChoice = z.input<typeof attendanceSchema>;
export type SwapForm = z.input<typeof swapSchema>;

/** The meetings page: plan a series, change a meeting's status, rotate facilitators, subscribe. */
export const meetingsSchema = z.discriminatedUnion("intent", [
  seriesSchema,
  meetingStatusSchema,
  rotationSchema,
  followUpSchema,
  z.object({ intent: z.literal("subscribe") }),
]);

/** A meeting's page: its details, its status and attendance, a facilitator swap, the preparation. */
export const meetingSchema = z.discriminatedUnion("intent", [
  meetingDetailsSchema,
  attendanceSchema,
  swapSchema,
  z.object({ intent: z.literal("confirm-preparation") }),
]);
