/**
 * Phase 1 of the exact optimization (../optimize.ts): column generation on the LP relaxation of
 * the set-packing program (HiGHS, warm-started), with a Lagrangian bound at every round and a cut
 * on the number of groups. Small models get every triad as a column from the start.
 */
import type { Highs } from "highs";
import type { Encoded } from "../encode";
import { MasterLp } from "../solvers/highs";
import { enumerateAbove, priceBest, triadValue, tripleKey } from "../triads";
import { countGroupBound } from "./group-bound";
import { EPS, tick, type OptimizeOptions, type Run } from "./shared";

export interface Columns {
  /** Flat triples of the generated columns, in the master LP's column order. */
  pool: number[];
  /** Every triad, when there are few (then no pricing is needed). */
  all: number[] | null;
  /** Upper bound on the value (Infinity when none was established). */
  upper: number;
  lpValue: number;
  /** Column generation converged: the duals are feasible (the reduced-cost window proves). */
  converged: boolean;
  /** Most groups any integer solution can have (Infinity when unknown). */
  maxGroups: number;
  y: Float64Array;
  pi: number;
  /** The duals of the round whose Lagrangian bound was lowest (where ./lagrangian.ts starts). */
  boundY: Float64Array;
  boundPi: number;
  /** The LP solution over `pool`. */
  lpX: Float64Array;
}

/** The LP relaxation's columns, bound and duals; null when no triad is feasible at all. */
export async function generateColumns(
  enc: Encoded,
  opts: OptimizeOptions,
  highs: Highs,
  incumbent: number[],
  incValue: number,
  run: Run,
  stats: Record<string, number>,
): Promise<Columns | null> {
  const { n } = enc;
  const { budget, left, checkAbort, report } = run;
  const master = new MasterLp(highs, n, enc.cap, { links: enc.links, forced: enc.forced });
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
  let boundY = y;
  let boundPi = 0;
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
      return null;
    }
    // Counting bound on the number of groups (./group-bound.ts): a valid cut from the start.
    maxGroups = countGroupBound(enc);
    master.setMaxGroups(maxGroups);
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
        if (lp.ok && lpValue + gain < upper) {
          boundY = y;
          boundPi = pi;
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
        maxGroups = Math.min(maxGroups, Math.floor(upper / minGroupValue + 1e-9));
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
  return { pool, all, upper, lpValue, converged, maxGroups, y, pi, boundY, boundPi, lpX };
}
