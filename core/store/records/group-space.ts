/**
 * Records of a group's space: its agreement, hour bank, meetings, co-development sessions, action
 * plan, check-ins and shared tools.
 */
import { z } from "zod";
import { id, isoDate } from "./common";
import { MEETING_FORMATS } from "../../utils/place";

/**
 * A group's agreement (entente): the six points the pilot found essential. Every edit is a new
 * version; each member accepts the current version.
 */
export const agreementSchema = z.strictObject({
  id,
  groupId: id,
  version: z.number().int().min(1),
  responsibilities: z.string().max(4000),
  objectives: z.string().max(4000),
  referencePersons: z.string().max(2000),
  period: z.string().max(1000),
  meetings: z.string().max(2000),
  communication: z.string().max(2000),
  updatedBy: id,
  updatedAt: isoDate,
  acceptances: z.record(z.string(), isoDate).default({}),
});
export type Agreement = z.infer<typeof agreementSchema>;

/** One line of a group's hour bank: meeting time, or work outside meetings, by one member. */
export const hourEntrySchema = z.strictObject({
  id,
  groupId: id,
  participantId: id,
  kind: z.enum(["meeting", "preparation", "communication", "follow-up"]),
  /** Quarter hours. */
  hours: z.number().min(0.25).max(12).multipleOf(0.25),
  date: z.iso.date(),
  note: z.string().max(500).default(""),
  /** Meeting time is counted once per meeting (or co-development session), whoever attended. */
  meetingId: id.optional(),
  codevSessionId: id.optional(),
  /**
   * Work outside meetings done for one of the group's meetings or co-development sessions: in
   * co-development, its facilitator's work draws from the bank (core/models/hour-bank.ts).
   */
  forMeetingId: id.optional(),
  forSessionId: id.optional(),
  createdAt: isoDate,
});
export type HourEntry = z.infer<typeof hourEntrySchema>;

