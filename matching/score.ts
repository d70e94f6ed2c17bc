/**
 * Pair scores from profiles: the one scorer of the solver, the round scheduler, the app's group
 * scores and the directory's fit. A group's score is the sum of its three pair scores.
 *
 * The score of a pair (symmetric): needs of one covered by the other's expertise (weight ×
 * priority, both ways), needs shared by two non-mentors (weight × count), mutual speed-dating
 * interest when both rated the other (weight × the lower rating), same sector, complementary
 * working styles (both given and different), overlapping availability (weight × shared slots /
 * the smaller list). Rounded to 1/1000 so that sums are reproducible and ties are exact.
 *
 * `pairScorer` codes tags, slots, sectors and styles as small integers and bit sets once per list,
 * so that the n²/2 pairs of a 2 000-person event cost milliseconds; `pairScore` and `pairDetail`
 * (the explainer's view of one pair) use the same arithmetic on a list of two.
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

/** The rating `from` gave `to` (the last one given for a pair wins). */
export function ratingLookup(ratings: readonly Rating[] | undefined): RatingLookup {
  const map = new Map<string, number>();
  for (const r of ratings ?? []) map.set(`${r.from}\u0000${r.to}`, r.score);
  return (from, to) => map.get(`${from}\u0000${to}`);
}

export interface PairScorer {
  /** Score of participants i and j (indices in the list). */
  score(i: number, j: number): number;
  /** Every pair at once: the symmetric n×n matrix of scores (diagonal 0), row-major. */
  matrix(): Float64Array;
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** A list of participants coded for scoring. */
interface Tables {
  n: number;
  /** 32-bit words per tag set and per slot set. */
  TW: number;
  SW: number;
  /** Needs of participant i: needTag / needPr[needStart[i] … needStart[i + 1]). */
  needStart: Int32Array;
  needTag: Int32Array;
  needPr: Float64Array;
  expBits: Uint32Array;
  needBits: Uint32Array;
  avBits: Uint32Array;
  avCount: Int32Array;
  sector: Int32Array;
  style: Int32Array;
  mentor: Uint8Array;
  /** Weighted mutual-rating term by pair (min·n + max), only for pairs that rated each other. */
  mutual: Map<number, number> | null;
  wNeed: number;
  wShared: number;
  wSector: number;
  wStyle: number;
  wAv: number;
}

/**
 * Scores of (i, j) for j in [from, to), into out[at …]: the formula of the header, its terms in
 * this order. The only place it is computed: one pair is a range of one. (A top-level function
 * over a whole row, so that the tables are read once per row and the loop is optimized early.)
 */
function scoreRange(
  t: Tables,
  i: number,
  from: number,
  to: number,
  out: Float64Array,
  at: number,
): void {
  const { n, TW, SW, needStart, needTag, needPr, expBits, needBits, avBits, avCount } = t;
  const { sector, style, mentor, mutual, wNeed, wShared, wSector, wStyle, wAv } = t;
  const ni0 = needStart[i]!;
  const ni1 = needStart[i + 1]!;
  for (let j = from; j < to; j++) {
    let score = 0;
    for (let k = ni0; k < ni1; k++) {
      const tag = needTag[k]!;
      if (expBits[j * TW + (tag >>> 5)]! & (1 << (tag & 31))) score += wNeed * needPr[k]!;
    }
    const nj1 = needStart[j + 1]!;
    for (let k = needStart[j]!; k < nj1; k++) {
      const tag = needTag[k]!;
      if (expBits[i * TW + (tag >>> 5)]! & (1 << (tag & 31))) score += wNeed * needPr[k]!;
    }
    if (!mentor[i] && !mentor[j]) {
      let shared = 0;
      for (let k = 0; k < TW; k++)
        shared += popcount(needBits[i * TW + k]! & needBits[j * TW + k]!);
      score += wShared * shared;
    }
    if (mutual !== null) {
      const m = mutual.get(i < j ? i * n + j : j * n + i);
      if (m !== undefined) score += m;
    }
    if (sector[i]! >= 0 && sector[i] === sector[j]) score += wSector;
    if (style[i]! >= 0 && style[j]! >= 0 && style[i] !== style[j]) score += wStyle;
    const smaller = Math.min(avCount[i]!, avCount[j]!);
    if (smaller > 0) {
      let shared = 0;
      for (let k = 0; k < SW; k++) shared += popcount(avBits[i * SW + k]! & avBits[j * SW + k]!);
      score += (wAv * shared) / smaller;
    }
    out[at + j - from] = round3(score);
  }
}

function tables(
  people: readonly Participant[],
  weights: Partial<Weights>,
  ratings: readonly Rating[] | undefined,
): Tables {
  const w: Weights = { ...defaultWeights, ...weights };
  const n = people.length;
  const coder = () => {
    const codes = new Map<string, number>();
    const code = (key: string) => {
      let c = codes.get(key);
      if (c === undefined) codes.set(key, (c = codes.size));
      return c;
    };
    return Object.assign(code, { count: () => codes.size });
  };
  const tag = coder();
  const slot = coder();
  const needs = people.map((p) =>
    normalizeNeeds(p).map((x) => ({ tag: tag(x.tag), pr: x.priority })),
  );
  const exp = people.map((p) => [...new Set(p.expertise ?? [])].map(tag));
  const av = people.map((p) => [...new Set(p.availability ?? [])].map(slot));
  const TW = Math.max(1, Math.ceil(tag.count() / 32));
  const SW = Math.max(1, Math.ceil(slot.count() / 32));
  const expBits = new Uint32Array(n * TW);
  const needBits = new Uint32Array(n * TW);
  const avBits = new Uint32Array(n * SW);
  const avCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (const t of exp[i]!) expBits[i * TW + (t >>> 5)]! |= 1 << (t & 31);
    for (const x of needs[i]!) needBits[i * TW + (x.tag >>> 5)]! |= 1 << (x.tag & 31);
    for (const s of av[i]!) avBits[i * SW + (s >>> 5)]! |= 1 << (s & 31);
    avCount[i] = av[i]!.length;
  }
  const needStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) needStart[i + 1] = needStart[i]! + needs[i]!.length;
  const needTag = new Int32Array(needStart[n]!);
  const needPr = new Float64Array(needStart[n]!);
  for (let i = 0, k = 0; i < n; i++)
    for (const x of needs[i]!) {
      needTag[k] = x.tag;
      needPr[k++] = x.pr;
    }
  const sectorCode = coder();
  const styleCode = coder();
  const sector = new Int32Array(n).fill(-1);
  const style = new Int32Array(n).fill(-1);
  const mentor = new Uint8Array(n);
  people.forEach((p, i) => {
    if (p.sector) sector[i] = sectorCode(p.sector);
    if (p.style) style[i] = styleCode(p.style);
    mentor[i] = p.role === "mentor" ? 1 : 0;
  });
  let mutual: Map<number, number> | null = null;
  if (ratings && ratings.length > 0) {
    const byId = new Map<string, number>();
    people.forEach((p, i) => byId.set(p.id, i));
    const given = new Map<number, number>();
    for (const r of ratings) {
      const a = byId.get(r.from);
      const b = byId.get(r.to);
      if (a !== undefined && b !== undefined) given.set(a * n + b, r.score);
    }
    mutual = new Map();
    for (const [key, ab] of given) {
      const a = Math.floor(key / n);
      const b = key % n;
      if (a >= b) continue;
      const ba = given.get(b * n + a);
      if (ba !== undefined) mutual.set(key, w.mutualRating * Math.min(ab, ba));
    }
  }
  return {
    n,
    TW,
    SW,
    needStart,
    needTag,
    needPr,
    expBits,
    needBits,
    avBits,
    avCount,
    sector,
    style,
    mentor,
    mutual,
    wNeed: w.needExpertise,
    wShared: w.sharedNeeds,
    wSector: w.sameSector,
    wStyle: w.complementaryStyle,
    wAv: w.availability,
  };
}

