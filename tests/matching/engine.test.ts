import { describe, expect, it } from "vitest";
import type { InstanceInput, Participant } from "../../matching";
import { JsLpSolver, pairScore, solveMatching } from "../../matching";
import { generateInstance } from "../../matching/bench/generate";
import { bruteForce, check } from "./checker";
import { randomInstance } from "./random";

const person = (
  id: string,
  role: Participant["role"],
  region: string,
  extra: Partial<Participant> = {},
): Participant => ({ id, role, region, mrc: `${region}1`, organization: `org-${id}`, ...extra });

const strip = (r: { timeMs: number; diagnostics?: unknown }) =>
  JSON.stringify({ ...r, timeMs: 0, diagnostics: null });

describe("objective", () => {
  it("more groups beat more score (lexicographic)", async () => {
    // m1 with a+b scores 100, but then m2 gets nobody; m1:a+c and m2:b+d gives two groups.
    const inst: InstanceInput = {
      participants: [
        person("m1", "mentor", "01"),
        person("m2", "mentor", "02"),
        person("a", "mentee", "03"),
        person("b", "mentee", "04"),
        person("c", "mentee", "05"),
        person("d", "mentee", "06"),
      ],
      forbid: [
        ["m2", "a"],
        ["m2", "c"],
        ["m1", "d"],
      ],
      pairScores: [
        { a: "m1", b: "a", score: 50 },
        { a: "m1", b: "b", score: 50 },
        { a: "a", b: "b", score: 0 },
        { a: "m2", b: "b", score: 1 },
      ],
    };
    const r = await solveMatching(inst);
    expect(check(inst, r)).toEqual([]);
    expect(r.status).toBe("optimal");
    expect(r.objective.groups).toBe(2);
    expect(r.objective.score).toBe(51);
    expect(bruteForce(inst)).toEqual({ groups: 2, score: 51 });
  });

  it("uses explicit pair scores exactly (absent pairs score 0)", async () => {
    const inst: InstanceInput = {
      participants: [
        person("m", "mentor", "01"),
        person("a", "mentee", "02"),
        person("b", "mentee", "03"),
      ],
      pairScores: [
        { a: "m", b: "a", score: 1.125 },
        { a: "b", b: "a", score: -0.5 },
      ],
    };
    const r = await solveMatching(inst);
    expect(r.groups[0]!.score).toBe(0.625);
    expect(r.groups[0]!.members).toEqual(["m", "a", "b"]);
    expect(r.groups[0]!.mentor).toBe("m");
  });

  it("is deterministic: same input, byte-identical output except timeMs", async () => {
    for (const inst of [
      generateInstance({ size: 60, seed: 3 }),
      generateInstance({ size: 45, seed: 4, mode: "co-development", regionRule: "distinct-mrcs" }),
    ]) {
      const a = await solveMatching(inst);
      const b = await solveMatching(structuredClone(inst));
      expect(check(inst, a)).toEqual([]);
      expect(strip(a)).toBe(strip(b));
    }
  });

  it("proves optimality on generated instances (price and prune) and passes the checker", async () => {
    for (const [size, rule] of [
      [90, "distinct-regions"],
      [120, "distinct-mrcs"],
    ] as const) {
      const inst = generateInstance({ size, seed: 7, regionRule: rule });
      const r = await solveMatching(inst, { timeLimitMs: 30_000 });
      expect(check(inst, r)).toEqual([]);
      expect(r.status).toBe("optimal");
      expect(r.bound).toEqual(r.objective);
    }
  });

  it("reports progress and honours an abort signal", async () => {
    const phases: string[] = [];
    const inst = generateInstance({ size: 90, seed: 2 });
    await solveMatching(inst, { onProgress: (p) => phases.push(p.phase) });
    expect(phases[0]).toBe("encode");
    expect(phases.at(-1)).toBe("done");
    const ctl = new AbortController();
    ctl.abort();
    await expect(solveMatching(inst, { signal: ctl.signal })).rejects.toThrow(/abort/);
  });
});

