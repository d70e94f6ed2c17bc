/** The final interviews' forms: schedule one, record its summary, validate or ask a correction. */
import { z } from "zod";
import { choiceIdSchema, dateField, numberField, optionalText, requiredText } from "./fields";
import { finalAnswerSchema } from "./evaluation";

const timeField = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "errors.time");

/** The coordinator schedules (or moves) a participant's interview, in Quebec time. */
export const scheduleInterviewSchema = z.object({
  intent: z.literal("schedule"),
  participantId: choiceIdSchema,
  date: dateField,
  time: timeField,
  durationMinutes: numberField(15, 240).default(60),
  place: requiredText(3, 300),
});

/** The summary, under the final questionnaire's themes (the same choices and limits). */
export const recordInterviewSchema = z.object({
  intent: z.literal("record"),
  appreciation: finalAnswerSchema.shape.appreciation,
  learning: requiredText(3, 4000),
  objectivesReached: finalAnswerSchema.shape.objectivesReached,
  recommendations: optionalText(4000),
  continueMeeting: finalAnswerSchema.shape.continueMeeting,
});

/** The summary the participant read is named by its revision. */
const revision = numberField(1, 1_000_000);

export const validateInterviewSchema = z.object({
  intent: z.literal("validate"),
  revision,
});

export const correctInterviewSchema = z.object({
  intent: z.literal("correct"),
  revision,
  comment: requiredText(3, 2000),
});

/** The interviews page: the coordinators schedule. */
export const interviewsPageSchema = scheduleInterviewSchema;

/** One interview's page: the coordinator records or moves it; the participant answers. */
export const interviewPageSchema = z.discriminatedUnion("intent", [
  scheduleInterviewSchema.omit({ participantId: true }),
  recordInterviewSchema,
  validateInterviewSchema,
  correctInterviewSchema,
]);
