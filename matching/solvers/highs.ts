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

type Link = { i: number; j: number; k: number };

/**
 * CSC columns for triads: a 1 in each member's row; with `countRow`, a 1 in that row (Σx ≤ G);
 * with `extra`, its coefficient in that row; with `links`, each link's coefficient in row
 * `linkBase + l` (+1 for a triad holding i, −k for one holding j).
 */
function csc(
  triads: ArrayLike<number>,
  count: number,
  opts: {
    countRow?: number;
    extra?: { row: number; coefs: ArrayLike<number> };
    links?: ReadonlyArray<Link>;
    linkBase?: number;
  } = {},
) {
  const links = opts.links ?? [];
  const linksOf = new Map<number, number[]>();
  links.forEach((l, k) => {
    for (const p of [l.i, l.j]) {
      const list = linksOf.get(p) ?? [];
      if (!list.includes(k)) list.push(k);
      linksOf.set(p, list);
    }
  });
  const starts = new Int32Array(count + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let t = 0; t < count; t++) {
    const s = [triads[3 * t]!, triads[3 * t + 1]!, triads[3 * t + 2]!].sort((x, y) => x - y);
    for (const p of s) {
      indices.push(p);
      values.push(1);
    }
    if (opts.countRow !== undefined && opts.countRow >= 0) {
      indices.push(opts.countRow);
      values.push(1);
    }
    if (opts.extra) {
      indices.push(opts.extra.row);
      values.push(opts.extra.coefs[t]!);
    }
    if (linksOf.size > 0) {
      const ks = new Set<number>();
      for (const p of s) for (const k of linksOf.get(p) ?? []) ks.add(k);
      for (const k of [...ks].sort((a, b) => a - b)) {
        const l = links[k]!;
        const coef = (s.includes(l.i) ? 1 : 0) - (s.includes(l.j) ? l.k : 0);
        if (coef === 0) continue;
        indices.push(opts.linkBase! + k);
        values.push(coef);
      }
    }
    starts[t + 1] = indices.length;
  }
  return { starts, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

/**
 * Restricted master LP: columns are added over time, the basis is kept between solves.
 * Rows 0…n−1 are persons (≤ capacity; ≥ 1 for forced persons); row n is the group count
 * (≤ maxGroups, +∞ at first); rows n+1… are the pin links (≤ 0).
 */
export class MasterLp {
  private model: Model;
  private readonly n: number;
  private readonly links: ReadonlyArray<Link>;
  private readonly forced: ReadonlySet<number>;
  columns = 0;
  constructor(
    private highs: Highs,
    n: number,
    cap: ArrayLike<number>,
    pins: { links?: ReadonlyArray<Link>; forced?: ReadonlyArray<number> } = {},
  ) {
    this.n = n;
    this.links = pins.links ?? [];
    this.forced = new Set(pins.forced ?? []);
    this.model = highs.createModel();
    // Primal simplex: after adding columns the basis stays primal feasible (warm start).
    this.model.options.set({ ...QUIET, presolve: "off", simplex_strategy: 4 } as never);
    const rows = n + 1 + this.links.length;
    const rowUpper = new Float64Array(rows);
    for (let i = 0; i < n; i++) rowUpper[i] = cap[i]!;
    rowUpper[n] = Infinity;
    const rowLower = new Float64Array(rows).fill(-Infinity);
    for (const i of this.forced) rowLower[i] = 1;
    this.model.passModel({
      numCols: 0,
      numRows: rows,
      sense: highs.constants.objectiveSense.maximize as never,
      colCost: [],
      colLower: [],
      colUpper: [],
      rowLower,
      rowUpper,
      matrix: { format: "csc", numRows: rows, numCols: 0, starts: [0], indices: [], values: [] },
    });
  }

  addColumns(triads: ArrayLike<number>, values: ArrayLike<number>): void {
    const count = values.length;
    if (count === 0) return;
    const m = csc(triads, count, { countRow: this.n, links: this.links, linkBase: this.n + 1 });
    this.model.addCols({
      cost: Float64Array.from(values),
      lower: new Float64Array(count),
      upper: new Float64Array(count).fill(Infinity),
      matrix: { format: "csc", numRows: this.n + 1 + this.links.length, numCols: count, ...m },
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
    // Person duals, with each link's dual folded into its two persons: a triad's reduced cost
    // is then its value − the count dual − the sum of its members' duals, links included.
    // A forced person's row also has a lower bound: its dual may be negative.
    const duals = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++)
      duals[i] = this.forced.has(i) ? sol.rowDual[i]! : Math.max(0, sol.rowDual[i]!);
    this.links.forEach((l, k) => {
      const mu = Math.max(0, sol.rowDual[this.n + 1 + k]!);
      duals[l.i]! += mu;
      duals[l.j]! -= l.k * mu;
    });
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
  const links = problem.links ?? [];
  const base = withCount ? problem.n + 1 : problem.n;
  const linkBase = extra ? base + 1 : base;
  const rows = linkBase + links.length;
  const m = csc(problem.triads, count, {
    countRow: withCount ? problem.n : -1,
    extra: extra ? { row: base, coefs: extra.coefs } : undefined,
    links,
    linkBase,
  });
  const rowUpper = new Float64Array(rows);
  for (let i = 0; i < problem.n; i++) rowUpper[i] = problem.cap[i]!;
  if (withCount) rowUpper[problem.n] = problem.maxGroups!;
  const rowLower = new Float64Array(rows).fill(-Infinity);
  for (const i of problem.forced ?? []) rowLower[i] = 1;
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
