/**
 * Records of group formation: groups and their seats (memberships), proposals between
 * participants, the solver's runs, and the reasons shown for them.
 */
import { z } from "zod";
import { STORED_REASON_CODES, STORED_REASON_PARAMS } from "../../data/reasons";
import { id, isoDate } from "./common";

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

/**
 * A group of three seats (triade). Its members see each other's contact details and its space. A
 * mentor seat shared by two co-mentors (ADR 0026) makes four members: `coMentorId` is the second.
 */
export const groupSchema = z.strictObject({
  id,
  programId: id,
  memberIds: z.array(id).min(3).max(4),
  mentorId: id.optional(),
  /** The co-mentor who shares the seat of `mentorId`, a member too. */
  coMentorId: id.optional(),
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
  /**
   * The members invited the program's coordination to observe (an agreement point, ADR 0027):
   * while set, the program's coordinators see the calendar and the meetings, nothing private.
   * Any member sets it and any member removes it (then it is absent).
   */
  observerInvitation: z.strictObject({ by: id, at: isoDate }).optional(),
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
  /**
   * When a coordinator last changed the proposals by hand (a swap, a move, a regrouping): from then
   * on `result` describes the calculation, not the proposals as they are.
   */
  editedAt: isoDate.optional(),
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
