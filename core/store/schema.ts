/**
 * The zod schema of every entity the store keeps, and of the whole document.
 * The document is validated as a whole on load and each record on every write.
 */
import { z } from "zod";
import { availabilitySlots, OPERATIONS, SELECTION_CRITERIA } from "../data/vocabulary";
import { NOTE_STATE_MAX_BYTES } from "../data/room-note";
import { STORED_REASON_CODES, STORED_REASON_PARAMS } from "../data/reasons";

export { availabilitySlots, OPERATIONS, SELECTION_CRITERIA };
export type { SelectionCriterion } from "../data/vocabulary";

export const SCHEMA_VERSION = 4 as const;

const id = z.string().min(1).max(64);
const isoDate = z.iso.datetime();

export const localeSchema = z.enum(["fr", "en"]);
export type Locale = z.infer<typeof localeSchema>;

export const userSchema = z.strictObject({
  id,
  email: z.email().max(254),
  name: z.string().min(1).max(120),
  role: z.enum(["coordinator", "participant"]),
  /** `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` */
  passwordHash: z.string().startsWith("scrypt$"),
  locale: localeSchema,
  createdAt: isoDate,
});
export type User = z.infer<typeof userSchema>;

export const regionCode = z.string().regex(/^\d{2}$/, "two-digit region code");
export const mrcCode = z.string().regex(/^\d{2,3}$/, "MRC code");

export const organizationSchema = z.strictObject({
  id,
  name: z.string().min(1).max(160),
  region: regionCode,
  mrc: mrcCode,
  sector: z.string().max(120).default(""),
  /** Organizations this one competes with or has a conflict of interest with. */
  competitorIds: z.array(id).default([]),
  createdAt: isoDate,
});
export type Organization = z.infer<typeof organizationSchema>;

export const participantRoleSchema = z.enum(["mentor", "mentee", "peer"]);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

/** A subject of the program's taxonomy of needs and expertise. */
export const tagSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,48}$/),
  label: z.string().min(1).max(80),
  labelEn: z.string().max(80).default(""),
});
export type Tag = z.infer<typeof tagSchema>;

export const availabilitySlotSchema = z.enum(availabilitySlots as [string, ...string[]]);

export const workingStyleSchema = z.enum(["structured", "intuitive", "between"]);
export const needSchema = z.strictObject({
  tag: z.string().min(1).max(48),
  priority: z.number().int().min(1).max(3),
});

/** What a person publishes about their organization's needs and expertise (also used by the matching engine). */
export const profileSchema = z.strictObject({
  sector: z.string().max(120).default(""),
  field: z.string().max(200).default(""),
  /** In order of importance, the first is the most important. */
  needs: z.array(needSchema).max(30).default([]),
  needsText: z.string().max(3000).default(""),
  expertise: z.array(z.string().min(1).max(48)).max(30).default([]),
  expertiseText: z.string().max(3000).default(""),
  workingStyle: workingStyleSchema.default("between"),
  availability: z.array(availabilitySlotSchema).max(21).default([]),
});
export type Profile = z.infer<typeof profileSchema>;
export function emptyProfile(): Profile {
  return profileSchema.parse({});
}

export const programSchema = z.strictObject({
  id,
  title: z.string().min(1).max(200),
  theme: z.string().min(1).max(300),
  subThemes: z.array(z.string().min(1).max(120)).max(20),
  description: z.string().max(4000).default(""),
  coordinatorIds: z.array(id).min(1),
  status: z.enum(["draft", "open", "active", "closed"]),
  composition: z.enum(["mentorship", "co-development"]),
  regionRule: z.enum(["distinct-regions", "distinct-mrcs"]),
  mentoringStart: z.iso.date(),
  mentoringEnd: z.iso.date(),
  hourBankHours: z.number().int().min(1).max(200),
  applicationOpens: z.iso.date().optional(),
  applicationCloses: z.iso.date().optional(),
  cadenceWeeksMin: z.number().int().min(1).max(12).default(2),
  cadenceWeeksMax: z.number().int().min(1).max(12).default(4),
  meetingMinutes: z.number().int().min(30).max(480).default(120),
  /** Mentees send a short check-in this often (weeks). */
  checkInWeeks: z.number().int().min(1).max(8).default(2),
  format: z.enum(["online", "in-person", "hybrid"]).default("online"),
  /** Tracked for information only (CAD). */
  budget: z
    .strictObject({
      mentorCompensation: z.number().min(0).max(1_000_000).default(0),
      coordination: z.number().min(0).max(10_000_000).default(0),
    })
    .default({ mentorCompensation: 0, coordination: 0 }),
  taxonomy: z.array(tagSchema).max(100).default([]),
  /** Self-formed groups: only notify the coordinators, or wait for their approval. */
  selfFormedApproval: z.enum(["notify", "required"]).default("notify"),
  /** A group proposal between participants expires after this many hours. */
  proposalHours: z.number().int().min(1).max(720).default(72),
  /** Coordinator rules for the solver and every group: pairs kept together, pairs kept apart. */
  pins: z
    .array(z.tuple([id, id]))
    .max(500)
    .default([]),
  forbids: z
    .array(z.tuple([id, id]))
    .max(500)
    .default([]),
  createdAt: isoDate,
});
export type Program = z.infer<typeof programSchema>;

