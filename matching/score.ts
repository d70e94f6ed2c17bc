/**
 * Pair scores from profiles. A group's score is the sum of its three pair scores.
 * Scores are rounded to 1/1000 so that sums are reproducible and ties are exact.
 */
import type { Participant, Weights } from "./schema";

export const defaultWeights: Weights = Object.freeze({
  needExpertise: 3,
  sharedNeeds: 1,
  mutualRating: 2,
  sameSector: 1,
  complementaryStyle: 0.5,
  availability: 1,
});

export interface Rating {
  from: string;
  to: string;
  score: number;
}

export interface NeedMatch {
  /** Who has the need. */
  who: string;
  need: string;
  priority: number;
  /** Whose expertise covers it. */
  coveredBy: string;
}

export interface PairDetail {
  a: string;
  b: string;
  score: number;
  needsMet: NeedMatch[];
  sharedNeeds: string[];
  /** Ratings a→b and b→a when both exist (speed dating). */
  mutualRating: { aToB: number; bToA: number } | null;
  sameSector: string | null;
  complementaryStyles: [string, string] | null;
  sharedAvailability: string[];
  /** True when the score comes from the instance's explicit `pairScores`. */
  explicit: boolean;
}

export function normalizeNeeds(p: Participant): { tag: string; priority: number }[] {
  return (p.needs ?? []).map((n) =>
    typeof n === "string" ? { tag: n, priority: 1 } : { tag: n.tag, priority: n.priority ?? 1 },
  );
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export type RatingLookup = (from: string, to: string) => number | undefined;

export function ratingLookup(ratings: readonly Rating[] | undefined): RatingLookup {
  const map = new Map<string, number>();
  for (const r of ratings ?? []) map.set(`${r.from}\u0000${r.to}`, r.score);
  return (from, to) => map.get(`${from}\u0000${to}`);
}

/** Full detail of a profile-based pair score (used by the explainer and by `pairScore`). */
export function pairDetail(
  a: Participant,
  b: Participant,
  weights: Partial<Weights> = defaultWeights,
  ratings?: readonly Rating[] | RatingLookup,
): PairDetail {
  const w: Weights = { ...defaultWeights, ...weights };
  const lookup = typeof ratings === "function" ? ratings : ratingLookup(ratings);
  const needsMet: NeedMatch[] = [];
  let score = 0;
  const cover = (x: Participant, y: Participant) => {
    const exp = new Set(y.expertise ?? []);
    for (const n of normalizeNeeds(x)) {
      if (exp.has(n.tag)) {
        needsMet.push({ who: x.id, need: n.tag, priority: n.priority, coveredBy: y.id });
        score += w.needExpertise * n.priority;
      }
    }
  };
  cover(a, b);
  cover(b, a);
  const sharedNeeds: string[] = [];
  if (a.role !== "mentor" && b.role !== "mentor") {
    const bNeeds = new Set(normalizeNeeds(b).map((n) => n.tag));
    for (const n of normalizeNeeds(a)) {
      if (bNeeds.has(n.tag) && !sharedNeeds.includes(n.tag)) sharedNeeds.push(n.tag);
    }
    score += w.sharedNeeds * sharedNeeds.length;
  }
  const ab = lookup(a.id, b.id);
  const ba = lookup(b.id, a.id);
  let mutualRating: PairDetail["mutualRating"] = null;
  if (ab !== undefined && ba !== undefined) {
    mutualRating = { aToB: ab, bToA: ba };
    score += w.mutualRating * Math.min(ab, ba);
  }
  let sameSector: string | null = null;
  if (a.sector && a.sector === b.sector) {
    sameSector = a.sector;
    score += w.sameSector;
  }
  let complementaryStyles: [string, string] | null = null;
  if (a.style && b.style && a.style !== b.style) {
    complementaryStyles = [a.style, b.style];
    score += w.complementaryStyle;
  }
  const sharedAvailability: string[] = [];
  const aAv = [...new Set(a.availability ?? [])];
  const bAv = new Set(b.availability ?? []);
  for (const slot of aAv) if (bAv.has(slot)) sharedAvailability.push(slot);
  const smaller = Math.min(aAv.length, bAv.size);
  if (smaller > 0) score += (w.availability * sharedAvailability.length) / smaller;
  return {
    a: a.id,
    b: b.id,
    score: round3(score),
    needsMet,
    sharedNeeds,
    mutualRating,
    sameSector,
    complementaryStyles,
    sharedAvailability,
    explicit: false,
  };
}

/**
 * Profile-based pair score (symmetric): needs covered by expertise (× priority), shared needs
 * (non-mentor pairs), mutual speed-dating interest, same sector, complementary working styles,
 * overlapping availability. Used by the engine and by the app's "fit" indicator.
 */
export function pairScore(
  a: Participant,
  b: Participant,
  weights: Partial<Weights> = defaultWeights,
  ratings?: readonly Rating[],
): number {
  return pairDetail(a, b, weights, ratings).score;
}

/**
 * Fast scorer for all pairs of a participant list (same arithmetic as `pairDetail`, with the
 * per-participant sets built once). Returns a function of two participant indices.
 */
export function makePairScorer(
  participants: readonly Participant[],
  weights: Partial<Weights> = defaultWeights,
  ratings?: readonly Rating[],
): (i: number, j: number) => number {
  const w: Weights = { ...defaultWeights, ...weights };
  const lookup = ratingLookup(ratings);
  const pre = participants.map((p) => {
    const needs = normalizeNeeds(p);
    return {
      p,
      needs,
      needTags: new Set(needs.map((n) => n.tag)),
      exp: new Set(p.expertise ?? []),
      av: [...new Set(p.availability ?? [])],
      avSet: new Set(p.availability ?? []),
    };
  });
  return (i, j) => {
    const A = pre[i]!;
    const B = pre[j]!;
    let score = 0;
    for (const n of A.needs) if (B.exp.has(n.tag)) score += w.needExpertise * n.priority;
    for (const n of B.needs) if (A.exp.has(n.tag)) score += w.needExpertise * n.priority;
    if (A.p.role !== "mentor" && B.p.role !== "mentor") {
      const seen = new Set<string>();
      for (const n of A.needs) if (B.needTags.has(n.tag)) seen.add(n.tag);
      score += w.sharedNeeds * seen.size;
    }
    const ab = lookup(A.p.id, B.p.id);
    const ba = lookup(B.p.id, A.p.id);
    if (ab !== undefined && ba !== undefined) score += w.mutualRating * Math.min(ab, ba);
    if (A.p.sector && A.p.sector === B.p.sector) score += w.sameSector;
    if (A.p.style && B.p.style && A.p.style !== B.p.style) score += w.complementaryStyle;
    let shared = 0;
    for (const slot of A.av) if (B.avSet.has(slot)) shared++;
    const smaller = Math.min(A.av.length, B.avSet.size);
    if (smaller > 0) score += (w.availability * shared) / smaller;
    return round3(score);
  };
}
