/**
 * The words people chose, instead of the engine's numbers (issue #20): a need's priority is
 * élevée / moyenne / faible, a speed-dating answer is oui / peut-être / non, and a fit between
 * people is a plain level, never a raw score. Every page, explanation and the engine's input go
 * through these mappings, so a number and its word cannot disagree.
 */

/** A need's priority, as stored (1–3) and as people chose it. */
export const PRIORITY_LEVELS = { 3: "high", 2: "medium", 1: "low" } as const;
export type PriorityLevel = (typeof PRIORITY_LEVELS)[keyof typeof PRIORITY_LEVELS];

/** The word of a stored priority (3 élevée, 2 moyenne, 1 or less faible). */
export function priorityLevel(priority: number): PriorityLevel {
  return priority >= 3 ? "high" : priority >= 2 ? "medium" : "low";
}

/**
 * Needs in the one order they have: by priority, the highest first; needs of the same priority
 * keep the order they were given in (ADR 0033).
 */
export function needsByPriority<T extends { priority: number }>(needs: readonly T[]): T[] {
  return needs
    .map((need, index) => ({ need, index }))
    .sort((a, b) => b.need.priority - a.need.priority || a.index - b.index)
    .map(({ need }) => need);
}

/** The answers of the speed-dating rating form (core/store/records/live.ts). */
export type RatingAnswer = "yes" | "maybe" | "no";

/**
 * The matching engine's 0–5 scale for those answers: "oui" counts fully, "peut-être" half, "non"
 * nothing.
 */
export const ANSWER_SCORE: Readonly<Record<RatingAnswer, number>> = Object.freeze({
  yes: 5,
  maybe: 2.5,
  no: 0,
});

/**
 * The answer a score on the engine's scale stands for: the nearest of oui (5), peut-être (2.5)
 * and non (0). Ratings given to the engine directly (its command line) may fall between them.
 */
export function ratingAnswer(score: number): RatingAnswer {
  if (score >= (ANSWER_SCORE.yes + ANSWER_SCORE.maybe) / 2) return "yes";
  if (score >= (ANSWER_SCORE.maybe + ANSWER_SCORE.no) / 2) return "maybe";
  return "no";
}

/** How well people fit, in words: the level of a fit on the 0–100 scale of the directory. */
export type FitLevel = "high" | "medium" | "low";

export function fitLevel(percent: number): FitLevel {
  return percent >= 50 ? "high" : percent >= 20 ? "medium" : "low";
}

/**
 * A fit on the 0–100 scale from a pair score of the matching engine (a pair score of
 * `FIT_FULL_SCORE` or more is a full fit).
 */
export const FIT_FULL_SCORE = 20;
export function fitPercent(pairScore: number): number {
  return Math.max(0, Math.min(100, Math.round((pairScore / FIT_FULL_SCORE) * 100)));
}

/** A group of three's fit: the level of its average pair (the sum of its three pair scores / 3). */
export function groupFitLevel(groupScore: number): FitLevel {
  return fitLevel(fitPercent(groupScore / 3));
}

/**
 * How close a formation's proposals are to the best any set of groups could do: their total
 * affinity as a share of the proven bound, in percent (100 when the bound is 0 or reached).
 */
export function shareOfBound(score: number, bound: number): number {
  if (bound <= 0 || score >= bound) return 100;
  return Math.max(0, (score / bound) * 100);
}