export const participantSchema = z.strictObject({
  id,
  programId: id,
  userId: id,
  organizationId: id,
  role: participantRoleSchema,
  profile: profileSchema.default(emptyProfile),
  /** Mentors: how many groups they can lead. */
  capacity: z.number().int().min(0).max(10).default(1),
  /** Shown in the program's directory once the person publishes it. */
  published: z.boolean().default(false),
  applicationId: id.optional(),
  /** The last check-in reminder sent to this person. */
  checkInRemindedAt: isoDate.optional(),
  joinedAt: isoDate,
});
export type Participant = z.infer<typeof participantSchema>;

export const invitationSchema = z.strictObject({
  id,
  programId: id,
  /** sha256 of the token: the token itself only exists in the link. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  role: participantRoleSchema,
  email: z.email().max(254).optional(),
  /** Set when the invitation comes from an accepted application: joining uses its data. */
  applicationId: id.optional(),
  createdBy: id,
  createdAt: isoDate,
  expiresAt: isoDate,
  usedAt: isoDate.optional(),
  usedBy: id.optional(),
});
export type Invitation = z.infer<typeof invitationSchema>;

const criterionScore = z.strictObject({
  score: z.number().int().min(0).max(3),
  comment: z.string().max(1000).default(""),
});

/**
 * An application through the interest form. Drafts may be incomplete: the submission form
 * (core/schemas/application.ts) is the strict check; this schema only keeps stored data sane.
 */
export const applicationSchema = z.strictObject({
  id,
  programId: id,
  status: z.enum(["draft", "submitted", "accepted", "rejected", "waitlisted"]),
  /** sha256 of the applicant's private link token (draft and status page). */
  accessTokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  locale: localeSchema,
  email: z.string().max(254),
  organizationName: z.string().max(160),
  contactName: z.string().max(120),
  contactEmail: z.string().max(254),
  concept: z.string().max(6000),
  operations: z.array(z.enum(OPERATIONS)).max(4),
  barriers: z.string().max(3000),
  mentoringHelp: z.string().max(3000),
  revisionOpenness: z.string().max(3000),
  comments: z.string().max(3000),
  role: participantRoleSchema.optional(),
  region: z.union([regionCode, z.literal("")]),
  mrc: z.union([mrcCode, z.literal("")]),
  profile: profileSchema,
  competitorsText: z.string().max(1000),
  competitorOrgIds: z.array(id).max(50),
  designatedThroughout: z.boolean(),
  canImplement: z.boolean(),
  consent: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
  submittedAt: isoDate.optional(),
  evaluation: z
    .strictObject({
      criteria: z.partialRecord(z.enum(SELECTION_CRITERIA), criterionScore),
      total: z.number().int().min(0).max(21),
      scoredBy: id,
      scoredAt: isoDate,
    })
    .optional(),
  decision: z
    .strictObject({
      status: z.enum(["accepted", "rejected", "waitlisted"]),
      reason: z.string().max(2000),
      decidedBy: id,
      decidedAt: isoDate,
    })
    .optional(),
  invitationId: id.optional(),
  participantId: id.optional(),
});
export type Application = z.infer<typeof applicationSchema>;

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
});
export type SpeedEvent = z.infer<typeof eventSchema>;

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

/**
 * A reason shown to people (core/data/reasons.ts): a code and its parameters, worded in the reader's
 * language when shown. Exactly the parameters its code carries: names, subjects, numbers, lists.
 */
export const reasonSchema = z
  .strictObject({
    code: z.enum(STORED_REASON_CODES),
    params: z.record(
      z.string().max(40),
      z.union([z.string().max(2000), z.number(), z.array(z.string().max(500)).max(100)]),
    ),
  })
  .refine(
    (r) => Object.keys(r.params).sort().join() === [...STORED_REASON_PARAMS[r.code]!].sort().join(),
    { message: "parameters of the reason's code", path: ["params"] },
  );
