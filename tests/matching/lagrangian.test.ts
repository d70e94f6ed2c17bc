/**
 * The Lagrangian bound (matching/optimize/lagrangian.ts) is an upper bound on every integer
 * solution whatever the multipliers, and at the LP's optimal duals it is the LP bound.
 */
import { describe, expect, it } from "vitest";
import { encode } from "../../matching/encode";
import { countGroupBound } from "../../matching/optimize/group-bound";
import { lagrangianBound, subgradientBound } from "../../matching/optimize/lagrangian";
import { instanceSchema } from "../../matching/schema";
import { loadHighs, MasterLp } from "../../matching/solvers/highs";
import { enumerateAll, triadValue } from "../../matching/triads";
import { rng } from "../../matching/bench/generate";
import { bruteForce } from "./checker";
import { randomInstance } from "./random";

const modes = ["mentorship", "co-development"] as const;
const rules = ["distinct-regions", "distinct-mrcs"] as const;

function cases() {
  const out = [];
  for (const mode of modes)
    for (const regionRule of rules)
      for (let seed = 1; seed <= 12; seed++) {
        const input = randomInstance({
          seed,
          size: 9 + (seed % 4),
          mode,
          regionRule,
          pinHeavy: seed % 2 === 0,
        });
        const enc = encode(instanceSchema.parse(input));
        // No fixed groups: the model's value of the optimum is M × groups + score.
        const best = bruteForce(input)!;
        out.push({
          name: `${mode}/${regionRule}/${seed}`,
          enc,
          opt: best.groups * enc.M + best.score,
        });
      }
  return out;
}

describe("the Lagrangian bound", () => {
  const all = cases();

  it("is at least the brute-force optimum for random multipliers and after subgradient steps", () => {
    let grouped = 0;
    for (const { name, enc, opt } of all) {
      if (opt > 0) grouped++;
      const r = rng(enc.n * 7919 + Math.round(opt));
      const G = countGroupBound(enc);
      for (let trial = 0; trial < 20; trial++) {
        // Multipliers from 0 to about a group's worth per person (some exactly 0).
        const scale = trial % 2 === 0 ? enc.M / 3 : enc.M;
        const y = Float64Array.from({ length: enc.n }, () => (r() < 0.2 ? 0 : r() * scale));
        const pi = trial % 3 === 0 ? 0 : r() * enc.M;
        for (const maxGroups of [G, Infinity]) {
          const L = lagrangianBound(enc, y, pi, maxGroups).value;
          expect(L, `${name} trial ${trial}`).toBeGreaterThanOrEqual(opt - 1e-6);
        }
      }
      // Subgradient steps from zero multipliers, toward a target at the optimum (the tightest
      // target: overshooting is most likely there).
      const s = subgradientBound(enc, {
        y: new Float64Array(enc.n),
        pi: 0,
        maxGroups: G,
        target: opt,
        deadline: Infinity,
        maxIterations: 150,
      });
      expect(s.bound, name).toBeGreaterThanOrEqual(opt - 1e-6);
      expect(s.bound, name).toBeLessThanOrEqual(s.start);
    }
    // The instances do form groups (an empty optimum would prove little).
    expect(grouped).toBeGreaterThan(all.length / 2);
  });

  it("equals the LP bound at the LP's optimal duals, and steps from noisy LP duals come back close to it", async () => {
    const highs = await loadHighs();
    const rand = rng(2026);
    let close = 0;
    let compared = 0;
    for (const { name, enc, opt } of all) {
      const triads = enumerateAll(enc);
      if (triads.length === 0) continue;
      const G = countGroupBound(enc);
      // The LP without the pin link and forced rows (which the Lagrangian drops): every triad.
      const lp = new MasterLp(highs, enc.n, enc.cap);
      let r;
      try {
        const values: number[] = [];
        for (let k = 0; k < triads.length; k += 3)
          values.push(triadValue(enc, triads[k]!, triads[k + 1]!, triads[k + 2]!));
        lp.addColumns(triads, values);
        lp.setMaxGroups(G);
        r = lp.solve(5_000);
      } finally {
        lp.dispose();
      }
      expect(r.ok, name).toBe(true);
      compared++;
      const atDuals = lagrangianBound(enc, r.duals, r.countDual, G).value;
      expect(atDuals, name).toBeCloseTo(r.objective, 4);
      expect(r.objective, name).toBeGreaterThanOrEqual(opt - 1e-6);
      // From the LP's duals the steps cannot make it worse.
      const fromLp = subgradientBound(enc, {
        y: r.duals,
        pi: r.countDual,
        maxGroups: G,
        target: opt,
        deadline: Infinity,
        maxIterations: 50,
      });
      expect(fromLp.bound, name).toBeLessThanOrEqual(atDuals + 1e-6);
      expect(fromLp.bound, name).toBeGreaterThanOrEqual(opt - 1e-6);
      // From the LP's duals blurred by noise (column generation stopped early), steps come back
      // close to the LP bound.
      const noisy = Float64Array.from(r.duals, (v) =>
        Math.max(0, v + (rand() - 0.5) * 0.2 * enc.M),
      );
      const fromNoisy = subgradientBound(enc, {
        y: noisy,
        pi: r.countDual,
        maxGroups: G,
        target: opt,
        deadline: Infinity,
        maxIterations: 100,
      });
      const gap = (fromNoisy.bound - r.objective) / Math.max(1, r.objective);
      if (gap <= 0.01) close++;
    }
    expect(compared).toBeGreaterThan(all.length / 2);
    // Most runs come within 1 % of the LP bound (the minimum of L is the LP bound here).
    expect(close / compared).toBeGreaterThan(0.9);
  });
});
