/**
 * Speed-dating round scheduler: properties over many seeded random events, re-planning after a
 * leave, determinism, and small hand-made cases. The checks below re-implement the rules
 * independently of matching/round-scheduler.ts (they do not call matching/compatibility.ts).
 */
import { describe, expect, it } from "vitest";
import type { Participant } from "../../matching/schema";
import { defaultWeights, pairDetail, pairScore, pairScorer } from "../../matching/score";
import { planRounds, type PlannedRound, type RoundPlanInput } from "../../matching/round-scheduler";

type Rule = RoundPlanInput["regionRule"];

function rng(seed: number): () => number {
  let a = (seed * 2654435761) >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface EventOptions {
  seed: number;
  size: number;
  /** Number of regions (fewer = more conflicts). */
  regions: number;
  /** Probability that an organization declares a competitor. */
  competitors?: number;
}

const TAGS = ["financement", "gouvernance", "rh", "communication", "benevolat", "numerique"];

function randomEvent(o: EventOptions): Participant[] {
  const r = rng(o.seed * 7919 + o.size);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const orgs = Array.from({ length: Math.max(2, Math.round(o.size * 0.6)) }, (_, i) => ({
    id: `org${i}`,
    region: String(1 + Math.floor(r() * o.regions)).padStart(2, "0"),
    mrc: `m${Math.floor(r() * 3)}`,
    rival: null as string | null,
  }));
  for (const org of orgs) if (r() < (o.competitors ?? 0.15)) org.rival = pick(orgs).id;
  const people: Participant[] = [];
  for (let i = 0; i < o.size; i++) {
    const org = pick(orgs);
    const x = r();
    const role = x < 0.33 ? "mentor" : x < 0.93 ? "mentee" : "peer";
    const p: Participant = {
      id: `p${String(i).padStart(3, "0")}`,
      role,
      region: org.region,
      mrc: org.mrc,
      organization: org.id,
      sector: pick(["famille", "aines", "jeunesse"]),
      style: pick(["structure", "intuitif"]),
      availability: [pick(["lun", "mar", "mer"]), pick(["jeu", "ven"])],
    };
    // A competitor declared by one member only: it must apply to the whole organization.
    if (org.rival && r() < 0.5) p.competitors = [org.rival];
    if (role === "mentor") p.expertise = [pick(TAGS), pick(TAGS), pick(TAGS)];
    else p.needs = [pick(TAGS), { tag: pick(TAGS), priority: 1 + Math.floor(r() * 3) }];
    if (role === "peer") p.expertise = [pick(TAGS)];
    people.push(p);
  }
  return people;
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Independent oracle: can a and b share a room? */
function compatible(
  people: readonly Participant[],
  rule: Rule,
  forbid: ReadonlyArray<readonly [string, string]> = [],
) {
  const forbidden = new Set(forbid.map(([a, b]) => key(a, b)));
  const rivals = new Map<string, Set<string>>();
  for (const p of people) {
    const set = rivals.get(p.organization) ?? new Set<string>();
    for (const c of p.competitors ?? []) set.add(c);
    rivals.set(p.organization, set);
  }
  const byId = new Map(people.map((p) => [p.id, p]));
  return (x: string, y: string): boolean => {
    const a = byId.get(x)!;
    const b = byId.get(y)!;
    if (rule === "distinct-regions" && a.region === b.region) return false;
    if (rule === "distinct-mrcs" && a.region === b.region && a.mrc === b.mrc) return false;
    if (rule === "same-region-distinct-mrcs" && (a.region !== b.region || a.mrc === b.mrc))
      return false;
    if (a.organization === b.organization) return false;
    if (rivals.get(a.organization)!.has(b.organization)) return false;
    if (rivals.get(b.organization)!.has(a.organization)) return false;
    if (forbidden.has(key(x, y))) return false;
    return true;
  };
}

/** Pairs the coordination keeps apart: about one per five people, some naming people not here. */
function randomForbids(people: readonly Participant[], seed: number): Array<[string, string]> {
  const r = rng(seed * 31 + 7);
  const pick = () => people[Math.floor(r() * people.length)]!.id;
  const out: Array<[string, string]> = [];
  for (let k = 0; k < Math.ceil(people.length / 5); k++) {
    const a = pick();
    const b = r() < 0.1 ? "someone-who-left" : pick();
    if (a !== b) out.push([a, b]);
  }
  return out;
}

function pairsOf(room: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < room.length; i++)
    for (let j = i + 1; j < room.length; j++) out.push([room[i]!, room[j]!]);
  return out;
}

/**
 * Every hard rule, plus "no avoidable wait" checked locally: nobody waits while they could have
 * paired with another waiting person or joined a room of two (threes), and nobody waits twice
 * in a row while they could have taken the seat of someone who did not wait the round before.
 */
function violations(input: RoundPlanInput, plan: PlannedRound[]): string[] {
  const errs: string[] = [];
  const ids = input.participants.map((p) => p.id);
  const ok = compatible(input.participants, input.regionRule, input.forbid);
  const met = new Set((input.alreadyMet ?? []).map(([a, b]) => key(a, b)));
  let waitedBefore = new Set(input.waitedLastRound ?? []);
  if (plan.length !== input.rounds) errs.push(`expected ${input.rounds} rounds`);
  plan.forEach((round, r) => {
    const seen = new Map<string, number>();
    for (const id of [...round.rooms.flat(), ...round.waiting])
      seen.set(id, (seen.get(id) ?? 0) + 1);
    for (const id of ids) if (seen.get(id) !== 1) errs.push(`r${r}: ${id} seen ${seen.get(id)}`);
    if (seen.size !== ids.length) errs.push(`r${r}: unknown ids`);
    for (const room of round.rooms) {
      if (room.length < 2 || room.length > input.roomSize)
        errs.push(`r${r}: room of ${room.length}`);
      for (const [a, b] of pairsOf(room)) {
        if (!ok(a, b)) errs.push(`r${r}: incompatible ${a} ${b}`);
        if (met.has(key(a, b))) errs.push(`r${r}: ${a} and ${b} meet again`);
      }
    }
    const free = (x: string, room: readonly string[]) =>
      room.every((m) => ok(x, m) && !met.has(key(x, m)));
    for (const w of round.waiting) {
      for (const v of round.waiting)
        if (v !== w && free(w, [v])) errs.push(`r${r}: ${w} and ${v} both wait but could meet`);
      if (input.roomSize === 3)
        for (const room of round.rooms)
          if (room.length === 2 && free(w, room)) errs.push(`r${r}: ${w} waits, room of two free`);
      if (waitedBefore.has(w)) {
        for (const room of round.rooms)
          for (const x of room)
            if (
              !waitedBefore.has(x) &&
              free(
                w,
                room.filter((m) => m !== x),
              )
            )
              errs.push(`r${r}: ${w} waits twice in a row, could take ${x}'s seat`);
      }
    }
    for (const room of round.rooms) for (const [a, b] of pairsOf(room)) met.add(key(a, b));
    waitedBefore = new Set(round.waiting);
  });
  return errs;
}

const rules: Rule[] = ["distinct-regions", "distinct-mrcs"];

describe("planRounds: properties over random events", () => {
  it("keeps every rule over 100 random events (both room sizes and rules, odd/even, competitors, forbids)", () => {
    let checked = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const roomSize = seed % 2 === 0 ? 2 : 3;
      const regionRule = rules[(seed >> 1) % 2]!;
      const size = 4 + ((seed * 7) % 57); // 4 … 60, small ones solved exactly
      const participants = randomEvent({ seed, size, regions: 3 + (seed % 6), competitors: 0.2 });
      const input: RoundPlanInput = {
        participants,
        rounds: 2 + (seed % 5),
        roomSize,
        regionRule,
        forbid: seed % 3 === 0 ? randomForbids(participants, seed) : undefined,
      };
      const plan = planRounds(input);
      expect(
        violations(input, plan),
        `seed ${seed} (${size} people, rooms of ${roomSize})`,
      ).toEqual([]);
      checked++;
    }
    expect(checked).toBe(100);
  });

  it("proximity rule: keeps every rule over 30 random events; each room is one region, different MRCs", () => {
    let rooms = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const roomSize = seed % 2 === 0 ? 2 : 3;
      const size = 4 + ((seed * 7) % 37); // 4 … 40, small ones solved exactly
      const participants = randomEvent({ seed: 900 + seed, size, regions: 2, competitors: 0.2 });
      const input: RoundPlanInput = {
        participants,
        rounds: 2 + (seed % 3),
        roomSize,
        regionRule: "same-region-distinct-mrcs",
        forbid: seed % 3 === 0 ? randomForbids(participants, seed) : undefined,
      };
      const plan = planRounds(input);
      expect(violations(input, plan), `seed ${seed}`).toEqual([]);
      const byId = new Map(participants.map((p) => [p.id, p]));
      for (const round of plan) {
        for (const room of round.rooms) {
          const people = room.map((id) => byId.get(id)!);
          expect(new Set(people.map((p) => p.region)).size, `seed ${seed}`).toBe(1);
          expect(new Set(people.map((p) => p.mrc)).size, `seed ${seed}`).toBe(room.length);
          rooms++;
        }
      }
    }
    expect(rooms).toBeGreaterThan(100);
  });

  it("seats everyone when numbers allow; otherwise the fewest wait, spread fairly", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const roomSize = seed % 2 === 0 ? 2 : 3;
      // Many regions and no competitors: compatibility is ample, so the minimum is reachable.
      const size = 9 + ((seed * 5) % 40); // odd and even counts
      const participants = randomEvent({ seed: 500 + seed, size, regions: 17, competitors: 0 });
      const rounds = 4;
      const input: RoundPlanInput = {
        participants,
        rounds,
        roomSize,
        regionRule: rules[seed % 2]!,
      };
      const plan = planRounds(input);
      expect(violations(input, plan), `seed ${seed}`).toEqual([]);
      const minimum = roomSize === 2 ? size % 2 : 0;
      for (const round of plan) expect(round.waiting.length, `seed ${seed}`).toBe(minimum);
      if (roomSize === 3) {
        // Round 1 (nobody met yet): a room of two only when the count does not divide,
        // 3k+1 → two rooms of two, 3k+2 → one. (Later rounds may need more rooms of two when
        // earlier meetings leave no compatible threes.)
        const twos = plan[0]!.rooms.filter((room) => room.length === 2).length;
        expect(twos, `seed ${seed}, ${size} people`).toBe([0, 2, 1][size % 3]);
      }
      const waits = new Map(participants.map((p) => [p.id, 0]));
      for (const round of plan) for (const w of round.waiting) waits.set(w, waits.get(w)! + 1);
      const counts = [...waits.values()];
      expect(Math.max(...counts) - Math.min(...counts), `seed ${seed}`).toBeLessThanOrEqual(1);
    }
  });

  it("pairs with an odd count: the waiting person rotates round after round", () => {
    const participants = randomEvent({ seed: 77, size: 11, regions: 17, competitors: 0 });
    const input: RoundPlanInput = {
      participants,
      rounds: 6,
      roomSize: 2,
      regionRule: "distinct-regions",
    };
    const plan = planRounds(input);
    expect(violations(input, plan)).toEqual([]);
    const waiters = plan.map((round) => round.waiting);
    expect(waiters.every((w) => w.length === 1)).toBe(true);
    expect(new Set(waiters.flat()).size).toBe(6);
  });

  it("says who waits for lack of anyone they may meet, and who waits for the count", () => {
    // Two people of one region and two of others, in pairs: after two rounds the two of one region
    // have met everyone they may meet, so in round 3 they both wait, for the rule, not the count.
    const base = {
      role: "peer" as const,
      sector: "famille",
      style: "structure",
      availability: ["lun"],
    };
    const participants: Participant[] = [
      { ...base, id: "a1", region: "01", mrc: "m1", organization: "o1" },
      { ...base, id: "a2", region: "01", mrc: "m2", organization: "o2" },
      { ...base, id: "b1", region: "02", mrc: "m3", organization: "o3" },
      { ...base, id: "c1", region: "03", mrc: "m4", organization: "o4" },
    ];
    const input: RoundPlanInput = {
      participants,
      rounds: 3,
      roomSize: 2,
      regionRule: "distinct-regions",
    };
    const plan = planRounds(input);
    expect(violations(input, plan)).toEqual([]);
    expect(plan.map((r) => r.waiting)).toEqual([[], [], ["a1", "a2"]]);
    expect(plan[2]!.withoutPartner).toEqual(["a1", "a2"]);
    expect(plan[0]!.withoutPartner).toEqual([]);
    // An odd count: one person waits each round although partners remain.
    const odd = planRounds({ ...input, participants: participants.slice(1), rounds: 1 });
    expect(odd[0]!.waiting).toHaveLength(1);
    expect(odd[0]!.withoutPartner).toEqual([]);
  });

  it("respects waitedLastRound and waitCounts given by the app", () => {
    const participants = randomEvent({ seed: 91, size: 9, regions: 17, competitors: 0 });
    const ids = participants.map((p) => p.id).sort();
    // Everyone but ids[8] has waited once; ids[0] waited in the round just before.
    const waitCounts = Object.fromEntries(ids.map((id, i) => [id, i === 8 ? 0 : 1]));
    const input: RoundPlanInput = {
      participants,
      rounds: 1,
      roomSize: 2,
      regionRule: "distinct-regions",
      waitedLastRound: [ids[0]!],
      waitCounts,
    };
    const [round] = planRounds(input);
    expect(violations(input, [round!])).toEqual([]);
    expect(round!.waiting).toEqual([ids[8]]);
  });

  it("threes: a room of two is preferred to anyone waiting (7 people → 3 + 2 + 2)", () => {
    const participants = randomEvent({ seed: 5, size: 7, regions: 17, competitors: 0 });
    const input: RoundPlanInput = {
      participants,
      rounds: 1,
      roomSize: 3,
      regionRule: "distinct-regions",
    };
    const [round] = planRounds(input);
    expect(round!.waiting).toEqual([]);
    expect(round!.rooms.map((room) => room.length).sort()).toEqual([2, 2, 3]);
  });

  it("larger events (150–400 people) keep every rule", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const size = 150 + seed * 62;
      const participants = randomEvent({ seed: 900 + seed, size, regions: 8, competitors: 0.2 });
      const input: RoundPlanInput = {
        participants,
        rounds: 3,
        roomSize: seed % 2 === 0 ? 2 : 3,
        regionRule: rules[seed % 2]!,
      };
      const plan = planRounds(input);
      expect(violations(input, plan), `seed ${seed}`).toEqual([]);
      for (const round of plan)
        expect(round.waiting.length).toBe(input.roomSize === 2 ? size % 2 : 0);
    }
  });

  it("crowded events (few regions, many rounds): rules hold even when some must wait", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const size = 6 + (seed % 15);
      const participants = randomEvent({ seed: 300 + seed, size, regions: 2 + (seed % 2) });
      const input: RoundPlanInput = {
        participants,
        rounds: 8,
        roomSize: seed % 2 === 0 ? 2 : 3,
        regionRule: rules[seed % 2]!,
      };
      expect(violations(input, planRounds(input)), `seed ${seed}`).toEqual([]);
    }
  });
});

