/**
 * A Lagrangian bound by subgradient steps (../optimize.ts runs it when column generation stops
 * before converging): it needs only pricing passes, no LP re-solve.
 *
 * Relax every person row with multipliers y ≥ 0 and the group-count row (≤ maxGroups) with
 * pi ≥ 0; drop the pin link rows and the forced rows (dropping constraints keeps an upper
 * bound). What remains bounds Σ rc_t x_t over every integer solution x, where
 * rc_t = value_t − pi − Σ_{i∈t} y_i:
 * - mentorship: an anchor (mentor) is in at most cap[a] of its implicit triads, so they add at
 *   most cap[a] × max(0, its best reduced cost);
 * - co-development: every member of an implicit triad is an anchor; give each triad a third of
 *   its reduced cost per member: Σ_t max(0, rc_t) x_t = Σ_i ⅓ Σ_{t∋i} max(0, rc_t) x_t
 *   ≤ Σ_i ⅓ cap[i] × max(0, best reduced cost of i's triads);
 * - each explicit (pinned) triad is taken at most once: max(0, rc_t).
 * So for every y, pi ≥ 0 and every integer solution,
 *   value ≤ L(y, pi) = Σ_i cap_i y_i + pi × maxGroups + the terms above.
 * L is convex; its subgradient is (cap_i − usage_i, maxGroups − count) where usage and count are
 * those of the maximizing choice. subgradientBound takes sign steps (below) and keeps the lowest
 * L. The multipliers are plain person duals (no link folding): the bound is only an upper bound,
 * never a reduced-cost window.
 */
import type { Encoded } from "../encode";
import { greedy } from "../heuristic";
import { priceBest, triadValue } from "../triads";

export interface LagrangianEval {
  /** L(y, pi): an upper bound on every integer solution's value. */
  value: number;
  /** usage_i of the maximizing choice (fractional in co-development). */
  usage: Float64Array;
  /** Groups of the maximizing choice. */
  count: number;
}

/** L(y, pi) and the maximizing choice; y ≥ 0, pi ≥ 0 (pi is ignored when maxGroups = ∞). */
export function lagrangianBound(
  enc: Encoded,
  y: Float64Array,
  pi: number,
  maxGroups: number,
): LagrangianEval {
  const { n, cap } = enc;
  const finite = Number.isFinite(maxGroups);
  const p = finite ? pi : 0;
  let value = finite ? p * maxGroups : 0;
  for (let i = 0; i < n; i++) value += cap[i]! * y[i]!;
  const usage = new Float64Array(n);
  let count = 0;
  const mentorship = enc.mode === "mentorship";
  for (const best of priceBest(enc, y, p, 1)) {
    if (!best.triad || !(best.rc > 0)) continue;
    const coef = mentorship ? cap[best.anchor]! : cap[best.anchor]! / 3;
    value += coef * best.rc;
    for (const m of best.triad) usage[m]! += coef;
    count += coef;
  }
  const pt = enc.pinTriads;
  for (let k = 0; k < pt.length; k += 3) {
    const a = pt[k]!;
    const b = pt[k + 1]!;
    const c = pt[k + 2]!;
    const rc = triadValue(enc, a, b, c) - p - y[a]! - y[b]! - y[c]!;
    if (rc <= 0) continue;
    value += rc;
    usage[a]! += 1;
    usage[b]! += 1;
    usage[c]! += 1;
    count += 1;
  }
  // Rounding: each of the ~n + anchors additions may lose half an ulp of the total.
  value += 4 * (n + enc.anchors.length + pt.length / 3) * Number.EPSILON * Math.abs(value);
  return { value, usage, count };
}

export interface SubgradientOptions {
  /** Starting multipliers (e.g. the master LP's duals; clipped at 0). */
  y: Float64Array;
  pi: number;
  maxGroups: number;
  /** Value of the best known solution (sets the first step); must be ≤ the optimum. */
  target: number;
  /** performance.now() at which to stop. */
  deadline: number;
  /** Most steps (default 500). */
  maxIterations?: number;
}

export interface SubgradientResult {
  /** The lowest L found (an upper bound on every integer solution's value). */
  bound: number;
  iterations: number;
  /** Bound at the starting multipliers. */
  start: number;
  /** The multipliers where the lowest L was found (y ≥ 0, pi ≥ 0). */
  y: Float64Array;
  pi: number;
}