/** A group's "why": one reason per line. */
const reasonLines = z.array(reasonSchema).max(200);

/** A group of three (triade). Its members see each other's contact details and its space. */
export const groupSchema = z.strictObject({
  id,
  programId: id,
  memberIds: z.array(id).length(3),
  mentorId: id.optional(),
  status: z.enum(["active", "dissolved"]),
  origin: z.enum(["self", "solver"]),
  score: z.number().optional(),
  explanation: reasonLines.optional(),
  suggestedFirstMeeting: z.iso.date(),
  approvedBy: id.optional(),
  /** How reports name the group (a theme, never an organization): set by the coordinators. */
  label: z.string().max(80).default(""),
  /**
   * What the group was formed from, once: `proposal:<id>` (a self-formed group) or
   * `run:<runId>:<group>` (a solver run's proposed group). A unique key (unique-keys.ts).
   */
  sourceKey: z.string().min(1).max(200).optional(),
  /** sha256 of the secret in the group's calendar subscription link. */
  calendarTokenHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  createdAt: isoDate,
});
export type Group = z.infer<typeof groupSchema>;

/**
 * A seat in an active group: what makes "a mentee or a peer is in one active group, a mentor in at
 * most `capacity`" a unique key ((participant, seat): seat 0 only, or 0 to capacity − 1 for a
 * mentor). Written and removed with the group, in the same transaction (the seat a new group takes:
 * core/models/membership.ts; the seats of existing groups: core/store/seats.ts).
 */
export const membershipSchema = z.strictObject({
  id,
  programId: id,
  groupId: id,
  participantId: id,
  seat: z.number().int().min(0).max(9),
  createdAt: isoDate,
});
export type Membership = z.infer<typeof membershipSchema>;

/** A group proposed by a participant to two others; it forms when all three accept. */
export const groupProposalSchema = z.strictObject({
  id,
  programId: id,
  proposerId: id,
  memberIds: z.array(id).length(3),
  responses: z.record(z.string(), z.enum(["pending", "accepted", "declined"])),
  status: z.enum([
    "pending",
    "awaiting-approval",
    "formed",
    "declined",
    "expired",
    "rejected",
    "withdrawn",
  ]),
  message: z.string().max(1000).default(""),
  expiresAt: isoDate,
  createdAt: isoDate,
  decidedAt: isoDate.optional(),
  groupId: id.optional(),
});
export type GroupProposal = z.infer<typeof groupProposalSchema>;

/** One run of the group solver for a program, and the coordinator's decisions on its groups. */
export const solverRunSchema = z.strictObject({
  id,
  programId: id,
  status: z.enum(["running", "done", "failed", "cancelled"]),
  startedBy: id,
  startedAt: isoDate,
  finishedAt: isoDate.optional(),
  progress: z
    .strictObject({ phase: z.string(), fraction: z.number().min(0).max(1) })
    .default({ phase: "start", fraction: 0 }),
  result: z
    .strictObject({
      status: z.enum(["optimal", "feasible", "infeasible"]),
      objective: z.strictObject({ groups: z.number(), score: z.number() }),
      bound: z.strictObject({ groups: z.number(), score: z.number() }),
      timeMs: z.number(),
    })
    .optional(),
  groups: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(80),
        memberIds: z.array(id).length(3),
        mentorId: id.optional(),
        score: z.number(),
        explanation: reasonLines,
        decision: z.enum(["proposed", "approved", "rejected"]),
        groupId: id.optional(),
      }),
    )
    .default([]),
  unplaced: z
    .array(
      z.strictObject({
        id,
        /** The engine's one-word reason (`reasonCode`), or "moved". */
        code: z.string().max(64).default(""),
        reasons: reasonLines,
      }),
    )
    .default([]),
  error: z.string().optional(),
});
export type SolverRun = z.infer<typeof solverRunSchema>;

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
  /** Individual meetings: the members who meet (collective: empty, everyone). */
  participantIds: z.array(id).max(3).default([]),
  /** Held meetings: who was present (their time goes to the hour bank). */
  presentIds: z.array(id).max(3).default([]),
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
  presentIds: z.array(id).max(3).default([]),
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

/** A coordinator's notes as an observer at one of a group's meetings (their own notes). */
export const observerNoteSchema = z.strictObject({
  id,
  programId: id,
  groupId: id,
  meetingDate: z.iso.date(),
  note: z.string().min(1).max(4000),
  createdBy: id,
  createdAt: isoDate,
});

/** In-app notices; the same notice also goes to the outbox. */
export const notificationSchema = z.strictObject({
  id,
  userId: id,
  programId: id.optional(),
  kind: z.string().min(1).max(60),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  link: z.string().max(300).default(""),
  createdAt: isoDate,
  readAt: isoDate.optional(),
});