/**
 * The scorer of a list of participants. `ratings` are the speed-dating ratings that feed the
 * mutual-interest term: the solver and the app's group scores pass the program's ratings; the
 * round scheduler plans rounds during the event that collects them and passes none.
 */
export function pairScorer(
  participants: readonly Participant[],
  weights: Partial<Weights> = {},
  ratings?: readonly Rating[],
): PairScorer {
  const t = tables(participants, weights, ratings);
  const one = new Float64Array(1);
  return {
    score(i, j) {
      scoreRange(t, i, j, j + 1, one, 0);
      return one[0]!;
    },
    matrix() {
      const n = t.n;
      const out = new Float64Array(n * n);
      for (let i = 0; i < n; i++) scoreRange(t, i, i + 1, n, out, i * n + i + 1);
      // Mirror the upper triangle tile by tile (cache-friendly for large n).
      const TILE = 64;
      for (let bi = 0; bi < n; bi += TILE) {
        const ei = Math.min(bi + TILE, n);
        for (let bj = bi; bj < n; bj += TILE) {
          const ej = Math.min(bj + TILE, n);
          for (let i = bi; i < ei; i++)
            for (let j = Math.max(bj, i + 1); j < ej; j++) out[j * n + i] = out[i * n + j]!;
        }
      }
      return out;
    },
  };
}

/** The score of one pair (the engine's, and the app's group scores). */
export function pairScore(
  a: Participant,
  b: Participant,
  weights: Partial<Weights> = defaultWeights,
  ratings?: readonly Rating[],
): number {
  return pairScorer([a, b], weights, ratings).score(0, 1);
}

/**
 * What a pair score is made of (the explainer's view): the needs met, the shared needs, the
 * mutual ratings, the sector, styles and availability in common, and the score itself.
 */
export function pairDetail(
  a: Participant,
  b: Participant,
  weights: Partial<Weights> = defaultWeights,
  ratings?: readonly Rating[] | RatingLookup,
): PairDetail {
  const lookup = typeof ratings === "function" ? ratings : ratingLookup(ratings);
  const needsMet: NeedMatch[] = [];
  const cover = (x: Participant, y: Participant) => {
    const exp = new Set(y.expertise ?? []);
    for (const n of normalizeNeeds(x)) {
      if (exp.has(n.tag))
        needsMet.push({ who: x.id, need: n.tag, priority: n.priority, coveredBy: y.id });
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
  }
  const ab = lookup(a.id, b.id);
  const ba = lookup(b.id, a.id);
  const mutualRating = ab !== undefined && ba !== undefined ? { aToB: ab, bToA: ba } : null;
  const aAv = [...new Set(a.availability ?? [])];
  const bAv = new Set(b.availability ?? []);
  const pairRatings = mutualRating
    ? [
        { from: a.id, to: b.id, score: mutualRating.aToB },
        { from: b.id, to: a.id, score: mutualRating.bToA },
      ]
    : undefined;
  return {
    a: a.id,
    b: b.id,
    score: pairScore(a, b, weights, pairRatings),
    needsMet,
    sharedNeeds,
    mutualRating,
    sameSector: a.sector && a.sector === b.sector ? a.sector : null,
    complementaryStyles: a.style && b.style && a.style !== b.style ? [a.style, b.style] : null,
    sharedAvailability: aAv.filter((slot) => bAv.has(slot)),
    explicit: false,
  };
}