/** A meeting of a group; `sequence` grows with each change so calendar apps update it. */
export const meetingSchema = z.strictObject({
  id,
  groupId: id,
  startsAt: isoDate,
  endsAt: isoDate,
  kind: z.enum(["collective", "individual"]).default("collective"),
  /** How the members meet (ADR 0027): absent on meetings planned before the format existed. */
  format: z.enum(MEETING_FORMATS).optional(),
  /** Where: an address, or an http(s) link (core/utils/place.ts). */
  place: z.string().max(500).default(""),
  /** A follow-up meeting after the program (1–2 a year): outside the cadence and the hour bank. */
  followUp: z.boolean().default(false),
  /** The members shared this meeting's notes with the program's observer (ADR 0027). */
  notesShared: z.boolean().default(false),
  /** Individual meetings: the members who meet (collective: empty, everyone). */
  participantIds: z.array(id).max(4).default([]),
  /** Held meetings: who was present (their time goes to the hour bank). */
  presentIds: z.array(id).max(4).default([]),
  facilitatorId: id.optional(),
  /** Chosen by the members (a swap or a choice): the rotation keeps it. */
  facilitatorFixed: z.boolean().default(false),
  /** A taxonomy subject: the rotation can favour the member with expertise in it. */
  theme: z.string().max(48).default(""),
  agenda: z.string().max(4000).default(""),
  status: z.enum(["planned", "held", "postponed", "cancelled"]),
  statusReason: z.string().max(1000).default(""),
  notes: z.string().max(8000).default(""),
  /** Tools shared at the meeting, one per line (title, and a link if any). */
  tools: z.string().max(4000).default(""),
  reminderSentAt: isoDate.optional(),
  /** The mentor confirmed the prepared content with the mentees (it is still what they need). */
  preparationConfirmedAt: isoDate.optional(),
  preparationConfirmedBy: id.optional(),
  sequence: z.number().int().min(0).default(0),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Meeting = z.infer<typeof meetingSchema>;

export const CODEV_STEPS = 7;
/**
 * A co-development session (Payette–Champagne): a client presents a problem, consultants help, a
 * facilitator guards the process and the time, a scribe takes notes. Seven steps, 0 to 6; the timer
 * of the current step is `stepElapsedMs` plus the time since `stepStartedAt` while running.
 */
export const codevSessionSchema = z.strictObject({
  id,
  groupId: id,
  meetingId: id.optional(),
  number: z.number().int().min(1),
  clientId: id,
  facilitatorId: id,
  scribeId: id.optional(),
  subject: z.string().max(300).default(""),
  /** Suggested length of each step, in minutes. */
  minutes: z.array(z.number().int().min(1).max(90)).length(CODEV_STEPS),
  status: z.enum(["planned", "running", "paused", "ended"]),
  currentStep: z
    .number()
    .int()
    .min(0)
    .max(CODEV_STEPS - 1),
  stepStartedAt: isoDate.optional(),
  stepElapsedMs: z.number().min(0).default(0),
  /** Time spent in the steps already left, for the hour bank. */
  elapsedMs: z.number().min(0).default(0),
  notes: z.array(z.string().max(8000)).length(CODEV_STEPS),
  actionItems: z
    .array(z.strictObject({ id: z.string().min(1).max(80), title: z.string().min(1).max(300) }))
    .max(30)
    .default([]),
  presentIds: z.array(id).max(4).default([]),
  startedAt: isoDate.optional(),
  endedAt: isoDate.optional(),
  hours: z.number().min(0).max(12).optional(),
  version: z.number().int().min(0).default(0),
  createdBy: id,
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type CodevSession = z.infer<typeof codevSessionSchema>;

/** One line of a group's action plan, in the group's order of priority (`rank`). */
export const actionItemSchema = z.strictObject({
  id,
  groupId: id,
  title: z.string().min(1).max(300),
  /** The member whose need it is (mentees in mentorship). */
  ownerId: id.optional(),
  /** The taxonomy subject, when the item comes from a published need. */
  tag: z.string().max(48).optional(),
  rank: z.number().int().min(0),
  status: z.enum(["todo", "in-progress", "done", "dropped"]),
  notes: z.string().max(4000).default(""),
  source: z.enum(["need", "manual", "codev"]),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type ActionItem = z.infer<typeof actionItemSchema>;

/** A mentee's short update on the state of their needs, read by the mentor before a meeting. */
export const checkInSchema = z.strictObject({
  id,
  groupId: id,
  participantId: id,
  needsStatus: z.enum(["on-track", "changed", "blocked"]),
  update: z.string().min(1).max(2000),
  changes: z.string().max(2000).default(""),
  questions: z.string().max(2000).default(""),
  createdAt: isoDate,
});
export type CheckIn = z.infer<typeof checkInSchema>;

/** A tool shared in a group (link or uploaded file), possibly in the program's library too. */
export const toolSchema = z.strictObject({
  id,
  programId: id,
  /** The group it was shared in; absent for a tool the coordinators added to the library. */
  groupId: id.optional(),
  /** The participant who shared it (absent when a coordinator added it). */
  authorId: id.optional(),
  title: z.string().min(1).max(200),
  description: z.string().max(2000).default(""),
  theme: z.string().max(48).default(""),
  url: z.string().max(500).optional(),
  file: z
    .strictObject({
      name: z.string().min(1).max(200),
      storedAs: z.string().regex(/^[\w.-]{1,120}$/),
      size: z.number().int().min(1),
      type: z.string().max(120),
    })
    .optional(),
  /** In the program-wide library (with the author's consent). */
  programWide: z.boolean().default(false),
  shareRequest: z
    .strictObject({ by: id, at: isoDate, status: z.enum(["pending", "declined"]) })
    .optional(),
  sharedAt: isoDate.optional(),
  createdAt: isoDate,
});
export type Tool = z.infer<typeof toolSchema>;
