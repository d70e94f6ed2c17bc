/**
 * What each person sees of a speed-dating event, as pure functions of the event and what was read
 * for it: a participant's room, chat and people to rate, someone waiting, the coordinators'
 * console, and what changes at a break and at the end.
 */
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../core/models/chat.server";
import type { EventPerson, Rating, Event } from "../../core/models/event.server";
import { consoleView, eventView, roomOf, type ViewSources } from "../../server/live/event-views";
import { translate } from "../../core/i18n";
import type { EventView } from "../../core/live/protocol";
import { waitLines } from "../../core/live/wait-text";

/** The waiting panel's lines, as the page shows them. */
function text(view: EventView, locale: "fr" | "en" = "fr") {
  return waitLines(view)
    .map((line) => translate(locale, line.key, line.params))
    .join(" ");
}

const NOW = Date.parse("2026-03-10T18:30:00.000Z");

function person(id: string, name: string): EventPerson {
  return {
    id,
    name,
    organization: `Org ${name}`,
    region: "Montréal",
    role: "peer",
    needs: [],
    expertise: [],
  };
}
const people = new Map(
  [
    person("p-a", "Zoé Tremblay"),
    person("p-b", "Éric Roy"),
    person("p-c", "Amélie Côté"),
    person("p-d", "Benoît Gagnon"),
    person("p-e", "Chloé Morin"),
  ].map((p) => [p.id, p]),
);

function event(fields: Partial<Event> = {}): Event {
  return {
    id: "evt-views",
    programId: "prog-views",
    title: "Séance",
    startsAt: "2026-03-10T18:00:00.000Z",
    invitedParticipantIds: ["p-a", "p-b", "p-c", "p-d", "p-e"],
    rounds: 3,
    roundMinutes: 5,
    breakMinutes: 1,
    roomSize: 2,
    format: "online",
    videoUrlPattern: "https://visio.exemple.org/{room}",
    status: "running",
    currentRound: 2,
    phase: "round",
    deadline: "2026-03-10T18:32:00.000Z",
    schedule: [
      {
        round: 1,
        rooms: [
          { id: "r1-1", number: 1, members: ["p-a", "p-b"] },
          { id: "r1-2", number: 2, members: ["p-c", "p-d"] },
        ],
        waiting: ["p-e"],
        withoutPartner: [],
        late: [],
      },
      {
        round: 2,
        rooms: [
          { id: "r2-1", number: 1, members: ["p-a", "p-c"] },
          { id: "r2-2", number: 2, members: ["p-b", "p-e"] },
        ],
        waiting: ["p-d"],
        withoutPartner: [],
        late: [],
      },
    ],
    waitCounts: {},
    revision: 7,
    createdBy: "u-coord",
    createdAt: "2026-03-01T12:00:00.000Z",
    startedAt: "2026-03-10T18:20:00.000Z",
    ...fields,
  } as Event;
}

function message(roomId: string, text: string): ChatMessage {
  return {
    id: `m-${roomId}-${text}`,
    eventId: "evt-views",
    roomId,
    round: 2,
    authorId: "p-a",
    authorName: "Zoé Tremblay",
    text,
    at: "2026-03-10T18:29:00.000Z",
  };
}

const ratings: Rating[] = [
  {
    id: "rt-1",
    eventId: "evt-views",
    round: 1,
    fromParticipantId: "p-a",
    toParticipantId: "p-b",
    answer: "yes",
    note: "À revoir",
    updatedAt: "2026-03-10T18:26:00.000Z",
  },
];

const sources: ViewSources = {
  people,
  chat: (roomId) => (roomId === "r2-1" ? [message("r2-1", "bonjour")] : []),
  ratings: (id) => (id === "p-a" ? ratings : []),
  connected: (id) => id === "p-a" || id === "p-d",
  matches: () => [],
};

