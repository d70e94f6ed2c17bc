/**
 * All-pairs score matrix for the round scheduler: the same arithmetic as `makePairScorer` in
 * `./score` (needs covered by expertise × priority, shared needs of non-mentors, mutual ratings,
 * same sector, complementary styles, shared availability; rounded to 1/1000), with tags, slots,
 * sectors and styles coded as small integers and bit sets once, so that the n²/2 pairs of a
 * 1000-person event cost milliseconds instead of half a second. A unit test checks that both
 * scorers agree; if `./score` gains a term, this file must follow.
 */
import type { Participant, Weights } from "./schema";
import { defaultWeights, normalizeNeeds, round3, type Rating } from "./score";

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface Tables {
  n: number;
  TW: number;
  SW: number;
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
  mutual: Map<number, number> | null;
  wNeed: number;
  wShared: number;
  wSector: number;
  wStyle: number;
  wAv: number;
}

/** Scores of (i, j) for j > i, into row i of `out` (a top-level function: optimized early). */
function scoreRow(t: Tables, i: number, out: Float64Array): void {
  const { n, TW, SW, needStart, needTag, needPr, expBits, needBits, avBits, avCount } = t;
  const { sector, style, mentor, mutual, wNeed, wShared, wSector, wStyle, wAv } = t;
  const ni0 = needStart[i]!;
  const ni1 = needStart[i + 1]!;
  for (let j = i + 1; j < n; j++) {
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
      const m = mutual.get(i * n + j);
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
    out[i * n + j] = round3(score);
  }
}

/** Symmetric n×n matrix of pair scores (diagonal 0). */
export function pairScoreMatrix(
  people: readonly Participant[],
  weights: Partial<Weights> = {},
  ratings?: readonly Rating[],
): Float64Array {
  const w: Weights = { ...defaultWeights, ...weights };
  const n = people.length;
  const tagCodes = new Map<string, number>();
  const slotCodes = new Map<string, number>();
  const tag = (t: string) => {
    let c = tagCodes.get(t);
    if (c === undefined) tagCodes.set(t, (c = tagCodes.size));
    return c;
  };
  const slot = (s: string) => {
    let c = slotCodes.get(s);
    if (c === undefined) slotCodes.set(s, (c = slotCodes.size));
    return c;
  };
  const needs = people.map((p) =>
    normalizeNeeds(p).map((x) => ({ tag: tag(x.tag), pr: x.priority })),
  );
  const exp = people.map((p) => [...new Set(p.expertise ?? [])].map(tag));
  const av = people.map((p) => [...new Set(p.availability ?? [])].map(slot));
  const TW = Math.max(1, Math.ceil(tagCodes.size / 32));
  const SW = Math.max(1, Math.ceil(slotCodes.size / 32));
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
  // Needs as flat arrays (tag code, priority) for the cover loop.
  const needStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) needStart[i + 1] = needStart[i]! + needs[i]!.length;
  const needTag = new Int32Array(needStart[n]!);
  const needPr = new Float64Array(needStart[n]!);
  for (let i = 0, k = 0; i < n; i++)
    for (const x of needs[i]!) {
      needTag[k] = x.tag;
      needPr[k++] = x.pr;
    }
  const sectorCodes = new Map<string, number>();
  const styleCodes = new Map<string, number>();
  const sector = new Int32Array(n).fill(-1);
  const style = new Int32Array(n).fill(-1);
  const mentor = new Uint8Array(n);
  people.forEach((p, i) => {
    if (p.sector) {
      let c = sectorCodes.get(p.sector);
      if (c === undefined) sectorCodes.set(p.sector, (c = sectorCodes.size));
      sector[i] = c;
    }
    if (p.style) {
      let c = styleCodes.get(p.style);
      if (c === undefined) styleCodes.set(p.style, (c = styleCodes.size));
      style[i] = c;
    }
    mentor[i] = p.role === "mentor" ? 1 : 0;
  });
  // Mutual ratings (same lookup as ./score: the last rating given for a pair wins).
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
  const out = new Float64Array(n * n);
  const tables: Tables = {
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
  for (let i = 0; i < n; i++) scoreRow(tables, i, out);
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
}
