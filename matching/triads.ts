/**
 * Implicit triad space: pricing (best reduced cost per anchor) and enumeration of every triad
 * whose reduced cost is above a threshold, without materializing all triads.
 *
 * A triad is (anchor, p, q): anchor = mentor (or peer), p < q partners (mentees, or peers).
 * Its value is M + s(anchor,p) + s(anchor,q) + s(p,q); its reduced cost against person duals y
 * is value − y[anchor] − y[p] − y[q]. Triads holding pinned persons are explicit (enc.pinTriads).
 */
import type { Encoded } from "./encode";
import { tidy } from "./encode";

export function triadValue(enc: Encoded, a: number, b: number, c: number): number {
  const n = enc.n;
  return enc.M + tidy(enc.score[a * n + b]! + enc.score[a * n + c]! + enc.score[b * n + c]!);
}

export function tripleKey(n: number, a: number, b: number, c: number): number {
  return (a * n + b) * n + c;
}

interface Candidates {
  idx: Int32Array;
  w: Float64Array;
  count: number;
}

function candidates(
  enc: Encoded,
  y: Float64Array | null,
  a: number,
  onlyAbove: boolean,
  buf: { idx: Int32Array; w: Float64Array; order: Int32Array },
): Candidates {
  const n = enc.n;
  let count = 0;
  const tmpIdx = buf.order;
  const wAll = buf.w;
  for (const p of enc.partners) {
    if (p === a || (onlyAbove && p < a)) continue;
    if (!enc.compat[a * n + p]) continue;
    tmpIdx[count++] = p;
  }
  const sub = tmpIdx.subarray(0, count);
  const w = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const p = sub[i]!;
    wAll[p] = enc.score[a * n + p]! - (y ? y[p]! : 0);
  }
  const sorted = Array.from(sub).sort((p, q) => wAll[q]! - wAll[p]! || p - q);
  const idx = new Int32Array(sorted);
  for (let i = 0; i < count; i++) w[i] = wAll[idx[i]!]!;
  return { idx, w, count };
}

function makeBuf(n: number) {
  return { idx: new Int32Array(n), w: new Float64Array(n), order: new Int32Array(n) };
}

/**
 * For each anchor, the triad with the largest reduced cost (rc = -Infinity when the anchor has
 * none), plus up to `k` best triads in `extra` (columns to add).
 * In co-development every peer is an anchor, so every triad is seen from each of its members.
 */
export function priceBest(
  enc: Encoded,
  y: Float64Array,
  pi = 0,
  k = 1,
): { anchor: number; rc: number; triad: [number, number, number] | null; extra: number[] }[] {
  const n = enc.n;
  const out: {
    anchor: number;
    rc: number;
    triad: [number, number, number] | null;
    extra: number[];
  }[] = [];
  const buf = makeBuf(n);
  const smax = enc.maxPartnerPair;
  const topRc = new Float64Array(k);
  const topI = new Int32Array(k);
  const topJ = new Int32Array(k);
  for (const a of enc.anchors) {
    if (enc.cap[a]! <= 0) continue;
    const { idx, w, count } = candidates(enc, y, a, false, buf);
    const base = enc.M - pi - y[a]!;
    topRc.fill(-Infinity);
    // Pruning threshold: the k-th best so far.
    let kth = -Infinity;
    for (let i = 0; i < count - 1; i++) {
      const wi = w[i]!;
      if (base + wi + w[i + 1]! + smax <= kth) break;
      const pi_ = idx[i]!;
      const row = pi_ * n;
      for (let j = i + 1; j < count; j++) {
        const wj = w[j]!;
        if (base + wi + wj + smax <= kth) break;
        const pj = idx[j]!;
        if (!enc.compat[row + pj]) continue;
        const rc = base + wi + wj + enc.score[row + pj]!;
        if (rc > kth) {
          // insert into the sorted top-k
          let pos = k - 1;
          while (pos > 0 && topRc[pos - 1]! < rc) {
            topRc[pos] = topRc[pos - 1]!;
            topI[pos] = topI[pos - 1]!;
            topJ[pos] = topJ[pos - 1]!;
            pos--;
          }
          topRc[pos] = rc;
          topI[pos] = pi_;
          topJ[pos] = pj;
          kth = topRc[k - 1]!;
        }
      }
    }
    if (topRc[0] === -Infinity) {
      out.push({ anchor: a, rc: -Infinity, triad: null, extra: [] });
      continue;
    }
    const extra: number[] = [];
    for (let t = 0; t < k; t++) {
      if (topRc[t] === -Infinity || topRc[t]! <= 1e-6) break;
      extra.push(...order(enc, a, topI[t]!, topJ[t]!));
    }
    out.push({ anchor: a, rc: topRc[0]!, triad: order(enc, a, topI[0]!, topJ[0]!), extra });
  }
  return out;
}

function order(enc: Encoded, a: number, p: number, q: number): [number, number, number] {
  if (enc.mode === "mentorship") return p < q ? [a, p, q] : [a, q, p];
  const s = [a, p, q].sort((x, z) => x - z);
  return [s[0]!, s[1]!, s[2]!];
}

/**
 * Every unpinned triad with reduced cost ≥ threshold (y = null: value ≥ threshold), plus the
 * pinned triads above it. Returns null when more than `limit` triads qualify.
 */
export function enumerateAbove(
  enc: Encoded,
  y: Float64Array | null,
  threshold: number,
  limit: number,
  pi = 0,
): number[] | null {
  const n = enc.n;
  const out: number[] = [];
  const buf = makeBuf(n);
  const smax = enc.maxPartnerPair;
  const codev = enc.mode === "co-development";
  let found = 0;
  for (const a of enc.anchors) {
    if (enc.cap[a]! <= 0) continue;
    const { idx, w, count } = candidates(enc, y, a, codev, buf);
    const base = enc.M - pi - (y ? y[a]! : 0);
    for (let i = 0; i < count - 1; i++) {
      const wi = w[i]!;
      if (base + wi + w[i + 1]! + smax < threshold) break;
      const pi = idx[i]!;
      const row = pi * n;
      for (let j = i + 1; j < count; j++) {
        const wj = w[j]!;
        if (base + wi + wj + smax < threshold) break;
        const pj = idx[j]!;
        if (!enc.compat[row + pj]) continue;
        const rc = base + wi + wj + enc.score[row + pj]!;
        if (rc >= threshold) {
          if (++found > limit) return null;
          const t = order(enc, a, pi, pj);
          out.push(t[0], t[1], t[2]);
        }
      }
    }
  }
  const pt = enc.pinTriads;
  for (let k = 0; k < pt.length; k += 3) {
    const a = pt[k]!;
    const b = pt[k + 1]!;
    const c = pt[k + 2]!;
    const rc = triadValue(enc, a, b, c) - pi - (y ? y[a]! + y[b]! + y[c]! : 0);
    if (rc >= threshold) {
      if (++found > limit) return null;
      out.push(a, b, c);
    }
  }
  return out;
}

/** Every feasible triad (small instances, tests, brute force). */
export function enumerateAll(enc: Encoded): number[] {
  return enumerateAbove(enc, null, -Infinity, Number.MAX_SAFE_INTEGER) ?? [];
}
