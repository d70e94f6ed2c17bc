/**
 * Evaluations: the monthly questionnaire (progress on each objective, success factors,
 * difficulties, appreciation 1–5, comment) and the final evaluation (learning, objectives reached,
 * appreciation, recommendations, whether to keep meeting). Coordinators schedule them, follow the
 * response rate, remind those who have not answered, and keep observer notes per meeting.
 */
import { newId } from "../store";
import type { EntityOf } from "../store";
import { notify } from "./notification.server";
import { newestFirst } from "../utils/order";
import { quebecDate, quebecToday } from "../utils/quebec-time";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type Evaluation = EntityOf<"evaluations">;
export type EvaluationResponse = EntityOf<"evaluationResponses">;
type Program = EntityOf<"programs">;

export class EvaluationNotFoundError extends DomainError {
  constructor() {
    super({
      name: "EvaluationNotFoundError",
      code: "evaluation-not-found",
      messageKey: "errors.page.notFound",
      status: 404,
    });
  }
}
export class EvaluationClosedError extends DomainError {
  constructor() {
    super({
      name: "EvaluationClosedError",
      code: "evaluation-closed",
      messageKey: "errors.evaluationClosed",
      status: 409,
    });
  }
}

/** Before its first day, open from its first to its last day, then closed (Quebec dates). */
export function evaluationPhase(
  evaluation: Evaluation,
  now = new Date(),
): "upcoming" | "open" | "closed" {
  const day = quebecToday(now);
  return day < evaluation.opensOn ? "upcoming" : day <= evaluation.closesOn ? "open" : "closed";
}

export function isOpen(evaluation: Evaluation, now = new Date()) {
  return evaluationPhase(evaluation, now) === "open";
}

export async function listEvaluations(s: Services, programId: string) {
  const list = await s.store.find("evaluations", { programId });
  return list.sort((a, b) => newestFirst(a.opensOn, b.opensOn));
}

/** The participants asked to answer: the members of the program's active groups. */
export async function respondents(s: Services, programId: string) {
  const groups = await s.store.find("groups", { programId, status: "active" });
  return new Map(groups.flatMap((g) => g.memberIds.map((id) => [id, g.id] as const)));
}

export async function responseRates(s: Services, programId: string) {
  const [evaluations, eligible, responses] = await Promise.all([
    listEvaluations(s, programId),
    respondents(s, programId),
    s.store.find("evaluationResponses", { programId }),
  ]);
  return evaluations.map((evaluation) => {
    const answered = new Set(
      responses
        .filter((r) => r.evaluationId === evaluation.id && eligible.has(r.participantId))
        .map((r) => r.participantId),
    );
    return {
      evaluation,
      answered: answered.size,
      expected: eligible.size,
      rate: eligible.size ? answered.size / eligible.size : 0,
      open: isOpen(evaluation, s.clock.now()),
    };
  });
}

export async function scheduleEvaluation(
  s: Services,
  program: Program,
  input: { kind: Evaluation["kind"]; title: string; opensOn: string; closesOn: string },
  createdBy: string,
) {
  const evaluation = await s.store.insert("evaluations", {
    id: newId("eval"),
    programId: program.id,
    ...input,
    createdBy,
    createdAt: s.clock.now().toISOString(),
  });
  await announceOpenEvaluations(s);
  return evaluation;
}

async function tellRespondents(
  s: Services,
  evaluation: Evaluation,
  kind: "evaluationOpen" | "evaluationReminder",
  only?: (participantId: string) => boolean,
) {
  const store = s.store;
  const program = await store.get("programs", evaluation.programId);
  if (!program) return 0;
  let sent = 0;
  for (const participantId of (await respondents(s, program.id)).keys()) {
    if (only && !only(participantId)) continue;
    const participant = await store.get("participants", participantId);
    if (!participant) continue;
    await notify(s, {
      userId: participant.userId,
      programId: program.id,
      kind,
      params: { program: program.title, title: evaluation.title, closesOn: evaluation.closesOn },
      link: `/programs/${program.id}/evaluations/${evaluation.id}`,
    });
    sent++;
  }
  return sent;
}

/** Tells the participants when a questionnaire opens (once; called by the reminders loop too). */
export async function announceOpenEvaluations(s: Services, now = s.clock.now()) {
  const store = s.store;
  let sent = 0;
  for (const candidate of await store.find("evaluations")) {
    if (candidate.announcedAt || !isOpen(candidate, now)) continue;
    // The claim and the notices are one transaction: announced once, by one process, and never
    // marked announced without its notices.
    sent += await store.transaction(async (tx) => {
      const fresh = await tx.get("evaluations", candidate.id);
      if (!fresh || fresh.announcedAt) return 0;
      const claimed = await tx.update("evaluations", fresh.id, { announcedAt: now.toISOString() });
      return tellRespondents(s, claimed, "evaluationOpen");
    });
  }
  return sent;
}

