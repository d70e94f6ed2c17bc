/**
 * Column generation prices the pinned triads lazily (matching/triads.ts, pricePinned): the bound
 * it adds for them keeps every pricing bound an upper bound on every integer solution, and the
 * columns it offers are pinned triads of positive reduced cost, a few per first member.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../matching/encode";
import { countGroupBound } from "../../matching/optimize/group-bound";
import { instanceSchema } from "../../matching/schema";
import { priceBest, pricePinned, triadValue, tripleKey } from "../../matching/triads";
import { rng } from "../../matching/bench/generate";
import { bruteForce } from "./checker";
import { randomInstance } from "./random";

function cases() {
  const out = [];
  for (const mode of ["mentorship", "co-development"] as const)
    for (const regionRule of ["distinct-regions", "distinct-mrcs"] as const)
      for (let seed = 1; seed <= 10; seed++) {
        const input = randomInstance({
          seed: 900 + seed,
          size: 9 + (seed % 4),
          mode,
          regionRule,
          pinHeavy: true,
        });
        const enc = encode(instanceSchema.parse(input));
        const best = bruteForce(input)!;
        out.push({
          name: `${mode}/${regionRule}/${seed}`,
          enc,
          opt: best.groups * enc.M + best.score,
        });
      }
  return out;
}

describe("lazy pricing of the pinned triads", () => {
  const all = cases();

  it("keeps the pricing bound (duals + best implicit triads + pinned gain) above the brute-force optimum", () => {
    let pinned = 0;
    let positive = 0;
    for (const { name, enc, opt } of all) {
      if (enc.pinTriads.length > 0) pinned++;
      const r = rng(enc.n * 104729 + Math.round(opt));
      const G = countGroupBound(enc);
      for (let trial = 0; trial < 30; trial++) {
        const scale = trial % 2 === 0 ? enc.M / 3 : enc.M;
        const y = Float64Array.from({ length: enc.n }, () => (r() < 0.2 ? 0 : r() * scale));
        const pi = trial % 3 === 0 ? 0 : r() * enc.M;
        // The pricing bound of column generation: Σ cap·y + pi·G + what triads of positive
        // reduced cost can add (implicit ones per anchor, pinned ones by pricePinned).
        let bound = pi * G;
        for (let i = 0; i < enc.n; i++) bound += enc.cap[i]! * y[i]!;
        for (const p of priceBest(enc, y, pi, 1)) {
          if (!(p.rc > 0)) continue;
          bound += (enc.mode === "mentorship" ? enc.cap[p.anchor]! : enc.cap[p.anchor]! / 3) * p.rc;
        }
        const { gain } = pricePinned(enc, y, pi, 2);
        if (gain > 0) positive++;
        bound += gain;
        expect(bound, `${name} trial ${trial}`).toBeGreaterThanOrEqual(
          opt - 1e-6 * Math.max(1, opt),
        );
      }
    }
    // The cases do have pinned triads, and the pinned term is exercised.
    expect(pinned).toBeGreaterThanOrEqual(10);
    expect(positive).toBeGreaterThan(50);
  });

  it("offers only pinned triads of positive reduced cost, at most k per first member, best first", () => {
    for (const { name, enc } of all) {
      const r = rng(enc.n * 31 + 7);
      const y = Float64Array.from({ length: enc.n }, () => r() * enc.M * 0.4);
      const pinnedKeys = new Set<number>();
      const pt = enc.pinTriads;
      for (let k = 0; k < pt.length; k += 3)
        pinnedKeys.add(tripleKey(enc.n, pt[k]!, pt[k + 1]!, pt[k + 2]!));
      const { add } = pricePinned(enc, y, 0, 2);
      const perFirst = new Map<number, number[]>();
      for (let k = 0; k < add.length; k += 3) {
        const [a, b, c] = [add[k]!, add[k + 1]!, add[k + 2]!];
        expect(pinnedKeys.has(tripleKey(enc.n, a, b, c)), name).toBe(true);
        const rc = triadValue(enc, a, b, c) - y[a]! - y[b]! - y[c]!;
        expect(rc, name).toBeGreaterThan(0);
        perFirst.set(a, [...(perFirst.get(a) ?? []), rc]);
      }
      for (const [a, rcs] of perFirst) {
        expect(rcs.length, `${name} first member ${a}`).toBeLessThanOrEqual(2);
        expect(
          [...rcs].sort((u, v) => v - u),
          name,
        ).toEqual(rcs);
        // The best pinned triad of this first member is among them.
        let best = -Infinity;
        for (let k = 0; k < pt.length; k += 3)
          if (pt[k] === a)
            best = Math.max(
              best,
              triadValue(enc, a, pt[k + 1]!, pt[k + 2]!) - y[a]! - y[pt[k + 1]!]! - y[pt[k + 2]!]!,
            );
        expect(rcs[0], name).toBeCloseTo(best, 6);
      }
    }
  });
});
