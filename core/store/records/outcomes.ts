/**
 * Records of a program's outcomes: scheduled questionnaires, the participants' answers and the
 * coordinators' observer notes.
 */
import { z } from "zod";
import { id, isoDate } from "./common";
import { COORDINATION_TASKS } from "../../data/vocabulary";

/** A questionnaire the coordinators schedule: monthly, or the final evaluation. */
export const evaluationSchema = z.strictObject({
  id,
  programId: id,
  kind: z.enum(["monthly", "final"]),
  title: z.string().min(1).max(200),
  opensOn: z.iso.date(),
  closesOn: z.iso.date(),
  createdBy: id,
  /** When the participants were told it is open. */
  announcedAt: isoDate.optional(),
  remindedAt: isoDate.optional(),
  createdAt: isoDate,
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export const objectiveProgressSchema = z.enum(["none", "started", "advanced", "reached"]);
/** One participant's answers to one questionnaire. */
export const evaluationResponseSchema = z.strictObject({
  id,
  evaluationId: id,
  programId: id,
  participantId: id,
  groupId: id.optional(),
  appreciation: z.number().int().min(1).max(5),
  comment: z.string().max(2000).default(""),
  /** The author agrees that their words be quoted, anonymously, in the program's report. */
  quoteConsent: z.boolean().default(false),
  objectives: z
    .array(z.strictObject({ title: z.string().min(1).max(300), progress: objectiveProgressSchema }))
    .max(30)
    .default([]),
  successFactors: z.string().max(2000).default(""),
  difficulties: z.string().max(2000).default(""),
  learning: z.string().max(2000).default(""),
  objectivesReached: z.enum(["yes", "partly", "no"]).optional(),
  recommendations: z.string().max(2000).default(""),
  continueMeeting: z.enum(["yes", "maybe", "no"]).optional(),
  submittedAt: isoDate,
});
export type EvaluationResponse = z.infer<typeof evaluationResponseSchema>;

/**
 * A coordinator's notes as an observer at one of a group's meetings (their own notes). Notes
 * written since ADR 0027 name the meeting; older ones carry only the date that was typed.
 */
export const observerNoteSchema = z.strictObject({
  id,
  programId: id,
  groupId: id,
  meetingId: id.optional(),
  /** The meeting's day in Quebec (copied from the meeting when `meetingId` is set). */
  meetingDate: z.iso.date(),
  note: z.string().min(1).max(4000),
  createdBy: id,
  createdAt: isoDate,
});

/** Time a coordinator spent on a program, logged by them (quarter hours). */
export const coordinationEntrySchema = z.strictObject({
  id,
  programId: id,
  /** The coordinator (a user). */
  userId: id,
  date: z.iso.date(),
  hours: z.number().min(0.25).max(24).multipleOf(0.25),
  task: z.enum(COORDINATION_TASKS),
  note: z.string().max(500).default(""),
  createdAt: isoDate,
});
export type CoordinationEntry = z.infer<typeof coordinationEntrySchema>;

/**
 * What a final interview records, under the final questionnaire's themes (evaluationResponseSchema):
 * appreciation, what was learned, objectives reached, recommendations, keeping on meeting.
 */
export const interviewNotesSchema = z.strictObject({
  appreciation: z.number().int().min(1).max(5),
  learning: z.string().min(1).max(4000),
  objectivesReached: z.enum(["yes", "partly", "no"]),
  recommendations: z.string().max(4000).default(""),
  continueMeeting: z.enum(["yes", "maybe", "no"]),
});
export type InterviewNotes = z.infer<typeof interviewNotesSchema>;

/**
 * The final individual interview (about an hour) of a coordinator with one participant: scheduled,
 * its summary recorded, then validated by the participant (or sent back with a correction asked).
 * Only a validated summary reaches the report (core/models/interview.server.ts).
 */
export const interviewSchema = z.strictObject({
  id,
  programId: id,
  participantId: id,
  startsAt: isoDate,
  durationMinutes: z.number().int().min(15).max(240).default(60),
  /** An address or a video link. */
  place: z.string().max(300).default(""),
  status: z.enum(["scheduled", "awaiting-validation", "correction-requested", "validated"]),
  /** The summary as last recorded by the coordinator. */
  notes: interviewNotesSchema.optional(),
  /** Counts the recorded summaries: a validation names the one the participant read. */
  revision: z.number().int().min(0).default(0),
  /** The participant's last correction request (kept after the coordinator revises). */
  correction: z
    .strictObject({
      comment: z.string().min(1).max(2000),
      revision: z.number().int().min(1),
      requestedAt: isoDate,
    })
    .optional(),
  validatedAt: isoDate.optional(),
  scheduledBy: id,
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Interview = z.infer<typeof interviewSchema>;