describe("hard constraints", () => {
  it("pins: pinned people are together, or both left out", async () => {
    const inst: InstanceInput = {
      participants: [
        person("m1", "mentor", "01"),
        person("m2", "mentor", "02"),
        person("a", "mentee", "03"),
        person("b", "mentee", "04"),
        person("c", "mentee", "05"),
        person("d", "mentee", "06"),
      ],
      pins: [
        ["m2", "a"],
        ["a", "d"],
      ],
      pairScores: [
        { a: "m1", b: "a", score: 10 },
        { a: "m1", b: "d", score: 10 },
      ],
    };
    const r = await solveMatching(inst);
    expect(check(inst, r)).toEqual([]);
    const g = r.groups.find((x) => x.members.includes("a"))!;
    expect([...g.members].sort()).toEqual(["a", "d", "m2"]);
  });

  describe("a pin on a mentor who leads two groups", () => {
    // m leads two groups; e is pinned to m. Four other mentees, one per region.
    const base: InstanceInput = {
      participants: [
        person("m", "mentor", "01", { capacity: 2 }),
        person("e", "mentee", "02"),
        person("a", "mentee", "03"),
        person("b", "mentee", "04"),
        person("c", "mentee", "05"),
      ],
      pins: [["m", "e"]],
      pairScores: [
        { a: "m", b: "a", score: 9 },
        { a: "m", b: "b", score: 9 },
        { a: "a", b: "b", score: 9 },
        { a: "m", b: "e", score: 1 },
      ],
    };

    it("costs no group: e is in one of m's groups and the other is free", async () => {
      const r = await solveMatching(base);
      expect(check(base, r)).toEqual([]);
      expect(r.status).toBe("optimal");
      expect(r.groups.map((g) => [...g.members].sort().join(" ")).sort()).toEqual([
        "a b m",
        "c e m",
      ]);
      const withE = r.groups.find((g) => g.members.includes("e"))!;
      expect(withE.explanation.reasons).toContainEqual({
        code: "pin-requested",
        params: { a: "m", b: "e" },
      });
      const free = r.groups.find((g) => !g.members.includes("e"))!;
      expect(free.explanation.reasons.map((x) => x.code)).not.toContain("pin-requested");
      expect(free.explanation.checks.every((c) => c.ok)).toBe(true);
    });

    it("as fixed groups, the optimum is accepted as it is", async () => {
      const r = await solveMatching({
        ...base,
        fixedGroups: [
          ["m", "a", "b"],
          ["m", "c", "e"],
        ],
      });
      expect(r.status).toBe("optimal");
      expect(r.groups).toHaveLength(2);
    });

    it("a fixed group of m without e: e joins m's other group", async () => {
      const inst = { ...base, fixedGroups: [["m", "a", "b"]] as [string, string, string][] };
      const r = await solveMatching(inst);
      expect(check(inst, r)).toEqual([]);
      expect(r.groups.map((g) => [...g.members].sort().join(" ")).sort()).toEqual([
        "a b m",
        "c e m",
      ]);
    });

    it("two fixed groups of m without e break the pin", async () => {
      const inst: InstanceInput = {
        ...base,
        participants: [...base.participants, person("d", "mentee", "06")],
        fixedGroups: [
          ["m", "a", "b"],
          ["m", "c", "d"],
        ],
      };
      const r = await solveMatching(inst);
      expect(r.status).toBe("infeasible");
      expect(r.violations).toEqual([
        { group: ["m", "c", "d"], index: 1, problems: [{ code: "pin-broken", ids: ["m", "e"] }] },
      ]);
    });

    it("a fixed group of m without e, and no one left to join them: the pin is broken", async () => {
      const inst: InstanceInput = {
        ...base,
        participants: base.participants.filter((p) => p.id !== "c"),
        fixedGroups: [["m", "a", "b"]],
      };
      const r = await solveMatching(inst);
      expect(r.status).toBe("infeasible");
      expect(r.violations?.[0]?.problems).toEqual([{ code: "pin-broken", ids: ["m", "e"] }]);
    });

    it("when e can join no group of m, neither is placed", async () => {
      // e shares m's region: they can never be together, so m leads no group either.
      const inst: InstanceInput = {
        ...base,
        participants: base.participants.map((p) => (p.id === "e" ? { ...p, region: "01" } : p)),
      };
      const r = await solveMatching(inst);
      expect(check(inst, r)).toEqual([]);
      expect(r.groups).toHaveLength(0);
      expect(r.unplaced.find((u) => u.id === "m")?.reasonCode).toBe("pin-unsatisfiable");
      expect(r.unplaced.find((u) => u.id === "e")?.reasonCode).toBe("pin-unsatisfiable");
    });
  });

  it("pins that cannot form a valid group leave their people out, with the reason", async () => {
    const inst: InstanceInput = {
      participants: [
        person("m1", "mentor", "01"),
        person("m2", "mentor", "02"),
        person("a", "mentee", "03"),
        person("b", "mentee", "04"),
      ],
      pins: [["m1", "m2"]],
    };
    const r = await solveMatching(inst);
    expect(check(inst, r)).toEqual([]);
    expect(r.groups).toHaveLength(0);
    const u = r.unplaced.find((x) => x.id === "m1")!;
    expect(u.reasonCode).toBe("pin-unsatisfiable");
  });

  it("forbids, same organization, competitors and regions are never together", async () => {
    const inst: InstanceInput = {
      participants: [
        person("m1", "mentor", "01", { organization: "A", competitors: ["C"] }),
        person("a", "mentee", "02", { organization: "A" }), // same org as m1
        person("b", "mentee", "03", { organization: "B" }),
        person("c", "mentee", "04", { organization: "C" }), // competitor of A (declared by m1)
        person("d", "mentee", "01", { organization: "D" }), // same region as m1
        person("e", "mentee", "05", { organization: "E" }),
        person("f", "mentee", "06", { organization: "F" }),
      ],
      forbid: [["m1", "e"]],
    };
    const r = await solveMatching(inst);
    expect(check(inst, r)).toEqual([]);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]!.members).toEqual(["m1", "b", "f"]);
    const reasons = Object.fromEntries(r.unplaced.map((u) => [u.id, u.reasonCode]));
    expect(reasons.a).toBe("no-compatible-mentor");
    expect(reasons.c).toBe("no-compatible-mentor");
    expect(reasons.d).toBe("no-compatible-mentor");
    expect(reasons.e).toBe("forbidden-with-everyone");
  });

  it("competitors declared by one member apply to the whole organization", async () => {
    const inst: InstanceInput = {
      participants: [
        person("m1", "mentor", "01", { organization: "A" }),
        person("x", "mentee", "07", { organization: "A", competitors: ["C"] }),
        person("b", "mentee", "02", { organization: "B" }),
        person("c", "mentee", "03", { organization: "C" }),
      ],
    };
    const r = await solveMatching(inst);
    expect(check(inst, r)).toEqual([]);
    expect(r.groups).toHaveLength(0);
  });

  it("distinct-mrcs allows the same region with different MRCs, never the same MRC", async () => {
    const inst: InstanceInput = {
      policy: { regionRule: "distinct-mrcs" },
      participants: [
        person("m", "mentor", "06", { mrc: "661" }),
        person("a", "mentee", "06", { mrc: "662" }),
        person("b", "mentee", "06", { mrc: "663" }),
        person("c", "mentee", "06", { mrc: "661" }),
      ],
    };
    const r = await solveMatching(inst);
    expect(check(inst, r)).toEqual([]);
    expect(r.groups.map((g) => g.members)).toEqual([["m", "a", "b"]]);
    expect(r.groups[0]!.explanation.checks.find((c) => c.rule === "distinct-mrcs")?.ok).toBe(true);
  });

  it("proximity: one region and three MRCs; the explanation states the rule kept", async () => {
    const inst: InstanceInput = {
      policy: { regionRule: "same-region-distinct-mrcs" },
      participants: [
        person("m", "mentor", "16", { mrc: "580" }),
        person("a", "mentee", "16", { mrc: "590" }),
        person("b", "mentee", "16", { mrc: "600" }),
        // Same MRC as the mentor, and another region: neither may join.
        person("c", "mentee", "16", { mrc: "580" }),
        person("d", "mentee", "05", { mrc: "600" }),
        // A conflict of interest declared by b's organization keeps b apart from e.
        person("e", "mentee", "16", { mrc: "610", competitors: ["org-b"] }),
      ],
      pairScores: [
        { a: "m", b: "e", score: 50 },
        { a: "a", b: "e", score: 50 },
        { a: "m", b: "c", score: 50 },
      ],
    };
    const r = await solveMatching(inst);
    expect(check(inst, r)).toEqual([]);
    expect(r.groups.map((g) => g.members.slice().sort())).toEqual([["a", "e", "m"]]);
    const checks = r.groups[0]!.explanation.checks;
    expect(checks.find((c) => c.rule === "same-region-distinct-mrcs")).toMatchObject({ ok: true });
    expect(r.groups[0]!.explanation.reasons).toContainEqual({
      code: "same-region-distinct-mrcs",
      params: { region: "16", mrcs: ["580", "590", "610"] },
    });
  });

  it("proximity: unplaced people are told the cause under the rule", async () => {
    const inst: InstanceInput = {
      policy: { regionRule: "same-region-distinct-mrcs" },
      participants: [
        // Region 16: three MRCs, one mentor.
        person("m", "mentor", "16", { mrc: "580" }),
        person("a", "mentee", "16", { mrc: "590" }),
        person("b", "mentee", "16", { mrc: "600" }),
        // Region 05: two MRCs only.
        person("x", "mentee", "05", { mrc: "410" }),
        person("y", "mentor", "05", { mrc: "420" }),
        // Region 03: three MRCs, no mentor.
        person("p", "mentee", "03", { mrc: "230" }),
        person("q", "mentee", "03", { mrc: "220" }),
        person("r", "mentee", "03", { mrc: "210", needs: ["gouvernance"] }),
      ],
    };
    const r = await solveMatching(inst);
    expect(check(inst, r)).toEqual([]);
    expect(r.groups).toHaveLength(1);
    const why = new Map(r.unplaced.map((u) => [u.id, u]));
    expect(why.get("x")!.reasonCode).toBe("not-enough-mrcs");
    expect(why.get("x")!.reasons[0]).toEqual({
      code: "not-enough-mrcs-proximity",
      params: { region: "05", mrcs: ["410", "420"] },
    });
    expect(why.get("y")!.reasons[0]!.code).toBe("not-enough-mrcs-proximity");
    expect(why.get("r")!.reasons).toEqual([
      { code: "no-compatible-mentor-proximity", params: {} },
      { code: "uncovered-needs-proximity", params: { needs: ["gouvernance"] } },
    ]);
  });

  it("mentor capacity: a mentor leads at most `capacity` groups", async () => {
    const mentees = ["a", "b", "c", "d", "e", "f"].map((id, i) =>
      person(id, "mentee", String(i + 2).padStart(2, "0")),
    );
    const inst: InstanceInput = {
      participants: [person("m", "mentor", "01", { capacity: 2 }), ...mentees],
    };
    const r = await solveMatching(inst);
    expect(check(inst, r)).toEqual([]);
    expect(r.groups).toHaveLength(2);
    expect(r.groups.every((g) => g.mentor === "m")).toBe(true);
    expect(r.unplaced.map((u) => u.reasonCode)).toEqual([
      "mentor-capacity-exhausted",
      "mentor-capacity-exhausted",
    ]);
  });

  it("fixed groups stay as they are; the rest is optimized around them", async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const inst = randomInstance({
        seed: 500 + seed,
        size: 12,
        mode: "mentorship",
        regionRule: "distinct-regions",
      });
      // Fix the first group of an unconstrained solve.
      const first = await solveMatching(inst);
      if (first.groups.length === 0) continue;
      const g = first.groups[first.groups.length - 1]!;
      const fixedInst = { ...inst, fixedGroups: [g.members] };
      const r = await solveMatching(fixedInst);
      expect(check(fixedInst, r), `seed ${seed}`).toEqual([]);
      expect(r.groups[0]!.members).toEqual(g.members);
      expect(r.groups[0]!.explanation.fixed).toBe(true);
      const best = bruteForce(fixedInst)!;
      expect(r.objective.groups).toBe(best.groups);
      expect(r.objective.score).toBeCloseTo(best.score, 6);
    }
  });

  it("fixed groups that break a hard constraint make the instance infeasible, named", async () => {
    const inst: InstanceInput = {
      participants: [
        person("m", "mentor", "01"),
        person("a", "mentee", "01"),
        person("b", "mentee", "03"),
        person("c", "mentee", "04"),
      ],
      fixedGroups: [
        ["m", "b", "c"],
        ["m", "a", "b"],
      ],
    };
    const r = await solveMatching(inst);
    expect(r.status).toBe("infeasible");
    expect(r.groups).toEqual([]);
    expect(r.violations?.map((v) => v.index)).toEqual([1]);
    expect(r.violations![0]!.group).toEqual(["m", "a", "b"]);
    const codes = r.violations![0]!.problems.map((p) => p.code);
    expect(codes).toContain("same-region");
    expect(codes).toContain("capacity-exceeded");
    expect(codes).toContain("placed-twice");
    expect(r.violations![0]!.problems).toContainEqual({ code: "same-region", ids: ["m", "a"] });
  });
});

