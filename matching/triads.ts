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

/**
 * An anchor's candidate partners by decreasing w = s(anchor, p) − y[p] (ties: lower index first),
 * sorted lazily: a binary heap hands out the next one on demand (`take`). Pricing and enumeration
 * stop after a short prefix, so sorting every candidate (as they did) cost most of a pass.
 */
class Candidates {
  /** The first `sorted` candidates, in order: persons and their w. */
  readonly idx: Int32Array;
  readonly w: Float64Array;
  count = 0;
  private sorted = 0;
  private size = 0;
  private readonly heap: Int32Array;
  private readonly wAll: Float64Array;
  constructor(n: number) {
    this.idx = new Int32Array(n);
    this.w = new Float64Array(n);
    this.heap = new Int32Array(n);
    this.wAll = new Float64Array(n);
  }

  /** Person p before person q. */
  private before(p: number, q: number): boolean {
    const wp = this.wAll[p]!;
    const wq = this.wAll[q]!;
    return wp > wq || (wp === wq && p < q);
  }

  private down(i: number): void {
    const h = this.heap;
    const size = this.size;
    const x = h[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && this.before(h[c + 1]!, h[c]!)) c++;
      if (!this.before(h[c]!, x)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = x;
  }

  reset(enc: Encoded, y: Float64Array | null, a: number, onlyAbove: boolean): void {
    const n = enc.n;
    const h = this.heap;
    let count = 0;
    for (const p of enc.partners) {
      if (p === a || (onlyAbove && p < a)) continue;
      if (!enc.compat[a * n + p]) continue;
      h[count++] = p;
      this.wAll[p] = enc.score[a * n + p]! - (y ? y[p]! : 0);
    }
    this.count = count;
    this.size = count;
    this.sorted = 0;
    for (let i = (count >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** Makes the first k candidates (at most count) available in idx and w. */
  take(k: number): void {
    while (this.sorted < k && this.size > 0) {
      const h = this.heap;
      const top = h[0]!;
      this.idx[this.sorted] = top;
      this.w[this.sorted] = this.wAll[top]!;
      this.sorted++;
      this.size--;
      if (this.size > 0) {
        h[0] = h[this.size]!;
        this.down(0);
      }
    }
  }
}

const rowMaxCache = new WeakMap<Encoded, Float64Array>();

/**
 * Per person, the largest pair score with a compatible partner (−∞ when none): a per-row
 * pruning bound for pricing and enumeration, tighter than enc.maxPartnerPair (a pair (p, q)
 * scores at most rowMax[p]). Computed once per model.
 */
export function partnerRowMax(enc: Encoded): Float64Array {
  const cached = rowMaxCache.get(enc);
  if (cached) return cached;
  const n = enc.n;
  const r = new Float64Array(n).fill(-Infinity);
  for (const p of enc.partners) {
    const row = p * n;
    let m = -Infinity;
    for (const q of enc.partners)
      if (q !== p && enc.compat[row + q] && enc.score[row + q]! > m) m = enc.score[row + q]!;
    r[p] = m;
  }
  rowMaxCache.set(enc, r);
  return r;
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
  const cand = new Candidates(n);
  const smax = enc.maxPartnerPair;
  const rowMax = partnerRowMax(enc);
  const topRc = new Float64Array(k);
  const topI = new Int32Array(k);
  const topJ = new Int32Array(k);
  for (const a of enc.anchors) {
    if (enc.cap[a]! <= 0) continue;
    cand.reset(enc, y, a, false);
    const { idx, w, count } = cand;
    const base = enc.M - pi - y[a]!;
    topRc.fill(-Infinity);
    // Pruning threshold: the k-th best so far.
    let kth = -Infinity;
    for (let i = 0; i < count - 1; i++) {
      cand.take(i + 2);
      const wi = w[i]!;
      if (base + wi + w[i + 1]! + smax <= kth) break;
      const pi_ = idx[i]!;
      const ri = rowMax[pi_]!;
      if (base + wi + w[i + 1]! + ri <= kth) continue;
      const row = pi_ * n;
      for (let j = i + 1; j < count; j++) {
        cand.take(j + 1);
        const wj = w[j]!;
        if (base + wi + wj + ri <= kth) break;
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
  const cand = new Candidates(n);
  const smax = enc.maxPartnerPair;
  const rowMax = partnerRowMax(enc);
  const codev = enc.mode === "co-development";
  let found = 0;
  for (const a of enc.anchors) {
    if (enc.cap[a]! <= 0) continue;
    cand.reset(enc, y, a, codev);
    const { idx, w, count } = cand;
    const base = enc.M - pi - (y ? y[a]! : 0);
    for (let i = 0; i < count - 1; i++) {
      cand.take(i + 2);
      const wi = w[i]!;
      if (base + wi + w[i + 1]! + smax < threshold) break;
      const pi = idx[i]!;
      const ri = rowMax[pi]!;
      if (base + wi + w[i + 1]! + ri < threshold) continue;
      const row = pi * n;
      for (let j = i + 1; j < count; j++) {
        cand.take(j + 1);
        const wj = w[j]!;
        if (base + wi + wj + ri < threshold) break;
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
