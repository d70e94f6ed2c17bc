/**
 * Greedy construction: a quick feasible solution used to seed column generation and as the
 * fallback incumbent. Pinned triads first (best value first), then anchors in increasing order of
 * their number of compatible partners, each taking its best remaining triad. Pins are then made
 * whole (`keepPins`): a mentor of several groups keeps their groups only if each pin partner is in
 * one of them.
 */
import type { Encoded } from "./encode";
import { triadValue } from "./triads";

export function greedy(enc: Encoded, first: number[] = []): number[] {
  const n = enc.n;
  const used = new Int32Array(n);
  const out: number[] = [];
  const fits = (a: number, b: number, c: number) =>
    used[a]! < enc.cap[a]! && used[b]! < enc.cap[b]! && used[c]! < enc.cap[c]!;
  const take = (a: number, b: number, c: number) => {
    used[a]! += 1;
    used[b]! += 1;
    used[c]! += 1;
    out.push(a, b, c);
  };
  // Given triads first (e.g. an LP solution's integral part), when they fit.
  for (let k = 0; k < first.length; k += 3) {
    const a = first[k]!;
    const b = first[k + 1]!;
    const c = first[k + 2]!;
    if (fits(a, b, c)) take(a, b, c);
  }
  // Pinned triads, best first.
  const pt = enc.pinTriads;
  const pinned: number[] = [];
  for (let k = 0; k < pt.length; k += 3) pinned.push(k);
  pinned.sort(
    (x, y) =>
      triadValue(enc, pt[y]!, pt[y + 1]!, pt[y + 2]!) -
        triadValue(enc, pt[x]!, pt[x + 1]!, pt[x + 2]!) || x - y,
  );
  for (const k of pinned) {
    const a = pt[k]!;
    const b = pt[k + 1]!;
    const c = pt[k + 2]!;
    if (fits(a, b, c)) take(a, b, c);
  }
  // Anchors by increasing degree.
  const degree = new Int32Array(n);
  for (const a of enc.anchors) {
    for (const p of enc.partners) if (p !== a && enc.compat[a * n + p]) degree[a]! += 1;
  }
  const anchors = [...enc.anchors].sort((x, y) => degree[x]! - degree[y]! || x - y);
  for (const a of anchors) {
    while (used[a]! < enc.cap[a]!) {
      let best = -Infinity;
      let bp = -1;
      let bq = -1;
      const cand: number[] = [];
      for (const p of enc.partners) {
        if (p !== a && used[p]! < enc.cap[p]! && enc.compat[a * n + p]) cand.push(p);
      }
      for (let i = 0; i < cand.length; i++) {
        const p = cand[i]!;
        const sp = enc.score[a * n + p]!;
        for (let j = i + 1; j < cand.length; j++) {
          const q = cand[j]!;
          if (!enc.compat[p * n + q]) continue;
          const v = sp + enc.score[a * n + q]! + enc.score[p * n + q]!;
          if (v > best) {
            best = v;
            bp = p;
            bq = q;
          }
        }
      }
      if (bp < 0) break;
      if (enc.mode === "mentorship") take(a, Math.min(bp, bq), Math.max(bp, bq));
      else {
        const s = [a, bp, bq].sort((x, y) => x - y);
        take(s[0]!, s[1]!, s[2]!);
      }
    }
  }
  return keepPins(enc, out);
}

/** Number of groups of each model person in a solution (flat triples). */
export function usage(enc: Encoded, triads: readonly number[]): Int32Array {
  const used = new Int32Array(enc.n);
  for (const x of triads) used[x]! += 1;
  return used;
}

/** The solution keeps every pin link and places every forced person. */
export function pinsKept(enc: Encoded, triads: readonly number[]): boolean {
  const used = usage(enc, triads);
  return (
    enc.links.every((l) => used[l.i]! <= l.k * used[l.j]!) && enc.forced.every((i) => used[i]! > 0)
  );
}

/**
 * Drops the groups of every mentor whose link is broken (placed, but a pin partner is not with
 * them): the solution then keeps its pins (forced persons aside: the caller checks them).
 */
export function keepPins(enc: Encoded, triads: number[]): number[] {
  if (enc.links.length === 0) return triads;
  const used = usage(enc, triads);
  const drop = new Set<number>();
  for (const l of enc.links) if (used[l.i]! > l.k * used[l.j]!) drop.add(l.i);
  if (drop.size === 0) return triads;
  const out: number[] = [];
  for (let k = 0; k < triads.length; k += 3) {
    const t = [triads[k]!, triads[k + 1]!, triads[k + 2]!];
    if (!t.some((x) => drop.has(x))) out.push(...t);
  }
  return out;
}
