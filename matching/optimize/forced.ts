/**
 * Persons who must be placed (`enc.forced`: pin partners of a mentor the fixed groups already
 * placed, see ../encode.ts). Before optimizing, an exact check that all of them can be placed at
 * once, and a set of their triads that does it (the first incumbent starts from it).
 */
import type { Highs } from "highs";
import type { Encoded } from "../encode";
import { solvePackingSync } from "../solvers/highs";

/**
 * Triads placing every forced person (flat triples), or the forced persons left out when they
 * cannot all be placed together. Forced persons are held by their pins: their triads are explicit.
 */
export function forcedCover(
  enc: Encoded,
  highs: Highs,
  timeLimitMs: number,
): { triads: number[] } | { missing: number[] } {
  if (enc.forced.length === 0) return { triads: [] };
  const forced = new Set(enc.forced);
  const pt = enc.pinTriads;
  const triads: number[] = [];
  const values: number[] = [];
  for (let k = 0; k < pt.length; k += 3) {
    const t = [pt[k]!, pt[k + 1]!, pt[k + 2]!];
    const covered = t.filter((x) => forced.has(x)).length;
    if (covered === 0) continue;
    triads.push(...t);
    values.push(covered);
  }
  const r = solvePackingSync(highs, {
    n: enc.n,
    cap: enc.cap,
    triads,
    values,
    timeLimitMs: Math.max(50, timeLimitMs),
  });
  const chosen: number[] = [];
  for (const t of r.chosen) chosen.push(triads[3 * t]!, triads[3 * t + 1]!, triads[3 * t + 2]!);
  const placed = new Set(chosen);
  const missing = enc.forced.filter((x) => !placed.has(x));
  return missing.length === 0 ? { triads: chosen } : { missing };
}
