import { z } from "zod";
import { crossField } from "./forms";
import {
  checkbox,
  dateField,
  optionalText,
  requiredText,
  choiceIdSchema,
  idSchema,
} from "./fields";

const scheduleFields = z.object({
  intent: z.literal("schedule"),
  kind: z.enum(["monthly", "final"], "errors.choice"),
  title: requiredText(3, 200),
  opensOn: dateField,
  closesOn: dateField,
});
type ScheduleFields = z.infer<typeof scheduleFields>;
export const scheduleSchema = scheduleFields.refine(
  ...crossField<ScheduleFields>(
    ["opensOn", "closesOn"],
    (v) => v.closesOn >= v.opensOn,
    "closesOn",
    "errors.endBeforeStart",
  ),
);

export const remindSchema = z.object({
  intent: z.literal("remind"),
  evaluationId: idSchema,
});

/** An observer note names a real meeting (ADR 0027): the model checks it is an observed group's. */
export const observerNoteSchema = z.object({
  intent: z.literal("observe"),
  meetingId: choiceIdSchema,
  note: requiredText(3, 4000),
});

/** The coordinator's evaluations page: schedule, remind, observe. */
export const evaluationsPageSchema = z.discriminatedUnion("intent", [
  scheduleSchema,
  remindSchema,
  observerNoteSchema,
]);

const appreciation = z.preprocess(
  (v) => (typeof v === "string" && v !== "" ? Number(v) : v),
  z
    .number("errors.chooseAppreciation")
    .int()
    .min(1, "errors.chooseAppreciation")
    .max(5, "errors.chooseAppreciation"),
);
export const progressSchema = z.enum(["none", "started", "advanced", "reached"], "errors.choice");

export const monthlyAnswerSchema = z.object({
  appreciation,
  successFactors: optionalText(2000),
  difficulties: optionalText(2000),
  comment: optionalText(2000),
  quoteConsent: checkbox,
});

export const finalAnswerSchema = z.object({
  appreciation,
  learning: requiredText(3, 2000),
  objectivesReached: z.enum(["yes", "partly", "no"], "errors.choice"),
  recommendations: optionalText(2000),
  continueMeeting: z.enum(["yes", "maybe", "no"], "errors.choice"),
  comment: optionalText(2000),
  quoteConsent: checkbox,
});

/**
 * A participant's answer to a questionnaire of this kind; a monthly one also asks where each of
 * the group's objectives stands (`progress-<id>`).
 */
export function answerFormSchema(kind: "monthly" | "final", objectiveIds: readonly string[]) {
  if (kind === "final") return finalAnswerSchema;
  // Typed as the monthly answer: the progress fields' names are data (read them by name).
  return monthlyAnswerSchema.extend(
    Object.fromEntries(objectiveIds.map((id) => [`progress-${id}`, progressSchema])),
  ) as unknown as typeof monthlyAnswerSchema;
}
