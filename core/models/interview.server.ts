/**
 * Final interviews: the pilot's final evaluation was an individual interview of about an hour with
 * each participant, whose summary the participant validated. The coordinator schedules one per
 * participant (Quebec date and time, a place or a link), records the summary under the final
 * questionnaire's themes, and the participant validates it or asks for a correction (the
 * coordinator revises, the participant reads again). Only a validated summary reaches the report
 * (`interviewFigures`, core/models/report/aggregate.ts).
 *
 * Each step is one transaction that re-reads the interview; a step already done (the same answer
 * twice) changes nothing and sends nothing.
 */
import { newId } from "../store";
import type { EntityOf, StoreWriter } from "../store";
import type { InterviewNotes } from "../store/schema";
import { notify } from "./notification.server";
import { compareCodeUnits } from "../utils/order";
import { quebecDateTime } from "../utils/quebec-time";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type Interview = EntityOf<"interviews">;
type Program = EntityOf<"programs">;

export class InterviewNotFoundError extends DomainError {
  constructor() {
    super({
      name: "InterviewNotFoundError",
      code: "interview-not-found",
      messageKey: "errors.page.notFound",
      status: 404,
    });
  }
}

/** The participant named is not one of the program's. */
export class IntervieweeUnknownError extends DomainError {
  constructor() {
    super({
      name: "IntervieweeUnknownError",
      code: "interviewee-unknown",
      messageKey: "errors.choice",
      status: 400,
      field: "participantId",
    });
  }
}

/** A validated summary is final: no new time, no correction. */
export class InterviewValidatedError extends DomainError {
  constructor() {
    super({
      name: "InterviewValidatedError",
      code: "interview-validated",
      messageKey: "interviews.errors.validated",
      status: 409,
    });
  }
}

/** Nothing to validate or correct: no summary recorded, or a correction already asked. */
export class InterviewNotAwaitingError extends DomainError {
  constructor() {
    super({
      name: "InterviewNotAwaitingError",
      code: "interview-not-awaiting",
      messageKey: "interviews.errors.notAwaiting",
      status: 409,
    });
  }
}

/** The coordinator revised the summary after the participant opened it: read it again. */
export class InterviewRevisedError extends DomainError {
  constructor() {
    super({
      name: "InterviewRevisedError",
      code: "interview-revised",
      messageKey: "interviews.errors.revised",
      status: 409,
    });
  }
}

