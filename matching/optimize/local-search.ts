/**
 * Local search on an incumbent (../optimize.ts): improves a feasible solution with moves that
 * keep every hard constraint and never lower its value, so the exact phases start from (and the
 * integer solves are warm-started with) a better incumbent. It proves nothing: the bound comes
 * from the LP, the windows and HiGHS only.
 *
 * Moves, repeated until none improves or the deadline passes:
 * - re-partition two groups: the two anchors keep their places and the four partners are dealt
 *   again between them (mentorship: 6 ways); in co-development the six peers are split into two
 *   triads (10 ways). This covers every swap and double swap between two groups.
 * - replace one member by a person with spare capacity of the same role (an unplaced mentee, a
 *   mentor who leads fewer groups than they can).
 * - first, add groups from people with spare capacity: three of them who may sit together, or
 *   two of them with a member taken from a group, whose place a third one takes. A group is worth
 *   M more than any score difference, so this always raises the value.
 * Re-dealing and replacing keep the number of groups, so they improve the value exactly when they
 * improve the score. A group holding anyone with a pin is never touched and such a person is never moved in
 * (the pinned triads stay as the exact phases chose them, whatever the pin semantics).
 * Hard constraints are the model's: pairwise compatibility (`enc.compat`: region rule,
 * organizations, competitors, forbids, two mentors), roles, and capacities.
 */
import type { Encoded } from "../encode";
import { canonical } from "../encode";

export interface LocalSearchOptions {
  /** performance.now() value after which the search stops (between moves). */
  deadline: number;
}

export interface LocalSearchResult {
  /** Flat canonical triples (the input's groups, improved). */
  triads: number[];
  /** Score gained (≥ 0). */
  gain: number;
  /** Improving moves applied. */
  moves: number;
}

/** Mentorship: the 6 ways to give two of four partners to the first anchor (the rest go to the
 * second); indices into [p1, p2, q1, q2]. */
const SPLIT4: [number, number][] = [
  [0, 1],
  [0, 2],
  [0, 3],
  [1, 2],
  [1, 3],
  [2, 3],
];

/** Co-development: the 10 ways to split six peers into two triads (the first holds peer 0). */
const SPLIT6: [number, number, number][] = [];
for (let i = 1; i < 6; i++) for (let j = i + 1; j < 6; j++) SPLIT6.push([0, i, j]);