describe("explanations", () => {
  it("groups explain needs ↔ expertise, shared needs, mutual ratings and constraints (reason codes)", async () => {
    const inst: InstanceInput = {
      participants: [
        person("m", "mentor", "01", { name: "Mireille", expertise: ["transport", "financement"] }),
        person("a", "mentee", "02", {
          name: "Alain",
          needs: [{ tag: "transport", priority: 3 }, "gouvernance"],
        }),
        person("b", "mentee", "03", { name: "Béatrice", needs: ["gouvernance", "financement"] }),
      ],
      ratings: [
        { from: "a", to: "m", score: 5 },
        { from: "m", to: "a", score: 4 },
      ],
    };
    const r = await solveMatching(inst);
    const e = r.groups[0]!.explanation;
    expect(e.needsMet).toEqual(
      expect.arrayContaining([
        { who: "a", need: "transport", priority: 3, coveredBy: "m" },
        { who: "b", need: "financement", priority: 1, coveredBy: "m" },
      ]),
    );
    expect(e.sharedNeeds).toEqual([{ between: ["a", "b"], needs: ["gouvernance"] }]);
    expect(e.mutualRatings).toEqual([{ between: ["m", "a"], aToB: 4, bToA: 5 }]);
    expect(e.checks.every((c) => c.ok)).toBe(true);
    expect(e.reasons[0]).toEqual({
      code: "triad",
      params: { mentor: "Mireille", mentees: ["Alain", "Béatrice"] },
    });
    expect(e.reasons).toContainEqual({
      code: "need-met",
      params: { who: "Alain", need: "transport", priority: 3, by: "Mireille" },
    });
    expect(e.reasons).toContainEqual({
      code: "shared-needs",
      params: { a: "Alain", b: "Béatrice", needs: ["gouvernance"] },
    });
    expect(e.reasons).toContainEqual({
      code: "mutual-rating",
      params: { a: "Mireille", b: "Alain", aToB: 4, bToA: 5 },
    });
    expect(e.reasons.slice(-2)).toEqual([
      { code: "distinct-regions", params: { regions: ["01", "02", "03"] } },
      { code: "distinct-organizations", params: {} },
    ]);
    // group score = sum of the three pair scores
    const P = inst.participants;
    const s =
      pairScore(P[0]!, P[1]!, {}, inst.ratings) +
      pairScore(P[0]!, P[2]!, {}, inst.ratings) +
      pairScore(P[1]!, P[2]!, {}, inst.ratings);
    expect(r.groups[0]!.score).toBeCloseTo(s, 9);
  });

  it("unplaced people get a reason code and reasons with their parameters", async () => {
    const inst: InstanceInput = {
      participants: [
        person("m", "mentor", "01", { expertise: ["financement"] }),
        person("a", "mentee", "01", { needs: [{ tag: "transport", priority: 3 }] }),
        person("b", "mentee", "02"),
        person("c", "mentee", "03"),
        person("p", "peer", "04"),
      ],
    };
    const r = await solveMatching(inst);
    const byId = Object.fromEntries(r.unplaced.map((u) => [u.id, u]));
    expect(byId.a!.reasonCode).toBe("no-compatible-mentor");
    expect(byId.a!.reasons).toEqual([
      { code: "no-compatible-mentor-region", params: {} },
      { code: "uncovered-needs-region", params: { needs: ["transport"] } },
    ]);
    expect(byId.a!.uncoveredNeeds).toEqual(["transport"]);
    expect(byId.p!.reasonCode).toBe("role-not-in-mode");
    expect(byId.p!.reasons).toEqual([{ code: "peer-not-in-mentorship", params: {} }]);
  });
});

describe("solvers are interchangeable", () => {
  it("javascript-lp-solver in a worker thread matches HiGHS and brute force on small models", async () => {
    const js = new JsLpSolver();
    try {
      for (let seed = 1; seed <= 12; seed++) {
        const inst = randomInstance({
          seed: 900 + seed,
          size: 6 + (seed % 7),
          mode: seed % 2 ? "mentorship" : "co-development",
          regionRule: "distinct-regions",
        });
        const a = await solveMatching(inst, { smallSolver: js });
        const b = await solveMatching(inst);
        expect(check(inst, a)).toEqual([]);
        expect(a.objective.groups).toBe(b.objective.groups);
        expect(a.objective.score).toBeCloseTo(b.objective.score, 6);
      }
    } finally {
      await js.close();
    }
  });

  it("javascript-lp-solver refuses models above its safe size", async () => {
    const js = new JsLpSolver({ maxTriads: 2 });
    await expect(
      js.solve({
        n: 3,
        cap: [1, 1, 1],
        triads: [0, 1, 2, 0, 1, 2, 0, 1, 2],
        values: [1, 1, 1],
        timeLimitMs: 1000,
      }),
    ).rejects.toThrow(/safe size/);
    await js.close();
  });
});
