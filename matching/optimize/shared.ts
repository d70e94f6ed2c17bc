/**
 * What the phases of the exact optimization (../optimize.ts) share: its options and result, the
 * value of a solution, the run's clock, abort and progress reports, and a trivial score bound.
 */
import type { Encoded } from "../encode";
import type { PackingSolver } from "../solvers/types";
import { triadValue } from "../triads";

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
  /** Share of the budget the canonical tie-break may use (default 0.1, at least 500 ms). */
  tieBreakShare?: number;
  /** Columns added per anchor and pricing round (default 3). */
  columnsPerAnchor?: number;
  /** Size of the first (incumbent-improving) window. */
  firstWindow?: number;
  /** Share of the budget one local-search call may use (default 0.05; 0 = 50 ms). */
  localSearchShare?: number;
  /** Largest later window per second left (default 1 500 triads). */
  windowPerSecond?: number;
  /** Share of the budget the Lagrangian bound may use when column generation stops early (default 0.2). */
  lagrangianShare?: number;
  /** Share of the budget the reduced-cost search may use after column generation converged (default 0.3). */
  reducedCostSearchShare?: number;
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
  /** Forced persons (model indices) that cannot all be placed: the fixed groups break a pin. */
  forcedMissing?: number[];
}

export const EPS = 1e-6;

export function valueOf(enc: Encoded, triads: number[]): number {
  let v = 0;
  for (let k = 0; k < triads.length; k += 3)
    v += triadValue(enc, triads[k]!, triads[k + 1]!, triads[k + 2]!);
  return v;
}

export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Aborted extends Error {
  constructor() {
    super("matching aborted");
    this.name = "AbortError";
  }
}

/** The run's time budget and clock, abort check and progress report, shared by every phase. */
export interface Run {
  /** The whole budget (ms) at the start. */
  budget: number;
  /** Time left (ms) before the deadline. */
  left: () => number;
  checkAbort: () => void;
  report: (phase: string, fraction: number, value?: number, upper?: number) => void;
}

/** Trivial score bound for g groups: g × the largest possible triad score. */
export function upperScoreFor(enc: Encoded, g: number): number {
  const n = enc.n;
  let maxPair = 0;
  for (let k = 0; k < n * n; k++)
    if (enc.compat[k] && enc.score[k]! > maxPair) maxPair = enc.score[k]!;
  return g * 3 * maxPair;
}
