/**
 * The private ratings of speed-dating conversations: rating whom one met, one's own ratings, mutual
 * matches, and the program's ratings as the matching engine reads them.
 */
import { newId } from "../../store";
import type { EntityOf } from "../../store";
import type { Services } from "../../services";
import { DomainError } from "../../errors";
import { metInRound } from "./clock.server";
import { ANSWER_SCORE } from "../../data/plain-words";

export type Rating = EntityOf<"ratings">;

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
  return mutualMatchesAmong(await s.store.find("ratings", { eventId }), participantId);
}

/** `mutualMatches` of one participant, from an event's ratings already read (the live views). */
export function mutualMatchesAmong(
  ratings: readonly Rating[],
  participantId: string,
): MutualMatch[] {
  const best = new Map<string, Rating["answer"]>();
  const rank = { no: 0, maybe: 1, yes: 2 } as const;
  for (const r of ratings) {
    if (r.fromParticipantId !== participantId && r.toParticipantId !== participantId) continue;
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
  // The engine's scale is 0-5 (ANSWER_SCORE: "oui" counts fully, "peut-être" half, "non"
  // nothing); the best answer over the program's events counts.
  const score = ANSWER_SCORE;
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