/** The people a coordinator may interview: the program's participants, with their names. */
export async function interviewees(s: Services, programId: string) {
  const participants = await s.store.find("participants", { programId });
  const people = await Promise.all(
    participants.map(async (p) => ({
      id: p.id,
      role: p.role,
      name: (await s.store.get("users", p.userId))?.name ?? p.id,
    })),
  );
  return people.sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/** The program's interviews, in date order. */
export async function listInterviews(s: Services, programId: string) {
  const list = await s.store.find("interviews", { programId });
  return list.sort((a, b) => compareCodeUnits(a.startsAt, b.startsAt));
}

/** The interview of one participant (one per participant and program). */
export async function interviewOf(s: Services, programId: string, participantId: string) {
  return s.store.findOne("interviews", { programId, participantId });
}

export async function getInterview(s: Services, programId: string, interviewId: string) {
  const interview = await s.store.get("interviews", interviewId);
  return interview && interview.programId === programId ? interview : undefined;
}

const link = (interview: Pick<Interview, "programId" | "id">) =>
  `/programs/${interview.programId}/interviews/${interview.id}`;

async function tellParticipant(
  s: Services,
  program: Program,
  interview: Interview,
  kind: "interviewScheduled" | "interviewToValidate",
) {
  const participant = await s.store.get("participants", interview.participantId);
  if (!participant) return;
  const { date, time } = quebecDateTime(interview.startsAt);
  await notify(s, {
    userId: participant.userId,
    programId: program.id,
    kind,
    params: { program: program.title, date, time, place: interview.place || "—" },
    link: link(interview),
  });
}

/**
 * Schedules the participant's interview, or moves it (a new time or place). The same time and
 * place again is no change; a validated interview is not moved.
 */
export async function scheduleInterview(
  s: Services,
  program: Program,
  input: { participantId: string; startsAt: string; durationMinutes: number; place: string },
  by: string,
) {
  return s.store.transaction(async (tx) => {
    const participant = await tx.get("participants", input.participantId);
    if (!participant || participant.programId !== program.id) throw new IntervieweeUnknownError();
    const now = s.clock.now().toISOString();
    const existing = await tx.findOne("interviews", {
      programId: program.id,
      participantId: participant.id,
    });
    if (existing) {
      if (existing.status === "validated") throw new InterviewValidatedError();
      if (
        existing.startsAt === input.startsAt &&
        existing.durationMinutes === input.durationMinutes &&
        existing.place === input.place
      )
        return existing;
      const moved = await tx.update("interviews", existing.id, { ...input, updatedAt: now });
      await tellParticipant(s, program, moved, "interviewScheduled");
      return moved;
    }
    const interview = await tx.insert("interviews", {
      id: newId("itw"),
      programId: program.id,
      ...input,
      status: "scheduled",
      revision: 0,
      scheduledBy: by,
      createdAt: now,
      updatedAt: now,
    });
    await tellParticipant(s, program, interview, "interviewScheduled");
    return interview;
  });
}

const sameNotes = (a: InterviewNotes | undefined, b: InterviewNotes) =>
  a !== undefined &&
  a.appreciation === b.appreciation &&
  a.learning === b.learning &&
  a.objectivesReached === b.objectivesReached &&
  a.recommendations === b.recommendations &&
  a.continueMeeting === b.continueMeeting;

/**
 * The coordinator records (or revises) the summary: it awaits the participant's validation again,
 * and the participant is told. The summary they are already reading, sent again, is no change.
 */
export async function recordInterview(
  s: Services,
  program: Program,
  interviewId: string,
  notes: InterviewNotes,
) {
  return s.store.transaction(async (tx) => {
    const interview = await tx.get("interviews", interviewId);
    if (!interview || interview.programId !== program.id) throw new InterviewNotFoundError();
    if (interview.status === "validated" && sameNotes(interview.notes, notes)) return interview;
    if (interview.status === "awaiting-validation" && sameNotes(interview.notes, notes))
      return interview;
    const updated = await tx.update("interviews", interview.id, {
      notes,
      status: "awaiting-validation",
      revision: interview.revision + 1,
      validatedAt: undefined,
      updatedAt: s.clock.now().toISOString(),
    });
    await tellParticipant(s, program, updated, "interviewToValidate");
    return updated;
  });
}

/** The participant's own interview, read in the transaction, awaiting their answer on `revision`. */
async function awaitingAnswer(
  tx: StoreWriter,
  programId: string,
  interviewId: string,
  participantId: string,
) {
  const interview = await tx.get("interviews", interviewId);
  if (!interview || interview.programId !== programId || interview.participantId !== participantId)
    throw new InterviewNotFoundError();
  return interview;
}

/** The participant validates the summary they read (`revision`); validating twice is no change. */
export async function validateInterview(
  s: Services,
  programId: string,
  interviewId: string,
  participantId: string,
  revision: number,
) {
  return s.store.transaction(async (tx) => {
    const interview = await awaitingAnswer(tx, programId, interviewId, participantId);
    if (interview.revision !== revision) throw new InterviewRevisedError();
    if (interview.status === "validated") return interview;
    if (interview.status !== "awaiting-validation") throw new InterviewNotAwaitingError();
    const now = s.clock.now().toISOString();
    return tx.update("interviews", interview.id, {
      status: "validated",
      validatedAt: now,
      updatedAt: now,
    });
  });
}

/**
 * The participant asks for a correction of the summary they read, saying what to change; the
 * coordinators are told. The same request twice is no change.
 */
export async function requestInterviewCorrection(
  s: Services,
  program: Program,
  interviewId: string,
  participantId: string,
  input: { revision: number; comment: string },
) {
  return s.store.transaction(async (tx) => {
    const interview = await awaitingAnswer(tx, program.id, interviewId, participantId);
    if (interview.revision !== input.revision) throw new InterviewRevisedError();
    if (interview.status === "validated") throw new InterviewValidatedError();
    if (
      interview.status === "correction-requested" &&
      interview.correction?.revision === input.revision &&
      interview.correction.comment === input.comment
    )
      return interview;
    if (interview.status !== "awaiting-validation") throw new InterviewNotAwaitingError();
    const now = s.clock.now().toISOString();
    const updated = await tx.update("interviews", interview.id, {
      status: "correction-requested",
      correction: { comment: input.comment, revision: input.revision, requestedAt: now },
      updatedAt: now,
    });
    for (const userId of program.coordinatorIds) {
      await notify(s, {
        userId,
        programId: program.id,
        kind: "interviewCorrection",
        params: { program: program.title },
        link: link(updated),
      });
    }
    return updated;
  });
}

/** The participant's interviews awaiting their validation, in every program (for the dashboard). */
export async function interviewsToValidate(s: Services, participantIds: readonly string[]) {
  const found = await Promise.all(
    participantIds.map((participantId) =>
      s.store.find("interviews", { participantId, status: "awaiting-validation" }),
    ),
  );
  return found.flat();
}
