/**
 * Speed-dating events: their settings, the server-authoritative clock, the round schedule and the
 * ratings. The live layer (server/live/speed-dating.ts) calls these functions; so do the pages.
 */
import { planRounds } from "../../matching/round-scheduler";
import { newId, NotFoundError } from "../store";
import type { EntityOf } from "../store";
import type { EventFormInput } from "../schemas/event";
import { fromDateTimeLocal } from "../utils/quebec-time";
import { engineParticipants, programRules } from "./matching-input.server";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type SpeedEvent = EntityOf<"events">;
export type Rating = EntityOf<"ratings">;
export type EventCommand = "open-lobby" | "start" | "pause" | "resume" | "extend" | "skip" | "end";

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

export async function createEvent(
  s: Services,
  programId: string,
  input: EventFormInput,
  by: string,
) {
  return s.store.insert("events", {
    ...fromForm(input),
    id: newId("evt"),
    programId,
    status: "scheduled",
    currentRound: 0,
    createdBy: by,
    createdAt: s.clock.now().toISOString(),
  });
}

export class EventLockedError extends DomainError {
  constructor() {
    super({
      name: "EventLockedError",
      code: "event-locked",
      messageKey: "errors.live.notNow",
      status: 409,
    });
  }
}

export async function updateEvent(s: Services, id: string, input: EventFormInput) {
  return s.store.transaction(async (tx) => {
    const event = await tx.get("events", id);
    if (!event) throw new NotFoundError("events", id);
    if (event.status !== "scheduled" && event.status !== "lobby") throw new EventLockedError();
    return tx.update("events", id, fromForm(input));
  });
}

/** Pairs of people who sat in the same room in rounds 1..upTo. */
export function metPairs(event: SpeedEvent, upTo = event.currentRound): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const round of event.schedule) {
    if (round.round > upTo) continue;
    for (const room of round.rooms) {
      for (let i = 0; i < room.members.length; i++) {
        for (let j = i + 1; j < room.members.length; j++)
          pairs.push([room.members[i]!, room.members[j]!]);
      }
    }
  }
  return pairs;
}

/**
 * The rounds from `fromRound` on, planned for the people present now. Nobody is seated with someone
 * they could never be grouped with: the program's region rule and the coordination's forbids
 * (matching/compatibility.ts, the rule of the solver and of the group checks).
 */
async function plan(s: Services, event: SpeedEvent, present: readonly string[], fromRound: number) {
  const program = await s.store.get("programs", event.programId);
  const invited = new Set(event.invitedParticipantIds);
  const here = new Set(present.filter((id) => invited.has(id)));
  const participants = await engineParticipants(s, event.programId, here);
  const previous = event.schedule.find((r) => r.round === fromRound - 1);
  const rules = program && programRules(program, here);
  const planned = planRounds({
    participants,
    rounds: event.rounds - fromRound + 1,
    roomSize: event.roomSize,
    regionRule: rules?.policy.regionRule ?? "distinct-regions",
    forbid: rules?.forbid ?? [],
    alreadyMet: metPairs(event, fromRound - 1),
    waitedLastRound: previous?.waiting.filter((id) => here.has(id)) ?? [],
    waitCounts: event.waitCounts,
  });
  const kept = event.schedule.filter((r) => r.round < fromRound);
  return [
    ...kept,
    ...planned.map((r, index) => {
      const round = fromRound + index;
      return {
        round,
        rooms: r.rooms.map((members, i) => ({ id: `r${round}-${i + 1}`, number: i + 1, members })),
        waiting: r.waiting,
      };
    }),
  ];
}

function presentSetChanged(event: SpeedEvent, round: number, present: readonly string[]) {
  const planned = event.schedule.find((r) => r.round === round);
  if (!planned) return true;
  const seated = new Set([...planned.rooms.flatMap((r) => r.members), ...planned.waiting]);
  const here = new Set(present.filter((id) => event.invitedParticipantIds.includes(id)));
  return seated.size !== here.size || [...here].some((id) => !seated.has(id));
}

