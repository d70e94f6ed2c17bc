/**
 * The exact plan of one round for small events: dynamic programming over subsets of the people.
 */
import { EPS, THREE, type Context } from "./model";

/** Up to this many people, each round is solved exactly (dynamic programming over subsets). */
export const EXACT_MAX = 14;

/**
 * Exact round for small events: maximizes the same lexicographic value as the heuristic
 * (seats, then repeat waiters seated, then rooms of three, then fairness, then pair scores).
 */
export function exactRound(
  ctx: Context,
  seat: Float64Array,
): { rooms: number[][]; roomOf: Int32Array } {
  const { n, cap, allowed, value } = ctx;
  const size = 1 << n;
  const best = new Float64Array(size);
  /** Chosen room for the lowest member of the mask: j*32+k (k = 31: pair; j = 31: waits). */
  const choice = new Int32Array(size);
  for (let mask = 1; mask < size; mask++) {
    const i = 31 - Math.clz32(mask & -mask);
    const rest = mask & ~(1 << i);
    let b = best[rest]!;
    let c = 31 * 32 + 31;
    const row = i * n;
    for (let j = i + 1; j < n; j++) {
      if (!(rest & (1 << j)) || !allowed[row + j]) continue;
      const r2 = rest & ~(1 << j);
      const base = seat[i]! + seat[j]! + value[row + j]!;
      const v2 = base + best[r2]!;
      if (v2 > b + EPS) {
        b = v2;
        c = j * 32 + 31;
      }
      if (cap !== 3) continue;
      for (let k = j + 1; k < n; k++) {
        if (!(r2 & (1 << k)) || !allowed[row + k] || !allowed[j * n + k]) continue;
        const v3 =
          base + seat[k]! + THREE + value[row + k]! + value[j * n + k]! + best[r2 & ~(1 << k)]!;
        if (v3 > b + EPS) {
          b = v3;
          c = j * 32 + k;
        }
      }
    }
    best[mask] = b;
    choice[mask] = c;
  }
  const roomOf = new Int32Array(n).fill(-1);
  const rooms: number[][] = [];
  for (let mask = size - 1; mask !== 0;) {
    const i = 31 - Math.clz32(mask & -mask);
    const j = choice[mask]! >> 5;
    const k = choice[mask]! & 31;
    mask &= ~(1 << i);
    if (j === 31) continue;
    const room = k === 31 ? [i, j] : [i, j, k];
    for (const m of room) {
      mask &= ~(1 << m);
      roomOf[m] = rooms.length;
    }
    rooms.push(room);
  }
  return { rooms, roomOf };
}
