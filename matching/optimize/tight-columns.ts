/**
 * Ties (../optimize.ts): with integer scores, thousands of triads share the best reduced cost,
 * so even the narrowest reduced-cost window is over its size limit and came back empty — the
 * window solve then only saw the incumbent. These are the generated columns (which hold the LP
 * solution's support) of largest reduced cost, ties in column order, up to a limit: a window
 * for improving the incumbent. It proves nothing (the window's proof needs every triad above
 * its threshold).
 */
import type { Encoded } from "../encode";
import { triadValue } from "../triads";

export function tightColumns(
  enc: Encoded,
  pool: number[],
  y: Float64Array,
  pi: number,
  limit: number,
): number[] {
  const count = pool.length / 3;
  const rc = new Float64Array(count);
  const order: number[] = [];
  for (let t = 0; t < count; t++) {
    const a = pool[3 * t]!;
    const b = pool[3 * t + 1]!;
    const c = pool[3 * t + 2]!;
    rc[t] = triadValue(enc, a, b, c) - pi - y[a]! - y[b]! - y[c]!;
    order.push(t);
  }
  order.sort((s, t) => rc[t]! - rc[s]! || s - t);
  const out: number[] = [];
  for (const t of order.slice(0, limit)) out.push(pool[3 * t]!, pool[3 * t + 1]!, pool[3 * t + 2]!);
  return out;
}
