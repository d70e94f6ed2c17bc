/**
 * Explainer: the reasons (codes with parameters, `./reasons`) for every group and every person
 * left out. Names are the participants' `name` (their id when absent).
 */
import type { Encoded, PairProblem } from "./encode";
import { reason, type Reason } from "./reasons";
import type { Participant } from "./schema";
import type { NeedMatch, PairDetail } from "./score";
import { normalizeNeeds, pairDetail, ratingLookup } from "./score";

export interface ConstraintCheck {
  rule:
    | "roles"
    | "distinct-regions"
    | "distinct-mrcs"
    | "same-region-distinct-mrcs"
    | "distinct-organizations"
    | "no-competitors"
    | "no-forbidden-pair"
    | "pins-kept";
  ok: boolean;
  detail: string;
}

export interface GroupExplanation {
  fixed: boolean;
  /** "pairScores" when the instance gave the pair scores explicitly. */
  source: "profiles" | "pairScores";
  pairs: PairDetail[];
  needsMet: NeedMatch[];
  sharedNeeds: { between: [string, string]; needs: string[] }[];
  mutualRatings: { between: [string, string]; aToB: number; bToA: number }[];
  regions: string[];
  mrcs: string[];
  organizations: string[];
  checks: ConstraintCheck[];
  /** One reason per line of the explanation. */
  reasons: Reason[];
}

/** Why someone has no group, in one word (the result's `reasonCode`). */
export type UnplacedCode =
  | "role-not-in-mode"
  | "pin-unsatisfiable"
  | "no-compatible-mentor"
  | "no-compatible-mentees"
  | "no-compatible-partners"
  | "forbidden-with-everyone"
  | "not-enough-mrcs"
  | "mentor-capacity-exhausted"
  | "partners-already-placed"
  | "no-capacity";

export interface UnplacedExplanation {
  reasonCode: UnplacedCode;
  /** Needs (by priority) that no compatible mentor covers. */
  uncoveredNeeds: string[];
  /** The reason, then (mentees) the needs no compatible mentor covers. */
  reasons: Reason[];
}

function nameOf(p: Participant): string {
  return p.name ?? p.id;
}

