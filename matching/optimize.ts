/**
 * Exact optimization of the encoded model, lexicographic (groups, then score) through the
 * combined value M + score per triad.
 *
 * 1. Small models: enumerate every triad and solve the set-packing program directly.
 * 2. Otherwise price and prune: column generation on the LP relaxation (HiGHS, warm-started),
 *    a Lagrangian bound at every round, an integer solve on the generated columns for an
 *    incumbent, then the reduced-cost window: every triad whose reduced cost is within
 *    (LP bound − incumbent) of zero is enumerated and the integer program is solved on those.
 *    Any solution using a triad outside the window is worth less than LP bound − window, so an
 *    incumbent at least that good is optimal.
 *
 * The phases live in matching/optimize/: direct.ts (an optional exact solver on small models),
 * columns.ts (column generation), tie-break.ts (the canonical choice among optima); shared.ts holds
 * the options, result and helpers. This module runs them, and the integer solves in between.
 */
import type { Encoded } from "./encode";
import { greedy, pinsKept } from "./heuristic";
import { forcedCover } from "./optimize/forced";
import { generateColumns } from "./optimize/columns";
import { solveDirect } from "./optimize/direct";
import {
  Aborted,
  EPS,
  tick,
  upperScoreFor,
  valueOf,
  type OptimizeOptions,
  type OptimizeResult,
  type Progress,
  type Run,
} from "./optimize/shared";
import { lagrangianHeuristic, subgradientBound } from "./optimize/lagrangian";
import { improveLocally } from "./optimize/local-search";
import { reducedCostSearch } from "./optimize/reduced-cost-search";
import { canonicalTieBreak } from "./optimize/tie-break";
import { tightColumns } from "./optimize/tight-columns";
import { loadHighs, solvePackingSync } from "./solvers/highs";
import { enumerateAbove, triadValue, tripleKey } from "./triads";

export {
  Aborted,
  type OptimizeOptions,
  type OptimizeResult,
  type Progress,
} from "./optimize/shared";