function addWaits(event: SpeedEvent, round: number) {
  const waiting = event.schedule.find((r) => r.round === round)?.waiting ?? [];
  const counts = { ...event.waitCounts };
  for (const id of waiting) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

const minutes = (m: number) => Math.round(m * 60_000);

export class EventCommandError extends DomainError {
  declare readonly code: "not-allowed" | "no-participants" | "stale";
  constructor(code: "not-allowed" | "no-participants" | "stale") {
    super({
      name: "EventCommandError",
      code,
      messageKey: code === "no-participants" ? "errors.live.needTwo" : "errors.live.notNow",
      status: 409,
    });
  }
}

/**
 * Applies a coordinator's command (or the clock's "skip" at a deadline). `present` are the
 * participant ids connected now. Returns the updated event.
 */
export async function applyCommand(
  s: Services,
  eventId: string,
  command: EventCommand,
  present: readonly string[],
  now = s.clock.now().getTime(),
  /** For the clock: only advance if the deadline is still this one (no double advance). */
  expectDeadline?: string,
  /**
   * For the console: the revision the coordinator saw. A command sent again (a double click, a
   * second tab, a retry) or on a view the clock has since moved is refused ("stale").
   */
  seenRevision?: number,
): Promise<SpeedEvent> {
  return s.store.transaction(async (tx) => {
    const event = await tx.get("events", eventId);
    if (!event) throw new NotFoundError("events", eventId);
    if (
      expectDeadline !== undefined &&
      (event.deadline !== expectDeadline || event.status !== "running")
    ) {
      return event;
    }
    if (seenRevision !== undefined && seenRevision !== event.revision)
      throw new EventCommandError("stale");
    const iso = (ms: number) => new Date(ms).toISOString();
    const remaining = event.deadline ? Math.max(0, Date.parse(event.deadline) - now) : 0;
    let patch: Partial<SpeedEvent> = {};
    switch (command) {
      case "open-lobby":
        if (event.status !== "scheduled") throw new EventCommandError("not-allowed");
        patch = { status: "lobby" };
        break;
      case "start": {
        if (event.status !== "lobby" && event.status !== "scheduled")
          throw new EventCommandError("not-allowed");
        if (present.length < 2) throw new EventCommandError("no-participants");
        const schedule = await plan(s, { ...event, schedule: [] }, present, 1);
        patch = {
          status: "running",
          currentRound: 1,
          phase: "round",
          deadline: iso(now + minutes(event.roundMinutes)),
          schedule,
          waitCounts: {},
          startedAt: iso(now),
        };
        break;
      }
      case "pause":
        if (event.status !== "running") throw new EventCommandError("not-allowed");
        patch = { status: "paused", pausedRemainingMs: remaining, deadline: undefined };
        break;
      case "resume":
        if (event.status !== "paused") throw new EventCommandError("not-allowed");
        patch = {
          status: "running",
          deadline: iso(now + (event.pausedRemainingMs ?? 0)),
          pausedRemainingMs: undefined,
        };
        break;
      case "extend":
        if (event.status === "running" && event.deadline) {
          patch = { deadline: iso(Date.parse(event.deadline) + 60_000) };
        } else if (event.status === "paused") {
          patch = { pausedRemainingMs: (event.pausedRemainingMs ?? 0) + 60_000 };
        } else throw new EventCommandError("not-allowed");
        break;
      case "skip": {
        if (event.status !== "running" && event.status !== "paused")
          throw new EventCommandError("not-allowed");
        const status = "running" as const;
        if (
          event.phase === "round" &&
          event.currentRound < event.rounds &&
          event.breakMinutes > 0
        ) {
          patch = {
            status,
            phase: "break",
            deadline: iso(now + minutes(event.breakMinutes)),
            pausedRemainingMs: undefined,
          };
        } else if (event.currentRound < event.rounds) {
          const next = event.currentRound + 1;
          const waitCounts = addWaits(event, event.currentRound);
          const schedule = presentSetChanged(event, next, present)
            ? await plan(s, { ...event, waitCounts }, present, next)
            : event.schedule;
          patch = {
            status,
            currentRound: next,
            phase: "round",
            deadline: iso(now + minutes(event.roundMinutes)),
            pausedRemainingMs: undefined,
            schedule,
            waitCounts,
          };
        } else {
          patch = {
            status: "ended",
            phase: undefined,
            deadline: undefined,
            endedAt: iso(now),
            pausedRemainingMs: undefined,
          };
        }
        break;
      }
      case "end":
        if (event.status === "ended") throw new EventCommandError("not-allowed");
        patch = {
          status: "ended",
          phase: undefined,
          deadline: undefined,
          pausedRemainingMs: undefined,
          endedAt: iso(now),
        };
        break;
    }
    return tx.update("events", eventId, {
      ...patch,
      revision: event.revision + 1,
    });
  });
}

/** The room a participant sits in during the current round, if any. */
export function currentRoom(event: SpeedEvent, participantId: string) {
  const round = event.schedule.find((r) => r.round === event.currentRound);
  return round?.rooms.find((room) => room.members.includes(participantId));
}

/** Everyone a participant met in a given round (those they can rate). */
export function metInRound(event: SpeedEvent, participantId: string, round: number): string[] {
  const room = event.schedule
    .find((r) => r.round === round)
    ?.rooms.find((x) => x.members.includes(participantId));
  return room ? room.members.filter((id) => id !== participantId) : [];
}

export function videoUrl(event: SpeedEvent, roomId: string): string {
  if (!event.videoUrlPattern) return "";
  return event.videoUrlPattern
    .replaceAll("{event}", event.id.slice(-8))
    .replaceAll("{room}", roomId);
}

export class RatingNotAllowedError extends DomainError {
  constructor() {
    super({
      name: "RatingNotAllowedError",
      code: "rating-not-allowed",
      messageKey: "errors.live.notMet",
      status: 403,
    });
  }
}

/** One rating per (author, person met, round); a new one replaces the previous. */
export async function rate(
  s: Services,
  input: {
    eventId: string;
    round: number;
    from: string;
    to: string;
    answer: Rating["answer"];
    note: string;
  },
) {
  return s.store.transaction(async (tx) => {
    const event = await tx.get("events", input.eventId);
    if (
      !event ||
      input.round > event.currentRound ||
      !metInRound(event, input.from, input.round).includes(input.to)
    ) {
      throw new RatingNotAllowedError();
    }
    const existing = await tx.findOne("ratings", {
      eventId: input.eventId,
      round: input.round,
      fromParticipantId: input.from,
      toParticipantId: input.to,
    });
    const record = {
      answer: input.answer,
      note: input.note,
      updatedAt: s.clock.now().toISOString(),
    };
    return existing
      ? tx.update("ratings", existing.id, record)
      : tx.insert("ratings", {
          ...record,
          id: newId("rat"),
          eventId: input.eventId,
          round: input.round,
          fromParticipantId: input.from,
          toParticipantId: input.to,
        });
  });
}

/** The author's own ratings in an event (nobody else's). */
export async function ownRatings(s: Services, eventId: string, participantId: string) {
  return s.store.find("ratings", { eventId, fromParticipantId: participantId });
}

/** Every rating given in an event, by author (the live layer builds all its views from one read). */
export async function ratingsByAuthor(
  s: Services,
  eventId: string,
): Promise<Map<string, Rating[]>> {
  const byAuthor = new Map<string, Rating[]>();
  for (const rating of await s.store.find("ratings", { eventId })) {
    const list = byAuthor.get(rating.fromParticipantId);
    if (list) list.push(rating);
    else byAuthor.set(rating.fromParticipantId, [rating]);
  }
  return byAuthor;
}

export interface MutualMatch {
  participantId: string;
  level: "yes" | "maybe";
}

/** "Yes" both ways first, then "maybe" (at least a maybe both ways). */
export async function mutualMatches(
  s: Services,
  eventId: string,
  participantId: string,
): Promise<MutualMatch[]> {
  const ratings = await s.store.find("ratings", { eventId });
  const best = new Map<string, Rating["answer"]>();
  const rank = { no: 0, maybe: 1, yes: 2 } as const;
  for (const r of ratings) {
    const key = `${r.fromParticipantId}>${r.toParticipantId}`;
    const prev = best.get(key);
    if (!prev || rank[r.answer] > rank[prev]) best.set(key, r.answer);
  }
  const matches: MutualMatch[] = [];
  for (const [key, mine] of best) {
    const [from, to] = key.split(">") as [string, string];
    if (from !== participantId) continue;
    const theirs = best.get(`${to}>${from}`);
    if (!theirs || mine === "no" || theirs === "no") continue;
    matches.push({
      participantId: to,
      level: mine === "yes" && theirs === "yes" ? "yes" : "maybe",
    });
  }
  return matches.sort((a, b) =>
    a.level === b.level
      ? a.participantId.localeCompare(b.participantId)
      : a.level === "yes"
        ? -1
        : 1,
  );
}

/**
 * All ratings of a program's events, for the matching engine's pair scores; with `involving`, only
 * those given or received by that participant (enough for their own pair scores).
 */
export async function programRatings(s: Services, programId: string, involving?: string) {
  const store = s.store;
  const events = new Set((await store.find("events", { programId })).map((e) => e.id));
  const ratings = involving
    ? [
        ...(await store.find("ratings", { fromParticipantId: involving })),
        ...(await store.find("ratings", { toParticipantId: involving })).filter(
          (r) => r.fromParticipantId !== involving,
        ),
      ]
    : await store.find("ratings");
  // The engine's scale is 0-5: "oui" counts fully, "peut-être" half, "non" nothing; the best
  // answer over the program's events counts.
  const score = { yes: 5, maybe: 2.5, no: 0 } as const;
  const best = new Map<string, { from: string; to: string; score: number }>();
  for (const r of ratings) {
    if (!events.has(r.eventId)) continue;
    const key = `${r.fromParticipantId}>${r.toParticipantId}`;
    const value = score[r.answer];
    if ((best.get(key)?.score ?? -1) < value) {
      best.set(key, { from: r.fromParticipantId, to: r.toParticipantId, score: value });
    }
  }
  return [...best.values()];
}

export type RoomNote = EntityOf<"roomNotes">;

/** A room's note as stored: its plain text, and the Yjs state it was merged from (ADR 0016). */
export async function roomNote(
  s: Services,
  eventId: string,
  roomId: string,
): Promise<RoomNote | undefined> {
  return s.store.findOne("roomNotes", { eventId, roomId });
}

/**
 * Saves some room notes of an event in one transaction. Each `merge` gets the note as stored now
 * (another process may have saved it since this one read it) and returns what to keep.
 */
export async function saveRoomNotes(
  s: Services,
  eventId: string,
  notes: Array<{
    roomId: string;
    by: string;
    merge: (stored: RoomNote | undefined) => { text: string; state: string };
  }>,
) {
  return s.store.transaction(async (tx) => {
    const updatedAt = s.clock.now().toISOString();
    for (const { roomId, by, merge } of notes) {
      const existing = await tx.findOne("roomNotes", { eventId, roomId });
      const record = { ...merge(existing), updatedBy: by, updatedAt };
      if (existing) await tx.update("roomNotes", existing.id, record);
      else await tx.insert("roomNotes", { ...record, id: newId("note"), eventId, roomId });
    }
  });
}

export interface EventAccess {
  event: SpeedEvent;
  coordinator: boolean;
  participantId?: string;
}

/** Who may take part in an event: its program's coordinators and its invited participants. */
export async function getEventAccess(
  s: Services,
  userId: string,
  eventId: string,
): Promise<EventAccess | undefined> {
  const store = s.store;
  const event = await store.get("events", eventId);
  if (!event) return undefined;
  const program = await store.get("programs", event.programId);
  if (!program) return undefined;
  const coordinator = program.coordinatorIds.includes(userId);
  const participant = await store.findOne("participants", { userId, programId: program.id });
  const invited =
    participant && event.invitedParticipantIds.includes(participant.id)
      ? participant.id
      : undefined;
  if (!coordinator && !invited) return undefined;
  return { event, coordinator, participantId: invited };
}

export interface EventPerson {
  id: string;
  name: string;
  organization: string;
  region: string;
  role: "mentor" | "mentee" | "peer";
  needs: string[];
  expertise: string[];
}

/** What people in a room see of each other: name, organization, published needs and expertise. */
export async function eventPeople(
  s: Services,
  event: SpeedEvent,
): Promise<Map<string, EventPerson>> {
  const store = s.store;
  const [program, participants, users, organizations] = await Promise.all([
    store.get("programs", event.programId),
    store.find("participants", { programId: event.programId }),
    store.find("users"),
    store.find("organizations"),
  ]);
  const label = new Map((program?.taxonomy ?? []).map((t) => [t.id, t.label]));
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
      needs: p.published ? p.profile.needs.map((n) => label.get(n.tag) ?? n.tag) : [],
      expertise: p.published ? p.profile.expertise.map((t) => label.get(t) ?? t) : [],
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

/** Mutual matches across all of a program's events. */
export async function mutualMatchesInProgram(
  s: Services,
  programId: string,
  participantId: string,
) {
  const events = await s.store.find("events", { programId });
  const all = await Promise.all(events.map((e) => mutualMatches(s, e.id, participantId)));
  const best = new Map<string, MutualMatch["level"]>();
  for (const m of all.flat())
    if (best.get(m.participantId) !== "yes") best.set(m.participantId, m.level);
  return [...best].map(([id, level]) => ({ participantId: id, level }));
}
