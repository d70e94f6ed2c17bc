/**
 * A speed-dating event's server-authoritative clock and round schedule: the coordinator's (and the
 * clock's) commands, the rounds planned for the people present, and who sits where.
 */
import { planRounds } from "../../../matching/round-scheduler";
import { NotFoundError } from "../../store";
import { engineParticipants, programRules } from "../matching-input.server";
import type { Services } from "../../services";
import { DomainError } from "../../errors";
import type { Event } from "./settings.server";

export type EventCommand = "open-lobby" | "start" | "pause" | "resume" | "extend" | "skip" | "end";

/** Pairs of people who sat in the same room in rounds 1..upTo. */
export function metPairs(event: Event, upTo = event.currentRound): Array<[string, string]> {
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
async function plan(s: Services, event: Event, present: readonly string[], fromRound: number) {
  const program = await s.store.get("programs", event.programId);
  const invited = new Set(event.invitedParticipantIds);
  const here = new Set(present.filter((id) => invited.has(id)));
  const participants = await engineParticipants(s, event.programId, here, { people: true });
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
        withoutPartner: r.withoutPartner,
        late: [],
      };
    }),
  ];
}

function presentSetChanged(event: Event, round: number, present: readonly string[]) {
  const planned = event.schedule.find((r) => r.round === round);
  if (!planned) return true;
  const seated = new Set([...planned.rooms.flatMap((r) => r.members), ...planned.waiting]);
  const here = new Set(present.filter((id) => event.invitedParticipantIds.includes(id)));
  return seated.size !== here.size || [...here].some((id) => !seated.has(id));
}

function addWaits(event: Event, round: number) {
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
): Promise<Event> {
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
    let patch: Partial<Event> = {};
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

/** Is this invited participant neither seated nor waiting in the round being played now? */
export function arrivedLate(event: Event, participantId: string): boolean {
  if (event.status !== "running" && event.status !== "paused") return false;
  if (event.phase !== "round" || event.currentRound < 1) return false;
  if (!event.invitedParticipantIds.includes(participantId)) return false;
  const round = event.schedule.find((r) => r.round === event.currentRound);
  if (!round) return false;
  return (
    !round.waiting.includes(participantId) &&
    !round.rooms.some((room) => room.members.includes(participantId))
  );
}

/**
 * A participant who arrives while a round is played (its rooms were formed without them) waits
 * this round, counted with the people present and listed as waiting on the console; the next
 * round is planned with them (the clock re-plans when the people present changed). One
 * transaction re-reads the event; undefined when they were already seated or waiting, or no round
 * is being played.
 */
export async function seatLate(
  s: Services,
  eventId: string,
  participantId: string,
): Promise<Event | undefined> {
  return s.store.transaction(async (tx) => {
    const event = await tx.get("events", eventId);
    if (!event || !arrivedLate(event, participantId)) return undefined;
    return tx.update("events", eventId, {
      schedule: event.schedule.map((r) =>
        r.round === event.currentRound
          ? { ...r, waiting: [...r.waiting, participantId], late: [...r.late, participantId] }
          : r,
      ),
      revision: event.revision + 1,
    });
  });
}

/** The room a participant sits in during the current round, if any. */
export function currentRoom(event: Event, participantId: string) {
  const round = event.schedule.find((r) => r.round === event.currentRound);
  return round?.rooms.find((room) => room.members.includes(participantId));
}

/** Everyone a participant met in a given round (those they can rate). */
export function metInRound(event: Event, participantId: string, round: number): string[] {
  const room = event.schedule
    .find((r) => r.round === round)
    ?.rooms.find((x) => x.members.includes(participantId));
  return room ? room.members.filter((id) => id !== participantId) : [];
}

export function videoUrl(event: Event, roomId: string): string {
  if (!event.videoUrlPattern) return "";
  return event.videoUrlPattern
    .replaceAll("{event}", event.id.slice(-8))
    .replaceAll("{room}", roomId);
}
