/**
 * One rule for who may share a group. For random participants of a program (regions, MRCs,
 * organizations, competitors declared by one side, the coordination's forbids), these agree on
 * every pair:
 *   - the engine's rule, `compatible(a, b)` (matching/compatibility.ts: what the solver models);
 *   - an independent oracle written from the rules (tests/matching/checker.ts);
 *   - the round scheduler: fed as the app feeds it (programRules), it seats the two together;
 *   - the app's group check (checkGroup): no pair violation between the two.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compatibility, REGION_RULES } from "../../matching/compatibility";
import { rng } from "../../matching/bench/generate";
import { planRounds } from "../../matching/round-scheduler";
import { instanceSchema } from "../../matching/schema";
import { checkGroup } from "../../core/models/group.server";
import { engineParticipants, programRules } from "../../core/models/matching-input.server";
import { listDirectory, updateProfile } from "../../core/models/profile.server";
import type { EntityOf } from "../../core/store";
import { testServices, type TestServices } from "../helpers/services";
import { pairOk } from "../matching/checker";

let s: TestServices;
beforeAll(async () => {
  s = await testServices({ seed: "empty" });
});
afterAll(async () => {
  await s.close();
});

const PAIR_CODES = new Set([
  "same-person",
  "same-region",
  "different-region",
  "same-mrc",
  "same-organization",
  "competitors",
  "forbidden",
]);
const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** A co-development program (roles never matter) of `size` people in few regions and MRCs. */
async function randomProgram(seed: number, size: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const store = s.store;
  const at = "2027-01-04T12:00:00.000Z";
  const programId = `prog-${seed}`;
  const orgIds = Array.from({ length: Math.ceil(size * 0.6) }, (_, i) => `org-${seed}-${i}`);
  for (const id of orgIds) {
    await store.insert("organizations", {
      id,
      name: id,
      region: pick(["01", "02", "03", "04"]),
      mrc: pick(["10", "20"]),
      // A competitor declared by this organization only: the rule keeps both sides apart.
      competitorIds: r() < 0.2 ? [pick(orgIds)].filter((c) => c !== id) : [],
      createdAt: at,
    });
  }
  const ids: string[] = [];
  for (let i = 0; i < size; i++) {
    const id = `p-${seed}-${String(i).padStart(2, "0")}`;
    ids.push(id);
    // The user's name is the participant id: checkGroup names people in its violations.
    await store.insert("users", {
      id: `u-${id}`,
      email: `${id}@exemple.org`,
      name: id,
      role: "participant",
      passwordHash: "scrypt$16384$8$1$c2FsdA==$aGFzaA==",
      locale: "fr",
      createdAt: at,
    });
    await store.insert("participants", {
      id,
      programId,
      userId: `u-${id}`,
      organizationId: pick(orgIds),
      role: "peer",
      joinedAt: at,
    });
  }
  const forbids: Array<[string, string]> = [];
  for (let k = 0; k < size / 3; k++) {
    const a = pick(ids);
    const b = pick(ids);
    if (a !== b) forbids.push([a, b]);
  }
  const program = await store.insert("programs", {
    id: programId,
    title: "Programme",
    theme: "Réemploi",
    subThemes: [],
    coordinatorIds: ["u-coordination"],
    status: "active",
    composition: "co-development",
    regionRule: REGION_RULES[seed % 3]!,
    mentoringStart: "2027-01-04",
    mentoringEnd: "2027-06-30",
    hourBankHours: 20,
    forbids,
    createdAt: at,
  });
  return { program, ids, forbids, r };
}

/** Random triads, half of them built around a forbidden pair (so forbids are exercised). */
function triads(ids: string[], forbids: Array<[string, string]>, r: () => number, count: number) {
  const pick = () => ids[Math.floor(r() * ids.length)]!;
  const out: string[][] = [];
  while (out.length < count) {
    const [a, b] =
      out.length % 2 && forbids.length ? forbids[out.length % forbids.length]! : [pick(), pick()];
    const c = pick();
    if (new Set([a, b, c]).size === 3) out.push([a!, b!, c]);
  }
  return out;
}

