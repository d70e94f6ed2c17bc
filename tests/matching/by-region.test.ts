/**
 * Decomposition by region (matching/by-region.ts): the time a region leaves goes to the regions
 * still open, and a region solved twice keeps its better solution and the smaller proven bound.
 */
import { describe, expect, it } from "vitest";
import { solveByRegion, splitByRegion } from "../../matching/by-region";
import { instanceSchema, type Instance } from "../../matching/schema";
import type { MatchResult, SolveOptions } from "../../matching/solve";
import { randomInstance } from "./random";

function result(
  status: MatchResult["status"],
  objective: MatchResult["objective"],
  bound: MatchResult["bound"],
): MatchResult {
  // Placeholder groups (only their number matters here): solveByRegion counts them.
  const groups = Array.from({ length: objective.groups }, (_, i) => ({
    members: [`${status}${objective.score}-${i}`, "b", "c"] as [string, string, string],
    mentor: null,
    score: 0,
    explanation: { fixed: false } as MatchResult["groups"][number]["explanation"],
  }));
  return { status, groups, unplaced: [], objective, bound, timeMs: 1 };
}

describe("solveByRegion", () => {
  const inst = instanceSchema.parse(
    randomInstance({
      seed: 3,
      size: 12,
      mode: "mentorship",
      regionRule: "same-region-distinct-mrcs",
    }),
  );
  const parts = splitByRegion(inst)!;

  it("gives the time left to a region left open, and keeps the best solution and the smaller bound", async () => {
    expect(parts.length).toBe(2);
    const calls: { region: string; timeLimitMs: number }[] = [];
    // Region 02 closes at once; region 01 stops early and open the first time (bound 3 groups
    // for 2 placed), then with more time finds a better solution and a tighter bound.
    const solve = async (part: Instance, o: SolveOptions) => {
      const region = part.participants[0]!.region;
      calls.push({ region, timeLimitMs: o.timeLimitMs! });
      if (region === "02")
        return result("optimal", { groups: 1, score: 5 }, { groups: 1, score: 5 });
      const again = calls.filter((c) => c.region === "01").length > 1;
      return again
        ? result("feasible", { groups: 2, score: 7 }, { groups: 2, score: 8 })
        : result("feasible", { groups: 2, score: 6 }, { groups: 3, score: 2 });
    };
    const r = await solveByRegion(parts, solve, {}, 10_000);
    expect(calls.map((c) => c.region)).toEqual(["01", "02", "01"]);
    // The second call had (nearly) all of the time left, more than its first share.
    expect(calls[2]!.timeLimitMs).toBeGreaterThan(calls[0]!.timeLimitMs);
    expect(calls[2]!.timeLimitMs).toBeGreaterThan(9_000);
    expect(r.objective).toEqual({ groups: 3, score: 12 });
    expect(r.bound).toEqual({ groups: 3, score: 13 });
    expect(r.status).toBe("feasible");
    expect(r.diagnostics?.stats.regionResolves).toBe(1);
  });

  it("calls a region proven by its second solve optimal, even when that solve's bound alone is not", async () => {
    let second = false;
    const solve = async (part: Instance) => {
      if (part.participants[0]!.region === "02")
        return result("optimal", { groups: 1, score: 5 }, { groups: 1, score: 5 });
      if (!second) {
        second = true;
        // The first solve found the optimum (2 groups, 9) and proved a bound of (2, 9)…
        return result("feasible", { groups: 2, score: 9 }, { groups: 2, score: 9.5 });
      }
      // …the second proves (2, 9) is the most, but finds only a worse solution.
      return result("feasible", { groups: 2, score: 8 }, { groups: 2, score: 9 });
    };
    const r = await solveByRegion(parts, solve, {}, 10_000);
    expect(r.objective).toEqual({ groups: 3, score: 14 });
    expect(r.bound).toEqual({ groups: 3, score: 14 });
    expect(r.status).toBe("optimal");
  });

  it("does not start a region again when less than a second is left", async () => {
    const calls: string[] = [];
    const solve = async (part: Instance) => {
      calls.push(part.participants[0]!.region);
      return result("feasible", { groups: 1, score: 1 }, { groups: 2, score: 0 });
    };
    await solveByRegion(parts, solve, {}, 800);
    expect(calls).toEqual(["01", "02"]);
  });
});
