/**
 * Independent checker and brute force (written against the rules, not the engine's
 * encoder): verifies every hard constraint on a result, recomputes scores and objective, and
 * finds the lexicographic optimum of small instances by exhaustive search.
 */
import type { InstanceInput, MatchResult, Reason } from "../../matching";
import { instanceSchema, pairScore, REASON_PARAMS } from "../../matching";

type Inst = ReturnType<typeof instanceSchema.parse>;

export function pairOk(inst: Inst, a: string, b: string): boolean {
  const P = new Map(inst.participants.map((p) => [p.id, p]));
  return pairOkWith(inst, P, competitorMap(inst), a, b);
}

function competitorMap(inst: Inst): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const p of inst.participants) {
    const s = m.get(p.organization) ?? new Set<string>();
    for (const c of p.competitors ?? []) s.add(c);
    m.set(p.organization, s);
  }
  return m;
}

function pairOkWith(
  inst: Inst,
  P: Map<string, Inst["participants"][number]>,
  comp: Map<string, Set<string>>,
  a: string,
  b: string,
): boolean {
  const x = P.get(a)!;
  const y = P.get(b)!;
  if (a === b) return false;
  if (inst.policy.regionRule === "distinct-regions" && x.region === y.region) return false;
  if (inst.policy.regionRule === "distinct-mrcs" && x.region === y.region && x.mrc === y.mrc)
    return false;
  // Proximity: one region for the group, and never two of one MRC.
  if (
    inst.policy.regionRule === "same-region-distinct-mrcs" &&
    (x.region !== y.region || x.mrc === y.mrc)
  )
    return false;
  if (x.organization === y.organization) return false;
  if (comp.get(x.organization)?.has(y.organization)) return false;
  if (comp.get(y.organization)?.has(x.organization)) return false;
  for (const [u, v] of inst.forbid ?? []) {
    if ((u === a && v === b) || (u === b && v === a)) return false;
  }
  return true;
}

export function scoreOf(inst: Inst, a: string, b: string): number {
  if (inst.pairScores) {
    let s = 0;
    for (const e of inst.pairScores) {
      if ((e.a === a && e.b === b) || (e.a === b && e.b === a)) s = e.score;
    }
    return s;
  }
  const P = new Map(inst.participants.map((p) => [p.id, p]));
  return pairScore(P.get(a)!, P.get(b)!, inst.weights ?? {}, inst.ratings);
}

export function groupScore(inst: Inst, g: string[]): number {
  return scoreOf(inst, g[0]!, g[1]!) + scoreOf(inst, g[0]!, g[2]!) + scoreOf(inst, g[1]!, g[2]!);
}

function rolesOk(inst: Inst, g: string[]): boolean {
  const P = new Map(inst.participants.map((p) => [p.id, p]));
  const roles = g.map((id) => P.get(id)!.role);
  if (inst.policy.mode === "co-development") return roles.every((r) => r === "peer");
  return (
    roles.filter((r) => r === "mentor").length === 1 &&
    roles.filter((r) => r === "mentee").length === 2
  );
}

export function triadOk(inst: Inst, g: string[]): boolean {
  if (new Set(g).size !== 3 || !rolesOk(inst, g)) return false;
  const P = new Map(inst.participants.map((p) => [p.id, p]));
  const comp = competitorMap(inst);
  return (
    pairOkWith(inst, P, comp, g[0]!, g[1]!) &&
    pairOkWith(inst, P, comp, g[0]!, g[2]!) &&
    pairOkWith(inst, P, comp, g[1]!, g[2]!)
  );
}

/** A reason whose code is unknown, or whose parameters are not exactly its code's (or null). */
function reasonProblem(r: Reason): string | null {
  const expected = (REASON_PARAMS as Record<string, readonly string[]>)[r.code];
  if (!expected) return `unknown reason code ${r.code}`;
  const given = Object.keys(r.params).sort();
  if (given.join() !== [...expected].sort().join()) return `${r.code}: params ${given.join()}`;
  for (const [name, value] of Object.entries(r.params)) {
    const ok =
      typeof value === "number"
        ? Number.isFinite(value)
        : typeof value === "string"
          ? value.length > 0
          : Array.isArray(value) && value.every((x) => typeof x === "string" && x.length > 0);
    if (!ok) return `${r.code}: param ${name} = ${JSON.stringify(value)}`;
  }
  return null;
}

/**
 * The pin rule, on a whole solution (fixed groups included): a pin (a, b) means a and b
 * share a group whenever either is placed (a mentor of several groups holds b in one of them).
 */
function pinProblems(inst: Inst, groups: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const [a, b] of inst.pins ?? []) {
    const placed = groups.some((g) => g.includes(a) || g.includes(b));
    if (placed && !groups.some((g) => g.includes(a) && g.includes(b)))
      out.push(`pin ${a}+${b} not kept`);
  }
  return out;
}

