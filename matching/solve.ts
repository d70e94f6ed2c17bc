/**
 * solveMatching: parse → encode → optimize → explain. The result has the CLI's output shape.
 */
import { solveByRegion, splitByRegion } from "./by-region";
import type { Encoded } from "./encode";
import { encode, tidy } from "./encode";
import type { GroupExplanation, UnplacedCode } from "./explain";
import { explainGroup, explainUnplaced } from "./explain";
import type { Progress } from "./optimize";
import type { Reason } from "./reasons";
import { optimize } from "./optimize";
import type { Instance, InstanceInput } from "./schema";
import { instanceSchema } from "./schema";
import type { PackingSolver } from "./solvers/types";

export interface MatchGroup {
  /** Mentorship: [mentor, mentee, mentee]; co-development: three peers (ids ascending). */
  members: [string, string, string];
  mentor: string | null;
  score: number;
  explanation: GroupExplanation;
}

export interface UnplacedParticipant {
  id: string;
  reasonCode: UnplacedCode;
  uncoveredNeeds: string[];
  /** The reason (codes with parameters, `./reasons`), then the needs no compatible mentor covers. */
  reasons: Reason[];
}

export interface FixedGroupViolation {
  group: [string, string, string];
  /** Position in `fixedGroups`. */
  index: number;
  /** Each broken rule (`PairProblem` codes, roles, pins, capacity) and the ids it concerns. */
  problems: { code: string; ids: string[] }[];
}

export interface MatchResult {
  status: "optimal" | "feasible" | "infeasible";
  groups: MatchGroup[];
  unplaced: UnplacedParticipant[];
  objective: { groups: number; score: number };
  /** Proven upper bound: no solution has more groups, or as many groups and a higher score. */
  bound: { groups: number; score: number };
  timeMs: number;
  /** Only when status is "infeasible": the fixed groups that break hard constraints. */
  violations?: FixedGroupViolation[];
  /**
   * Solver diagnostics (benchmark): size of the largest triad set handed to an integer solve,
   * phase timings. Like `timeMs`, not part of the deterministic output (the CLI omits it).
   */
  diagnostics?: { candidateTriads: number; stats: Record<string, number> };
}

export interface SolveOptions {
  /** Default 60 000 ms. */
  timeLimitMs?: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Exact solver for small models (default: HiGHS in this thread); e.g. `new JsLpSolver()`. */
  smallSolver?: PackingSolver;
  /** Direct enumeration threshold (triads); above it, price and prune. */
  directLimit?: number;
}

export const DEFAULT_TIME_LIMIT_MS = 60_000;

function orderMembers(enc: Encoded, members: number[]): number[] {
  const ps = enc.participants;
  const byId = (x: number, y: number) =>
    ps[x]!.id < ps[y]!.id ? -1 : ps[x]!.id > ps[y]!.id ? 1 : 0;
  if (enc.mode === "mentorship") {
    const mentor = members.find((m) => ps[m]!.role === "mentor");
    if (mentor !== undefined) {
      return [mentor, ...members.filter((m) => m !== mentor).sort(byId)];
    }
  }
  return [...members].sort(byId);
}

function groupScore(enc: Encoded, members: number[]): number {
  const [a, b, c] = members as [number, number, number];
  return tidy(enc.pairScoreOf(a, b) + enc.pairScoreOf(a, c) + enc.pairScoreOf(b, c));
}

/**
 * A mentor the fixed groups placed must still take each pin partner in a group of their own
 * left; when that cannot be done for everyone at once, the pin is broken by the last fixed group
 * holding the mentor.
 */