export function improveLocally(
  enc: Encoded,
  triads: number[],
  opts: LocalSearchOptions,
): LocalSearchResult {
  const { n, compat, score } = enc;
  const frozenPerson = new Uint8Array(n);
  for (let x = 0; x < n; x++) {
    if (enc.pinned[x] || (enc.pinPartners[enc.people[x]!]?.length ?? 0) > 0) frozenPerson[x] = 1;
  }
  const grown = addGroups(enc, triads, frozenPerson);
  const G = grown.triads.length / 3;
  const g = Int32Array.from(grown.triads);
  const frozen = new Uint8Array(G);
  const used = new Int32Array(n);
  for (let t = 0; t < G; t++) {
    for (let k = 0; k < 3; k++) {
      const x = g[3 * t + k]!;
      used[x]! += 1;
      if (frozenPerson[x]) frozen[t] = 1;
    }
  }
  const s2 = (a: number, b: number) => score[a * n + b]!;
  const ok2 = (a: number, b: number) => compat[a * n + b] === 1;
  const val = (a: number, b: number, c: number) => s2(a, b) + s2(a, c) + s2(b, c);
  const ok3 = (a: number, b: number, c: number) => ok2(a, b) && ok2(a, c) && ok2(b, c);
  const cur = new Float64Array(G);
  for (let t = 0; t < G; t++) cur[t] = val(g[3 * t]!, g[3 * t + 1]!, g[3 * t + 2]!);
  const mentorship = enc.mode === "mentorship";
  const set = (t: number, a: number, b: number, c: number) => {
    const [x, y, z] = canonical(enc, [a, b, c]);
    g[3 * t] = x;
    g[3 * t + 1] = y;
    g[3 * t + 2] = z;
    cur[t] = val(x, y, z);
  };
  const EPS = 1e-9;
  let gain = grown.gain;
  let moves = grown.moves;
  const six = new Int32Array(6);
  const timeUp = () => performance.now() > opts.deadline;

  /** Best re-partition of groups t and u; applies it when it improves. */
  const repartition = (t: number, u: number): boolean => {
    const before = cur[t]! + cur[u]!;
    let best = before + EPS;
    let bestK = -1;
    if (mentorship) {
      // canonical: [mentor, mentee, mentee]
      const m1 = g[3 * t]!;
      const m2 = g[3 * u]!;
      six[0] = g[3 * t + 1]!;
      six[1] = g[3 * t + 2]!;
      six[2] = g[3 * u + 1]!;
      six[3] = g[3 * u + 2]!;
      for (let k = 0; k < SPLIT4.length; k++) {
        const [i, j] = SPLIT4[k]!;
        const a = six[i]!;
        const b = six[j]!;
        let c = -1;
        let d = -1;
        for (let r = 0; r < 4; r++) {
          if (r === i || r === j) continue;
          if (c < 0) c = six[r]!;
          else d = six[r]!;
        }
        if (!ok3(m1, a, b) || !ok3(m2, c, d)) continue;
        const v = val(m1, a, b) + val(m2, c, d);
        if (v > best) {
          best = v;
          bestK = k;
        }
      }
      if (bestK < 0 || bestK === 0) return false;
      const [i, j] = SPLIT4[bestK]!;
      const rest = [0, 1, 2, 3].filter((r) => r !== i && r !== j);
      const a = six[i]!;
      const b = six[j]!;
      const c = six[rest[0]!]!;
      const d = six[rest[1]!]!;
      set(t, m1, a, b);
      set(u, m2, c, d);
    } else {
      for (let r = 0; r < 3; r++) {
        six[r] = g[3 * t + r]!;
        six[3 + r] = g[3 * u + r]!;
      }
      for (let k = 0; k < SPLIT6.length; k++) {
        const [, i, j] = SPLIT6[k]!;
        const rest: number[] = [];
        for (let r = 1; r < 6; r++) if (r !== i && r !== j) rest.push(r);
        const a = six[0]!;
        const b = six[i]!;
        const c = six[j]!;
        const d = six[rest[0]!]!;
        const e = six[rest[1]!]!;
        const f = six[rest[2]!]!;
        if (!ok3(a, b, c) || !ok3(d, e, f)) continue;
        const v = val(a, b, c) + val(d, e, f);
        if (v > best) {
          best = v;
          bestK = k;
        }
      }
      if (bestK < 0) return false;
      const [, i, j] = SPLIT6[bestK]!;
      const rest: number[] = [];
      for (let r = 1; r < 6; r++) if (r !== i && r !== j) rest.push(r);
      const p = Array.from(six);
      set(t, p[0]!, p[i]!, p[j]!);
      set(u, p[rest[0]!]!, p[rest[1]!]!, p[rest[2]!]!);
    }
    gain += best - before;
    moves++;
    return true;
  };

  /** Best replacement of one member of group t by a person with spare capacity. */
  const replace = (t: number, spare: number[]): boolean => {
    const members = [g[3 * t]!, g[3 * t + 1]!, g[3 * t + 2]!];
    let best = cur[t]! + EPS;
    let bestK = -1;
    let bestX = -1;
    for (let k = 0; k < 3; k++) {
      const out = members[k]!;
      const o1 = members[(k + 1) % 3]!;
      const o2 = members[(k + 2) % 3]!;
      for (const x of spare) {
        if (x === o1 || x === o2 || x === out) continue;
        if (enc.role[x] !== enc.role[out]) continue;
        if (used[x]! >= enc.cap[x]!) continue;
        if (!ok2(x, o1) || !ok2(x, o2)) continue;
        const v = s2(x, o1) + s2(x, o2) + s2(o1, o2);
        if (v > best) {
          best = v;
          bestK = k;
          bestX = x;
        }
      }
    }
    if (bestK < 0) return false;
    const out = members[bestK]!;
    used[out]! -= 1;
    used[bestX]! += 1;
    gain += best - cur[t]!;
    moves++;
    members[bestK] = bestX;
    set(t, members[0]!, members[1]!, members[2]!);
    return true;
  };

  let improved = true;
  while (improved && !timeUp()) {
    improved = false;
    // Replacements by people with spare capacity (recomputed each pass).
    const spare: number[] = [];
    for (let x = 0; x < n; x++) if (!frozenPerson[x] && used[x]! < enc.cap[x]!) spare.push(x);
    if (spare.length > 0) {
      for (let t = 0; t < G; t++) if (!frozen[t] && replace(t, spare)) improved = true;
    }
    for (let t = 0; t < G && !timeUp(); t++) {
      if (frozen[t]) continue;
      for (let u = t + 1; u < G; u++) {
        if (frozen[u]) continue;
        if (repartition(t, u)) improved = true;
      }
    }
  }
  return { triads: Array.from(g), gain, moves };
}

