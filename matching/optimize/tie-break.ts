/**
 * Last phase of the exact optimization (../optimize.ts): the canonical tie-break. Among optimal
 * solutions (all inside a proof set), take the one with the largest deterministic tie-break
 * weight, so the answer does not depend on the solver's path.
 */
import type { Highs } from "highs";
import type { Encoded } from "../encode";
import { solvePackingSync } from "../solvers/highs";
import { enumerateAbove, triadValue, tripleKey } from "../triads";
import { EPS, valueOf } from "./shared";

export interface TieBreakInput {
  proven: boolean;
  converged: boolean;
  /** Every triad, when there are few. */
  all: number[] | null;
  lpValue: number;
  y: Float64Array;
  pi: number;
  /** A column set known to contain every optimal solution, if any. */
  proofSet: number[] | null;
  /** The proven maximum number of groups, if any. */
  cut: number | undefined;
  incumbent: number[];
  incValue: number;
  tieBreakLimit: number | undefined;
  left: () => number;
}

/**
 * The canonical optimal solution (or the incumbent as it was).
 * Skipped above `tieBreakLimit` triads (then equal-score optima may differ between runs).
 * With converged duals, every optimal solution only uses triads of reduced cost ≥ opt − LP.
 */
export function canonicalTieBreak(
  enc: Encoded,
  highs: Highs,
  input: TieBreakInput,
  stats: Record<string, number>,
): { incumbent: number[]; incValue: number } {
  const { n } = enc;
  const { proven, converged, all, lpValue, y, pi, cut, left } = input;
  let { proofSet, incumbent, incValue } = input;
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
    proofSet.length / 3 <= (input.tieBreakLimit ?? 1500) &&
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
      links: enc.links,
      forced: enc.forced,
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
  return { incumbent, incValue };
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