export async function optimize(enc: Encoded, opts: OptimizeOptions): Promise<OptimizeResult> {
  const n = enc.n;
  const stats: Record<string, number> = {};
  const budget = Math.max(0, opts.deadline - performance.now());
  const left = () => opts.deadline - performance.now();
  const checkAbort = () => {
    if (opts.signal?.aborted) throw new Aborted();
  };
  const report = (phase: string, fraction: number, value?: number, upper?: number) => {
    if (!opts.onProgress) return;
    const p: Progress = { phase, fraction: Math.max(0, Math.min(1, fraction)) };
    if (value !== undefined) {
      p.groups = Math.floor((value + EPS) / enc.M);
      p.score = value - p.groups * enc.M;
    }
    if (upper !== undefined && Number.isFinite(upper)) p.bound = upper;
    opts.onProgress(p);
  };
  if (n < 3) {
    const missing = enc.forced.length > 0 ? { forcedMissing: [...enc.forced] } : {};
    return { triads: [], value: 0, upper: 0, proven: true, candidateTriads: 0, stats, ...missing };
  }
  const run: Run = { budget, left, checkAbort, report };

  // Optional direct solve with a given exact solver (e.g. javascript-lp-solver) on small models.
  if (opts.smallSolver) {
    const direct = await solveDirect(enc, opts.smallSolver, opts.directLimit, run);
    if (direct) return direct;
    // Otherwise fall through to HiGHS.
  }

  // Price and prune (small models: every triad is a column from the start).
  const highs = await loadHighs();
  // Forced persons first: when they cannot all be placed, the fixed groups break a pin.
  const cover = forcedCover(enc, highs, left());
  if ("missing" in cover) {
    return {
      triads: [],
      value: 0,
      upper: 0,
      proven: true,
      candidateTriads: 0,
      stats,
      forcedMissing: cover.missing,
    };
  }
  // Local search (optimize/local-search.ts) polishes every incumbent; it never lowers a value.
  const polish = (triads: number[]) => {
    const t = performance.now();
    const cap = Math.max(50, (opts.localSearchShare ?? 0.05) * budget);
    const r = improveLocally(enc, triads, { deadline: Math.min(opts.deadline, t + cap) });
    stats.msLocalSearch = (stats.msLocalSearch ?? 0) + Math.round(performance.now() - t);
    stats.localSearchGain = (stats.localSearchGain ?? 0) + r.gain;
    return r.triads;
  };
  let incumbent = polish(greedy(enc, cover.triads));
  let incValue = valueOf(enc, incumbent);
  report("greedy", 0.02, incValue);
  const columns = await generateColumns(enc, opts, highs, incumbent, incValue, run, stats);
  if (!columns) return { triads: [], value: 0, upper: 0, proven: true, candidateTriads: 0, stats };
  const { pool, all, lpValue, converged, maxGroups, y, pi, lpX } = columns;
  let { upper } = columns;
  const cut = Number.isFinite(maxGroups) ? maxGroups : undefined;
  if (cut !== undefined) upper = Math.min(upper, cut * enc.M + upperScoreFor(enc, cut));

  // Integer program on the generated columns (price and branch) for an incumbent.
  const solveOn = (triads: number[], timeMs: number, maxNodes?: number) => {
    const count = triads.length / 3;
    // When the incumbent already has the proven maximum number of groups, fix the count and
    // maximize the score alone (better numerics than M + score).
    const exact = cut !== undefined && incumbent.length / 3 === cut;
    const offset = exact ? enc.M : 0;
    const values = new Float64Array(count);
    for (let t = 0; t < count; t++)
      values[t] = triadValue(enc, triads[3 * t]!, triads[3 * t + 1]!, triads[3 * t + 2]!) - offset;
    // Start from the incumbent when its triads are all present.
    const index = new Map<number, number>();
    for (let t = 0; t < count; t++)
      index.set(tripleKey(n, triads[3 * t]!, triads[3 * t + 1]!, triads[3 * t + 2]!), t);
    const start: number[] = [];
    for (let k = 0; k < incumbent.length; k += 3) {
      const t = index.get(tripleKey(n, incumbent[k]!, incumbent[k + 1]!, incumbent[k + 2]!));
      if (t !== undefined) start.push(t);
    }
    const r = solvePackingSync(highs, {
      n,
      cap: enc.cap,
      links: enc.links,
      forced: enc.forced,
      triads,
      values,
      maxGroups: cut,
      minGroups: exact ? cut : undefined,
      start: start.length * 3 === incumbent.length ? start.sort((a, b) => a - b) : undefined,
      // Model building and presolve are not covered by HiGHS's clock: keep a margin.
      timeLimitMs: Math.max(50, 0.6 * timeMs, timeMs - 0.1 * count - (count > 5000 ? 300 : 0)),
      maxNodes,
    });
    if (exact) {
      r.objective += cut * enc.M;
      r.bound += cut * enc.M;
    }
    const chosen: number[] = [];
    for (const t of r.chosen) chosen.push(triads[3 * t]!, triads[3 * t + 1]!, triads[3 * t + 2]!);
    return { r, chosen, value: valueOf(enc, chosen) };
  };
  /** A column set known to contain every optimal solution (for the canonical tie-break). */
  let proofSet: number[] | null = null;
  const accept = (found: number[], foundValue: number) => {
    if (foundValue <= incValue + EPS && upper - incValue <= EPS) return;
    const chosen = upper - foundValue > EPS ? polish(found) : found;
    const value = chosen === found ? foundValue : valueOf(enc, chosen);
    if (value > incValue + EPS && pinsKept(enc, chosen)) {
      incumbent = chosen;
      incValue = value;
    }
  };

  // LP rounding: the relaxation is nearly integral; take its columns by decreasing value.
  if (lpX.length > 0) {
    const order: number[] = [];
    for (let t = 0; t < lpX.length; t++) if (lpX[t]! > 1e-6) order.push(t);
    order.sort((a, b) => lpX[b]! - lpX[a]! || a - b);
    const first: number[] = [];
    for (const t of order) first.push(pool[3 * t]!, pool[3 * t + 1]!, pool[3 * t + 2]!);
    const rounded = greedy(enc, first);
    accept(rounded, valueOf(enc, rounded));
    report("round", 0.5, incValue, upper);
  }
  // Column generation stopped before converging: its bound is weak. Subgradient steps on the
  // Lagrangian dual (optimize/lagrangian.ts) tighten it with pricing passes only, from the duals
  // of the LP round with the lowest bound (the last round's may come from a solve cut short).
  // It lowers `upper`, and its best multipliers give one candidate solution (the Lagrangian
  // heuristic); no window, no proof set: its multipliers are not LP duals.
  if (!converged && !all && upper - incValue > EPS && left() > 0) {
    const t = performance.now();
    const lag = subgradientBound(enc, {
      y: columns.boundY,
      pi: columns.boundPi,
      maxGroups,
      target: incValue,
      deadline: t + Math.min(left() / 2, (opts.lagrangianShare ?? 0.2) * budget),
    });
    stats.lagrangianIterations = lag.iterations;
    stats.lagrangianStart = lag.start;
    stats.lagrangianBound = lag.bound;
    stats.msLagrangian = Math.round(performance.now() - t);
    upper = Math.min(upper, lag.bound);
    // Lagrangian heuristic: every anchor's best triads at the best multipliers, by decreasing
    // reduced cost, taken while they fit, then completed greedily (an incumbent improver only).
    if (lag.iterations > 0 && upper - incValue > EPS && left() > 0) {
      const tH = performance.now();
      const found = lagrangianHeuristic(enc, lag.y, lag.pi);
      const before = incValue;
      accept(found, valueOf(enc, found));
      stats.lagrangianHeuristicGain = incValue - before;
      stats.msLagrangianHeuristic = Math.round(performance.now() - tH);
    }
    report("lagrangian", 0.52, incValue, upper);
    await tick();
    checkAbort();
  }
  // Converged duals: a search over the triads of small reduced cost (optimize/reduced-cost-search.ts)
  // finds the optimum when the LP bound is (nearly) tight, and proves it when it is exhaustive.
  if (converged && !all && upper - incValue > EPS && left() > 0) {
    const t = performance.now();
    const s = reducedCostSearch(enc, {
      y,
      pi,
      maxGroups,
      incValue,
      knownUpper: upper,
      deadline: t + Math.min(left() / 2, (opts.reducedCostSearchShare ?? 0.3) * budget),
    });
    stats.rcSearchNodes = s.nodes;
    stats.rcSearchTriads = s.candidates;
    stats.rcSearchPasses = s.passes;
    stats.rcSearchBudget = s.exhaustedBudget;
    stats.rcSearchNodesToBest = s.nodesToBest;
    stats.rcSearchRestarts = s.restarts ?? 0;
    stats.msRcSearch = Math.round(performance.now() - t);
    if (s.triads) accept(s.triads, s.value);
    upper = Math.min(upper, Math.max(s.upper, incValue));
    report("rc-search", 0.53, incValue, upper);
    await tick();
    checkAbort();
  }
  // Integer solve on the generated columns (price and branch): exact when every triad is a
  // column (small models); otherwise a time-capped incumbent improver.
  // Skip it when the complete reduced-cost window is already small.
  const smallWindow =
    !all && converged && enumerateAbove(enc, y, -(lpValue - incValue + EPS), 1500, pi) !== null;
  if (upper - incValue > EPS && left() > 0 && !smallWindow) {
    const tPool = performance.now();
    const { r, chosen, value } = solveOn(
      pool,
      all
        ? left()
        : Math.min(left(), opts.poolMipMs ?? Math.min(1000, Math.max(300, 0.02 * budget))),
    );
    accept(chosen, value);
    if (all) proofSet = pool;
    if (all && r.status === "optimal") upper = Math.min(upper, Math.max(value, incValue));
    else if (all && Number.isFinite(r.bound)) upper = Math.min(upper, r.bound);
    report("mip", 0.55, incValue, upper);
    stats.msPoolMip = Math.round(performance.now() - tPool);
    await tick();
    checkAbort();
  }

  let proven = upper - incValue <= EPS;
  let candidateTriads = pool.length / 3;

  // Reduced-cost window. It proves optimality only with dual-feasible duals (column generation
  // converged); otherwise it is an incumbent improver.
  if (!proven && !all) {
    const limit = opts.windowLimit ?? 60_000;
    // First pass: a small window (fast, improves the incumbent); then the full window.
    let passLimit = Math.min(limit, opts.firstWindow ?? 1500);
    let passes = 0;
    while (!proven && left() > 0 && passes < 8) {
      passes++;
      const delta = lpValue - incValue + EPS;
      let used = delta;
      let cols = enumerateAbove(enc, y, -used, passLimit, pi);
      while (cols === null) {
        used /= 2;
        cols = used < 1e-6 ? [] : enumerateAbove(enc, y, -used, passLimit, pi);
      }
      // Ties: even the narrowest window is too large; take the generated columns of largest
      // reduced cost instead (optimize/tight-columns.ts). Such a window proves nothing.
      // Also when the incumbent beats the restricted LP (column generation stopped early): then
      // the window is empty without proving anything.
      const tight = cols.length === 0 && pool.length > 0 && !(converged && used >= delta);
      if (tight) cols = tightColumns(enc, pool, y, pi, passLimit);
      if (tight) stats.tightWindows = (stats.tightWindows ?? 0) + 1;
      candidateTriads = Math.max(candidateTriads, cols.length / 3);
      // Always offer the incumbent's triads too (a warm start).
      const merged = [...cols];
      const seen = new Set<number>();
      for (let k = 0; k < cols.length; k += 3)
        seen.add(tripleKey(n, cols[k]!, cols[k + 1]!, cols[k + 2]!));
      for (let k = 0; k < incumbent.length; k += 3) {
        const key = tripleKey(n, incumbent[k]!, incumbent[k + 1]!, incumbent[k + 2]!);
        if (!seen.has(key)) merged.push(incumbent[k]!, incumbent[k + 1]!, incumbent[k + 2]!);
      }
      report("prune", 0.6, incValue, upper);
      // The first (partial) window only improves the incumbent: cap its time.
      const tWin = performance.now();
      const partial = (passes === 1 && used < delta) || tight;
      const cap = partial ? Math.max(1000, 0.35 * budget) : Infinity;
      const { r, chosen, value } = solveOn(
        merged,
        Math.min(left(), cap),
        partial ? (opts.firstWindowNodes ?? 300) : undefined,
      );
      accept(chosen, value);
      stats.windowTriads = cols.length / 3;
      stats[`msWindow${passes}`] = Math.round(performance.now() - tWin);
      stats.windowPasses = passes;
      // Solutions outside the window are worth < lpValue − used.
      if (converged && !tight && used >= lpValue - incValue) proofSet = merged;
      if (converged && !tight && (r.status === "optimal" || Number.isFinite(r.bound))) {
        const windowBound = Math.max(r.status === "optimal" ? value : r.bound, lpValue - used);
        upper = Math.min(upper, Math.max(windowBound, incValue));
      }
      proven = upper - incValue <= EPS;
      report("prune", 0.9, incValue, upper);
      await tick();
      checkAbort();
      if (proven) break;
      const need = lpValue - incValue + EPS;
      if (converged && used >= need) break; // complete window, stopped by the time limit
      // Later windows: as large as the time left can solve (a larger one overruns the deadline:
      // HiGHS's clock does not cover building and presolving a model of ~50 000 columns).
      passLimit = Math.max(
        passLimit,
        Math.min(limit, Math.round((opts.windowPerSecond ?? 1500) * (left() / 1000))),
      );
    }
  }
  // The canonical tie-break gets a share of the budget: with heavy ties (integer scores) its
  // integer program can take longer than everything before it; cut short, it keeps the incumbent.
  const tTie = performance.now();
  const tieEnd = tTie + Math.max(500, (opts.tieBreakShare ?? 0.1) * budget);
  ({ incumbent, incValue } = canonicalTieBreak(
    enc,
    highs,
    {
      proven,
      converged,
      all,
      lpValue,
      y,
      pi,
      proofSet,
      cut,
      incumbent,
      incValue,
      tieBreakLimit: opts.tieBreakLimit,
      left: () => Math.min(left(), tieEnd - performance.now()),
    },
    stats,
  ));
  stats.msTieBreak = Math.round(performance.now() - tTie);
  return { triads: incumbent, value: incValue, upper, proven, candidateTriads, stats };
}
