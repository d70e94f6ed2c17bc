/**
 * HiGHS (WebAssembly) behind the solver interface, plus the restricted master LP used by
 * column generation. HiGHS calls are synchronous: they run in the calling thread, bounded by
 * HiGHS's own time limit (the app runs the whole engine in a worker thread).
 */
import highsLoader from "highs";
import type { Highs, Model } from "highs";
import type { PackingProblem, PackingResult, PackingSolver } from "./types";

let loading: Promise<Highs> | null = null;

export function loadHighs(): Promise<Highs> {
  loading ??= highsLoader();
  return loading;
}

const QUIET = { output_flag: false, log_to_console: false } as const;

/** CSC columns for triads; with `countRow`, every column also has a 1 in that row (Σx ≤ G). */
function csc(triads: ArrayLike<number>, count: number, countRow = -1) {
  const per = countRow >= 0 ? 4 : 3;
  const starts = new Int32Array(count + 1);
  const indices = new Int32Array(count * per);
  const values = new Float64Array(count * per).fill(1);
  for (let t = 0; t < count; t++) {
    starts[t + 1] = per * (t + 1);
    const s = [triads[3 * t]!, triads[3 * t + 1]!, triads[3 * t + 2]!].sort((x, y) => x - y);
    indices[per * t] = s[0]!;
    indices[per * t + 1] = s[1]!;
    indices[per * t + 2] = s[2]!;
    if (per === 4) indices[per * t + 3] = countRow;
  }
  return { starts, indices, values };
}

/**
 * Restricted master LP: columns are added over time, the basis is kept between solves.
 * Rows 0…n−1 are persons (≤ capacity); row n is the group count (≤ maxGroups, +∞ at first).
 */
export class MasterLp {
  private model: Model;
  private readonly n: number;
  columns = 0;
  constructor(
    private highs: Highs,
    n: number,
    cap: ArrayLike<number>,
  ) {
    this.n = n;
    this.model = highs.createModel();
    // Primal simplex: after adding columns the basis stays primal feasible (warm start).
    this.model.options.set({ ...QUIET, presolve: "off", simplex_strategy: 4 } as never);
    const rowUpper = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) rowUpper[i] = cap[i]!;
    rowUpper[n] = Infinity;
    this.model.passModel({
      numCols: 0,
      numRows: n + 1,
      sense: highs.constants.objectiveSense.maximize as never,
      colCost: [],
      colLower: [],
      colUpper: [],
      rowLower: new Float64Array(n + 1).fill(-Infinity),
      rowUpper,
      matrix: { format: "csc", numRows: n + 1, numCols: 0, starts: [0], indices: [], values: [] },
    });
  }

  addColumns(triads: ArrayLike<number>, values: ArrayLike<number>): void {
    const count = values.length;
    if (count === 0) return;
    const m = csc(triads, count, this.n);
    this.model.addCols({
      cost: Float64Array.from(values),
      lower: new Float64Array(count),
      upper: new Float64Array(count).fill(Infinity),
      matrix: { format: "csc", numRows: this.n + 1, numCols: count, ...m },
    } as never);
    this.columns += count;
  }

  setMaxGroups(g: number): void {
    this.model.changeRowBounds(this.n, -Infinity, g);
  }

  solve(timeLimitMs: number): {
    ok: boolean;
    objective: number;
    duals: Float64Array;
    countDual: number;
    x: Float64Array;
  } {
    this.model.options.set({ time_limit: Math.max(0.05, timeLimitMs / 1000) });
    const r = this.model.run();
    const ok = r.modelStatus === this.highs.constants.modelStatus.optimal;
    const sol = this.model.getSolution();
    const duals = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) duals[i] = Math.max(0, sol.rowDual[i]!);
    return {
      ok,
      objective: this.model.getObjectiveValue(),
      duals,
      countDual: Math.max(0, sol.rowDual[this.n]!),
      x: Float64Array.from(sol.colValue),
    };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Exact set packing with HiGHS's branch and cut. */