/** The coordinator reminds those who have not answered yet. */
export async function remindNonRespondents(s: Services, programId: string, evaluationId: string) {
  return s.store.transaction(async (tx) => {
    const evaluation = await tx.get("evaluations", evaluationId);
    if (!evaluation || evaluation.programId !== programId) throw new EvaluationNotFoundError();
    if (!isOpen(evaluation, s.clock.now())) throw new EvaluationClosedError();
    const answered = new Set(
      (await tx.find("evaluationResponses", { evaluationId })).map((r) => r.participantId),
    );
    const sent = await tellRespondents(
      s,
      evaluation,
      "evaluationReminder",
      (id) => !answered.has(id),
    );
    await tx.update("evaluations", evaluation.id, { remindedAt: s.clock.now().toISOString() });
    return sent;
  });
}

export async function getEvaluation(s: Services, programId: string, evaluationId: string) {
  const evaluation = await s.store.get("evaluations", evaluationId);
  return evaluation && evaluation.programId === programId ? evaluation : undefined;
}

export async function responseOf(s: Services, evaluationId: string, participantId: string) {
  return s.store.findOne("evaluationResponses", { evaluationId, participantId });
}

/** The objectives a participant reports on: their items in their group's action plan. */
export async function objectivesOf(
  s: Services,
  participantId: string,
  groupId: string | undefined,
) {
  if (!groupId) return [];
  const items = await s.store.find("actionItems", { groupId, ownerId: participantId });
  return items
    .filter((i) => i.status !== "dropped")
    .sort((a, b) => a.rank - b.rank)
    .map((i) => ({ id: i.id, title: i.title }));
}

export type ResponseInput = Omit<
  EvaluationResponse,
  "id" | "evaluationId" | "programId" | "participantId" | "groupId" | "submittedAt"
>;

/** Saves (or replaces, while the questionnaire is open) a participant's answers. */
export async function submitResponse(
  s: Services,
  evaluation: Evaluation,
  participantId: string,
  groupId: string | undefined,
  input: ResponseInput,
) {
  return s.store.transaction(async (tx) => {
    // The questionnaire as it is now: closed in the meantime, it takes no more answers.
    const current = await tx.get("evaluations", evaluation.id);
    if (!current || !isOpen(current, s.clock.now())) throw new EvaluationClosedError();
    const existing = await tx.findOne("evaluationResponses", {
      evaluationId: evaluation.id,
      participantId,
    });
    const record = {
      ...input,
      evaluationId: evaluation.id,
      programId: evaluation.programId,
      participantId,
      groupId,
      submittedAt: s.clock.now().toISOString(),
    };
    if (existing) return tx.update("evaluationResponses", existing.id, record);
    return tx.insert("evaluationResponses", { id: newId("resp"), ...record });
  });
}

export async function listObserverNotes(s: Services, programId: string) {
  const notes = await s.store.find("observerNotes", { programId });
  return notes.sort((a, b) => newestFirst(a.meetingDate, b.meetingDate));
}

/** An observer note must name a meeting of a group that invites the coordination (ADR 0027). */
export class ObservedMeetingError extends DomainError {
  constructor() {
    super({
      name: "ObservedMeetingError",
      code: "observed-meeting-not-found",
      messageKey: "observation.meetingNotFound",
      field: "meetingId",
    });
  }
}

/**
 * The groups of the program that invite its coordination to observe, with their meetings in
 * order: what an observer note may be about.
 */
export async function observableMeetings(s: Services, programId: string) {
  const groups = (await s.store.find("groups", { programId, status: "active" }))
    .filter((g) => g.observerInvitation)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return Promise.all(
    groups.map(async (group) => ({
      group,
      meetings: (await s.store.find("meetings", { groupId: group.id })).sort((a, b) =>
        a.startsAt.localeCompare(b.startsAt),
      ),
    })),
  );
}

/**
 * A coordinator's note about a meeting they observed: the meeting must be one of a group of the
 * program that invites the coordination now (re-read in the transaction); the note keeps the
 * meeting's id, its group and its day in Quebec.
 */
export async function addObserverNote(
  s: Services,
  programId: string,
  input: { meetingId: string; note: string },
  createdBy: string,
) {
  return s.store.transaction(async (tx) => {
    const meeting = await tx.get("meetings", input.meetingId);
    const group = meeting && (await tx.get("groups", meeting.groupId));
    if (
      !meeting ||
      !group ||
      group.programId !== programId ||
      group.status !== "active" ||
      !group.observerInvitation
    )
      throw new ObservedMeetingError();
    return tx.insert("observerNotes", {
      id: newId("obs"),
      programId,
      groupId: group.id,
      meetingId: meeting.id,
      meetingDate: quebecDate(meeting.startsAt),
      note: input.note,
      createdBy,
      createdAt: s.clock.now().toISOString(),
    });
  });
}
