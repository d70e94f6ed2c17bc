import { describe, expect, it } from "vitest";
import { instanceSchema, type InstanceInput } from "../../matching";
import { encode, type Encoded } from "../../matching/encode";
import { greedy } from "../../matching/heuristic";
import { improveLocally } from "../../matching/optimize/local-search";
import { valueOf } from "../../matching/optimize/shared";
import { triadOk } from "./checker";
import { randomInstance } from "./random";

const person = (id: string, role: "mentor" | "mentee" | "peer", region: string) => ({
  id,
  role,
  region,
  mrc: `${region}1`,
  organization: `o-${id}`,
});

/** The groups as sorted id lists, sorted (order-free comparison). */
function groupsOf(enc: Encoded, triads: number[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < triads.length; k += 3) {
    const ids = [triads[k]!, triads[k + 1]!, triads[k + 2]!].map(
      (x) => enc.participants[enc.people[x]!]!.id,
    );
    out.push(ids.sort().join(" "));
  }
  return out.sort();
}

/** Every problem of `after` as a replacement of `before` (independent checker's rules). */
function problems(input: InstanceInput, enc: Encoded, before: number[], after: number[]) {
  const inst = instanceSchema.parse(input);
  const out: string[] = [];
  const used = new Map<string, number>();
  for (let k = 0; k < after.length; k += 3) {
    const ids = [after[k]!, after[k + 1]!, after[k + 2]!].map(
      (x) => enc.participants[enc.people[x]!]!.id,
    );
    if (!triadOk(inst, ids)) out.push(`invalid group ${ids.join(" ")}`);
    for (const id of ids) used.set(id, (used.get(id) ?? 0) + 1);
  }
  for (const [id, count] of used) {
    const p = inst.participants.find((q) => q.id === id)!;
    const limit = p.role === "mentor" ? (p.capacity ?? 1) : 1;
    if (count > limit) out.push(`${id} placed ${count} times`);
  }
  // A group holding anyone with a pin is kept as it was.
  const pinnedIds = new Set((inst.pins ?? []).flat());
  const beforeGroups = new Set(groupsOf(enc, before));
  for (const g of groupsOf(enc, after)) {
    if (g.split(" ").some((id) => pinnedIds.has(id)) && !beforeGroups.has(g))
      out.push(`pinned group changed: ${g}`);
  }
  for (const g of beforeGroups) {
    if (g.split(" ").some((id) => pinnedIds.has(id)) && !groupsOf(enc, after).includes(g))
      out.push(`pinned group lost: ${g}`);
  }
  if (after.length < before.length) out.push("fewer groups");
  return out;
}

describe("local search on an incumbent", () => {
  it("descent re-deals two groups to the best split", () => {
    const input: InstanceInput = {
      participants: [
        person("m1", "mentor", "01"),
        person("m2", "mentor", "02"),
        person("a", "mentee", "03"),
        person("b", "mentee", "04"),
        person("c", "mentee", "05"),
        person("d", "mentee", "06"),
      ],
      pairScores: [
        { a: "m1", b: "a", score: 5 },
        { a: "m1", b: "c", score: 5 },
        { a: "a", b: "c", score: 5 },
        { a: "m2", b: "b", score: 5 },
        { a: "m2", b: "d", score: 5 },
        { a: "b", b: "d", score: 5 },
      ],
    };
    const enc = encode(instanceSchema.parse(input));
    const i = (id: string) => enc.modelIndex[enc.byId.get(id)!]!;
    const start = [i("m1"), i("a"), i("b"), i("m2"), i("c"), i("d")];
    const r = improveLocally(enc, start, { deadline: Infinity });
    expect(groupsOf(enc, r.triads)).toEqual(["a c m1", "b d m2"]);
    expect(r.gain).toBe(20);
    expect(valueOf(enc, r.triads) - valueOf(enc, start)).toBe(20);
  });

  it("brings in a person with spare capacity, and never touches a pinned group", () => {
    const input: InstanceInput = {
      participants: [
        person("m1", "mentor", "01"),
        person("m2", "mentor", "02"),
        person("a", "mentee", "03"),
        person("b", "mentee", "04"),
        person("c", "mentee", "05"),
        person("d", "mentee", "06"),
        person("e", "mentee", "07"),
      ],
      pins: [["m1", "b"]],
      pairScores: [
        // e would be worth most in the pinned group, but that group stays as it is.
        { a: "m1", b: "e", score: 9 },
        { a: "a", b: "e", score: 9 },
        { a: "m2", b: "e", score: 4 },
        { a: "d", b: "e", score: 4 },
      ],
    };
    const enc = encode(instanceSchema.parse(input));
    const i = (id: string) => enc.modelIndex[enc.byId.get(id)!]!;
    const start = [i("m1"), i("a"), i("b"), i("m2"), i("c"), i("d")];
    const r = improveLocally(enc, start, { deadline: Infinity });
    expect(groupsOf(enc, r.triads)).toEqual(["a b m1", "d e m2"]);
    expect(problems(input, enc, start, r.triads)).toEqual([]);
  });

  it("adds a group from people with spare capacity, directly or taking a member's place", () => {
    const input: InstanceInput = {
      participants: [
        person("m1", "mentor", "01"),
        person("m2", "mentor", "02"),
        person("a", "mentee", "03"),
        person("b", "mentee", "04"),
        person("c", "mentee", "05"),
        person("d", "mentee", "06"),
      ],
      // c and d may not share a group: d takes a's place, a joins m2 and c.
      forbid: [["c", "d"]],
    };
    const enc = encode(instanceSchema.parse(input));
    const i = (id: string) => enc.modelIndex[enc.byId.get(id)!]!;
    const start = [i("m1"), i("a"), i("b")];
    const r = improveLocally(enc, start, { deadline: Infinity });
    expect(r.triads.length).toBe(6);
    expect(problems(input, enc, start, r.triads)).toEqual([]);
    expect(r.gain).toBe(enc.M);
    const direct = encode(instanceSchema.parse({ ...input, forbid: [] }));
    const j = (id: string) => direct.modelIndex[direct.byId.get(id)!]!;
    const again = improveLocally(direct, [j("m1"), j("a"), j("b")], { deadline: Infinity });
    expect(groupsOf(direct, again.triads)).toEqual(["a b m1", "c d m2"]);
  });

  it("random instances: every hard constraint holds and the value never drops", () => {
    let improved = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const input = randomInstance({
        seed: 500 + seed,
        size: 15 + ((seed * 7) % 30),
        mode: seed % 3 === 0 ? "co-development" : "mentorship",
        regionRule: seed % 2 === 0 ? "distinct-mrcs" : "distinct-regions",
        explicitScores: seed % 4 === 0,
      });
      const enc = encode(instanceSchema.parse(input));
      // Greedy, with its last group dropped (room to add one back).
      const start = greedy(enc).slice(0, seed % 2 === 0 ? -3 : undefined);
      const v0 = valueOf(enc, start);
      const down = improveLocally(enc, start, { deadline: Infinity });
      expect(problems(input, enc, start, down.triads), `seed ${seed}`).toEqual([]);
      const v = valueOf(enc, down.triads);
      expect(v, `seed ${seed}`).toBeGreaterThanOrEqual(v0 - 1e-9);
      expect(v - v0, `seed ${seed}`).toBeCloseTo(down.gain, 6);
      // Descent stops at a local optimum: a second pass finds nothing.
      expect(improveLocally(enc, down.triads, { deadline: Infinity }).moves).toBe(0);
      if (down.gain > 0) improved++;
    }
    expect(improved).toBeGreaterThan(0);
  });
});