describe("planRounds: re-planning", () => {
  it("after a leave, the remaining rounds keep every rule (40 events)", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const roomSize = seed % 2 === 0 ? 2 : 3;
      const regionRule = rules[(seed >> 1) % 2]!;
      const size = 8 + ((seed * 11) % 45);
      const participants = randomEvent({ seed: 2000 + seed, size, regions: 4 + (seed % 5) });
      const first: RoundPlanInput = { participants, rounds: 5, roomSize, regionRule };
      const planned = planRounds(first);
      const round1 = planned[0]!;
      // Someone leaves after round 1 (a person who had a room, so their partners are affected).
      const leaver = round1.rooms[0]?.[0] ?? participants[0]!.id;
      const alreadyMet = round1.rooms.flatMap(pairsOf);
      const waitCounts = Object.fromEntries(round1.waiting.map((id) => [id, 1]));
      const again: RoundPlanInput = {
        participants: participants.filter((p) => p.id !== leaver),
        rounds: 4,
        roomSize,
        regionRule,
        alreadyMet,
        waitedLastRound: round1.waiting.filter((id) => id !== leaver),
        waitCounts,
      };
      const replanned = planRounds(again);
      expect(violations(again, replanned), `seed ${seed}`).toEqual([]);
      expect(replanned.flatMap((r) => [...r.rooms.flat(), ...r.waiting])).not.toContain(leaver);
      // The whole event (round 1 as played, then the new plan) never repeats a meeting.
      const whole: RoundPlanInput = { ...first, rounds: 5, participants: again.participants };
      const met = new Set<string>();
      for (const round of [round1, ...replanned])
        for (const room of round.rooms)
          for (const [a, b] of pairsOf(room)) {
            expect(met.has(key(a, b)), `seed ${seed}: ${a} ${b}`).toBe(false);
            met.add(key(a, b));
          }
      expect(whole.rounds).toBe(5);
    }
  });

  it("a late joiner is seated and meets nobody twice", () => {
    const participants = randomEvent({ seed: 4242, size: 31, regions: 9 });
    const input: RoundPlanInput = {
      participants: participants.slice(0, 30),
      rounds: 3,
      roomSize: 3,
      regionRule: "distinct-regions",
    };
    const [round1] = planRounds(input);
    const again: RoundPlanInput = {
      ...input,
      participants,
      rounds: 2,
      alreadyMet: round1!.rooms.flatMap(pairsOf),
      waitedLastRound: round1!.waiting,
    };
    const plan = planRounds(again);
    expect(violations(again, plan)).toEqual([]);
    expect(plan[0]!.waiting).not.toContain(participants[30]!.id);
  });
});

