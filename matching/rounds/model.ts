/**
 * The model of a speed-dating round (see ../round-scheduler.ts): the weights of a round's value,
 * who may share a room (compatible and not met yet), the pair values, each person's best
 * partners in large events, and the work limits.
 */
import { compatibility, type RegionRule } from "../compatibility";
import type { Participant, Weights } from "../schema";
import { pairScorer, type Rating } from "../score";

export interface RoundPlanInput {
  /** Participants present now (the app maps its profiles to the engine's Participant type). */
  participants: Participant[];
  /** Rounds still to plan (the app calls again to re-plan when someone joins late or leaves). */
  rounds: number;
  roomSize: 2 | 3;
  regionRule: RegionRule;
  /** Pairs the coordination keeps apart (ids of people not present are ignored). */
  forbid?: Array<[string, string]>;
  /** Pairs that already met in earlier rounds of this event: never seat them together again. */
  alreadyMet?: Array<[string, string]>;
  /** Who waited (had no room) in the round just before: they must not wait again if at all possible. */
  waitedLastRound?: string[];
  /** How many rounds each person has waited so far, for fairness. */
  waitCounts?: Record<string, number>;
  /** Optional pair-score weights (defaults of `./score`). */
  weights?: Partial<Weights>;
  /** Optional ratings (e.g. from an earlier event) feeding the pair scores. */
  ratings?: readonly Rating[];
}
export const SEAT = 1e10;
export const LAST_WAIT = 1e8;
export const THREE = 1e6;
export const FAIR = 1e3;
export const MAX_WAIT_COUNT = 99;
const SCORE_CLAMP = 200;
export const EPS = 1e-7;

export interface Context {
  n: number;
  cap: 2 | 3;
  /** n×n: 1 when i and j may share a room this round (compatible and not met yet). */
  allowed: Uint8Array;
  /** n×n pair values (clamped scores; mentor–mentor pairs below every other pair). */
  value: Float64Array;
  /** For large events: each person's best partners (by value, then index), K per person. */
  candidates: Int32Array[] | null;
}

/** Full swap neighbourhood up to this many people; candidate lists above. */
const FULL_NEIGHBOURHOOD = 300;
const CANDIDATES = 10;

function topCandidates(n: number, allowed: Uint8Array, value: Float64Array): Int32Array[] | null {
  if (n <= FULL_NEIGHBOURHOOD) return null;
  const out: Int32Array[] = [];
  const idx = new Int32Array(CANDIDATES);
  const val = new Float64Array(CANDIDATES);
  for (let i = 0; i < n; i++) {
    let k = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (!allowed[row + j]) continue;
      const v = value[row + j]!;
      if (k === CANDIDATES && v <= val[k - 1]!) continue;
      // Insertion into the sorted top list (value desc; ties keep the lower index first).
      let p = k < CANDIDATES ? k++ : k - 1;
      while (p > 0 && val[p - 1]! < v) {
        val[p] = val[p - 1]!;
        idx[p] = idx[p - 1]!;
        p--;
      }
      val[p] = v;
      idx[p] = j;
    }
    out.push(idx.slice(0, k));
  }
  return out;
}
export function buildContext(
  people: Participant[],
  input: RoundPlanInput,
  byId: Map<string, number>,
): Context {
  const n = people.length;
  const rule = compatibility(people, { regionRule: input.regionRule, forbid: input.forbid });
  // The pair scores, turned into pair values in place. Ratings, when given, come from an earlier
  // event: the app plans the rounds of the event that is collecting them, and passes none.
  const value = pairScorer(people, input.weights ?? {}, input.ratings).matrix();
  const allowed = new Uint8Array(n * n);
  const mentor = new Uint8Array(n);
  for (let i = 0; i < n; i++) mentor[i] = people[i]!.role === "mentor" ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      let s = value[row + j]!;
      if (!(s <= SCORE_CLAMP)) s = Number.isNaN(s) ? 0 : SCORE_CLAMP;
      if (s < -SCORE_CLAMP) s = -SCORE_CLAMP;
      value[row + j] = mentor[i] && mentor[j] ? -1 / (1 + Math.max(0, s)) : s;
      if (rule.compatible(i, j)) allowed[row + j] = 1;
    }
  }
  for (const [a, b] of input.alreadyMet ?? []) {
    const i = byId.get(a);
    const j = byId.get(b);
    if (i === undefined || j === undefined) continue;
    allowed[i * n + j] = 0;
    allowed[j * n + i] = 0;
  }
  return {
    n,
    cap: input.roomSize,
    allowed,
    value,
    candidates: topCandidates(n, allowed, value),
  };
}

/** Work limits (operation counts, so that results never depend on the machine's speed). */
export function limits(n: number) {
  const pairs = Math.max(1, (n * (n - 1)) / 2);
  return {
    swapPasses: n <= FULL_NEIGHBOURHOOD ? Math.max(3, Math.min(60, Math.floor(3e6 / pairs))) : 8,
    ejectDepth: n <= 150 ? 2 : 1,
    repairBudget: 3e7,
    /** Swap evaluations spent on iterated local search per round (small events only). */
    kickBudget: n <= FULL_NEIGHBOURHOOD ? Math.min(80_000, 40 * n * n) : 0,
  };
}

/** How many people each person may still share a room with. */
export function countOptions(n: number, allowed: Uint8Array): Int32Array {
  const options = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) c += allowed[row + j]!;
    options[i] = c;
  }
  return options;
}
