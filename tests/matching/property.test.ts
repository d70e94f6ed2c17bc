import { afterAll, describe, expect, it } from "vitest";
import { JsLpSolver, solveMatching } from "../../matching";
import { bruteForce, check } from "./checker";
import { randomInstance } from "./random";

const modes = ["mentorship", "co-development"] as const;
const rules = ["distinct-regions", "distinct-mrcs", "same-region-distinct-mrcs"] as const;
/** Instances per mode and rule (the proximity rule's 40 keep the file within CI's time budget). */
const count = { "distinct-regions": 80, "distinct-mrcs": 80, "same-region-distinct-mrcs": 40 };

describe("random instances: every hard constraint holds, small ones are optimal", () => {
  for (const mode of modes) {
    for (const regionRule of rules) {
      const instances = count[regionRule];
      it(`${mode} / ${regionRule}: ${instances} instances (≤ 12 people vs brute force)`, async () => {
        let compared = 0;
        let grouped = 0;
        for (let seed = 1; seed <= instances; seed++) {
          const size = 3 + (seed % 10); // 3 … 12
          const inst = randomInstance({
            seed,
            size,
            mode,
            regionRule,
            explicitScores: seed % 3 === 0,
          });
          const result = await solveMatching(inst, { timeLimitMs: 20_000 });
          expect(check(inst, result), `seed ${seed}`).toEqual([]);
          expect(result.status).toBe("optimal");
          const best = bruteForce(inst)!;
          expect(result.objective.groups, `seed ${seed}`).toBe(best.groups);
          expect(result.objective.score, `seed ${seed}`).toBeCloseTo(best.score, 6);
          compared++;
          grouped += best.groups;
        }
        expect(compared).toBe(instances);
        // The instances do form groups (a rule no instance can satisfy would prove nothing).
        expect(grouped).toBeGreaterThan(instances / 4);
      });
    }
  }

  // The pin rule (a pin is kept when its two people share a group whenever either is placed; a
  // mentor of several groups holds the partner in one of them) with every combination of pins,
  // capacities of 1 to 3 and fixed groups, some of which break a rule or make a pin impossible.
  const jslp = new JsLpSolver();
  afterAll(() => jslp.close());
  for (const mode of modes) {
    it(`${mode}: pins × capacity × fixed groups, 120 instances vs brute force`, async () => {
      let infeasible = 0;
      let solved = 0;
      for (let seed = 1; seed <= 120; seed++) {
        const inst = randomInstance({
          seed: 5000 + seed,
          size: 4 + (seed % 8), // 4 … 11
          mode,
          regionRule: rules[seed % 3]!,
          explicitScores: seed % 3 === 0,
          pinHeavy: true,
          fixedGroups: seed % 2 === 0,
        });
        const best = bruteForce(inst);
        // Three paths of the engine: every triad at once (small models), column generation and
        // the reduced-cost window (pricing forced by a tiny direct limit, so the pin links' duals
        // are priced), and javascript-lp-solver.
        const path = seed % 3;
        const result = await solveMatching(inst, {
          timeLimitMs: 20_000,
          ...(path === 1 ? { directLimit: 1 } : {}),
          ...(path === 2 ? { smallSolver: jslp } : {}),
        });
        if (best === null) {
          expect(result.status, `seed ${seed}`).toBe("infeasible");
          expect(result.violations?.length, `seed ${seed}`).toBeGreaterThan(0);
          infeasible++;
          continue;
        }
        expect(result.status, `seed ${seed}`).toBe("optimal");
        expect(check(inst, result), `seed ${seed}`).toEqual([]);
        expect(result.objective.groups, `seed ${seed}`).toBe(best.groups);
        expect(result.objective.score, `seed ${seed}`).toBeCloseTo(best.score, 6);
        solved++;
      }
      // Both outcomes are exercised.
      expect(infeasible).toBeGreaterThan(5);
      expect(solved).toBeGreaterThan(60);
    }, 120_000);
  }

  it("pins on mentors of several groups, 17–32 people: column generation proves the optimum of every triad at once", async () => {
    let linked = 0;
    for (let seed = 1; seed <= 16; seed++) {
      const inst = randomInstance({
        seed: 7000 + seed,
        size: 16 + seed,
        mode: "mentorship",
        regionRule: rules[seed % 2]!,
        explicitScores: seed % 2 === 0,
        pinHeavy: true,
        fixedGroups: seed % 4 === 0,
      });
      const all = await solveMatching(inst, { timeLimitMs: 20_000, directLimit: 1e9 });
      const priced = await solveMatching(inst, { timeLimitMs: 20_000, directLimit: 1 });
      expect(check(inst, priced), `seed ${seed}`).toEqual([]);
      expect(priced.status, `seed ${seed}`).toBe(all.status);
      expect(priced.objective.groups, `seed ${seed}`).toBe(all.objective.groups);
      expect(priced.objective.score, `seed ${seed}`).toBeCloseTo(all.objective.score, 6);
      if (
        all.groups.some((g) =>
          (inst.pins ?? []).some(([a, b]) => g.members.includes(a) && g.members.includes(b)),
        )
      )
        linked++;
    }
    expect(linked).toBeGreaterThan(8);
  }, 120_000);

  it("larger random instances (13–45 people): checker passes", async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const inst = randomInstance({
        seed: 1000 + seed,
        size: 13 + (seed % 33),
        mode: modes[seed % 2]!,
        regionRule: rules[(seed >> 1) % 3]!,
        explicitScores: seed % 4 === 0,
      });
      const result = await solveMatching(inst, { timeLimitMs: 20_000 });
      expect(check(inst, result), `seed ${seed}`).toEqual([]);
    }
    // 40 solves: a few seconds on a quiet machine, but the default 30 s was reached on a loaded one.
  }, 180_000);
});
