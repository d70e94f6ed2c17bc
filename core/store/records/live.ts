/**
 * Records of the live speed-dating events: the event and its rounds, the private ratings of each
 * conversation and the shared room notes.
 */
import { z } from "zod";
import { NOTE_STATE_MAX_BYTES } from "../../data/room-note";
import { id, isoDate } from "./common";

export const eventRoomSchema = z.strictObject({
  id: z.string().min(1).max(80),
  /** Table number in person, room number online. */
  number: z.number().int().min(1),
  members: z.array(id).min(1).max(3),
});

export const eventRoundSchema = z.strictObject({
  round: z.number().int().min(1),
  rooms: z.array(eventRoomSchema),
  waiting: z.array(id),
  /** Those waiting who had nobody left they may meet (matching/round-scheduler.ts). */
  withoutPartner: z.array(id).default([]),
  /**
   * Those waiting who arrived after the round began (the rooms were formed without them): a room
   * awaits them at the next round, if there is one (core/models/event/clock.server.ts, seatLate).
   */
  late: z.array(id).default([]),
});
export type EventRound = z.infer<typeof eventRoundSchema>;

/**
 * A speed-dating event (séance de speed dating). The server keeps the clock: `deadline` is when the
 * current phase ends; a paused event keeps the time left in `pausedRemainingMs`.
 */
export const eventSchema = z.strictObject({
  id,
  programId: id,
  title: z.string().min(1).max(200),
  startsAt: isoDate,
  invitedParticipantIds: z.array(id).max(5000),
  rounds: z.number().int().min(1).max(20),
  roundMinutes: z.number().min(0.05).max(60),
  breakMinutes: z.number().min(0).max(30),
  roomSize: z.union([z.literal(2), z.literal(3)]),
  format: z.enum(["online", "in-person"]),
  /** e.g. https://meet.jit.si/maillage-{event}-{room}; empty when none. */
  videoUrlPattern: z.string().max(300).default(""),
  status: z.enum(["scheduled", "lobby", "running", "paused", "ended"]),
  currentRound: z.number().int().min(0),
  phase: z.enum(["round", "break"]).optional(),
  deadline: isoDate.optional(),
  pausedRemainingMs: z.number().int().min(0).optional(),
  /** Rounds played or planned; rounds after the current one are re-planned when presence changes. */
  schedule: z.array(eventRoundSchema).default([]),
  /** Who took part in which round, for waiting fairness and ratings. */
  waitCounts: z.record(z.string(), z.number().int().min(0)).default({}),
  /** Grows with every command (start, skip, pause…): the same on every server process. */
  revision: z.number().int().min(0).default(0),
  createdBy: id,
  createdAt: isoDate,
  startedAt: isoDate.optional(),
  endedAt: isoDate.optional(),
  /**
   * What the invited people were told (core/models/event/announcements.server.ts): who got the
   * announcement, of which time and place. A change of either sends an update, once.
   */
  announcedParticipantIds: z.array(id).max(5000).default([]),
  announcedStartsAt: isoDate.optional(),
  announcedPlace: z.string().max(400).optional(),
  /** Grows with each announced change, so calendar apps replace the event (ICS SEQUENCE). */
  sequence: z.number().int().min(0).default(0),
  /** The reminder before the event went out, for this date (cleared when the time changes). */
  reminderSentAt: isoDate.optional(),
});
export type Event = z.infer<typeof eventSchema>;

/** A private rating of one conversation: seen only by its author and the matching engine. */
export const ratingSchema = z.strictObject({
  id,
  eventId: id,
  round: z.number().int().min(1),
  fromParticipantId: id,
  toParticipantId: id,
  answer: z.enum(["yes", "maybe", "no"]),
  note: z.string().max(1000).default(""),
  updatedAt: isoDate,
});
export type Rating = z.infer<typeof ratingSchema>;

/**
 * A room note's copies merged from several processes can outgrow what one process accepts
 * (NOTE_STATE_MAX_BYTES, ADR 0016): room for four such copies.
 */
const STORED_NOTE_MAX = 4 * NOTE_STATE_MAX_BYTES;

/** The shared note of a room in a round. */
export const roomNoteSchema = z.strictObject({
  id,
  eventId: id,
  roomId: z.string().min(1).max(80),
  /** The merged text, as plain text, for whatever reads the note. */
  text: z.string().max(STORED_NOTE_MAX),
  /** `Y.encodeStateAsUpdate` of the note's document, base64 (absent in notes saved before 0016). */
  state: z.base64().max(STORED_NOTE_MAX).optional(),
  updatedBy: id,
  updatedAt: isoDate,
});