/** Each pair of the triad: what the rule, the oracle, the round scheduler and checkGroup say. */
async function agreement(program: EntityOf<"programs">, triad: string[]) {
  const engine = await engineParticipants(s, program.id);
  const index = new Map(engine.map((p, i) => [p.id, i]));
  const rule = compatibility(engine, { regionRule: program.regionRule, forbid: program.forbids });
  const withoutForbids = compatibility(engine, { regionRule: program.regionRule });
  const instance = instanceSchema.parse({
    policy: { regionRule: program.regionRule },
    participants: engine,
    forbid: program.forbids,
  });
  const violations = await checkGroup(s, program, triad);
  const violated = new Set(
    violations.filter((v) => PAIR_CODES.has(v.code)).map((v) => key(v.names[0]!, v.names[1]!)),
  );
  const pairs: Array<[string, string]> = [
    [triad[0]!, triad[1]!],
    [triad[0]!, triad[2]!],
    [triad[1]!, triad[2]!],
  ];
  return pairs.map(([x, y]) => {
    const two = new Set([x, y]);
    const rules = programRules(program, two);
    const [round] = planRounds({
      participants: engine.filter((p) => two.has(p.id)),
      rounds: 1,
      roomSize: 2,
      regionRule: rules.policy.regionRule,
      forbid: rules.forbid,
    });
    const [i, j] = [index.get(x)!, index.get(y)!];
    return {
      pair: key(x, y),
      rule: rule.compatible(i, j),
      oracle: pairOk(instance, x, y),
      rounds: round!.rooms.length === 1,
      check: !violated.has(key(x, y)),
      forbidOnly: !rule.compatible(i, j) && withoutForbids.compatible(i, j),
    };
  });
}

describe("who may share a group: one rule for the engine, the round scheduler and the app", () => {
  it("agree on every pair of 240 random triads (the three region rules, competitors, forbids)", async () => {
    let compatible = 0;
    let incompatible = 0;
    let forbidOnly = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { program, ids, forbids, r } = await randomProgram(seed, 40);
      for (const triad of triads(ids, forbids, r, 40)) {
        for (const row of await agreement(program, triad)) {
          const { rule } = row;
          expect(row, `seed ${seed}`).toEqual({ ...row, oracle: rule, rounds: rule, check: rule });
          if (rule) compatible++;
          else incompatible++;
          if (row.forbidOnly) forbidOnly++;
        }
      }
    }
    // Both answers were seen often, and forbids alone kept some pairs apart.
    expect(compatible).toBeGreaterThan(90);
    expect(incompatible).toBeGreaterThan(90);
    expect(forbidOnly).toBeGreaterThan(10);
  });
});

describe("the proximity rule (one region, three MRCs)", () => {
  const person = (id: string, region: string, mrc: string, organization = id) => ({
    id,
    role: "peer" as const,
    region,
    mrc,
    organization,
  });
  it("pairs one region's different MRCs, and says why any other pair is kept apart", () => {
    const people = [
      person("a", "16", "580"),
      person("b", "16", "590"),
      person("c", "16", "580"),
      person("d", "05", "590"), // the MRC code of b, in another region
      { ...person("e", "16", "600"), competitors: ["a"] },
      person("f", "16", "610", "b"),
    ];
    const rule = compatibility(people, {
      regionRule: "same-region-distinct-mrcs",
      forbid: [["b", "e"]],
    });
    const why = (i: number, j: number) => rule.conflicts(i, j);
    expect(why(0, 1)).toEqual([]);
    expect(rule.compatible(0, 1)).toBe(true);
    expect(why(0, 2)).toEqual(["same-mrc"]);
    expect(why(1, 3)).toEqual(["different-region"]);
    expect(why(0, 3)).toEqual(["different-region"]);
    // A competitor or conflict of interest declared by one side keeps both apart.
    expect(why(0, 4)).toEqual(["competitors"]);
    expect(why(4, 0)).toEqual(["competitors"]);
    expect(why(1, 5)).toEqual(["same-organization"]);
    expect(why(1, 4)).toEqual(["forbidden"]);
    for (const [i, j] of [
      [0, 2],
      [1, 3],
      [0, 4],
      [1, 5],
      [1, 4],
    ] as const)
      expect(rule.compatible(i, j), `${i} ${j}`).toBe(false);
    // Under the other rules, the same pairs are judged by their own areas.
    const mrcs = compatibility(people, { regionRule: "distinct-mrcs" });
    expect(mrcs.compatible(1, 3)).toBe(true);
    const regions = compatibility(people, { regionRule: "distinct-regions" });
    expect(regions.conflicts(0, 1)).toEqual(["same-region"]);
  });

  it("refuses an unknown rule", () => {
    expect(() =>
      compatibility([], { regionRule: "same-mrc" as unknown as "distinct-mrcs" }),
    ).toThrow(RangeError);
  });
});