describe("planRounds: determinism and inputs", () => {
  it("same input → identical output, whatever the order of participants", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const participants = randomEvent({ seed: 7000 + seed, size: 10 + seed * 7, regions: 6 });
      const input: RoundPlanInput = {
        participants,
        rounds: 4,
        roomSize: seed % 2 === 0 ? 2 : 3,
        regionRule: rules[seed % 2]!,
      };
      const a = planRounds(input);
      const b = planRounds(structuredClone(input));
      const c = planRounds({ ...input, participants: [...participants].reverse() });
      expect(b).toEqual(a);
      expect(c).toEqual(a);
    }
  });

  it("edge cases: nobody, one person, zero rounds, unknown ids, bad arguments", () => {
    const people = randomEvent({ seed: 1, size: 5, regions: 17, competitors: 0 });
    const base: RoundPlanInput = {
      participants: [],
      rounds: 2,
      roomSize: 2,
      regionRule: "distinct-regions",
    };
    expect(planRounds(base)).toEqual([
      { rooms: [], waiting: [], withoutPartner: [] },
      { rooms: [], waiting: [], withoutPartner: [] },
    ]);
    // Alone: waits for lack of anyone to meet.
    const alone = { rooms: [], waiting: [people[0]!.id], withoutPartner: [people[0]!.id] };
    expect(planRounds({ ...base, participants: people.slice(0, 1) })).toEqual([alone, alone]);
    expect(planRounds({ ...base, participants: people, rounds: 0 })).toEqual([]);
    const withGhosts: RoundPlanInput = {
      ...base,
      participants: people,
      alreadyMet: [["ghost", people[0]!.id]],
      waitedLastRound: ["ghost"],
      waitCounts: { ghost: 3 },
    };
    expect(violations(withGhosts, planRounds(withGhosts))).toEqual([]);
    expect(() => planRounds({ ...base, participants: [people[0]!, people[0]!] })).toThrow(
      /duplicate/,
    );
    expect(() => planRounds({ ...base, rounds: -1 })).toThrow(RangeError);
    expect(() => planRounds({ ...base, roomSize: 4 as 2 })).toThrow(RangeError);
  });
});