export function explainGroup(enc: Encoded, members: number[], fixed: boolean): GroupExplanation {
  const ps = members.map((i) => enc.participants[i]!);
  const explicit = Boolean(enc.instance.pairScores);
  const lookup = ratingLookup(enc.instance.ratings);
  const pairs: PairDetail[] = [];
  for (let x = 0; x < 3; x++) {
    for (let y = x + 1; y < 3; y++) {
      const a = ps[x]!;
      const b = ps[y]!;
      if (explicit) {
        const base = pairDetail(a, b, enc.instance.weights ?? {}, lookup);
        pairs.push({ ...base, score: enc.pairScoreOf(members[x]!, members[y]!), explicit: true });
      } else {
        pairs.push(pairDetail(a, b, enc.instance.weights ?? {}, lookup));
      }
    }
  }
  const needsMet = pairs.flatMap((p) => p.needsMet);
  const sharedNeeds = pairs
    .filter((p) => p.sharedNeeds.length > 0)
    .map((p) => ({ between: [p.a, p.b] as [string, string], needs: p.sharedNeeds }));
  const mutualRatings = pairs
    .filter((p) => p.mutualRating)
    .map((p) => ({
      between: [p.a, p.b] as [string, string],
      aToB: p.mutualRating!.aToB,
      bToA: p.mutualRating!.bToA,
    }));
  const regions = ps.map((p) => p.region);
  const mrcs = ps.map((p) => p.mrc);
  const organizations = ps.map((p) => p.organization);
  const rule = enc.regionRule;
  const checks: ConstraintCheck[] = [];
  const problems: PairProblem[] = [];
  for (let x = 0; x < 3; x++)
    for (let y = x + 1; y < 3; y++) problems.push(...enc.pairProblems(members[x]!, members[y]!));
  const roles = ps.map((p) => p.role);
  checks.push({
    rule: "roles",
    ok:
      enc.mode === "mentorship"
        ? roles.filter((r) => r === "mentor").length === 1 &&
          roles.filter((r) => r === "mentee").length === 2
        : roles.every((r) => r === "peer"),
    detail: roles.join(", "),
  });
  if (rule === "distinct-regions") {
    checks.push({ rule, ok: !problems.includes("same-region"), detail: regions.join(", ") });
  } else if (rule === "same-region-distinct-mrcs") {
    checks.push({
      rule,
      ok: !problems.includes("different-region") && !problems.includes("same-mrc"),
      detail: ps.map((p) => `${p.region}/${p.mrc}`).join(", "),
    });
  } else {
    checks.push({
      rule,
      ok: !problems.includes("same-mrc"),
      detail: ps.map((p) => `${p.region}/${p.mrc}`).join(", "),
    });
  }
  checks.push({
    rule: "distinct-organizations",
    ok: !problems.includes("same-organization"),
    detail: organizations.join(", "),
  });
  checks.push({ rule: "no-competitors", ok: !problems.includes("competitors"), detail: "" });
  checks.push({ rule: "no-forbidden-pair", ok: !problems.includes("forbidden"), detail: "" });
  // A held member's group holds all their pin partners; a mentor of several groups need not hold
  // a partner in this group (another of their groups does).
  const pinOk = members.every(
    (m) => !enc.held[m] || enc.pinPartners[m]!.every((p) => members.includes(p)),
  );
  const pinsHere = (enc.instance.pins ?? []).filter(
    ([a, b]) => ps.some((p) => p.id === a) && ps.some((p) => p.id === b),
  );
  checks.push({
    rule: "pins-kept",
    ok: pinOk,
    detail: pinsHere.map(([a, b]) => `${a}+${b}`).join(", "),
  });

  const byId = (id: string) => enc.participants[enc.byId.get(id)!]!;
  const reasons: Reason[] = [];
  if (enc.mode === "mentorship") {
    const mentor = ps.find((p) => p.role === "mentor")!;
    const mentees = ps.filter((p) => p.role !== "mentor").map(nameOf);
    reasons.push(reason(fixed ? "fixed-triad" : "triad", { mentor: nameOf(mentor), mentees }));
  } else {
    reasons.push(reason(fixed ? "fixed-codev-group" : "codev-group", { members: ps.map(nameOf) }));
  }
  for (const m of needsMet) {
    reasons.push(
      reason("need-met", {
        who: nameOf(byId(m.who)),
        need: m.need,
        priority: m.priority,
        by: nameOf(byId(m.coveredBy)),
      }),
    );
  }
  for (const s of sharedNeeds) {
    const [a, b] = s.between.map((id) => nameOf(byId(id)));
    reasons.push(reason("shared-needs", { a: a!, b: b!, needs: s.needs }));
  }
  for (const r of mutualRatings) {
    const [a, b] = r.between.map((id) => nameOf(byId(id)));
    reasons.push(reason("mutual-rating", { a: a!, b: b!, aToB: r.aToB, bToA: r.bToA }));
  }
  if (explicit) {
    reasons.push(
      reason("given-pair-scores", { scores: pairs.map((p) => `${p.a}–${p.b} ${p.score}`) }),
    );
  }
  if (rule === "distinct-regions") reasons.push(reason("distinct-regions", { regions }));
  else if (rule === "same-region-distinct-mrcs")
    reasons.push(
      reason("same-region-distinct-mrcs", { region: [...new Set(regions)].join(", "), mrcs }),
    );
  else reasons.push(reason("distinct-mrcs", { mrcs: ps.map((p) => `${p.region}/${p.mrc}`) }));
  reasons.push(reason("distinct-organizations", {}));
  for (const [a, b] of pinsHere)
    reasons.push(reason("pin-requested", { a: nameOf(byId(a)), b: nameOf(byId(b)) }));
  return {
    fixed,
    source: explicit ? "pairScores" : "profiles",
    pairs,
    needsMet,
    sharedNeeds,
    mutualRatings,
    regions,
    mrcs,
    organizations,
    checks,
    reasons,
  };
}

