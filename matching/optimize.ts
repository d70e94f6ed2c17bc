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
 */
import type { Encoded } from "./encode";
import { greedy } from "./heuristic";
import { loadHighs, MasterLp, solvePackingSync } from "./solvers/highs";
import type { PackingSolver } from "./solvers/types";
import { enumerateAbove, priceBest, triadValue, tripleKey } from "./triads";

export interface Progress {
  phase: string;
  fraction: number;
  groups?: number;
  score?: number;
  bound?: number;
}

export interface OptimizeOptions {
  deadline: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Direct enumeration when the model has at most this many triads. */
  directLimit?: number;
  /** Largest window handed to the integer solver. */
  windowLimit?: number;
  /** Time cap of the integer solve on the generated columns (default 5 % of the budget, at least 1 s). */
  poolMipMs?: number;
  /** Node limit of that solve (default 30). */
  poolMipNodes?: number;
  /** Node limit of the first, partial window solve (default 300). */
  firstWindowNodes?: number;
  /** Largest proof set given to the canonical tie-break (default 1 500 triads). */
  tieBreakLimit?: number;
  /** Columns added per anchor and pricing round (default 3). */
  columnsPerAnchor?: number;
  /** Size of the first (incumbent-improving) window. */
  firstWindow?: number;
  /** Solver for the direct (small) case; HiGHS by default. */
  smallSolver?: PackingSolver;
}

export interface OptimizeResult {
  /** Flat triples of model indices. */
  triads: number[];
  value: number;
  /** Upper bound on the value (Infinity when none was established). */
  upper: number;
  proven: boolean;
  candidateTriads: number;
  stats: Record<string, number>;
}

const EPS = 1e-6;