describe("planRounds: the conversations with the most potential come first", () => {
  const person = (
    id: string,
    role: Participant["role"],
    region: string,
    extra: Partial<Participant> = {},
  ): Participant => ({ id, role, region, mrc: `${region}-a`, organization: `org-${id}`, ...extra });

  it("mentees meet the mentor whose expertise covers their needs in round 1", () => {
    // Ids chosen so that alphabetical order (the tie-break) does not line up with the needs.
    const participants = [
      person("m-a", "mentor", "01", { expertise: ["rh"] }),
      person("m-b", "mentor", "02", { expertise: ["communication"] }),
      person("m-c", "mentor", "03", { expertise: ["financement"] }),
      person("e-a", "mentee", "04", { needs: [{ tag: "financement", priority: 3 }] }),
      person("e-b", "mentee", "05", { needs: [{ tag: "rh", priority: 3 }] }),
      person("e-c", "mentee", "06", { needs: [{ tag: "communication", priority: 3 }] }),
    ];
    const plan = planRounds({
      participants,
      rounds: 3,
      roomSize: 2,
      regionRule: "distinct-regions",
    });
    expect(plan[0]!.rooms).toEqual([
      ["e-a", "m-c"],
      ["e-b", "m-a"],
      ["e-c", "m-b"],
    ]);
    // Mentor–mentor rooms have the least potential: none while mentees remain to meet.
    for (const round of plan.slice(0, 2))
      for (const room of round.rooms)
        expect(room.filter((id) => id.startsWith("m-")).length).toBeLessThan(2);
  });

  it("threes: a mentor with two mentees needing that expertise (who share the need)", () => {
    const participants = [
      person("m1", "mentor", "01", { expertise: ["numerique"] }),
      person("m2", "mentor", "02", { expertise: ["benevolat"] }),
      person("a", "mentee", "03", { needs: ["numerique"] }),
      person("b", "mentee", "04", { needs: ["benevolat"] }),
      person("c", "mentee", "05", { needs: ["numerique"] }),
      person("d", "mentee", "06", { needs: ["benevolat"] }),
    ];
    const [round1] = planRounds({
      participants,
      rounds: 1,
      roomSize: 3,
      regionRule: "distinct-regions",
    });
    expect(round1!.rooms).toEqual([
      ["a", "c", "m1"],
      ["b", "d", "m2"],
    ]);
  });

  it("large enough for the heuristic (24 people): every mentee meets their mentor in round 1", () => {
    // Twelve mentors, each the only expert of one tag; twelve mentees, each needing one tag.
    // Same region, distinct MRCs (proximity rule); ids scrambled against the tie-break.
    const participants: Participant[] = [];
    for (let k = 0; k < 12; k++) {
      const tag = `t${k}`;
      participants.push({
        ...person(`mentor-${String((k * 5) % 12).padStart(2, "0")}`, "mentor", "06"),
        mrc: `mrc-${k}`,
        expertise: [tag],
      });
      participants.push({
        ...person(`mentee-${String((k * 7) % 12).padStart(2, "0")}`, "mentee", "06"),
        mrc: `mrc-${k + 12}`,
        needs: [{ tag, priority: 2 }],
      });
    }
    const tagOf = new Map<string, string>();
    for (const p of participants) {
      const need = p.needs?.[0];
      tagOf.set(p.id, p.expertise?.[0] ?? (typeof need === "string" ? need : need!.tag));
    }
    const [round1] = planRounds({
      participants,
      rounds: 1,
      roomSize: 2,
      regionRule: "distinct-mrcs",
    });
    expect(round1!.rooms).toHaveLength(12);
    for (const [a, b] of round1!.rooms) expect(tagOf.get(a!), `${a} ${b}`).toBe(tagOf.get(b!));
  });

  it("incompatible people are never seated together, even when their potential is best", () => {
    const participants = [
      person("mentor", "mentor", "01", { expertise: ["financement"], organization: "o1" }),
      person("rival", "mentee", "02", {
        needs: [{ tag: "financement", priority: 3 }],
        organization: "o2",
      }),
      // Another member of o1 declares o2 a competitor: it applies to the mentor too.
      person("colleague", "mentee", "03", { organization: "o1", competitors: ["o2"] }),
      person("other", "mentee", "04", { needs: ["rh"] }),
    ];
    const plan = planRounds({
      participants,
      rounds: 3,
      roomSize: 2,
      regionRule: "distinct-regions",
    });
    for (const round of plan)
      for (const room of round.rooms) {
        expect(room.includes("mentor") && room.includes("rival")).toBe(false);
        expect(room.includes("colleague") && room.includes("rival")).toBe(false);
        expect(room.includes("colleague") && room.includes("mentor")).toBe(false);
      }
  });
});