describe("a conflict of interest declared by a participant (proximity rule)", () => {
  it("keeps the two organizations apart in the rule, the rounds, checkGroup and the directory", async () => {
    const store = s.store;
    const at = "2027-01-04T12:00:00.000Z";
    const programId = "prog-conflict";
    // Montérégie: three MRCs; the Estrie organization is outside the person's region.
    const orgs = [
      ["a", "16", "58"],
      ["b", "16", "54"],
      ["c", "16", "67"],
      ["d", "05", "45"],
    ] as const;
    for (const [key, region, mrc] of orgs) {
      await store.insert("organizations", {
        id: `org-c-${key}`,
        name: `Organisme ${key}`,
        region,
        mrc,
        createdAt: at,
      });
      await store.insert("users", {
        id: `u-c-${key}`,
        email: `c-${key}@exemple.org`,
        name: `Personne ${key}`,
        role: "participant",
        passwordHash: "scrypt$16384$8$1$c2FsdA==$aGFzaA==",
        locale: "fr",
        createdAt: at,
      });
      await store.insert("participants", {
        id: `pc-${key}`,
        programId,
        userId: `u-c-${key}`,
        organizationId: `org-c-${key}`,
        role: "peer",
        published: true,
        joinedAt: at,
      });
    }
    const program = await store.insert("programs", {
      id: programId,
      title: "Proximité",
      theme: "Réemploi",
      subThemes: [],
      coordinatorIds: ["u-coordination"],
      status: "active",
      composition: "co-development",
      regionRule: "same-region-distinct-mrcs",
      mentoringStart: "2027-01-04",
      mentoringEnd: "2027-06-30",
      hourBankHours: 20,
      createdAt: at,
    });
    const triad = ["pc-a", "pc-b", "pc-c"];
    expect(await checkGroup(s, program, triad)).toEqual([]);
    const form = {
      intent: "save",
      sector: "Frigo",
      field: "",
      needTag: [],
      needPriority: [],
      newNeedTag: "",
      newNeedPriority: 2,
      needsText: "",
      expertise: [],
      expertiseText: "",
      workingStyle: "between" as const,
      availability: [],
      competitorOrgIds: [],
      published: true,
    };
    // Only organizations of the person's region are kept, even if a caller skipped the form's check.
    await updateProfile(s, "pc-c", { ...form, conflictOrgIds: ["org-c-a", "org-c-d"] }, []);
    expect((await store.get("participants", "pc-c"))?.conflictOrgIds).toEqual(["org-c-a"]);

    const engine = await engineParticipants(s, programId);
    expect(engine.find((p) => p.id === "pc-c")?.competitors).toEqual(["org-c-a"]);
    const rule = compatibility(engine, { regionRule: program.regionRule });
    const index = (id: string) => engine.findIndex((p) => p.id === id);
    // Declared by c: a and c apart, whichever side asks.
    expect(rule.conflicts(index("pc-a"), index("pc-c"))).toEqual(["competitors"]);
    expect(await checkGroup(s, program, triad)).toEqual([
      { code: "competitors", names: ["Personne a", "Personne c"] },
    ]);
    const pair = engine.filter((p) => p.id === "pc-a" || p.id === "pc-c");
    const [round] = planRounds({
      participants: pair,
      rounds: 1,
      roomSize: 2,
      regionRule: program.regionRule,
    });
    expect(round!.rooms).toEqual([]);
    // Person a's directory: b has an affinity; c (conflict) and d (another region) say why, last.
    const { entries } = await listDirectory(
      s,
      programId,
      {
        userId: "u-c-a",
        participantId: "pc-a",
      },
      {},
    );
    expect(entries.map((e) => [e.id, e.fit === undefined, e.apart])).toEqual([
      ["pc-a", true, undefined],
      ["pc-b", false, undefined],
      ["pc-c", true, ["competitors"]],
      ["pc-d", true, ["different-region"]],
    ]);
  });
});
