/**
 * What each person sees of a speed-dating event: pure functions of the event and what was read for
 * it (people, chat, ratings, who is connected), so that one read serves every socket of a publish.
 */
import type { ConsoleView, EventView, MatchView } from "../../core/live/protocol";
import {
  videoUrl,
  type EventPerson,
  type MutualMatch,
  type Rating,
  type Event,
} from "../../core/models/event.server";
import type { ChatMessage } from "../../core/store";

/** One collator for every sort of names (a locale argument to localeCompare builds one each call). */
const byName = new Intl.Collator("fr");

export type Room = Event["schedule"][number]["rooms"][number];

/** Where everybody sits, per round: round → participant → room (built once per revision). */
const seatings = new WeakMap<Event, Map<number, Map<string, Room>>>();
export function seats(event: Event) {
  let byRound = seatings.get(event);
  if (!byRound) {
    byRound = new Map();
    for (const round of event.schedule) {
      const seated = new Map<string, Room>();
      for (const room of round.rooms) for (const id of room.members) seated.set(id, room);
      byRound.set(round.round, seated);
    }
    seatings.set(event, byRound);
  }
  return byRound;
}

/** The room a participant sits in now (none once the event ended). */
export function roomOf(event: Event, participantId: string | undefined) {
  if (!participantId || event.status === "ended") return undefined;
  return seats(event).get(event.currentRound)?.get(participantId);
}

/** What a view is built from: read once per person (a join) or once per publish (everyone). */
export interface ViewSources {
  people: Map<string, EventPerson>;
  chat(roomId: string): ChatMessage[];
  ratings(participantId: string): Rating[];
  connected(participantId: string): boolean;
  /** This participant's own mutual matches (read only once the event ended). */
  matches(participantId: string): MutualMatch[];
}

/** Mutual matches as their person sees them: who, from which organization, how strongly. */
export function matchViews(
  matches: readonly MutualMatch[],
  people: Map<string, EventPerson>,
): MatchView[] {
  return matches.map((m) => ({
    id: m.participantId,
    name: people.get(m.participantId)?.name ?? "?",
    organization: people.get(m.participantId)?.organization ?? "",
    level: m.level,
  }));
}

/** What one person sees now: a participant (their room, chat and ratings) or a coordinator. */
export function eventView(
  event: Event,
  participantId: string | undefined,
  coordinator: boolean,
  sources: ViewSources,
  now: number,
): EventView {
  const { people } = sources;
  const byRound = seats(event);
  const room = participantId ? byRound.get(event.currentRound)?.get(participantId) : undefined;
  const round = event.schedule.find((r) => r.round === event.currentRound);
  const ratings = participantId ? sources.ratings(participantId) : [];
  const toRate = participantId
    ? event.schedule
        .filter(
          (r) =>
            r.round < event.currentRound ||
            (r.round === event.currentRound && event.phase !== "round") ||
            (r.round === event.currentRound && event.status === "ended"),
        )
        .flatMap((r) =>
          (byRound.get(r.round)?.get(participantId)?.members ?? [])
            .filter((other) => other !== participantId)
            .map((other) => {
              const given = ratings.find((x) => x.round === r.round && x.toParticipantId === other);
              const person = people.get(other);
              return {
                round: r.round,
                participantId: other,
                name: person?.name ?? "?",
                organization: person?.organization ?? "",
                answer: given?.answer ?? null,
                note: given?.note ?? "",
              };
            }),
        )
    : [];
  return {
    version: event.revision,
    event: {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      status: event.status,
      phase: event.phase ?? null,
      currentRound: event.currentRound,
      rounds: event.rounds,
      deadline: event.deadline ? Date.parse(event.deadline) : null,
      pausedRemainingMs: event.pausedRemainingMs ?? null,
      serverNow: now,
      format: event.format,
      roomSize: event.roomSize,
    },
    me: { participantId: participantId ?? null, coordinator },
    room: room
      ? {
          id: room.id,
          number: room.number,
          videoUrl: videoUrl(event, room.id),
          members: room.members
            .map((id) => people.get(id))
            .filter((p): p is EventPerson => Boolean(p)),
        }
      : null,
    waiting: Boolean(participantId && round?.waiting.includes(participantId)),
    wait: participantId && round ? waitView(event, round, participantId) : null,
    chat: room ? sources.chat(room.id) : [],
    toRate,
    console: coordinator ? consoleView(event, people, sources.connected) : null,
    matches:
      participantId && event.status === "ended"
        ? matchViews(sources.matches(participantId), people)
        : [],
  };
}

/**
 * Why a participant waits this round and what comes next: they arrived after the round began, the
 * pairing rule left nobody they may still meet, or the count of people does not fill every room;
 * then a room planned for them in the next round (plans change when people join or leave), another
 * wait, or no round left.
 */
export function waitView(
  event: Event,
  round: Event["schedule"][number],
  participantId: string,
): EventView["wait"] {
  if (!round.waiting.includes(participantId) || event.status === "ended") return null;
  const present = round.rooms.reduce(
    (sum, room) => sum + room.members.length,
    round.waiting.length,
  );
  const next = event.schedule.find((r) => r.round === round.round + 1);
  return {
    reason: round.late.includes(participantId)
      ? "late"
      : round.withoutPartner.includes(participantId)
        ? "rule"
        : "count",
    present,
    next:
      round.round >= event.rounds
        ? "none"
        : !next
          ? "unplanned"
          : next.waiting.includes(participantId)
            ? "waiting"
            : next.rooms.some((room) => room.members.includes(participantId))
              ? "seated"
              : "unplanned",
  };
}

/** The coordinators' console: who is invited (and connected), the current round's rooms. */
export function consoleView(
  event: Event,
  people: Map<string, EventPerson>,
  connected: (id: string) => boolean,
): ConsoleView {
  const round = event.schedule.find((r) => r.round === event.currentRound);
  const name = (id: string) => people.get(id)?.name ?? id;
  return {
    invited: event.invitedParticipantIds
      .map((id) => ({
        id,
        name: name(id),
        organization: people.get(id)?.organization ?? "",
        connected: connected(id),
      }))
      .sort((a, b) => byName.compare(a.name, b.name)),
    rooms: (round?.rooms ?? []).map((r) => ({
      id: r.id,
      number: r.number,
      members: r.members.map(name),
    })),
    waiting: (round?.waiting ?? []).map(name),
  };
}
