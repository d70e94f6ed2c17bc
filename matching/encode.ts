/**
 * Encoder: domain instance → optimization model.
 *
 * The model is a set-packing problem over triads: one binary per feasible triad (a mentor and two
 * mentees, or three peers), each person used at most `capacity` times. Every hard constraint is
 * compiled into *which triads exist*: pairwise compatibility (`./compatibility`: regions or MRCs,
 * organizations, competitors, forbids), role composition (no two mentors together) and pins (a
 * triad holding someone of one group holds all of their pin partners), except one: a mentor of
 * several groups with pins is placed only if each pin partner is in one of their groups, a link
 * row between two persons (ADR 0024). Fixed groups are validated, then removed from the model
 * (mentors keep their remaining capacity; pin partners still owed to a mentor they placed must be
 * placed).
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
  /** Held by pins (model index): every group of theirs holds all their pin partners. */
  pinned: Uint8Array;
  /**
   * usage(i) ≤ k × usage(j) (model indices): a mentor of several groups (i) is placed only
   * with each pin partner (j) in one of their groups.
   */
  links: { i: number; j: number; k: number }[];
  /** Model persons who must be placed (pin partners of a mentor the fixed groups placed). */
  forced: number[];
  /** Held by pins, by participant index (fixed groups' members included). */
  held: Uint8Array;
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

  // Pins (docs/decisions/0024-pin-semantics.md): a pin (a, b) means a and b share a group
  // whenever either is placed. Someone who can be in one group only (mentees, peers, mentors of
  // capacity 1) is "held" by their pins: every group of theirs holds all their pin partners. A
  // mentor who leads several groups is not held: one of their groups holds each pin partner
  // (the partners are held, so their group holds the mentor), and the mentor's other groups are
  // free; a link row usage(mentor) ≤ capacity × usage(partner) says "placed only with them".
  const pinPartners: number[][] = Array.from({ length: P }, () => []);
  for (const [a, b] of instance.pins ?? []) {
    const i = idx(a);
    const j = idx(b);
    if (!pinPartners[i]!.includes(j)) pinPartners[i]!.push(j);
    if (!pinPartners[j]!.includes(i)) pinPartners[j]!.push(i);
  }
  const totalCap = (i: number) => {
    const p = participants[i]!;
    return p.role === "mentor" ? (p.capacity ?? 1) : 1;
  };
  const held = (i: number) => pinPartners[i]!.length > 0 && totalCap(i) <= 1;
  /** Who must share every group of a held person: closed under the partners of held members. */
  const closureOf = (i: number): number[] => {
    const out = [i];
    for (let k = 0; k < out.length && out.length <= 4; k++) {
      const x = out[k]!;
      if (!held(x)) continue;
      for (const q of pinPartners[x]!) if (!out.includes(q)) out.push(q);
    }
    return out;
  };
  /** Every held member's pin partners are in the triad. */
  const pinsKept = (members: readonly number[]) =>
    members.every((x) => !held(x) || pinPartners[x]!.every((q) => members.includes(q)));

  const roleOk = (p: Participant) =>
    mode === "mentorship" ? p.role !== "peer" : p.role === "peer";

  // Fixed groups: validation and consumption.
  const violations: FixedViolation[] = [];
  const fixed: Encoded["fixed"] = [];
  const used = new Int32Array(P);
  const lastFixedOf = new Int32Array(P).fill(-1);
  /** Pairs (mentor, partner) already together in a fixed group. */
  const together = new Set<number>();
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
      if (!held(m)) continue;
      for (const q of pinPartners[m]!) {
        if (!members.includes(q)) {
          problems.push({ code: "pin-broken", ids: [participants[m]!.id, participants[q]!.id] });
        }
      }
    }
    for (const m of members) {
      used[m]! += 1;
      lastFixedOf[m] = gi;
      for (const q of members) together.add(m * P + q);
    }
    const mentor =
      mode === "mentorship" ? (members.find((m) => roles[members.indexOf(m)] === 0) ?? null) : null;
    if (problems.length > 0) violations.push({ group: [g[0], g[1], g[2]], index: gi, problems });
    fixed.push({ members, mentor });
  });
  const violationAt = (gi: number) => {
    let v = violations.find((x) => x.index === gi);
    if (!v) {
      const g = instance.fixedGroups![gi]!;
      v = { group: [g[0], g[1], g[2]], index: gi, problems: [] };
      violations.push(v);
    }
    return v;
  };
  // Over-use across fixed groups: the group where a person goes over their limit is named.
  const running = new Int32Array(P);
  (instance.fixedGroups ?? []).forEach((g, gi) => {
    for (const id of g) {
      const m = idx(id);
      const p = participants[m]!;
      running[m]! += 1;
      if (running[m]! > totalCap(m)) {
        violationAt(gi).problems.push({
          code: p.role === "mentor" ? "capacity-exceeded" : "placed-twice",
          ids: [id],
        });
      }
    }
  });
  const remaining = (i: number): number => Math.max(0, totalCap(i) - used[i]!);
  // A mentor of several groups placed by the fixed groups must still be joined by each pin
  // partner not yet with them: in a group of their own left (forced), or the pin is broken.
  const forcedPartners: number[] = [];
  for (let i = 0; i < P; i++) {
    if (used[i] === 0 || held(i)) continue;
    for (const q of pinPartners[i]!) {
      if (together.has(i * P + q) || used[q]! > 0) continue; // kept, or reported above
      if (remaining(i) === 0) {
        violationAt(lastFixedOf[i]!).problems.push({
          code: "pin-broken",
          ids: [participants[i]!.id, participants[q]!.id],
        });
      } else if (!forcedPartners.includes(q)) forcedPartners.push(q);
    }
  }
  violations.sort((a, b) => a.index - b.index);

  // Who is in the model. Pins that can never be kept leave their people out (both, since each
  // may only be placed with the other): a held person whose closure is no valid group, and a
  // mentor a pin partner of whom is left out, or whose partners need more groups than they lead.
  const excluded = new Map<number, ExclusionCode>();
  for (let i = 0; i < P; i++) if (!roleOk(participants[i]!)) excluded.set(i, "role-not-in-mode");
  const closureValid = (c: number[]): boolean => {
    if (c.length > 3 || !c.every((i) => roleOk(participants[i]!))) return false;
    for (let x = 0; x < c.length; x++)
      for (let y = x + 1; y < c.length; y++) if (!pairOk(c[x]!, c[y]!)) return false;
    if (
      c.length === 3 &&
      !triadRolesOk(
        mode,
        c.map((i) => ROLE_CODE[participants[i]!.role]),
      )
    )
      return false;
    return c.every((i) => totalCap(i) > 0);
  };
  /** Fewest groups a mentor's pending pin partners need (each group has two seats). */
  const groupsNeeded = (m: number, partners: number[]): number => {
    const sets: number[][] = [];
    for (const q of partners) {
      const c = closureOf(q).filter((x) => x !== m);
      if (!sets.some((s) => s.includes(q))) sets.push(c);
    }
    const pairs = sets.filter((s) => s.length >= 2).length;
    const singles = sets.filter((s) => s.length === 1).map((s) => s[0]!);
    // Singles share a group when compatible: the most disjoint compatible pairs (few singles).
    const best = (rest: number[]): number => {
      if (rest.length < 2) return 0;
      const [a, ...others] = rest;
      let top = best(others);
      for (let k = 0; k < others.length; k++) {
        if (!pairOk(a!, others[k]!)) continue;
        top = Math.max(top, 1 + best(others.filter((_, j) => j !== k)));
      }
      return top;
    };
    return pairs + singles.length - (singles.length <= 12 ? best(singles) : 0);
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < P; i++) {
      if (excluded.has(i) || pinPartners[i]!.length === 0) continue;
      let ok: boolean;
      if (held(i)) {
        const c = closureOf(i);
        ok = closureValid(c) && c.every((x) => !excluded.has(x));
      } else {
        const pending = pinPartners[i]!.filter((q) => !together.has(i * P + q));
        // Each partner is held (two mentors of several groups never share one).
        ok =
          roleOk(participants[i]!) &&
          pending.every((q) => held(q) && !excluded.has(q)) &&
          (used[i]! > 0 || groupsNeeded(i, pending) <= remaining(i));
      }
      if (!ok) {
        excluded.set(i, "pin-unsatisfiable");
        changed = true;
      }
    }
  }
  // A forced partner left out breaks the pin of the fixed group that holds the mentor.
  for (const q of forcedPartners) {
    if (!excluded.has(q)) continue;
    const m = pinPartners[q]!.find((x) => used[x]! > 0 && !held(x))!;
    violationAt(lastFixedOf[m]!).problems.push({
      code: "pin-broken",
      ids: [participants[m]!.id, participants[q]!.id],
    });
    violations.sort((a, b) => a.index - b.index);
  }
  const people: number[] = [];
  const modelIndex = new Int32Array(P).fill(-1);
  for (let i = 0; i < P; i++) {
    if (excluded.has(i)) continue;
    if (remaining(i) <= 0) continue;
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
    pinned[m] = held(pi) ? 1 : 0;
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

  // Anchors and partners of the implicit triads: nobody held (their triads are explicit). A
  // mentor of several groups with pins anchors free triads; their links keep the pins.
  const anchors: number[] = [];
  const partners: number[] = [];
  for (let m = 0; m < n; m++) {
    if (pinned[m]) continue;
    if (mode === "mentorship") {
      if (role[m] === 0) anchors.push(m);
      else if (role[m] === 1 && pinPartners[people[m]!]!.length === 0) partners.push(m);
    } else if (pinPartners[people[m]!]!.length === 0) {
      anchors.push(m);
      partners.push(m);
    }
  }
  const links: Encoded["links"] = [];
  for (let m = 0; m < n; m++) {
    const i = people[m]!;
    if (pinned[m] || pinPartners[i]!.length === 0 || used[i]! > 0) continue;
    for (const q of pinPartners[i]!) links.push({ i: m, j: modelIndex[q]!, k: cap[m]! });
  }
  const forced = forcedPartners.filter((q) => modelIndex[q]! >= 0).map((q) => modelIndex[q]!);

  // Triads holding a held person (explicit): their closure, completed by anyone it allows.
  const pinTriads: number[] = [];
  const seenTriad = new Set<number>();
  const canon = (t: number[]) => {
    const s = [...t].sort((x, y) => x - y);
    if (mode !== "mentorship") return s;
    const mentor = s.find((x) => role[x] === 0)!;
    return [mentor, ...s.filter((x) => x !== mentor)];
  };
  const addPinTriad = (t: number[]) => {
    if (
      !triadRolesOk(
        mode,
        t.map((m) => role[m]!),
      )
    )
      return;
    for (let x = 0; x < 3; x++)
      for (let y = x + 1; y < 3; y++) if (!compat[t[x]! * n + t[y]!]) return;
    if (!pinsKept(t.map((m) => people[m]!))) return;
    const c = canon(t);
    const key = (c[0]! * n + c[1]!) * n + c[2]!;
    if (seenTriad.has(key)) return;
    seenTriad.add(key);
    pinTriads.push(...c);
  };
  for (let m = 0; m < n; m++) {
    if (!pinned[m]) continue;
    const members = closureOf(people[m]!).map((q) => modelIndex[q]!);
    if (members.some((x) => x < 0) || members.length > 3) continue;
    if (members.length === 3) addPinTriad(members);
    else for (let z = 0; z < n; z++) if (!members.includes(z)) addPinTriad([...members, z]);
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
    held: Uint8Array.from({ length: P }, (_, i) => (held(i) ? 1 : 0)),
    links,
    forced,
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