describe("planRounds: quality of the heuristic (15–16 people, first round vs exhaustive search)", () => {
  it("reaches at least 97 % of the best possible first round, with the same number seated", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const roomSize = seed % 2 === 0 ? 2 : 3;
      const regionRule = rules[seed % 2]!;
      const participants = randomEvent({ seed: 600 + seed, size: 15 + (seed % 2), regions: 6 });
      const people = [...participants].sort((a, b) => (a.id < b.id ? -1 : 1));
      const n = people.length;
      const ok = compatible(people, regionRule);
      const value = (i: number, j: number) =>
        people[i]!.role === "mentor" && people[j]!.role === "mentor"
          ? 0
          : pairScore(people[i]!, people[j]!);
      // Best (seated, rooms of three, score) over all partitions, by memoized search.
      type V = [number, number, number];
      const better = (a: V, b: V) =>
        a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2] + 1e-9;
      const memo = new Map<number, V>();
      const best = (mask: number): V => {
        if (mask === 0) return [0, 0, 0];
        const hit = memo.get(mask);
        if (hit) return hit;
        const i = 31 - Math.clz32(mask & -mask);
        const rest = mask & ~(1 << i);
        let b = best(rest);
        for (let j = i + 1; j < n; j++) {
          if (!(rest & (1 << j)) || !ok(people[i]!.id, people[j]!.id)) continue;
          const r2 = rest & ~(1 << j);
          const s2 = best(r2);
          const c2: V = [s2[0] + 2, s2[1], s2[2] + value(i, j)];
          if (better(c2, b)) b = c2;
          if (roomSize === 3)
            for (let k = j + 1; k < n; k++) {
              if (!(r2 & (1 << k)) || !ok(people[i]!.id, people[k]!.id)) continue;
              if (!ok(people[j]!.id, people[k]!.id)) continue;
              const s3 = best(r2 & ~(1 << k));
              const c3: V = [s3[0] + 3, s3[1] + 1, s3[2] + value(i, j) + value(i, k) + value(j, k)];
              if (better(c3, b)) b = c3;
            }
        }
        memo.set(mask, b);
        return b;
      };
      const opt = best((1 << n) - 1);
      const [round1] = planRounds({ participants, rounds: 1, roomSize, regionRule });
      const index = new Map(people.map((p, i) => [p.id, i]));
      let seated = 0;
      let total = 0;
      for (const room of round1!.rooms) {
        seated += room.length;
        for (const [a, b] of pairsOf(room)) total += value(index.get(a)!, index.get(b)!);
      }
      expect(seated, `seed ${seed}`).toBe(opt[0]);
      expect(total, `seed ${seed}`).toBeGreaterThanOrEqual(0.97 * opt[2] - 1e-9);
    }
  });
});

