/**
 * The Lagrangian heuristic (matching/optimize/lagrangian.ts) builds a solution from any
 * multipliers: its groups must respect every pairwise rule, the roles and the capacities, checked
 * by the independent checker (pins are the caller's: ../../matching/optimize.ts keeps a solution
 * only when its pins hold).
 */
import { describe, expect, it } from "vitest";
import { rng } from "../../matching/bench/generate";
import { encode } from "../../matching/encode";
import { lagrangianHeuristic } from "../../matching/optimize/lagrangian";
import { instanceSchema } from "../../matching/schema";
import { triadOk } from "./checker";
import { randomSweep } from "./random";

describe("the Lagrangian heuristic", () => {
  it("forms groups that respect the rules, roles and capacities, whatever the multipliers", () => {
    let groups = 0;
    let runs = 0;
    for (const { input, seed, name: instance } of randomSweep(8, (seed) => 12 + 2 * seed)) {
      const inst = instanceSchema.parse(input);
      const enc = encode(inst);
      const r = rng(seed * 977 + enc.n);
      for (let trial = 0; trial < 3; trial++) {
        const y = Float64Array.from({ length: enc.n }, () =>
          trial === 0 ? 0 : enc.M / 3 + (r() - 0.5) * 10,
        );
        const pi = trial === 2 ? r() * 3 : 0;
        const triads = lagrangianHeuristic(enc, y, pi);
        const name = `${instance}/${trial}`;
        expect(triads.length % 3, name).toBe(0);
        const used = new Map<string, number>();
        for (let k = 0; k < triads.length; k += 3) {
          const ids = triads.slice(k, k + 3).map((i) => inst.participants[enc.people[i]!]!.id);
          expect(triadOk(inst, ids), `${name}: ${ids.join(",")}`).toBe(true);
          for (const id of ids) used.set(id, (used.get(id) ?? 0) + 1);
        }
        for (const p of inst.participants) {
          const cap = p.role === "mentor" ? (p.capacity ?? 1) : 1;
          expect(used.get(p.id) ?? 0, `${name}: ${p.id}`).toBeLessThanOrEqual(cap);
        }
        groups += triads.length / 3;
        runs++;
      }
    }
    // It does form groups (an empty answer would pass the checks above).
    expect(groups).toBeGreaterThan(runs);
  });
});