/** Adds groups made of people with spare capacity (directly, or taking one member of a group
 * whose place another person with spare capacity takes). */
function addGroups(
  enc: Encoded,
  triads: number[],
  frozenPerson: Uint8Array,
): { triads: number[]; gain: number; moves: number } {
  const { n, compat, score } = enc;
  const out = [...triads];
  const used = new Int32Array(n);
  for (const x of out) used[x]! += 1;
  const ok = (a: number, b: number) => compat[a * n + b] === 1;
  const mentorship = enc.mode === "mentorship";
  const anchorRole = mentorship ? 0 : 2;
  const partnerRole = mentorship ? 1 : 2;
  const spare = (x: number) => !frozenPerson[x] && used[x]! < enc.cap[x]!;
  const frozenGroup = (t: number) =>
    frozenPerson[out[3 * t]!]! || frozenPerson[out[3 * t + 1]!]! || frozenPerson[out[3 * t + 2]!]!;
  const triadScore = (a: number, b: number, c: number) =>
    score[a * n + b]! + score[a * n + c]! + score[b * n + c]!;
  let gain = 0;
  let moves = 0;
  const push = (a: number, b: number, c: number) => {
    const [x, y, z] = canonical(enc, [a, b, c]);
    out.push(x, y, z);
    used[a]! += 1;
    used[b]! += 1;
    used[c]! += 1;
    gain += enc.M + triadScore(a, b, c);
    moves++;
  };
  const tryOnce = (): boolean => {
    const anchors: number[] = [];
    const partners: number[] = [];
    for (let x = 0; x < n; x++) {
      if (!spare(x)) continue;
      if (enc.role[x] === anchorRole) anchors.push(x);
      if (enc.role[x] === partnerRole) partners.push(x);
    }
    if (anchors.length === 0 || partners.length < 1) return false;
    for (const m of anchors) {
      for (const a of partners) {
        if (a === m || !ok(m, a)) continue;
        for (const b of partners) {
          if (b === m || b === a || !ok(m, b) || !ok(a, b)) continue;
          if (!mentorship && (b < a || a < m)) continue;
          push(m, a, b);
          return true;
        }
        // m and a, with a member x of a group; a spare partner b takes x's place.
        for (let t = 0; t < out.length / 3; t++) {
          if (frozenGroup(t)) continue;
          for (let k = 0; k < 3; k++) {
            const x = out[3 * t + k]!;
            if (enc.role[x] !== partnerRole || x === m || x === a) continue;
            if (!ok(m, x) || !ok(a, x)) continue;
            const o1 = out[3 * t + ((k + 1) % 3)]!;
            const o2 = out[3 * t + ((k + 2) % 3)]!;
            for (const b of partners) {
              if (b === a || b === m || b === o1 || b === o2 || b === x) continue;
              if (!ok(b, o1) || !ok(b, o2)) continue;
              const before = triadScore(x, o1, o2);
              const [p, q, r] = canonical(enc, [b, o1, o2]);
              out[3 * t] = p;
              out[3 * t + 1] = q;
              out[3 * t + 2] = r;
              used[x]! -= 1;
              used[b]! += 1;
              gain += triadScore(p, q, r) - before;
              push(m, a, x);
              return true;
            }
          }
        }
      }
    }
    return false;
  };
  while (tryOnce());
  return { triads: out, gain, moves };
}