describe("pairScorer: one scorer for the solver, the round scheduler and the app", () => {
  it("all pairs at once, one pair, and the explainer's detail give the same score", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const people = randomEvent({ seed: 50 + seed, size: 40, regions: 5 });
      const r = rng(seed);
      const ratings = Array.from({ length: 120 }, () => ({
        from: people[Math.floor(r() * 40)]!.id,
        to: people[Math.floor(r() * 40)]!.id,
        score: Math.floor(r() * 6),
      }));
      const weights = seed % 2 ? {} : { needExpertise: 2.5, sharedNeeds: 1.5, availability: 0.7 };
      const scorer = pairScorer(people, weights, ratings);
      const matrix = scorer.matrix();
      for (let i = 0; i < 40; i++)
        for (let j = 0; j < 40; j++) {
          if (i === j) continue;
          const a = people[i]!;
          const b = people[j]!;
          const s = scorer.score(i, j);
          expect(matrix[i * 40 + j], `${i} ${j}`).toBe(s);
          expect(pairScore(a, b, weights, ratings), `${i} ${j}`).toBe(s);
          expect(pairDetail(a, b, weights, ratings).score, `${i} ${j}`).toBe(s);
        }
    }
  });

  it("the score is the sum of the terms the explainer lists (an independent recount)", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const people = randomEvent({ seed: 70 + seed, size: 30, regions: 5 });
      const r = rng(seed + 100);
      const ratings = Array.from({ length: 200 }, () => ({
        from: people[Math.floor(r() * 30)]!.id,
        to: people[Math.floor(r() * 30)]!.id,
        score: Math.floor(r() * 6),
      }));
      const weights = seed % 2 ? {} : { mutualRating: 3, sameSector: 2, complementaryStyle: 1 };
      const w = { ...defaultWeights, ...weights };
      for (let i = 0; i < 30; i++)
        for (let j = i + 1; j < 30; j++) {
          const a = people[i]!;
          const b = people[j]!;
          const d = pairDetail(a, b, weights, ratings);
          const avA = new Set(a.availability);
          const avB = new Set(b.availability);
          const smaller = Math.min(avA.size, avB.size);
          const recount =
            d.needsMet.reduce((s, m) => s + w.needExpertise * m.priority, 0) +
            w.sharedNeeds * d.sharedNeeds.length +
            (d.mutualRating
              ? w.mutualRating * Math.min(d.mutualRating.aToB, d.mutualRating.bToA)
              : 0) +
            (d.sameSector ? w.sameSector : 0) +
            (d.complementaryStyles ? w.complementaryStyle : 0) +
            (smaller > 0 ? (w.availability * d.sharedAvailability.length) / smaller : 0);
          expect(d.score, `${i} ${j}`).toBeCloseTo(recount, 3);
        }
    }
  });
});
