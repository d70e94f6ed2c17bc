/**
 * Speed-dating events and their settings: listing, creating and editing them (until they start),
 * what people in a room see of each other, and the events still live.
 */
import { newId, NotFoundError } from "../../store";
import type { EntityOf, StoreWriter } from "../../store";
import type { EventFormInput } from "../../schemas/event";
import { fromDateTimeLocal, toDateTimeLocal } from "../../utils/quebec-time";
import type { Services } from "../../services";
import { DomainError } from "../../errors";
import { type Role } from "../../../matching/roles";
import { tagFinder, type TagOption } from "../../data/tag-label";
import { announceEvent } from "./announcements.server";
import { listParticipantRows } from "../participant.server";

export type Event = EntityOf<"events">;

export async function listEvents(s: Services, programId: string) {
  const events = await s.store.find("events", { programId });
  return events.sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}

export async function getEvent(s: Services, id: string) {
  return s.store.get("events", id);
}

function fromForm(input: EventFormInput) {
  return {
    title: input.title,
    // Quebec time (the form's datetime-local), not the server's zone.
    startsAt: fromDateTimeLocal(input.startsAt)!.toISOString(),
    invitedParticipantIds: input.invited,
    rounds: input.rounds,
    roundMinutes: input.roundMinutes,
    breakMinutes: input.breakMinutes,
    roomSize: input.roomSize,
    format: input.format,
    videoUrlPattern: input.videoUrlPattern,
  };
}

/** Who a coordinator may invite to a program's event, as the form lists them. */
export async function invitableParticipants(s: Services, programId: string) {
  return (await listParticipantRows(s, programId)).map((p) => ({
    id: p.id,
    name: p.name,
    organization: p.organization,
    role: p.role,
  }));
}

/** Someone invited is not a participant of the event's program (a forged or stale form). */
export class EventInviteeError extends DomainError {
  constructor() {
    super({
      name: "EventInviteeError",
      code: "event-invitee",
      messageKey: "errors.choice",
      field: "invited",
      status: 400,
    });
  }
}

/** The invited people are the program's participants: read in the transaction that writes. */
async function checkInvited(tx: StoreWriter, programId: string, invited: readonly string[]) {
  const known = new Set((await tx.find("participants", { programId })).map((p) => p.id));
  if (invited.some((id) => !known.has(id))) throw new EventInviteeError();
}

/** A start already past (the service's clock; the form's date and time are Quebec time). */
export class EventStartsInPastError extends DomainError {
  constructor(readonly startsAt: string) {
    super({
      name: "EventStartsInPastError",
      code: "event-in-past",
      messageKey: "events.errors.inPast",
      status: 400,
      field: "startsAt",
      dateParams: { date: startsAt },
    });
  }
}

/**
 * The one check of a session's start, for scheduling and editing alike (inside their
 * transaction): a start entered must be to come, else the invited people would be told of a
 * session already over (EventStartsInPastError).
 *
 * Editing a session whose start has passed although it has not started (the coordinator is late,
 * or opened the lobby and is waiting for people) keeps working as long as the start is left as
 * it is: fixing the title or the link, or inviting someone who just arrived, is what they expect
 * to do then, and refusing would lock the session's settings the minute its hour passes. The
 * start is compared to the minute, as the form shows it. Moving the start to another time
 * already past is refused, as when scheduling.
 */
function checkStart(s: Services, startsAt: string, current?: string) {
  if (current !== undefined && toDateTimeLocal(current) === toDateTimeLocal(startsAt)) return;
  if (Date.parse(startsAt) <= s.clock.now().getTime()) throw new EventStartsInPastError(startsAt);
}

export async function createEvent(
  s: Services,
  programId: string,
  input: EventFormInput,
  by: string,
) {
  // The event and its announcement in one transaction: the invited people are told once, after
  // the commit (the e-mails through the outbox queue).
  return s.store.transaction(async (tx) => {
    const settings = fromForm(input);
    checkStart(s, settings.startsAt);
    await checkInvited(tx, programId, input.invited);
    const event = await tx.insert("events", {
      ...settings,
      id: newId("evt"),
      programId,
      status: "scheduled",
      currentRound: 0,
      createdBy: by,
      createdAt: s.clock.now().toISOString(),
    });
    await announceEvent(s, event.id);
    return (await s.store.get("events", event.id)) ?? event;
  });
}

export class EventLockedError extends DomainError {
  constructor() {
    super({
      name: "EventLockedError",
      code: "event-locked",
      messageKey: "events.errors.started",
      status: 409,
    });
  }
}

/**
 * Changes an event's settings while it has not started (scheduled, or its lobby open), in one
 * transaction that re-reads its status: a new revision, so the live engine and the pages connected
 * take it (`eventSettings`, after the commit). A start moved into the past is refused (checkStart).
 * The people newly invited get the announcement;
 * those told before, a new time or place; saving the same settings again tells nobody.
 */
export async function updateEvent(s: Services, id: string, input: EventFormInput) {
  return s.store.transaction(async (tx) => {
    const event = await tx.get("events", id);
    if (!event) throw new NotFoundError("events", id);
    if (!isEditable(event)) throw new EventLockedError();
    const settings = fromForm(input);
    checkStart(s, settings.startsAt, event.startsAt);
    await checkInvited(tx, event.programId, input.invited);
    const revision = event.revision + 1;
    await tx.update("events", id, { ...settings, revision });
    await announceEvent(s, id);
    await s.store.afterCommit(() => s.eventSettings.emit(id, revision));
    return (await tx.get("events", id))!;
  });
}

/** Whether an event's settings may still change: it has not started. */
export function isEditable(event: Pick<Event, "status">): boolean {
  return event.status === "scheduled" || event.status === "lobby";
}

export interface EventPerson {
  id: string;
  name: string;
  organization: string;
  region: string;
  role: Role;
  /** Subjects with both labels: each reader's page names them in its language. */
  needs: TagOption[];
  expertise: TagOption[];
}

/** What people in a room see of each other: name, organization, published needs and expertise. */
export async function eventPeople(s: Services, event: Event): Promise<Map<string, EventPerson>> {
  const store = s.store;
  const [program, participants, users, organizations] = await Promise.all([
    store.get("programs", event.programId),
    store.find("participants", { programId: event.programId }),
    store.find("users"),
    store.find("organizations"),
  ]);
  const subject = tagFinder(program?.taxonomy ?? []);
  const userById = new Map(users.map((u) => [u.id, u]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const invited = new Set(event.invitedParticipantIds);
  const people = new Map<string, EventPerson>();
  for (const p of participants) {
    if (!invited.has(p.id)) continue;
    const org = orgById.get(p.organizationId);
    people.set(p.id, {
      id: p.id,
      name: userById.get(p.userId)?.name ?? "?",
      organization: org?.name ?? "",
      region: org?.region ?? "",
      role: p.role,
      needs: p.published ? p.profile.needs.map((n) => subject(n.tag)) : [],
      expertise: p.published ? p.profile.expertise.map(subject) : [],
    });
  }
  return people;
}

/** Events still live when the server starts: their clocks are re-armed. */
export async function liveEvents(s: Services) {
  const events = await s.store.find("events");
  return events.filter(
    (e) => e.status === "running" || e.status === "paused" || e.status === "lobby",
  );
}
