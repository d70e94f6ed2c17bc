/**
 * Encoder: domain instance → optimization model.
 *
 * The model is a set-packing problem over triads: one binary per feasible triad (a mentor and two
 * mentees, or three peers), each person used at most `capacity` times. Every hard constraint is
 * compiled into *which triads exist*: pairwise compatibility (`./compatibility`: regions or MRCs,
 * organizations, competitors, forbids), role composition (no two mentors together) and pins (a
 * triad holding a pinned person holds all of its pin partners). Fixed groups are validated, then
 * removed from the model (mentors keep their remaining capacity).
 */
import { compatibility, type PairConflict, type RegionRule } from "./compatibility";
import type { Instance, Participant } from "./schema";
import { pairScorer } from "./score";

/** Why two participants may not be in one group: the compatibility rule, or two mentors. */
export type PairProblem = PairConflict | "two-mentors";

export type ExclusionCode = "role-not-in-mode" | "pin-unsatisfiable";

export interface FixedViolation {
  group: [string, string, string];
  index: number;
  problems: { code: string; ids: string[] }[];
}

export interface Encoded {
  instance: Instance;
  participants: Participant[];
  byId: Map<string, number>;
  mode: "mentorship" | "co-development";
  regionRule: RegionRule;
  /** Participant index → problems between two participants (empty = compatible). */
  pairProblems(i: number, j: number): PairProblem[];
  /** Pair score between two participants (profile-based or explicit). */
  pairScoreOf(i: number, j: number): number;
  /** Model persons: participant index of each model row. */
  people: number[];
  /** Participant index → model index (or -1). */
  modelIndex: Int32Array;
  n: number;
  /** 0 mentor, 1 mentee, 2 peer (model index). */
  role: Uint8Array;
  /** Remaining capacity (model index). */
  cap: Int32Array;
  /** n×n compatibility matrix (model indices). */
  compat: Uint8Array;
  /** n×n pair scores (model indices). */
  score: Float64Array;
  pinned: Uint8Array;
  /** Pin partners by participant index. */
  pinPartners: number[][];
  /** Explicit triads containing a pinned model person (model indices, flat triples). */
  pinTriads: number[];
  /** Unpinned anchors (mentors, or all peers) and partners (mentees, or all peers). */
  anchors: number[];
  partners: number[];
  /** Lexicographic weight: every group is worth M + its score, with M > any score difference. */
  M: number;
  /** Lowest possible triad score (≤ 0): every triad is worth at least M + minTriad. */
  minTriad: number;
  /** Largest pair score between two partners (pruning bound for pricing). */
  maxPartnerPair: number;
  fixed: { members: number[]; mentor: number | null }[];
  violations: FixedViolation[];
  /** Participants kept out of the model, with the reason (participant index → code). */
  excluded: Map<number, ExclusionCode>;
}

const ROLE_CODE = { mentor: 0, mentee: 1, peer: 2 } as const;

export function triadRolesOk(mode: Encoded["mode"], roles: number[]): boolean {
  if (mode === "co-development") return roles.every((r) => r === 2);
  let mentors = 0;
  let mentees = 0;
  for (const r of roles) {
    if (r === 0) mentors++;
    else if (r === 1) mentees++;
  }
  return mentors === 1 && mentees === 2;
}

