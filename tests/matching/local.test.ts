/**
 * Local re-optimization (matching/local.ts) against an independent brute force written with the
 * checker's rules on the whole instance: the regrouping of the selected people is the best one,
 * at least as good as the current groups, never touches anyone outside the selection, and counts
 * the capacity mentors use in groups outside it. Replacements are ranked like an exhaustive
 * evaluation of every candidate.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  instanceSchema,
  JsLpSolver,
  LocalInputError,
  rankReplacements,
  reoptimize,
  type InstanceInput,
  type LocalGroup,
  type Participant,
} from "../../matching";
import { rng } from "../../matching/bench/generate";
import { groupScore, triadOk } from "./checker";
import { randomInstance } from "./random";

const solver = new JsLpSolver();
afterAll(() => solver.close());

type Inst = ReturnType<typeof instanceSchema.parse>;

const capOf = (inst: Inst, id: string) => {
  const p = inst.participants.find((x) => x.id === id)!;
  return p.role === "mentor" ? (p.capacity ?? 1) : 1;
};

/** How many seats each person holds in `groups`. */
function uses(groups: ReadonlyArray<readonly string[]>): Map<string, number> {
  const m = new Map<string, number>();
  for (const g of groups) for (const id of g) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

/**
 * The best (groups, score) for `people`, with capacity left by `outside`, by exhaustive search over
 * the triads the checker allows on the whole instance.
 */
function bestRegrouping(inst: Inst, people: string[], outside: LocalGroup[]) {
  const used = uses(outside.map((g) => g.members));
  const left = new Map(people.map((id) => [id, capOf(inst, id) - (used.get(id) ?? 0)]));
  const triads: { m: string[]; s: number }[] = [];
  for (let i = 0; i < people.length; i++)
    for (let j = i + 1; j < people.length; j++)
      for (let k = j + 1; k < people.length; k++) {
        const g = [people[i]!, people[j]!, people[k]!];
        if (triadOk(inst, g)) triads.push({ m: g, s: groupScore(inst, g) });
      }
  let best = { groups: 0, score: 0 };
  const rec = (start: number, groups: number, score: number) => {
    if (groups > best.groups || (groups === best.groups && score > best.score + 1e-9))
      best = { groups, score };
    for (let t = start; t < triads.length; t++) {
      const tr = triads[t]!;
      if (tr.m.some((id) => left.get(id)! <= 0)) continue;
      for (const id of tr.m) left.set(id, left.get(id)! - 1);
      rec(t + 1, groups + 1, score + tr.s);
      for (const id of tr.m) left.set(id, left.get(id)! + 1);
    }
  };
  rec(0, 0, 0);
  return best;
}

/** Groups formed at random (valid, rarely the best): the "current" state of a program. */
function randomGroups(inst: Inst, seed: number): LocalGroup[] {
  const r = rng(seed);
  const ids = inst.participants.map((p) => p.id).sort(() => r() - 0.5);
  const left = new Map(ids.map((id) => [id, capOf(inst, id)]));
  const groups: LocalGroup[] = [];
  for (let tries = 0; tries < 400; tries++) {
    const g = [0, 1, 2].map(() => ids[Math.floor(r() * ids.length)]!);
    if (!triadOk(inst, g) || g.some((id) => left.get(id)! <= 0)) continue;
    for (const id of g) left.set(id, left.get(id)! - 1);
    groups.push({ id: `g${groups.length + 1}`, members: g });
  }
  return groups;
}

describe("the best regrouping of a few groups", () => {
  it("equals the brute force, is never worse than the current groups, and stays inside the selection", async () => {
    let cases = 0;
    let improved = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const mode = seed % 3 === 0 ? "co-development" : "mentorship";
      const input: InstanceInput = {
        ...randomInstance({ seed: 7000 + seed, size: 13, mode, regionRule: "distinct-mrcs" }),
        pins: [], // pins have their own test below (their meaning is the engine's)
      };
      const inst = instanceSchema.parse(input);
      const groups = randomGroups(inst, seed);
      if (groups.length < 2) continue;
      const r = rng(seed * 17);
      const selected = groups.filter(() => r() < 0.6).map((g) => g.id);
      if (selected.length < 2) selected.splice(0, selected.length, groups[0]!.id, groups[1]!.id);
      const placed = new Set(groups.flatMap((g) => g.members));
      const free = inst.participants
        .map((p) => p.id)
        .filter((id) => !placed.has(id) && r() < 0.5)
        .slice(0, 3);
      const outside = groups.filter((g) => !selected.includes(g.id));
      const chosen = groups.filter((g) => selected.includes(g.id));
      const people = [...new Set([...chosen.flatMap((g) => g.members), ...free])];

      const result = await reoptimize({ instance: input, groups, selected, free }, { solver });
      cases++;
      expect(result.status).toBe("optimal");
      // Before: the current groups, scored independently.
      expect(result.before.groups).toBe(chosen.length);
      expect(result.before.score).toBeCloseTo(
        chosen.reduce((s, g) => s + groupScore(inst, [...g.members]), 0),
        6,
      );
      // After: the best regrouping (the current groups are one of the candidates).
      const best = bestRegrouping(inst, people, outside);
      expect(result.after.groups).toBe(best.groups);
      expect(result.after.score).toBeCloseTo(best.score, 6);
      const after = result.rows.flatMap((row) => (row.after ? [row.after.members] : []));
      expect(
        result.after.groups > result.before.groups ||
          result.after.score >= result.before.score - 1e-9,
      ).toBe(true);
      if (result.improved) improved++;
      else
        expect(after.map((g) => [...g].sort())).toEqual(chosen.map((g) => [...g.members].sort()));
      // Inside the selection, every rule kept, capacity used outside counted.
      const total = uses([...outside.map((g) => g.members), ...after]);
      for (const g of after) {
        for (const id of g) expect(people).toContain(id);
        expect(triadOk(inst, [...g])).toBe(true);
      }
      for (const [id, n] of total) expect(n).toBeLessThanOrEqual(capOf(inst, id));
      const score = after.reduce((s, g) => s + groupScore(inst, [...g]), 0);
      expect(result.after.score).toBeCloseTo(score, 6);
      // Everyone selected is in a group after, or in the unplaced list with a reason.
      const placedAfter = new Set(after.flat());
      expect(result.unplaced.map((u) => u.id).sort()).toEqual(
        people.filter((id) => !placedAfter.has(id)).sort(),
      );
      for (const u of result.unplaced) expect(u.reasons.length).toBeGreaterThan(0);
      // Each selected group has its line, before and after.
      for (const id of selected) expect(result.rows.some((row) => row.id === id)).toBe(true);
    }
    expect(cases).toBeGreaterThanOrEqual(30);
    expect(improved).toBeGreaterThanOrEqual(10);
  }, 60_000);

  const person = (id: string, role: Participant["role"], region: string, capacity?: number) =>
    ({ id, role, region, mrc: `${region}-1`, organization: `o-${id}`, capacity }) as Participant;

  it("keeps the capacity a mentor uses in a group outside the selection", async () => {
    // Marie (capacity 2) leads g0, outside the selection, and g1; the free mentees like her most.
    const participants = [
      person("marie", "mentor", "01", 2),
      person("noel", "mentor", "02"),
      ...["a", "b", "c", "d", "e", "f", "g", "h"].map((id, i) =>
        person(id, "mentee", String(3 + i).padStart(2, "0")),
      ),
    ];
    const ratings = ["g", "h"].flatMap((m) => [
      { from: m, to: "marie", score: 5 },
      { from: "marie", to: m, score: 5 },
    ]);
    const instance: InstanceInput = { participants, ratings };
    const groups = [
      { id: "g0", members: ["marie", "a", "b"] },
      { id: "g1", members: ["marie", "c", "d"] },
      { id: "g2", members: ["noel", "e", "f"] },
    ];
    const result = await reoptimize(
      { instance, groups, selected: ["g1", "g2"], free: ["g", "h"] },
      { solver },
    );
    const after = result.rows.flatMap((row) => (row.after ? [row.after.members] : []));
    expect(after).toHaveLength(2);
    expect(after.filter((g) => g.includes("marie"))).toHaveLength(1);
    // Marie takes the two mentees who rated her: a better regrouping than before.
    expect(after).toContainEqual(["marie", "g", "h"]);
    expect(result.improved).toBe(true);
    expect(result.after.score).toBeGreaterThan(result.before.score);
    // The same selection with g0 in it may use Marie twice.
    const wider = await reoptimize(
      { instance, groups, selected: ["g0", "g1", "g2"], free: ["g", "h"] },
      { solver },
    );
    expect(wider.after.groups).toBe(3);
  });

  it("moves nobody for nothing: among equal regroupings, the one closest to the current groups", async () => {
    // Only Zoé and m1 have something in common: she takes a seat in m1's group, nobody else moves.
    const participants = [
      { ...person("m1", "mentor", "01"), expertise: ["transport"] },
      person("m2", "mentor", "02"),
      person("m3", "mentor", "03"),
      ...["a", "b", "c", "d", "e", "f"].map((id, i) =>
        person(id, "mentee", String(4 + i).padStart(2, "0")),
      ),
      { ...person("zoe", "mentee", "10"), needs: [{ tag: "transport", priority: 3 }] },
    ];
    const groups = [
      { id: "g1", members: ["m1", "a", "b"] },
      { id: "g2", members: ["m2", "c", "d"] },
      { id: "g3", members: ["m3", "e", "f"] },
    ];
    const result = await reoptimize(
      { instance: { participants }, groups, selected: ["g1", "g2", "g3"], free: ["zoe"] },
      { solver },
    );
    expect(result.improved).toBe(true);
    const after = Object.fromEntries(result.rows.map((r) => [r.id, r.after?.members]));
    expect(after.g2).toEqual(["m2", "c", "d"]);
    expect(after.g3).toEqual(["m3", "e", "f"]);
    expect(after.g1).toContain("zoe");
    expect(after.g1![0]).toBe("m1");
  });

  it("keeps pins between selected people, and refuses a pin to someone outside the selection", async () => {
    const participants = [
      person("m1", "mentor", "01"),
      person("m2", "mentor", "02"),
      ...["a", "b", "c", "d", "e", "f"].map((id, i) =>
        person(id, "mentee", String(3 + i).padStart(2, "0")),
      ),
    ];
    const ratings = [
      { from: "a", to: "m1", score: 5 },
      { from: "m1", to: "a", score: 5 },
    ];
    const groups = [
      { id: "g1", members: ["m1", "b", "c"] },
      { id: "g2", members: ["m2", "a", "d"] },
    ];
    // Without a pin, a joins m1; pinned to m2, a stays with m2.
    const free = await reoptimize(
      { instance: { participants, ratings }, groups, selected: ["g1", "g2"], free: [] },
      { solver },
    );
    expect(
      free.rows.some((row) => row.after?.members[0] === "m1" && row.after.members.includes("a")),
    ).toBe(true);
    const pinned = await reoptimize(
      {
        instance: { participants, ratings, pins: [["a", "m2"]] },
        groups,
        selected: ["g1", "g2"],
        free: [],
      },
      { solver },
    );
    for (const row of pinned.rows) {
      if (row.after?.members.includes("a")) expect(row.after.members).toContain("m2");
    }
    // A pin from a selected person to someone outside: the partner's group must be selected.
    await expect(
      reoptimize(
        {
          instance: { participants, pins: [["a", "e"]] },
          groups,
          selected: ["g1", "g2"],
          free: [],
        },
        { solver },
      ),
    ).rejects.toMatchObject({ code: "pin-outside", ids: ["a", "e"] });
    // A mentor of two groups pinned to a mentee of their group outside the selection: the pin is
    // kept there (ADR 0024), and the mentor's selected group is free to change.
    const twoGroups = participants.map((p) => (p.id === "m2" ? { ...p, capacity: 2 } : p));
    const kept = await reoptimize(
      {
        instance: { participants: twoGroups, ratings, pins: [["m2", "e"]] },
        groups: [...groups, { id: "g3", members: ["m2", "e", "f"] }],
        selected: ["g1", "g2"],
        free: [],
      },
      { solver },
    );
    expect(
      kept.rows.some((row) => row.after?.members[0] === "m1" && row.after.members.includes("a")),
    ).toBe(true);
    // Both inside: the mentor of two groups leads both, one of them with their pinned mentee.
    const linked = await reoptimize(
      {
        instance: { participants: twoGroups, pins: [["m2", "e"]] },
        groups,
        selected: ["g1", "g2"],
        free: ["e", "f"],
      },
      { solver },
    );
    expect(linked.after.groups).toBe(3);
    const withE = linked.rows.map((row) => row.after).filter((g) => g?.members.includes("e"));
    expect(withE).toHaveLength(1);
    expect(withE[0]!.members).toContain("m2");
    await expect(
      reoptimize(
        { instance: { participants }, groups, selected: ["g1", "g9"], free: [] },
        { solver },
      ),
    ).rejects.toBeInstanceOf(LocalInputError);
    await expect(
      reoptimize(
        { instance: { participants }, groups, selected: ["g1", "g2"], free: ["a"] },
        { solver },
      ),
    ).rejects.toMatchObject({ code: "not-free" });
  });
});