/** Every problem found (empty = the result respects every hard constraint and adds up). */
export function check(input: InstanceInput, result: MatchResult): string[] {
  const inst = instanceSchema.parse(input);
  const errors: string[] = [];
  if (result.status === "infeasible") return errors;
  const P = new Map(inst.participants.map((p) => [p.id, p]));
  const count = new Map<string, number>();
  const groupsOf = new Map<string, string[][]>();
  let total = 0;
  for (const g of result.groups) {
    const m = g.members;
    if (!triadOk(inst, m)) errors.push(`group ${m.join(",")} breaks a hard constraint`);
    if (inst.policy.mode === "mentorship") {
      if (g.mentor !== m[0] || P.get(m[0])?.role !== "mentor")
        errors.push(`group ${m.join(",")}: mentor field`);
    } else if (g.mentor !== null) errors.push(`group ${m.join(",")}: mentor should be null`);
    const s = groupScore(inst, m);
    if (Math.abs(s - g.score) > 1e-6) errors.push(`group ${m.join(",")}: score ${g.score} ≠ ${s}`);
    total += g.score;
    for (const id of m) {
      count.set(id, (count.get(id) ?? 0) + 1);
      groupsOf.set(id, [...(groupsOf.get(id) ?? []), m]);
    }
    if (!g.explanation || g.explanation.reasons.length === 0)
      errors.push(`group ${m.join(",")}: explanation missing`);
    for (const r of g.explanation?.reasons ?? []) {
      const problem = reasonProblem(r);
      if (problem) errors.push(`group ${m.join(",")}: ${problem}`);
    }
    if (g.explanation && !g.explanation.checks.every((c) => c.ok))
      errors.push(`group ${m.join(",")}: a constraint check is not ok`);
  }
  for (const [id, c] of count) {
    const p = P.get(id)!;
    const cap = p.role === "mentor" ? (p.capacity ?? 1) : 1;
    if (c > cap) errors.push(`${id} placed ${c} times (capacity ${cap})`);
  }
  errors.push(
    ...pinProblems(
      inst,
      result.groups.map((g) => g.members),
    ),
  );
  for (const f of inst.fixedGroups ?? []) {
    const key = [...f].sort().join(",");
    if (!result.groups.some((g) => [...g.members].sort().join(",") === key))
      errors.push(`fixed group ${f.join(",")} missing`);
  }
  const unplaced = new Set(result.unplaced.map((u) => u.id));
  for (const p of inst.participants) {
    const placed = count.has(p.id);
    if (placed === unplaced.has(p.id)) errors.push(`${p.id}: placed/unplaced mismatch`);
  }
  for (const u of result.unplaced) {
    if (!u.reasonCode || u.reasons.length === 0) errors.push(`${u.id}: reason missing`);
    for (const r of u.reasons) {
      const problem = reasonProblem(r);
      if (problem) errors.push(`${u.id}: ${problem}`);
    }
  }
  if (result.objective.groups !== result.groups.length) errors.push("objective.groups");
  if (Math.abs(result.objective.score - total) > 1e-6) errors.push("objective.score");
  const b = result.bound;
  const o = result.objective;
  if (b.groups < o.groups || (b.groups === o.groups && b.score < o.score - 1e-6))
    errors.push("bound below objective");
  if (result.status === "optimal" && (b.groups !== o.groups || Math.abs(b.score - o.score) > 1e-6))
    errors.push("optimal but bound ≠ objective");
  return errors;
}

/**
 * Lexicographic optimum (groups, then score) by exhaustive search over every packing of valid
 * triads, keeping only the packings that keep every pin with the fixed groups; small instances
 * only. `null` when no completion of the fixed groups keeps the pins (the engine must answer
 * "infeasible").
 */
export function bruteForce(input: InstanceInput): { groups: number; score: number } | null {
  const inst = instanceSchema.parse(input);
  const ids = inst.participants.map((p) => p.id);
  const fixed = (inst.fixedGroups ?? []).map((g) => [...g]);
  const cap = new Map<string, number>();
  for (const p of inst.participants) cap.set(p.id, p.role === "mentor" ? (p.capacity ?? 1) : 1);
  let fixedScore = 0;
  for (const g of fixed) {
    fixedScore += groupScore(inst, g);
    for (const id of g) cap.set(id, cap.get(id)! - 1);
  }
  const triads: { m: string[]; s: number }[] = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++)
      for (let k = j + 1; k < ids.length; k++) {
        const g = [ids[i]!, ids[j]!, ids[k]!];
        if (!triadOk(inst, g)) continue;
        if (g.some((id) => (cap.get(id) ?? 0) <= 0)) continue;
        triads.push({ m: g, s: groupScore(inst, g) });
      }
  let best: { groups: number; score: number } | null = null;
  const used = new Map<string, number>();
  const chosen: string[][] = [...fixed];
  const rec = (start: number, groups: number, score: number) => {
    const better =
      best === null ||
      groups > best.groups ||
      (groups === best.groups && score > best.score + 1e-9);
    if (better && pinProblems(inst, chosen).length === 0) best = { groups, score };
    for (let t = start; t < triads.length; t++) {
      const tr = triads[t]!;
      if (tr.m.some((id) => (used.get(id) ?? 0) >= cap.get(id)!)) continue;
      for (const id of tr.m) used.set(id, (used.get(id) ?? 0) + 1);
      chosen.push(tr.m);
      rec(t + 1, groups + 1, score + tr.s);
      chosen.pop();
      for (const id of tr.m) used.set(id, used.get(id)! - 1);
    }
  };
  // Fixed groups that break a hard rule or a capacity have no valid completion.
  const fixedOk = fixed.every((g) => triadOk(inst, g)) && [...cap.values()].every((c) => c >= 0);
  if (fixedOk) rec(0, 0, 0);
  if (best === null) return null;
  const b: { groups: number; score: number } = best;
  return { groups: b.groups + fixed.length, score: b.score + fixedScore };
}