/**
 * Why a participant is left out. `placedCount` gives, per model person, how many groups the
 * final solution gives them (fixed groups excluded: those persons are not in the model).
 */
export function explainUnplaced(
  enc: Encoded,
  participant: number,
  placedCount: Int32Array,
): UnplacedExplanation {
  const p = enc.participants[participant]!;
  const area =
    enc.regionRule === "distinct-regions"
      ? "region"
      : enc.regionRule === "distinct-mrcs"
        ? "mrc"
        : "proximity";
  const excl = enc.excluded.get(participant);
  if (excl === "role-not-in-mode") {
    const code =
      p.role === "peer"
        ? "peer-not-in-mentorship"
        : p.role === "mentor"
          ? "mentor-not-in-codev"
          : "mentee-not-in-codev";
    return { reasonCode: excl, uncoveredNeeds: [], reasons: [reason(code, {})] };
  }
  if (excl === "pin-unsatisfiable") {
    return { reasonCode: excl, uncoveredNeeds: [], reasons: [reason(excl, {})] };
  }
  const m = enc.modelIndex[participant]!;
  if (m < 0) {
    return { reasonCode: "no-capacity", uncoveredNeeds: [], reasons: [reason("no-capacity", {})] };
  }
  const n = enc.n;
  // Valid triads holding m, with and without forbids.
  let valid = 0;
  let blockedByMentor = 0;
  let mentorsCompatible = 0;
  const others: number[] = [];
  for (let x = 0; x < n; x++) if (x !== m) others.push(x);
  const triadOk = (t: number[]) => {
    const roles = t.map((x) => enc.role[x]!);
    if (enc.mode === "mentorship") {
      if (roles.filter((r) => r === 0).length !== 1 || roles.filter((r) => r === 1).length !== 2)
        return false;
    } else if (!roles.every((r) => r === 2)) return false;
    for (let a = 0; a < 3; a++)
      for (let b = a + 1; b < 3; b++) if (!enc.compat[t[a]! * n + t[b]!]) return false;
    for (const x of t) {
      if (!enc.pinned[x]) continue;
      for (const pp of enc.pinPartners[enc.people[x]!]!)
        if (!t.includes(enc.modelIndex[pp]!)) return false;
    }
    return true;
  };
  const compatible = others.filter((a) => enc.compat[m * n + a]);
  for (const a of compatible) if (enc.role[a] === 0) mentorsCompatible++;
  const roleOk = (a: number, b: number): boolean => {
    const r0 = enc.role[m]!;
    const r1 = enc.role[a]!;
    const r2 = enc.role[b]!;
    if (enc.mode !== "mentorship") return r0 === 2 && r1 === 2 && r2 === 2;
    const mentors = (r0 === 0 ? 1 : 0) + (r1 === 0 ? 1 : 0) + (r2 === 0 ? 1 : 0);
    const mentees = (r0 === 1 ? 1 : 0) + (r1 === 1 ? 1 : 0) + (r2 === 1 ? 1 : 0);
    return mentors === 1 && mentees === 2;
  };
  // Stop at the first valid triad whose mentor still has room: the reason is then known.
  scan: for (let i = 0; i < compatible.length; i++) {
    const a = compatible[i]!;
    for (let j = i + 1; j < compatible.length; j++) {
      const b = compatible[j]!;
      if (!enc.compat[a * n + b] || !roleOk(a, b)) continue;
      if ((enc.pinned[m] || enc.pinned[a] || enc.pinned[b]) && !triadOk([m, a, b])) continue;
      valid++;
      const mentor = enc.role[a] === 0 ? a : enc.role[b] === 0 ? b : -1;
      if (mentor >= 0 && placedCount[mentor]! >= enc.cap[mentor]!) blockedByMentor++;
      else break scan;
    }
  }
  // Needs no compatible mentor covers (mentees).
  const uncoveredNeeds: string[] = [];
  if (p.role === "mentee") {
    const needs = normalizeNeeds(p).sort((a, b) => b.priority - a.priority);
    for (const need of needs) {
      let covered = false;
      for (let x = 0; x < n && !covered; x++) {
        if (enc.role[x] !== 0 || !enc.compat[m * n + x]) continue;
        const mentor = enc.participants[enc.people[x]!]!;
        if ((mentor.expertise ?? []).includes(need.tag)) covered = true;
      }
      if (!covered) uncoveredNeeds.push(need.tag);
    }
  }
  const unplaced = (reasonCode: UnplacedCode, main: Reason): UnplacedExplanation => ({
    reasonCode,
    uncoveredNeeds,
    reasons:
      uncoveredNeeds.length > 0
        ? [main, reason(`uncovered-needs-${area}`, { needs: uncoveredNeeds })]
        : [main],
  });
  if (valid === 0) {
    // Would forbids alone explain it?
    const forbidsOnly = (enc.instance.forbid ?? []).some(([a, b]) => a === p.id || b === p.id);
    if (forbidsOnly && withoutForbidsWouldFit(enc, participant))
      return unplaced("forbidden-with-everyone", reason("forbidden-with-everyone", {}));
    if (area === "proximity") {
      // One region, three MRCs: fewer than three MRCs in the person's region rule out any group.
      const mrcs = new Set<string>();
      for (const x of enc.people) {
        const q = enc.participants[x]!;
        if (q.region === p.region) mrcs.add(q.mrc);
      }
      if (mrcs.size < 3)
        return unplaced(
          "not-enough-mrcs",
          reason("not-enough-mrcs-proximity", { region: p.region, mrcs: [...mrcs].sort() }),
        );
    }
    if (p.role === "mentee" && mentorsCompatible === 0)
      return unplaced("no-compatible-mentor", reason(`no-compatible-mentor-${area}`, {}));
    if (p.role === "mentor")
      return unplaced("no-compatible-mentees", reason(`no-compatible-mentees-${area}`, {}));
    return unplaced(
      "no-compatible-partners",
      reason(p.role === "peer" ? `not-enough-peers-${area}` : `not-enough-mentees-${area}`, {}),
    );
  }
  if (p.role === "mentee" && blockedByMentor === valid)
    return unplaced("mentor-capacity-exhausted", reason("mentor-capacity-exhausted", {}));
  return unplaced("partners-already-placed", reason("partners-already-placed", {}));
}

function withoutForbidsWouldFit(enc: Encoded, participant: number): boolean {
  const m = enc.modelIndex[participant]!;
  const n = enc.n;
  const forbidden = new Set<number>();
  for (const [a, b] of enc.instance.forbid ?? []) {
    const ia = enc.byId.get(a)!;
    const ib = enc.byId.get(b)!;
    if (ia === participant) forbidden.add(ib);
    if (ib === participant) forbidden.add(ia);
  }
  const compatIgnoringForbid = (x: number) => {
    const probs = enc.pairProblems(participant, enc.people[x]!);
    return probs.every((pr) => pr === "forbidden");
  };
  for (let a = 0; a < n; a++) {
    if (a === m || !compatIgnoringForbid(a)) continue;
    for (let b = a + 1; b < n; b++) {
      if (b === m || !compatIgnoringForbid(b) || !enc.compat[a * n + b]) continue;
      const roles = [enc.role[m]!, enc.role[a]!, enc.role[b]!];
      const ok =
        enc.mode === "mentorship"
          ? roles.filter((r) => r === 0).length === 1 && roles.filter((r) => r === 1).length === 2
          : roles.every((r) => r === 2);
      if (ok) return true;
    }
  }
  return false;
}
