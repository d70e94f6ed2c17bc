import { describe, expect, it } from "vitest";
import { solveMatching } from "../../matching";
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
          const best = bruteForce(inst);
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