describe("the best replacements for a member", () => {
  it("ranks every allowed candidate like an exhaustive evaluation", async () => {
    let cases = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const input: InstanceInput = {
        ...randomInstance({
          seed: 8100 + seed,
          size: 14,
          mode: "mentorship",
          regionRule: "distinct-mrcs",
        }),
        pins: [],
      };
      const inst = instanceSchema.parse(input);
      const groups = randomGroups(inst, seed + 50);
      if (groups.length < 2) continue;
      const target = groups[0]!;
      const outId = target.members[1]!;
      const candidates = inst.participants
        .map((p) => p.id)
        .filter((id) => !target.members.includes(id));
      const ranked = rankReplacements(
        { instance: input, groups },
        target.id,
        outId,
        candidates,
        50,
      );
      // Exhaustive: each candidate takes the seat (or swaps), every rule and capacity checked.
      const expected: { id: string; delta: number }[] = [];
      for (const id of candidates) {
        const other = groups.find((g) => g.members.includes(id));
        const nextTarget = target.members.map((m) => (m === outId ? id : m));
        const nextOther = other?.members.map((m) => (m === id ? outId : m));
        const next = nextOther ? [nextTarget, nextOther] : [nextTarget];
        if (!next.every((g) => triadOk(inst, g))) continue;
        const rest = groups.filter((g) => g !== target && g !== other).map((g) => g.members);
        const load = uses([...rest, ...next]);
        if ([...load].some(([p, n]) => n > capOf(inst, p))) continue;
        const was =
          groupScore(inst, [...target.members]) +
          (other ? groupScore(inst, [...other.members]) : 0);
        const now = next.reduce((s, g) => s + groupScore(inst, g), 0);
        expected.push({ id, delta: now - was });
      }
      expected.sort((a, b) => b.delta - a.delta || (a.id < b.id ? -1 : 1));
      expect(ranked.map((x) => x.id)).toEqual(expected.map((x) => x.id));
      ranked.forEach((x, i) => expect(x.delta).toBeCloseTo(expected[i]!.delta, 6));
      cases++;
    }
    expect(cases).toBeGreaterThanOrEqual(20);
  });

  it("keeps the best few", () => {
    const participants = [
      { id: "m", role: "mentor", region: "01", mrc: "x", organization: "om" },
      ...["a", "b", "c", "d", "e", "f"].map((id, i) => ({
        id,
        role: "mentee",
        region: String(2 + i).padStart(2, "0"),
        mrc: "x",
        organization: `o${id}`,
      })),
    ] as Participant[];
    const ratings = ["c", "d", "e", "f"].map((id, i) => ({ from: "m", to: id, score: i + 1 }));
    const back = ratings.map((r) => ({ from: r.to, to: r.from, score: r.score }));
    const ranked = rankReplacements(
      {
        instance: { participants, ratings: [...ratings, ...back] },
        groups: [{ id: "g1", members: ["m", "a", "b"] }],
      },
      "g1",
      "a",
      ["c", "d", "e", "f"],
      2,
    );
    expect(ranked.map((r) => r.id)).toEqual(["f", "e"]);
    expect(ranked.every((r) => r.swapWith === null && r.delta > 0)).toBe(true);
  });
});