/**
 * A signed-in browser. The cookie carries only this record's id, so signing out (or an expiry)
 * ends the session on the server: a copied cookie stops working (see app/utils/session.server.ts).
 */
export const sessionSchema = z.strictObject({
  id: z.string().min(32).max(64),
  userId: id,
  createdAt: isoDate,
  expiresAt: isoDate,
});

/**
 * A form submission that had its effect: a repeat of it (a double click, a retry, a resent form)
 * gets the same answer without a second effect (app/utils/submission.server.ts). Kept a day.
 */
export const submissionSchema = z.strictObject({
  /** `sub-` and a hash of who sent it and the form's one-time key. */
  id: z.string().regex(/^sub-[\w-]{43}$/),
  path: z.string().max(2000),
  status: z.number().int().min(200).max(399),
  /** Where a redirect went. */
  location: z.string().max(2000).optional(),
  /** The action's data, as JSON. */
  data: z.string().max(20_000).optional(),
  createdAt: isoDate,
});
export type Submission = z.infer<typeof submissionSchema>;

/** Every collection of the store and the schema of its records. */
export const collectionSchemas = {
  users: userSchema,
  organizations: organizationSchema,
  programs: programSchema,
  participants: participantSchema,
  invitations: invitationSchema,
  applications: applicationSchema,
  events: eventSchema,
  ratings: ratingSchema,
  roomNotes: roomNoteSchema,
  groups: groupSchema,
  memberships: membershipSchema,
  groupProposals: groupProposalSchema,
  solverRuns: solverRunSchema,
  notifications: notificationSchema,
  agreements: agreementSchema,
  hourEntries: hourEntrySchema,
  meetings: meetingSchema,
  actionItems: actionItemSchema,
  codevSessions: codevSessionSchema,
  checkIns: checkInSchema,
  tools: toolSchema,
  evaluations: evaluationSchema,
  evaluationResponses: evaluationResponseSchema,
  observerNotes: observerNoteSchema,
  sessions: sessionSchema,
  submissions: submissionSchema,
} as const;

export type CollectionName = keyof typeof collectionSchemas;
export type EntityOf<C extends CollectionName> = z.infer<(typeof collectionSchemas)[C]>;
export const collectionNames = Object.keys(collectionSchemas) as CollectionName[];

export const documentSchema = z.strictObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  users: z.array(userSchema),
  organizations: z.array(organizationSchema),
  programs: z.array(programSchema),
  participants: z.array(participantSchema),
  invitations: z.array(invitationSchema),
  applications: z.array(applicationSchema).default([]),
  events: z.array(eventSchema).default([]),
  ratings: z.array(ratingSchema).default([]),
  roomNotes: z.array(roomNoteSchema).default([]),
  groups: z.array(groupSchema).default([]),
  memberships: z.array(membershipSchema).default([]),
  groupProposals: z.array(groupProposalSchema).default([]),
  solverRuns: z.array(solverRunSchema).default([]),
  notifications: z.array(notificationSchema).default([]),
  agreements: z.array(agreementSchema).default([]),
  hourEntries: z.array(hourEntrySchema).default([]),
  meetings: z.array(meetingSchema).default([]),
  actionItems: z.array(actionItemSchema).default([]),
  codevSessions: z.array(codevSessionSchema).default([]),
  checkIns: z.array(checkInSchema).default([]),
  tools: z.array(toolSchema).default([]),
  evaluations: z.array(evaluationSchema).default([]),
  evaluationResponses: z.array(evaluationResponseSchema).default([]),
  observerNotes: z.array(observerNoteSchema).default([]),
  sessions: z.array(sessionSchema).default([]),
  submissions: z.array(submissionSchema).default([]),
});
export type StoreDocument = z.infer<typeof documentSchema>;

export function emptyDocument(): StoreDocument {
  return {
    schemaVersion: SCHEMA_VERSION,
    users: [],
    organizations: [],
    programs: [],
    participants: [],
    invitations: [],
    applications: [],
    events: [],
    ratings: [],
    roomNotes: [],
    groups: [],
    memberships: [],
    groupProposals: [],
    solverRuns: [],
    notifications: [],
    agreements: [],
    hourEntries: [],
    meetings: [],
    actionItems: [],
    codevSessions: [],
    checkIns: [],
    tools: [],
    evaluations: [],
    evaluationResponses: [],
    observerNotes: [],
    sessions: [],
    submissions: [],
  };
}

/** "users[3].email" style path of the first zod issue, for error messages. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}