export function encode(instance: Instance): Encoded {
  const participants = instance.participants;
  const P = participants.length;
  const mode = instance.policy.mode;
  const regionRule = instance.policy.regionRule;
  const byId = new Map<string, number>();
  participants.forEach((p, i) => byId.set(p.id, i));
  const idx = (id: string) => byId.get(id) ?? -1;

  const key = (i: number, j: number) => (i < j ? i * P + j : j * P + i);
  const rule = compatibility(participants, { regionRule, forbid: instance.forbid });
  const twoMentors = (i: number, j: number) =>
    mode === "mentorship" &&
    participants[i]!.role === "mentor" &&
    participants[j]!.role === "mentor";
  const pairProblems = (i: number, j: number): PairProblem[] => {
    const out: PairProblem[] = rule.conflicts(i, j);
    if (i !== j && twoMentors(i, j)) out.push("two-mentors");
    return out;
  };
  const pairOk = (i: number, j: number) => rule.compatible(i, j) && !twoMentors(i, j);

  // Pair scores.
  const explicit = instance.pairScores
    ? new Map(instance.pairScores.map((s) => [key(idx(s.a), idx(s.b)), s.score]))
    : null;
  const scorer = explicit
    ? null
    : pairScorer(participants, instance.weights ?? {}, instance.ratings);
  const pairScoreOf = (i: number, j: number): number => {
    if (explicit) return explicit.get(key(i, j)) ?? 0;
    return scorer!.score(i, j);
  };

  // Pins: components (union-find).
  const parent = Array.from({ length: P }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const pinPartners: number[][] = Array.from({ length: P }, () => []);
  for (const [a, b] of instance.pins ?? []) {
    const i = idx(a);
    const j = idx(b);
    if (!pinPartners[i]!.includes(j)) pinPartners[i]!.push(j);
    if (!pinPartners[j]!.includes(i)) pinPartners[j]!.push(i);
    parent[find(i)] = find(j);
  }
  const components = new Map<number, number[]>();
  for (let i = 0; i < P; i++) {
    if (pinPartners[i]!.length === 0) continue;
    const r = find(i);
    const list = components.get(r) ?? [];
    list.push(i);
    components.set(r, list);
  }
  const componentOf = (i: number) => components.get(find(i)) ?? [i];

  const roleOk = (p: Participant) =>
    mode === "mentorship" ? p.role !== "peer" : p.role === "peer";

  // Fixed groups: validation and consumption.
  const violations: FixedViolation[] = [];
  const fixed: Encoded["fixed"] = [];
  const used = new Int32Array(P);
  (instance.fixedGroups ?? []).forEach((g, gi) => {
    const members = g.map(idx);
    const problems: FixedViolation["problems"] = [];
    const roles = members.map((m) => ROLE_CODE[participants[m]!.role]);
    if (!triadRolesOk(mode, roles)) {
      problems.push({ code: mode === "mentorship" ? "roles-mentorship" : "roles-codev", ids: g });
    }
    for (let x = 0; x < 3; x++) {
      for (let y = x + 1; y < 3; y++) {
        for (const code of pairProblems(members[x]!, members[y]!)) {
          if (code === "two-mentors") continue; // reported by the roles check
          problems.push({ code, ids: [g[x]!, g[y]!] });
        }
      }
    }
    for (const m of members) {
      for (const q of pinPartners[m]!) {
        if (!members.includes(q)) {
          problems.push({ code: "pin-broken", ids: [participants[m]!.id, participants[q]!.id] });
        }
      }
    }
    for (const m of members) used[m]! += 1;
    const mentor =
      mode === "mentorship" ? (members.find((m) => roles[members.indexOf(m)] === 0) ?? null) : null;
    if (problems.length > 0) violations.push({ group: [g[0], g[1], g[2]], index: gi, problems });
    fixed.push({ members, mentor });
  });
  // Over-use across fixed groups: the group where a person goes over their limit is named.
  const running = new Int32Array(P);
  (instance.fixedGroups ?? []).forEach((g, gi) => {
    for (const id of g) {
      const m = idx(id);
      const p = participants[m]!;
      const limit = p.role === "mentor" ? (p.capacity ?? 1) : 1;
      running[m]! += 1;
      if (running[m]! > limit) {
        let v = violations.find((x) => x.index === gi);
        if (!v) {
          v = { group: [g[0], g[1], g[2]], index: gi, problems: [] };
          violations.push(v);
        }
        v.problems.push({
          code: p.role === "mentor" ? "capacity-exceeded" : "placed-twice",
          ids: [id],
        });
      }
    }
  });
  violations.sort((a, b) => a.index - b.index);

  // Who is in the model.
  const excluded = new Map<number, ExclusionCode>();
  for (let i = 0; i < P; i++) if (!roleOk(participants[i]!)) excluded.set(i, "role-not-in-mode");
  for (const comp of components.values()) {
    let ok = comp.length <= 3 && comp.every((i) => roleOk(participants[i]!));
    if (ok) {
      for (let x = 0; x < comp.length && ok; x++) {
        for (let y = x + 1; y < comp.length && ok; y++) {
          if (!pairOk(comp[x]!, comp[y]!)) ok = false;
        }
      }
    }
    if (ok && comp.length === 3) {
      ok = triadRolesOk(
        mode,
        comp.map((i) => ROLE_CODE[participants[i]!.role]),
      );
    }
    if (ok && mode === "mentorship") {
      ok = comp.filter((i) => participants[i]!.role === "mentor").length <= 1;
    }
    if (!ok) for (const i of comp) if (!excluded.has(i)) excluded.set(i, "pin-unsatisfiable");
  }
  const remaining = (i: number): number => {
    const p = participants[i]!;
    const total = p.role === "mentor" ? (p.capacity ?? 1) : 1;
    let left = Math.max(0, total - used[i]!);
    // A pinned person placed in a fixed group cannot lead another group without its partners.
    if (used[i]! > 0 && pinPartners[i]!.length > 0) left = 0;
    return left;
  };
  const people: number[] = [];
  const modelIndex = new Int32Array(P).fill(-1);
  for (let i = 0; i < P; i++) {
    if (excluded.has(i)) continue;
    if (remaining(i) <= 0) continue;
    // A pinned person whose partner is already in a fixed group can no longer be placed.
    if (pinPartners[i]!.length > 0 && componentOf(i).some((q) => used[q]! > 0)) continue;
    modelIndex[i] = people.length;
    people.push(i);
  }
  const n = people.length;
  const role = new Uint8Array(n);
  const cap = new Int32Array(n);
  const pinned = new Uint8Array(n);
  people.forEach((pi, m) => {
    role[m] = ROLE_CODE[participants[pi]!.role];
    cap[m] = remaining(pi);
    pinned[m] = pinPartners[pi]!.length > 0 ? 1 : 0;
  });
  const compat = new Uint8Array(n * n);
  const score = new Float64Array(n * n);
  for (let x = 0; x < n; x++) {
    for (let y = x + 1; y < n; y++) {
      const ok = pairOk(people[x]!, people[y]!) ? 1 : 0;
      compat[x * n + y] = ok;
      compat[y * n + x] = ok;
      if (ok) {
        const s = pairScoreOf(people[x]!, people[y]!);
        score[x * n + y] = s;
        score[y * n + x] = s;
      }
    }
  }

  const anchors: number[] = [];
  const partners: number[] = [];
  for (let m = 0; m < n; m++) {
    if (pinned[m]) continue;
    if (mode === "mentorship") {
      if (role[m] === 0) anchors.push(m);
      else if (role[m] === 1) partners.push(m);
    } else {
      anchors.push(m);
      partners.push(m);
    }
  }

  // Pinned triads (explicit).
  const pinTriads: number[] = [];
  const seenPinComp = new Set<number>();
  const validTriad = (t: number[]): boolean => {
    if (
      !triadRolesOk(
        mode,
        t.map((m) => role[m]!),
      )
    )
      return false;
    for (let x = 0; x < 3; x++)
      for (let y = x + 1; y < 3; y++) if (!compat[t[x]! * n + t[y]!]) return false;
    for (const m of t) {
      for (const q of pinPartners[people[m]!]!) if (!t.includes(modelIndex[q]!)) return false;
    }
    return true;
  };
  for (let m = 0; m < n; m++) {
    if (!pinned[m]) continue;
    const comp = componentOf(people[m]!);
    const root = find(people[m]!);
    if (seenPinComp.has(root)) continue;
    seenPinComp.add(root);
    const members = comp.map((q) => modelIndex[q]!);
    if (members.some((x) => x < 0)) continue;
    members.sort((a, b) => a - b);
    const canon = (t: number[]) => {
      const s = [...t].sort((x, y) => x - y);
      if (mode !== "mentorship") return s;
      const mentor = s.find((x) => role[x] === 0)!;
      return [mentor, ...s.filter((x) => x !== mentor)];
    };
    if (members.length === 3) {
      if (validTriad(members)) pinTriads.push(...canon(members));
    } else if (members.length === 2) {
      for (let z = 0; z < n; z++) {
        if (pinned[z]) continue;
        const t = [members[0]!, members[1]!, z];
        if (validTriad(t)) pinTriads.push(...canon(t));
      }
    }
  }

  // Lexicographic weight.
  let maxPair = 0;
  let minPair = 0;
  let maxPartnerPair = 0;
  const isPartner = new Uint8Array(n);
  for (const p of partners) isPartner[p] = 1;
  for (let x = 0; x < n; x++) {
    for (let y = x + 1; y < n; y++) {
      if (!compat[x * n + y]) continue;
      const s = score[x * n + y]!;
      if (s > maxPair) maxPair = s;
      if (s < minPair) minPair = s;
      if (isPartner[x] && isPartner[y] && s > maxPartnerPair) maxPartnerPair = s;
    }
  }
  const maxGroups = Math.max(1, Math.floor(n / 3));
  const M = Math.ceil(maxGroups * 3 * (maxPair - minPair) + 1);

  return {
    instance,
    participants,
    byId,
    mode,
    regionRule,
    pairProblems,
    pairScoreOf,
    people,
    modelIndex,
    n,
    role,
    cap,
    compat,
    score,
    pinned,
    pinPartners,
    pinTriads,
    anchors,
    partners,
    M,
    minTriad: 3 * minPair,
    maxPartnerPair,
    fixed,
    violations,
    excluded,
  };
}

/** Removes floating-point noise from sums of scores (scores are compared and printed tidy). */
export function tidy(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** Score of a triad of model persons. */
export function triadScore(enc: Encoded, a: number, b: number, c: number): number {
  const n = enc.n;
  return tidy(enc.score[a * n + b]! + enc.score[a * n + c]! + enc.score[b * n + c]!);
}

/** Canonical order: mentorship [mentor, mentee, mentee] (mentees ascending); peers ascending. */
export function canonical(enc: Encoded, t: number[]): [number, number, number] {
  const s = [...t].sort((x, y) => x - y);
  if (enc.mode === "mentorship") {
    const m = s.find((x) => enc.role[x] === 0)!;
    const rest = s.filter((x) => x !== m);
    return [m, rest[0]!, rest[1]!];
  }
  return [s[0]!, s[1]!, s[2]!];
}