export class HighsSolver implements PackingSolver {
  readonly name = "highs";
  async solve(problem: PackingProblem): Promise<PackingResult> {
    const highs = await loadHighs();
    return solvePackingSync(highs, problem);
  }
}

export function solvePackingSync(highs: Highs, problem: PackingProblem): PackingResult {
  const count = problem.values.length;
  if (count === 0) return { status: "optimal", chosen: [], objective: 0, bound: 0 };
  const withCount = problem.maxGroups !== undefined;
  const extra = problem.extraRow;
  const base = withCount ? problem.n + 1 : problem.n;
  const rows = extra ? base + 1 : base;
  let m = csc(problem.triads, count, withCount ? problem.n : -1);
  if (extra) {
    // Append the extra row's coefficient to every column.
    const per = withCount ? 4 : 3;
    const starts = new Int32Array(count + 1);
    const indices = new Int32Array(count * (per + 1));
    const values = new Float64Array(count * (per + 1));
    for (let t = 0; t < count; t++) {
      starts[t + 1] = (per + 1) * (t + 1);
      for (let k = 0; k < per; k++) {
        indices[(per + 1) * t + k] = m.indices[per * t + k]!;
        values[(per + 1) * t + k] = 1;
      }
      indices[(per + 1) * t + per] = base;
      values[(per + 1) * t + per] = extra.coefs[t]!;
    }
    m = { starts, indices, values };
  }
  const rowUpper = new Float64Array(rows);
  for (let i = 0; i < problem.n; i++) rowUpper[i] = problem.cap[i]!;
  if (withCount) rowUpper[problem.n] = problem.maxGroups!;
  const rowLower = new Float64Array(rows).fill(-Infinity);
  if (withCount && problem.minGroups !== undefined) rowLower[problem.n] = problem.minGroups;
  if (extra) {
    rowLower[base] = extra.lower;
    rowUpper[base] = Infinity;
  }
  const model = highs.createModel();
  try {
    model.options.set({
      ...QUIET,
      time_limit: Math.max(0.05, problem.timeLimitMs / 1000),
      mip_rel_gap: 0,
      mip_abs_gap: 1e-7,
      random_seed: 0,
      ...(problem.maxNodes !== undefined ? { mip_max_nodes: problem.maxNodes } : {}),
      ...(problem.heuristicEffort !== undefined
        ? { mip_heuristic_effort: problem.heuristicEffort }
        : {}),
    } as never);
    model.passModel({
      numCols: count,
      numRows: rows,
      sense: highs.constants.objectiveSense.maximize as never,
      colCost: Float64Array.from(problem.values),
      colLower: new Float64Array(count),
      colUpper: new Float64Array(count).fill(1),
      rowLower,
      rowUpper,
      matrix: { format: "csc", numRows: rows, numCols: count, ...m },
      integrality: new Int32Array(count).fill(1) as never,
    });
    if (problem.start && problem.start.length > 0) {
      model.setSolution({
        indices: Int32Array.from(problem.start),
        values: new Float64Array(problem.start.length).fill(1),
      });
    }
    const r = model.run();
    const st = highs.constants.modelStatus;
    const sol = model.getSolution();
    const chosen: number[] = [];
    let objective = 0;
    const hasSolution =
      r.modelStatus !== st.infeasible && Number(model.info.get("primal_solution_status")) === 2;
    if (hasSolution) {
      for (let t = 0; t < count; t++) {
        if (sol.colValue[t]! > 0.5) {
          chosen.push(t);
          objective += problem.values[t]!;
        }
      }
    }
    const dualBound = Number(model.info.get("mip_dual_bound"));
    // A node limit stops the search without proof (status "feasible").
    const optimal = r.modelStatus === st.optimal;
    let bound = Number.isFinite(dualBound) ? Math.max(dualBound, objective) : Infinity;
    if (optimal && !Number.isFinite(dualBound)) bound = objective;
    return {
      status: optimal ? "optimal" : hasSolution ? "feasible" : "unknown",
      chosen,
      objective,
      bound,
    };
  } finally {
    model.dispose();
  }
}
