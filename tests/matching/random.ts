/** Small random instances for property tests (seeded). */
import type { InstanceInput, Participant } from "../../matching";
import { rng } from "../../matching/bench/generate";

export interface RandomOptions {
  seed: number;
  size: number;
  mode: "mentorship" | "co-development";
  regionRule: "distinct-regions" | "distinct-mrcs" | "same-region-distinct-mrcs";
  explicitScores?: boolean;
  /** Up to two fixed groups of the right roles (they may break a rule or a pin). */
  fixedGroups?: boolean;
  /** Many pins, most on mentors who lead two groups. */
  pinHeavy?: boolean;
}

export function randomInstance(o: RandomOptions): InstanceInput {
  const r = rng(o.seed * 131 + o.size);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const tags = ["a", "b", "c", "d", "e"];
  const participants: Participant[] = [];
  const orgs = Array.from({ length: Math.max(2, Math.ceil(o.size * 0.7)) }, (_, i) => `o${i}`);
  for (let i = 0; i < o.size; i++) {
    const role =
      o.mode === "co-development"
        ? r() < 0.93
          ? "peer"
          : "mentee"
        : r() < 0.36
          ? "mentor"
          : r() < 0.97
            ? "mentee"
            : "peer";
    // Proximity groups one region: fewer regions, more MRCs each, or small instances have none.
    const proximity = o.regionRule === "same-region-distinct-mrcs";
    const region = pick(proximity ? ["01", "02"] : ["01", "02", "03", "04", "05"]);
    const p: Participant = {
      id: `p${i}`,
      role,
      region,
      mrc: `${region}-${Math.floor(r() * (proximity ? 4 : 3))}`,
      organization: pick(orgs),
      needs: [pick(tags), pick(tags)].map((tag) => ({ tag, priority: 1 + Math.floor(r() * 3) })),
      expertise: [pick(tags), pick(tags)],
      sector: pick(["x", "y", "z"]),
      style: pick(["s1", "s2"]),
      availability: [pick(["l", "m", "j"]), pick(["v", "s"])],
    };
    if (role === "mentor" && r() < 0.35) p.capacity = 2;
    if (r() < 0.1) p.competitors = [pick(orgs)];
    participants.push(p);
  }
  const ids = participants.map((p) => p.id);
  const pair = (): [string, string] | null => {
    const a = pick(ids);
    const b = pick(ids);
    return a === b ? null : [a, b];
  };
  const pins: [string, string][] = [];
  const forbid: [string, string][] = [];
  if (r() < 0.5) {
    const p = pair();
    if (p) pins.push(p);
  }
  if (r() < 0.15) {
    const p = pair();
    if (p) pins.push(p);
  }
  if (o.pinHeavy) {
    const mentors = participants.filter((p) => p.role === "mentor");
    for (const m of mentors) if (r() < 0.7) m.capacity = 2 + Math.floor(r() * 2);
    const others = participants.filter((p) => p.role !== "mentor");
    const count = 1 + Math.floor(r() * 4);
    for (let k = 0; k < count && mentors.length > 0 && others.length > 0; k++) {
      const a = r() < 0.75 ? pick(mentors).id : pick(others).id;
      const b = pick(others).id;
      if (a !== b) pins.push([a, b]);
    }
  }
  const nf = Math.floor(r() * 4);
  for (let k = 0; k < nf; k++) {
    const p = pair();
    if (p) forbid.push(p);
  }
  const ratings = [];
  for (let k = 0; k < o.size; k++) {
    const p = pair();
    if (p) ratings.push({ from: p[0], to: p[1], score: Math.floor(r() * 6) });
  }
  const inst: InstanceInput = {
    policy: { mode: o.mode, regionRule: o.regionRule },
    participants,
    pins,
    forbid,
    ratings,
  };
  if (o.fixedGroups) {
    const fixedGroups: [string, string, string][] = [];
    const count = Math.floor(r() * 3);
    for (let k = 0; k < count; k++) {
      const mentors = participants.filter((p) => p.role === "mentor");
      const mentees = participants.filter((p) => p.role === "mentee");
      const peers = participants.filter((p) => p.role === "peer");
      if (o.mode === "mentorship" && mentors.length > 0 && mentees.length >= 2) {
        const a = pick(mentees).id;
        const b = pick(mentees.filter((p) => p.id !== a)).id;
        fixedGroups.push([pick(mentors).id, a, b]);
      } else if (o.mode === "co-development" && peers.length >= 3) {
        const s = [...peers].sort(() => r() - 0.5).slice(0, 3);
        fixedGroups.push([s[0]!.id, s[1]!.id, s[2]!.id]);
      }
    }
    inst.fixedGroups = fixedGroups;
  }
  if (o.explicitScores) {
    inst.pairScores = [];
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++)
        if (r() < 0.7)
          inst.pairScores.push({
            a: ids[i]!,
            b: ids[j]!,
            score: Math.round((r() * 12 - 2) * 4) / 4,
          });
  }
  return inst;
}

/**
 * Every mode × region rule × seed 1…`seeds`, as a random instance of `size(seed)` people: pins
 * on even seeds, explicit pair scores every third seed (the property tests' usual sweep).
 */
export function* randomSweep(
  seeds: number,
  size: (seed: number) => number,
): Generator<{ input: InstanceInput; seed: number; name: string }> {
  for (const mode of ["mentorship", "co-development"] as const)
    for (const regionRule of [
      "distinct-regions",
      "distinct-mrcs",
      "same-region-distinct-mrcs",
    ] as const)
      for (let seed = 1; seed <= seeds; seed++)
        yield {
          seed,
          name: `${mode}/${regionRule}/${seed}`,
          input: randomInstance({
            seed,
            size: size(seed),
            mode,
            regionRule,
            pinHeavy: seed % 2 === 0,
            explicitScores: seed % 3 === 0,
          }),
        };
}