/**
 * Minimizes L by sign steps with one step size per multiplier (Rprop): a multiplier moves
 * against the sign of its subgradient component; its step grows by 1.2 while that sign holds and
 * halves when it flips. Plain (Polyak) subgradient steps move a multiplier in proportion to its
 * component and overshoot badly here: lowering one person's multiplier can raise the best triad
 * of every anchor at once. The first step is (L − target) / ‖g‖₁.
 */
export function subgradientBound(enc: Encoded, o: SubgradientOptions): SubgradientResult {
  const { n, cap } = enc;
  const finite = Number.isFinite(o.maxGroups);
  const y = Float64Array.from(o.y, (v) => Math.max(0, v));
  let pi = finite ? Math.max(0, o.pi) : 0;
  let cur = lagrangianBound(enc, y, pi, o.maxGroups);
  const start = cur.value;
  let best = cur.value;
  let bestY = Float64Array.from(y);
  let bestPi = pi;
  const step = new Float64Array(n + 1);
  const sign = new Int8Array(n + 1);
  const maxIterations = o.maxIterations ?? 500;
  let iterations = 0;
  while (iterations < maxIterations && performance.now() < o.deadline) {
    const gap = cur.value - o.target;
    if (gap <= 0) break; // the target is proven optimal
    // Subgradient of L at (y, pi): cap_i − usage_i and maxGroups − count; a multiplier at 0
    // whose component is positive stays put (projection on y, pi ≥ 0).
    const g = new Float64Array(n + 1);
    let l1 = 0;
    for (let i = 0; i <= n; i++) {
      const gi = i < n ? cap[i]! - cur.usage[i]! : finite ? o.maxGroups - cur.count : 0;
      const at0 = (i < n ? y[i]! : pi) <= 0;
      if (Math.abs(gi) < 1e-12 || (at0 && gi > 0)) continue;
      g[i] = gi;
      l1 += Math.abs(gi);
    }
    if (l1 === 0) break; // (y, pi) minimizes L
    if (iterations === 0) step.fill(gap / l1);
    for (let i = 0; i <= n; i++) {
      const s = Math.sign(g[i]!);
      if (s === 0) continue;
      if (s === sign[i]) step[i] = step[i]! * 1.2;
      else if (sign[i] !== 0) step[i] = step[i]! / 2;
      sign[i] = s;
      if (i < n) y[i] = Math.max(0, y[i]! - s * step[i]!);
      else pi = Math.max(0, pi - s * step[i]!);
    }
    iterations++;
    cur = lagrangianBound(enc, y, pi, o.maxGroups);
    if (cur.value < best) {
      best = cur.value;
      bestY = Float64Array.from(y);
      bestPi = pi;
    }
  }
  return { bound: best, iterations, start, y: bestY, pi: bestPi };
}

/**
 * A solution read off multipliers (the Lagrangian heuristic): each anchor's best triads at
 * (y, pi) — its best, and up to two more of positive reduced cost — by decreasing reduced cost,
 * taken while every member has capacity left, then completed greedily (../heuristic.ts). Near the
 * minimum of L most anchors' best triads are disjoint, so this is close to a solution of the
 * relaxation made feasible. Groups respect compatibility, roles and capacities; pins are the
 * caller's to check. At 2 400 people it adds 150–400 to the score of the incumbent that column
 * generation stopped with (RESULTS.md).
 */
export function lagrangianHeuristic(enc: Encoded, y: Float64Array, pi: number): number[] {
  const ranked: { rc: number; t: number[] }[] = [];
  for (const p of priceBest(enc, y, pi, 3)) {
    if (!p.triad) continue;
    ranked.push({ rc: p.rc, t: p.triad });
    // extra starts with the best triad when it has a positive reduced cost.
    for (let k = 3; k < p.extra.length; k += 3) {
      const [a, b, c] = [p.extra[k]!, p.extra[k + 1]!, p.extra[k + 2]!];
      ranked.push({ rc: triadValue(enc, a, b, c) - pi - y[a]! - y[b]! - y[c]!, t: [a, b, c] });
    }
  }
  ranked.sort((a, b) => b.rc - a.rc);
  return greedy(
    enc,
    ranked.flatMap((r) => r.t),
  );
}
