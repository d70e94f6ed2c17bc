/**
 * The solver interface: a weighted set-packing problem over explicit columns (triads).
 *   maximize Σ value[t]·x[t]  s.t.  Σ_{t ∋ i} x[t] ≤ cap[i] for every person i,  x binary.
 * Pins add two kinds of rows (see ../encode.ts): links Σ_{t ∋ i} x[t] ≤ k·Σ_{t ∋ j} x[t], and
 * persons who must be placed (Σ_{t ∋ i} x[t] ≥ 1).
 * Implementations: HiGHS (WebAssembly, in the calling thread) and javascript-lp-solver (in a
 * terminable worker thread, small problems only).
 */
export interface PackingProblem {
  /** Number of persons (rows). */
  n: number;
  cap: ArrayLike<number>;
  /** Flat triples of person indices. */
  triads: ArrayLike<number>;
  /** One value per triad. */
  values: ArrayLike<number>;
  /** usage(i) ≤ k × usage(j): a mentor of several groups placed only with a pin partner. */
  links?: ReadonlyArray<{ i: number; j: number; k: number }>;
  /** Persons placed at least once. */
  forced?: ReadonlyArray<number>;
  /** Optional cut Σx ≤ maxGroups (a proven bound on the number of groups). */
  maxGroups?: number;
  /** Optional Σx ≥ minGroups (with maxGroups: an exact group count). */
  minGroups?: number;
  /** Optional starting solution (indices into the triad list). */
  start?: number[];
  timeLimitMs: number;
  /** An extra row Σ coefs[t]·x[t] ≥ lower (e.g. "score at least the optimum"). */
  extraRow?: { coefs: ArrayLike<number>; lower: number };
  /** HiGHS only: branch-and-bound node limit (deterministic, unlike a time limit). */
  maxNodes?: number;
  /** HiGHS only: share of MIP effort spent on primal heuristics (0…1). */
  heuristicEffort?: number;
}

export interface PackingResult {
  /** optimal: proven for this column set; feasible: limit reached with an incumbent. */
  status: "optimal" | "feasible" | "unknown";
  /** Indices of chosen triads (ascending). */
  chosen: number[];
  objective: number;
  /** Upper bound on the objective over this column set (Infinity when unknown). */
  bound: number;
}

export interface PackingSolver {
  readonly name: string;
  solve(problem: PackingProblem): Promise<PackingResult>;
  close?(): Promise<void> | void;
}
