/**
 * Pricing and enumeration of the implicit triads (matching/triads.ts) prune with sorted partner
 * lists and per-partner score bounds: checked against every triad listed by brute force, with
 * random multipliers, in both modes, every region rule, with pins.
 */
import { describe, expect, it } from "vitest";
import { rng } from "../../matching/bench/generate";
import type { Encoded } from "../../matching/encode";
import { encode } from "../../matching/encode";
import { instanceSchema } from "../../matching/schema";
import { enumerateAbove, priceBest, triadValue } from "../../matching/triads";
import { randomSweep } from "./random";

/** Every unpinned triad by anchor, listed naively: (anchor, p, q) pairwise compatible. */
function naiveTriads(enc: Encoded): { anchor: number; t: [number, number, number] }[] {
  const { n, compat } = enc;
  const out: { anchor: number; t: [number, number, number] }[] = [];
  const codev = enc.mode === "co-development";
  for (const a of enc.anchors) {
    if (!(enc.cap[a]! > 0)) continue;
    for (const p of enc.partners)
      for (const q of enc.partners) {
        if (p === a || q === a || q <= p) continue;
        if (!compat[a * n + p] || !compat[a * n + q] || !compat[p * n + q]) continue;
        const t = (codev ? [a, p, q].sort((x, y) => x - y) : [a, p, q]) as [number, number, number];
        out.push({ anchor: a, t });
      }
  }
  return out;
}

const rc = (enc: Encoded, y: Float64Array, pi: number, t: readonly number[]) =>
  triadValue(enc, t[0]!, t[1]!, t[2]!) - pi - y[t[0]!]! - y[t[1]!]! - y[t[2]!]!;

const keyOf = (n: number, t: readonly number[]) => {
  const s = [...t].sort((x, y) => x - y);
  return (s[0]! * n + s[1]!) * n + s[2]!;
};

describe("pricing and enumeration of the implicit triads", () => {
  it("find what a brute-force listing finds", () => {
    let checked = 0;
    for (const { input, seed, name: instance } of randomSweep(6, (seed) => 14 + 3 * seed)) {
      const enc = encode(instanceSchema.parse(input));
      const { n } = enc;
      const all = naiveTriads(enc);
      const r = rng(seed * 31 + n);
      for (let trial = 0; trial < 4; trial++) {
        const y = Float64Array.from({ length: n }, () => enc.M / 3 + (r() - 0.3) * 12);
        const pi = trial % 2 === 0 ? 0 : r() * 5;
        const name = `${instance}/${trial}`;
        // Pricing: each anchor's best reduced cost, and its k best (positive) triads.
        const k = 3;
        for (const p of priceBest(enc, y, pi, k)) {
          const mine = all
            .filter((x) => x.anchor === p.anchor)
            .map((x) => rc(enc, y, pi, x.t))
            .sort((a, b) => b - a);
          if (mine.length === 0) {
            expect(p.rc, name).toBe(-Infinity);
            continue;
          }
          expect(p.rc, name).toBeCloseTo(mine[0]!, 9);
          const extra: number[] = [];
          for (let i = 0; i < p.extra.length; i += 3)
            extra.push(rc(enc, y, pi, p.extra.slice(i, i + 3)));
          const want = mine.slice(0, k).filter((v) => v > 1e-6);
          expect(extra.length, name).toBe(want.length);
          extra.forEach((v, i) => expect(v, name).toBeCloseTo(want[i]!, 9));
          checked++;
        }
        // Enumeration: exactly the triads (and pinned triads) at or above a threshold.
        for (const threshold of [-3, 0, 2]) {
          const got = enumerateAbove(enc, y, threshold, Number.MAX_SAFE_INTEGER, pi)!;
          const gotKeys = new Set<number>();
          for (let i = 0; i < got.length; i += 3) gotKeys.add(keyOf(n, got.slice(i, i + 3)));
          expect(gotKeys.size, name).toBe(got.length / 3);
          const wantKeys = new Set<number>();
          for (const x of all) if (rc(enc, y, pi, x.t) >= threshold) wantKeys.add(keyOf(n, x.t));
          const pt = enc.pinTriads;
          for (let i = 0; i < pt.length; i += 3)
            if (rc(enc, y, pi, pt.slice(i, i + 3)) >= threshold)
              wantKeys.add(keyOf(n, pt.slice(i, i + 3)));
          expect(
            [...gotKeys].sort((a, b) => a - b),
            name,
          ).toEqual([...wantKeys].sort((a, b) => a - b));
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});
