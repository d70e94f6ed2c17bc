/**
 * Phase 0 of the exact optimization (../optimize.ts), optional: small models solved directly by a
 * given exact solver (e.g. javascript-lp-solver) over every triad.
 */
import type { Encoded } from "../encode";
import type { PackingSolver } from "../solvers/types";
import { enumerateAbove, triadValue } from "../triads";
import { valueOf, type OptimizeResult, type Run } from "./shared";

/** The optimal solution from `solver`, or null (too many triads, or not proven optimal). */
export async function solveDirect(
  enc: Encoded,
  solver: PackingSolver,
  directLimit: number | undefined,
  run: Run,
): Promise<OptimizeResult | null> {
  const { n } = enc;
  const { left, checkAbort, report } = run;
  const all = enumerateAbove(enc, null, -Infinity, directLimit ?? 1000);
  if (all !== null) {
    const count = all.length / 3;
    const values = new Float64Array(count);
    for (let t = 0; t < count; t++)
      values[t] = triadValue(enc, all[3 * t]!, all[3 * t + 1]!, all[3 * t + 2]!);
    const r = await solver.solve({
      n,
      cap: enc.cap,
      links: enc.links,
      forced: enc.forced,
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
  }
  return null;
}