function forcedViolations(enc: Encoded, missing: number[]): FixedGroupViolation[] {
  const fixedGroups = enc.instance.fixedGroups ?? [];
  const out: FixedGroupViolation[] = [];
  for (const q of missing) {
    const partner = enc.participants[enc.people[q]!]!;
    for (const m of enc.pinPartners[enc.people[q]!]!) {
      const mentor = enc.participants[m]!;
      let index = -1;
      fixedGroups.forEach((g, gi) => {
        if (g.includes(mentor.id)) index = gi;
      });
      if (index < 0) continue;
      let v = out.find((x) => x.index === index);
      if (!v) {
        const g = fixedGroups[index]!;
        v = { group: [g[0], g[1], g[2]], index, problems: [] };
        out.push(v);
      }
      v.problems.push({ code: "pin-broken", ids: [mentor.id, partner.id] });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * Solves an instance. Throws a `ZodError` when the instance is malformed and an `AbortError`
 * when `signal` aborts; returns status "infeasible" (with `violations`) when fixed groups break
 * a hard constraint.
 */
export async function solveMatching(
  input: Instance | InstanceInput,
  options: SolveOptions = {},
): Promise<MatchResult> {
  const t0 = performance.now();
  const instance = instanceSchema.parse(input);
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  // Under the proximity rule, one independent problem per region (./by-region.ts).
  const parts = splitByRegion(instance);
  if (parts) return solveByRegion(parts, solveMatching, options, timeLimitMs);
  const enc = encode(instance);
  options.onProgress?.({ phase: "encode", fraction: 0 });
  /** Fixed groups that break a hard constraint: no solution, the violations say why. */
  const infeasible = (violations: FixedGroupViolation[]): MatchResult => ({
    status: "infeasible",
    groups: [],
    unplaced: [],
    objective: { groups: 0, score: 0 },
    bound: { groups: 0, score: 0 },
    timeMs: Math.round(performance.now() - t0),
    violations,
  });
  if (enc.violations.length > 0) {
    return infeasible(
      enc.violations.map((v) => ({ group: v.group, index: v.index, problems: v.problems })),
    );
  }
  // Leave time for explanations (about 1 ms per participant) and solver overshoot.
  const reserve = 20 + enc.participants.length;
  const deadline = t0 + Math.max(50, timeLimitMs * 0.97 - reserve);
  const opt = await optimize(enc, {
    deadline,
    onProgress: options.onProgress,
    signal: options.signal,
    smallSolver: options.smallSolver,
    directLimit: options.directLimit,
  });
  if (opt.forcedMissing) return infeasible(forcedViolations(enc, opt.forcedMissing));

  options.onProgress?.({ phase: "explain", fraction: 0.97 });
  const groups: MatchGroup[] = [];
  let fixedScore = 0;
  const pushGroup = (members: number[], fixed: boolean) => {
    const ordered = orderMembers(enc, members);
    const ps = ordered.map((m) => enc.participants[m]!);
    const score = groupScore(enc, ordered);
    if (fixed) fixedScore += score;
    groups.push({
      members: [ps[0]!.id, ps[1]!.id, ps[2]!.id],
      mentor: enc.mode === "mentorship" ? ps[0]!.id : null,
      score,
      explanation: explainGroup(enc, ordered, fixed),
    });
  };
  for (const f of enc.fixed) pushGroup(f.members, true);
  const placedCount = new Int32Array(enc.n);
  const placed = new Set<number>();
  for (const f of enc.fixed) for (const m of f.members) placed.add(m);
  for (let k = 0; k < opt.triads.length; k += 3) {
    const t = [opt.triads[k]!, opt.triads[k + 1]!, opt.triads[k + 2]!];
    for (const x of t) {
      placedCount[x]! += 1;
      placed.add(enc.people[x]!);
    }
    pushGroup(
      t.map((x) => enc.people[x]!),
      false,
    );
  }
  const fixedCount = enc.fixed.length;
  groups.sort((g, h) => {
    const fg = g.explanation.fixed ? 0 : 1;
    const fh = h.explanation.fixed ? 0 : 1;
    if (fg !== fh) return fg - fh;
    const a = g.members.join("\u0000");
    const b = h.members.join("\u0000");
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const unplaced: UnplacedParticipant[] = [];
  enc.participants.forEach((p, i) => {
    if (placed.has(i)) return;
    const e = explainUnplaced(enc, i, placedCount);
    unplaced.push({
      id: p.id,
      reasonCode: e.reasonCode,
      uncoveredNeeds: e.uncoveredNeeds,
      reasons: e.reasons,
    });
  });
  unplaced.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const newGroups = opt.triads.length / 3;
  const score = tidy(groups.reduce((s, g) => s + g.score, 0));
  // Bound: decompose the combined upper bound into (groups, score).
  let boundGroups: number;
  let boundScore: number;
  if (opt.proven || opt.upper - opt.value <= 1e-6) {
    boundGroups = groups.length;
    boundScore = score;
  } else {
    // Every triad is worth at least M + minTriad, so groups ≤ upper / (M + minTriad); with g
    // groups, the score is at most upper − g·M.
    const perGroup = enc.M + Math.min(0, enc.minTriad);
    const g = Math.max(newGroups, Math.floor((opt.upper + 1e-6) / perGroup));
    boundGroups = g + fixedCount;
    boundScore =
      g === newGroups
        ? tidy(Math.max(score, fixedScore + opt.upper - g * enc.M))
        : tidy(fixedScore + opt.upper - g * enc.M);
  }
  options.onProgress?.({
    phase: "done",
    fraction: 1,
    groups: groups.length,
    score,
    bound: boundScore,
  });
  return {
    status: opt.proven ? "optimal" : "feasible",
    groups,
    unplaced,
    objective: { groups: groups.length, score },
    bound: { groups: boundGroups, score: boundScore },
    timeMs: Math.round(performance.now() - t0),
    diagnostics: { candidateTriads: opt.candidateTriads, stats: opt.stats },
  };
}
