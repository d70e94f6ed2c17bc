/**
 * The coordination's own figures for a program (ADR 0025): the time coordinators spend on it
 * (recruitment, selection, pairing, follow-up, evaluation), logged per program, and each mentor's
 * compensation (for information, CAD; the program's figure unless set). Both reach the report
 * next to the hours used.
 */
import { coordinates } from "./coordinators";
import { newId } from "../store";
import type { EntityOf } from "../store";
import type { CoordinationTask } from "../data/vocabulary";
import type { Services } from "../services";
import { DomainError } from "../errors";
import { newestFirst } from "../utils/order";
import { audit } from "./group.server";

export type CoordinationEntry = EntityOf<"coordinationEntries">;
type Actor = { id: string; name: string };

/** Not a coordinator of this program (the page answered 404 before; a race lost since). */
export class NotCoordinatorError extends DomainError {
  constructor() {
    super({
      name: "NotCoordinatorError",
      code: "not-coordinator",
      messageKey: "errors.page.notFound",
      status: 404,
    });
  }
}

/** The line is not the coordinator's own, or not of this program. */
export class NotYourCoordinationEntryError extends DomainError {
  constructor() {
    super({
      name: "NotYourCoordinationEntryError",
      code: "not-your-coordination-entry",
      messageKey: "errors.page.notFound",
      status: 404,
    });
  }
}

/** The compensation is for a mentor of the program only. */
export class NotAMentorError extends DomainError {
  constructor() {
    super({
      name: "NotAMentorError",
      code: "not-a-mentor",
      messageKey: "errors.choice",
      status: 400,
      field: "participantId",
    });
  }
}

/** The program's coordination time, newest first, with who logged it. */
export async function listCoordinationTime(s: Services, programId: string) {
  const [entries, users] = await Promise.all([
    s.store.find("coordinationEntries", { programId }),
    s.store.find("users", { role: "coordinator" }),
  ]);
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return entries
    .sort((a, b) => newestFirst(a.date, b.date) || newestFirst(a.createdAt, b.createdAt))
    .map((e) => ({ ...e, who: nameOf.get(e.userId) ?? "" }));
}

/** A coordinator of the program logs time on it; the audit line once committed. */
export async function addCoordinationTime(
  s: Services,
  programId: string,
  actor: Actor,
  input: { date: string; hours: number; task: CoordinationTask; note: string },
) {
  return s.store.transaction(async (tx) => {
    const program = await tx.get("programs", programId);
    if (!program || !coordinates(program, actor.id)) throw new NotCoordinatorError();
    const entry = await tx.insert("coordinationEntries", {
      ...input,
      id: newId("crd"),
      programId,
      userId: actor.id,
      createdAt: s.clock.now().toISOString(),
    });
    await audit(s, programId, actor, "coordination-time-added", {
      entryId: entry.id,
      date: input.date,
      hours: input.hours,
      task: input.task,
    });
    return entry;
  });
}

/** A coordinator removes one of their own lines. */
export async function removeCoordinationTime(
  s: Services,
  programId: string,
  actor: Actor,
  entryId: string,
) {
  return s.store.transaction(async (tx) => {
    const entry = await tx.get("coordinationEntries", entryId);
    if (!entry || entry.programId !== programId || entry.userId !== actor.id)
      throw new NotYourCoordinationEntryError();
    await tx.remove("coordinationEntries", entryId);
    await audit(s, programId, actor, "coordination-time-removed", {
      entryId,
      date: entry.date,
      hours: entry.hours,
      task: entry.task,
    });
  });
}

/** The program's mentors with their compensation (their own, or the program's by default). */
export async function mentorCompensations(
  s: Services,
  program: Pick<EntityOf<"programs">, "id" | "budget">,
) {
  const [participants, users, organizations] = await Promise.all([
    s.store.find("participants", { programId: program.id, role: "mentor" }),
    s.store.find("users"),
    s.store.find("organizations"),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const orgName = new Map(organizations.map((o) => [o.id, o.name]));
  return participants
    .map((p) => ({
      id: p.id,
      name: userName.get(p.userId) ?? "",
      organization: orgName.get(p.organizationId) ?? "",
      own: p.compensation,
      amount: p.compensation ?? program.budget.mentorCompensation,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/**
 * A coordinator sets a mentor's compensation (CAD), or clears it (`undefined`: the program's
 * figure). The participant is re-read in the transaction: a mentor of this program only.
 */
export async function setMentorCompensation(
  s: Services,
  programId: string,
  actor: Actor,
  participantId: string,
  amount: number | undefined,
) {
  return s.store.transaction(async (tx) => {
    const program = await tx.get("programs", programId);
    if (!program || !coordinates(program, actor.id)) throw new NotCoordinatorError();
    const participant = await tx.get("participants", participantId);
    if (!participant || participant.programId !== programId || participant.role !== "mentor")
      throw new NotAMentorError();
    if (participant.compensation === amount) return participant;
    const updated = await tx.update("participants", participantId, { compensation: amount });
    await audit(s, programId, actor, "mentor-compensation-set", {
      participantId,
      amount: amount ?? null,
    });
    return updated;
  });
}