describe("speed-dating views", () => {
  it("show a participant their room, its chat and the people met before, with their answers", () => {
    const view = eventView(event(), "p-a", false, sources, NOW);
    expect(view.version).toBe(7);
    expect(view.event).toMatchObject({
      status: "running",
      currentRound: 2,
      deadline: Date.parse("2026-03-10T18:32:00.000Z"),
      serverNow: NOW,
    });
    expect(view.me).toEqual({ participantId: "p-a", coordinator: false });
    expect(view.room).toEqual({
      id: "r2-1",
      number: 1,
      videoUrl: "https://visio.exemple.org/r2-1",
      members: [people.get("p-a"), people.get("p-c")],
    });
    expect(view.waiting).toBe(false);
    expect(view.chat.map((m) => m.text)).toEqual(["bonjour"]);
    // The current round is rated once it is over (a break or the end), not during it.
    expect(view.toRate).toEqual([
      {
        round: 1,
        participantId: "p-b",
        name: "Éric Roy",
        organization: "Org Éric Roy",
        answer: "yes",
        note: "À revoir",
      },
    ]);
    expect(view.console).toBeNull();
  });

  it("show someone waiting this round no room and no chat", () => {
    const view = eventView(event(), "p-d", false, sources, NOW);
    expect(view.room).toBeNull();
    expect(view.waiting).toBe(true);
    expect(view.chat).toEqual([]);
    expect(view.toRate.map((r) => [r.round, r.participantId, r.answer])).toEqual([
      [1, "p-c", null],
    ]);
  });

  it("tell someone waiting why, and never promise a round that does not exist", () => {
    // Round 2 of 3, the count (5 people in pairs); round 3 not planned yet.
    expect(eventView(event(), "p-d", false, sources, NOW).wait).toEqual({
      reason: "count",
      present: 5,
      next: "unplanned",
    });
    const round3 = {
      round: 3,
      rooms: [
        { id: "r3-1", number: 1, members: ["p-b", "p-c"] },
        { id: "r3-2", number: 2, members: ["p-e", "p-d"] },
      ],
      waiting: ["p-a"],
      withoutPartner: ["p-a"],
      late: [],
    };
    const planned = event({ schedule: [...event().schedule, round3] });
    expect(eventView(planned, "p-d", false, sources, NOW).wait?.next).toBe("seated");
    // The last round: whoever waits is told it was the last, and why they wait (the rule).
    const last = eventView(
      event({ schedule: planned.schedule, currentRound: 3 }),
      "p-a",
      false,
      sources,
      NOW,
    );
    expect(last.wait).toEqual({ reason: "rule", present: 5, next: "none" });
    expect(eventView(planned, "p-a", false, sources, NOW).wait).toBeNull();
  });

  it("tell someone who arrived during a round that a room awaits them next round, if there is one", () => {
    const arrived = (currentRound: number) =>
      event({
        currentRound,
        schedule: event().schedule.map((r) =>
          r.round === 2 ? { ...r, round: currentRound, late: ["p-d"] } : r,
        ),
      });
    const during2 = eventView(arrived(2), "p-d", false, sources, NOW);
    expect(during2.waiting).toBe(true);
    expect(during2.wait).toEqual({ reason: "late", present: 5, next: "unplanned" });
    expect(text(during2)).toContain("Vous êtes arrivé·e après le début de ce tour");
    expect(text(during2)).toContain("Une salle vous attend au prochain tour");
    expect(text(during2, "en")).toContain("A room awaits you next round");
    // In the last round, no room is promised.
    const during3 = eventView(arrived(3), "p-d", false, sources, NOW);
    expect(during3.wait).toMatchObject({ reason: "late", next: "none" });
    expect(text(during3)).not.toContain("prochain tour");
    expect(text(during3)).toContain("C'est le dernier tour de la séance");
  });

  it("tell whoever waits in the last round to rate, below, the conversations they had", () => {
    const last = eventView(event({ currentRound: 2, rounds: 2 }), "p-d", false, sources, NOW);
    expect(last.toRate.length).toBeGreaterThan(0); // the form shown below the panel
    expect(text(last)).toContain("vous pouvez noter dès maintenant, ci-dessous, les conversations");
    expect(text(last)).not.toContain("à la fin");
    expect(text(last, "en")).toContain("you can rate the conversations you had now, below");
  });

  it("let people rate the current round at the break and at the end", () => {
    const atBreak = eventView(event({ phase: "break" }), "p-a", false, sources, NOW);
    expect(atBreak.toRate.map((r) => [r.round, r.participantId])).toEqual([
      [1, "p-b"],
      [2, "p-c"],
    ]);
    const ended = event({ status: "ended", phase: undefined, deadline: undefined });
    const atEnd = eventView(ended, "p-a", false, sources, NOW);
    expect(atEnd.toRate.map((r) => [r.round, r.participantId])).toEqual([
      [1, "p-b"],
      [2, "p-c"],
    ]);
    expect(atEnd.event.deadline).toBeNull();
    // Nobody sits in a room once the event ended (chat and notes are closed).
    expect(roomOf(ended, "p-a")).toBeUndefined();
    expect(roomOf(event(), "p-a")?.id).toBe("r2-1");
    expect(roomOf(event(), undefined)).toBeUndefined();
  });

  it("show a coordinator the console: everyone invited by name, who is connected, the rooms", () => {
    const view = eventView(event(), undefined, true, sources, NOW);
    expect(view.me).toEqual({ participantId: null, coordinator: true });
    expect(view.room).toBeNull();
    expect(view.toRate).toEqual([]);
    expect(view.console).toEqual(consoleView(event(), people, sources.connected));
    expect(view.console).toEqual({
      invited: [
        { id: "p-c", name: "Amélie Côté", organization: "Org Amélie Côté", connected: false },
        { id: "p-d", name: "Benoît Gagnon", organization: "Org Benoît Gagnon", connected: true },
        { id: "p-e", name: "Chloé Morin", organization: "Org Chloé Morin", connected: false },
        { id: "p-b", name: "Éric Roy", organization: "Org Éric Roy", connected: false },
        { id: "p-a", name: "Zoé Tremblay", organization: "Org Zoé Tremblay", connected: true },
      ],
      rooms: [
        { id: "r2-1", number: 1, members: ["Zoé Tremblay", "Amélie Côté"] },
        { id: "r2-2", number: 2, members: ["Éric Roy", "Chloé Morin"] },
      ],
      waiting: ["Benoît Gagnon"],
    });
  });

  it("give a paused event its remaining time and no deadline", () => {
    const paused = event({ status: "paused", deadline: undefined, pausedRemainingMs: 90_000 });
    const view = eventView(paused, "p-a", false, sources, NOW);
    expect(view.event).toMatchObject({
      status: "paused",
      deadline: null,
      pausedRemainingMs: 90_000,
    });
  });
});