function valueOf(enc: Encoded, triads: number[]): number {
  let v = 0;
  for (let k = 0; k < triads.length; k += 3)
    v += triadValue(enc, triads[k]!, triads[k + 1]!, triads[k + 2]!);
  return v;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Aborted extends Error {
  constructor() {
    super("matching aborted");
    this.name = "AbortError";
  }
}

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
  if (n < 3) return { triads: [], value: 0, upper: 0, proven: true, candidateTriads: 0, stats };

  // Optional direct solve with a given exact solver (e.g. javascript-lp-solver) on small models.
  if (opts.smallSolver) {
    const all = enumerateAbove(enc, null, -Infinity, opts.directLimit ?? 1000);
    if (all !== null) {
      const count = all.length / 3;
      const values = new Float64Array(count);
      for (let t = 0; t < count; t++)
        values[t] = triadValue(enc, all[3 * t]!, all[3 * t + 1]!, all[3 * t + 2]!);
      const r = await opts.smallSolver.solve({
        n,
        cap: enc.cap,
        triads: all,
        values,
        timeLimitMs: Math.max(50, left()),
      });
      checkAbort();
      if (r.status === "optimal") {
        const triads: number[] = [];
        for (const t of r.chosen) triads.push(all[3 * t]!, all[3 * t + 1]!, all[3 * t + 2]!);
        const value = valueOf(enc, triads);
        report("mip", 1, value, value);
        return {
          triads,
          value,
          upper: value,
          proven: true,
          candidateTriads: count,
          stats: { direct: 1 },
        };
      }
      // Otherwise fall through to HiGHS.
    }
  }

  // Price and prune (small models: every triad is a column from the start).
  const highs = await loadHighs();
  let incumbent = greedy(enc);
  let incValue = valueOf(enc, incumbent);
  report("greedy", 0.02, incValue);

  const master = new MasterLp(highs, n, enc.cap);
  const inPool = new Set<number>();
  const pool: number[] = [];
  const addCols = (triads: number[]) => {
    const add: number[] = [];
    const vals: number[] = [];
    for (let k = 0; k < triads.length; k += 3) {
      const a = triads[k]!;
      const b = triads[k + 1]!;
      const c = triads[k + 2]!;
      const key = tripleKey(n, a, b, c);
      if (inPool.has(key)) continue;
      inPool.add(key);
      add.push(a, b, c);
      pool.push(a, b, c);
      vals.push(triadValue(enc, a, b, c));
    }
    master.addColumns(add, vals);
    return vals.length;
  };
  /** Every triad is worth at least this: bounds the number of groups from a value bound. */
  const minGroupValue = enc.M + Math.min(0, enc.minTriad);
  let upper = Infinity;
  let lpValue = 0;
  let converged = false;
  let maxGroups = Infinity;
  let y: Float64Array = new Float64Array(n);
  let pi = 0;
  let lpX: Float64Array = new Float64Array(0);
  /** Every triad, when there are few (then no pricing is needed). */
  let all: number[] | null = null;
  try {
    addCols(incumbent);
    addCols(enc.pinTriads);
    all = enumerateAbove(enc, null, -Infinity, opts.directLimit ?? 400);
    if (all) addCols(all);
    else addCols(priceBest(enc, y).flatMap((p) => p.triad ?? []));
    if (master.columns === 0) {
      // No feasible triad at all.
      return { triads: [], value: 0, upper: 0, proven: true, candidateTriads: 0, stats };
    }
    const t0 = performance.now();
    let rounds = 0;
    for (let phase = 0; phase < 2; phase++) {
      converged = false;
      let phaseUpper = Infinity;
      for (;;) {
        rounds++;
        const tl = performance.now();
        const lp = master.solve(Math.max(100, left()));
        stats.msLpSolve = (stats.msLpSolve ?? 0) + Math.round(performance.now() - tl);
        lpValue = lp.objective;
        lpX = lp.x;
        y = lp.duals;
        pi = lp.countDual;
        const priced = all ? [] : priceBest(enc, y, pi, opts.columnsPerAnchor ?? 3);
        let gain = 0;
        const add: number[] = [];
        for (const p of priced) {
          if (p.rc <= EPS || !p.triad) continue;
          const coef = enc.mode === "mentorship" ? enc.cap[p.anchor]! : 1 / 3;
          gain += coef * p.rc;
          add.push(...p.extra);
        }
        if (lp.ok) phaseUpper = Math.min(phaseUpper, lpValue + gain);
        upper = Math.min(upper, phaseUpper);
        if (add.length === 0 && lp.ok) {
          converged = true;
          break;
        }
        const added = addCols(add);
        report(
          "lp",
          0.05 + 0.4 * Math.min(1, (performance.now() - t0) / Math.max(1, opts.deadline - t0)),
          incValue,
          upper,
        );
        await tick();
        checkAbort();
        // Leave time for the integer phases (the Lagrangian bound stays valid).
        if (added === 0 || left() < 0.4 * budget) break;
      }
      if (phase === 0) {
        // Σx ≤ ⌊upper / minGroupValue⌋ is valid for every integer solution: add it as a cut.
        if (!Number.isFinite(upper)) break;
        maxGroups = Math.floor(upper / minGroupValue + 1e-9);
        master.setMaxGroups(maxGroups);
        if (left() < 0.4 * budget) break;
      }
    }
    stats.lpRounds = rounds;
    stats.lpColumns = master.columns;
    stats.lpValue = lpValue;
    stats.msLp = Math.round(performance.now() - t0);
  } finally {
    master.dispose();
  }
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
  const accept = (chosen: number[], value: number) => {
    if (value > incValue + EPS) {
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
      const partial = passes === 1 && used < delta;
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
      if (converged && used >= lpValue - incValue) proofSet = merged;
      if (converged && (r.status === "optimal" || Number.isFinite(r.bound))) {
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
      passLimit = limit;
    }
  }
  // Canonical tie-break: among optimal solutions (all inside proofSet), take the one with the
  // largest deterministic tie-break weight, so the answer does not depend on the solver's path.
  // Skipped above `tieBreakLimit` triads (then equal-score optima may differ between runs).
  // With converged duals, every optimal solution only uses triads of reduced cost ≥ opt − LP.
  if (proven && converged && !all) {
    const tight = enumerateAbove(enc, y, -(lpValue - incValue + EPS), 1500, pi);
    if (tight) {
      const seen = new Set<number>();
      for (let k = 0; k < tight.length; k += 3)
        seen.add(tripleKey(n, tight[k]!, tight[k + 1]!, tight[k + 2]!));
      for (let k = 0; k < incumbent.length; k += 3) {
        if (!seen.has(tripleKey(n, incumbent[k]!, incumbent[k + 1]!, incumbent[k + 2]!)))
          tight.push(incumbent[k]!, incumbent[k + 1]!, incumbent[k + 2]!);
      }
      proofSet = tight;
    }
  }
  if (
    proven &&
    proofSet &&
    proofSet.length / 3 <= (opts.tieBreakLimit ?? 1500) &&
    cut !== undefined &&
    incumbent.length / 3 === cut &&
    left() > 0
  ) {
    const set = proofSet;
    const count = set.length / 3;
    const scores = new Float64Array(count);
    const ties = new Float64Array(count);
    for (let t = 0; t < count; t++) {
      const a = set[3 * t]!;
      const b = set[3 * t + 1]!;
      const c = set[3 * t + 2]!;
      scores[t] = triadValue(enc, a, b, c) - enc.M;
      ties[t] = tieWeight(enc, a, b, c);
    }
    const best = incValue - cut * enc.M;
    const r = solvePackingSync(highs, {
      n,
      cap: enc.cap,
      triads: set,
      values: ties,
      maxGroups: cut,
      minGroups: cut,
      extraRow: { coefs: scores, lower: best - 1e-7 },
      timeLimitMs: Math.max(50, left()),
    });
    if (r.status === "optimal") {
      const chosen: number[] = [];
      for (const t of r.chosen) chosen.push(set[3 * t]!, set[3 * t + 1]!, set[3 * t + 2]!);
      const value = valueOf(enc, chosen);
      if (chosen.length === incumbent.length && value >= incValue - EPS) {
        incumbent = chosen;
        incValue = value;
      }
      stats.tieBreak = 1;
    }
  }
  return { triads: incumbent, value: incValue, upper, proven, candidateTriads, stats };
}

/** Deterministic pseudo-random weight in [1, 2) from the members' ids (FNV-1a). */
function tieWeight(enc: Encoded, a: number, b: number, c: number): number {
  const ids = [a, b, c].map((x) => enc.participants[enc.people[x]!]!.id).sort();
  let h = 0x811c9dc5;
  for (const ch of ids.join("\u0000")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return 1 + h / 4294967296;
}

/** Trivial score bound for g groups: g × the largest possible triad score. */
function upperScoreFor(enc: Encoded, g: number): number {
  const n = enc.n;
  let maxPair = 0;
  for (let k = 0; k < n * n; k++)
    if (enc.compat[k] && enc.score[k]! > maxPair) maxPair = enc.score[k]!;
  return g * 3 * maxPair;
}
