/**
 * A reduced-cost-bounded search (../optimize.ts runs it when column generation has converged
 * and the incumbent is below the bound): an exact-cover style depth-first search over the triads
 * of small reduced cost, which finds the optimum when the LP bound is (nearly) tight and proves
 * it when the search is exhaustive.
 *
 * For any multipliers y (person duals, link duals folded in as MasterLp returns them) and pi ≥ 0
 * (the group-count row, g ≤ G), with rc_t = value_t − pi − Σ_{i∈t} y_i and ρ ≥ max(0, max_t rc_t),
 * every integer solution x satisfies the identity value(x) = P − loss(x), where
 *   P = (pi + ρ)·G + Σ_{y_i>0} cap_i·y_i + Σ_{forced i, y_i<0} y_i
 *   loss(x) = Σ_{t∈x} (ρ − rc_t) + (pi + ρ)·(G − g) + Σ_{y_i>0} y_i·(cap_i − usage_i)
 *             + Σ_{y_i<0} |y_i|·(usage_i − [i forced]),
 * and every term of loss(x) is ≥ 0 (usage ≤ cap, forced persons placed, g ≤ G). So P bounds every
 * solution, and a solution worth more than a target T has loss < P − T: each of its triads has
 * ρ − rc_t < P − T, and so on. At optimal LP duals ρ = 0, P is the LP bound, and when the LP
 * bound is the optimum every optimal solution has loss 0: it uses only zero-reduced-cost triads
 * and fills every person with a positive dual (complementary slackness).
 *
 * With pin links the folded multipliers can make P exceed the LP bound (a link partner whose
 * folded multiplier is negative counts as 0): still a bound, a little weaker.
 *
 * The search enumerates every triad with ρ − rc_t ≤ budget (the implicit triad space, through
 * `enumerateAbove`, not only the generated columns), then branches, as Knuth's Algorithm X does,
 * on the open person (positive dual and capacity left, or forced and not placed) with the fewest
 * live triads: each of its triads in order of loss, or "no more groups for this person" (loss
 * y_i × capacity left); when no person is open, on the remaining live triads (include or not).
 * The partial loss (without the (pi + ρ)·(G − g) term, which later triads may lower) only grows,
 * so a branch whose partial loss exceeds the budget holds no solution within it. Budgets grow
 * from ~0 (exact cover of the zero-reduced-cost triads) to P − incumbent; an exhausted pass at
 * budget B proves that every solution not found is worth less than P − B. Time and node caps
 * stop it without proof.
 */
import type { Encoded } from "../encode";
import { enumerateAbove, priceBest, triadValue } from "../triads";
import { EPS, valueOf } from "./shared";

export interface ReducedCostSearchInput {
  /** Person multipliers (link duals folded in); any sign for forced persons. */
  y: Float64Array;
  /** Group-count multiplier (≥ 0). */
  pi: number;
  /** A proven maximum number of groups (Infinity when unknown). */
  maxGroups: number;
  /** Value to beat. */
  incValue: number;
  /** A bound already proven elsewhere: the search stops once a solution reaches it. */
  knownUpper?: number;
  deadline: number;
  /** Node cap over all passes (default 2 000 000). */
  maxNodes?: number;
  /** Node cap of the first attempt of a pass (doubled at each restart; default 4 000). */
  restartNodes?: number;
  /** Most triads of one pass (default 50 000): a pass over more stops the search. */
  candidateLimit?: number;
}

export interface ReducedCostSearchResult {
  /** The best solution found worth more than incValue, or null. */
  triads: number[] | null;
  value: number;
  /** A proven upper bound on every solution's value (P, or lower after an exhausted pass). */
  upper: number;
  /** P: the bound from the multipliers alone. */
  potential: number;
  nodes: number;
  /** Triads enumerated (reduced cost within the largest budget searched). */
  candidates: number;
  /** Nodes when the best solution was found. */
  nodesToBest: number;
  /** The pass (1 = zero reduced cost) that found the best solution (0: none). */
  passOfBest: number;
  /** Largest budget searched exhaustively (-1 when none). */
  exhaustedBudget: number;
  /** Every solution worth more than incValue was seen: `value` (or incValue) is optimal. */
  exhaustive: boolean;
  passes: number;
  /** Restarts in the last pass. */
  restarts?: number;
}

export function reducedCostSearch(
  enc: Encoded,
  input: ReducedCostSearchInput,
): ReducedCostSearchResult {
  const { n, cap } = enc;
  const { y } = input;
  const pi = Math.max(0, input.pi);
  const maxNodes = input.maxNodes ?? 2_000_000;
  const forced = new Uint8Array(n);
  for (const i of enc.forced) forced[i] = 1;

  // ρ: the largest reduced cost of any triad (0 at converged duals, up to tolerances).
  let rho = 0;
  for (const p of priceBest(enc, y, pi, 1)) if (p.rc > rho) rho = p.rc;
  const pt = enc.pinTriads;
  for (let k = 0; k < pt.length; k += 3) {
    const a = pt[k]!;
    const b = pt[k + 1]!;
    const c = pt[k + 2]!;
    const rc = triadValue(enc, a, b, c) - pi - y[a]! - y[b]! - y[c]!;
    if (rc > rho) rho = rc;
  }
  // G: every group takes three places, so g ≤ ⌊Σ cap / 3⌋ even without a proven count.
  let places = 0;
  for (let i = 0; i < n; i++) places += Math.max(0, cap[i]!);
  const G = Math.min(input.maxGroups, Math.floor(places / 3));
  let potential = (pi + rho) * G;
  for (let i = 0; i < n; i++) {
    if (cap[i]! <= 0) continue;
    if (y[i]! > 0) potential += cap[i]! * y[i]!;
    else if (forced[i] && y[i]! < 0) potential += y[i]!;
  }
  // Floating-point margin: the identity holds exactly in reals, the sums here are rounded.
  const margin = 1e-9 * (Math.abs(potential) + 1) + 1e-9 * n * (Math.abs(rho) + pi + 1);
  potential += margin;

  let best: number[] | null = null;
  let nodesToBest = 0;
  let passOfBest = 0;
  let bestValue = input.incValue;
  const result = (
    upper: number,
    nodes: number,
    candidates: number,
    exhaustedBudget: number,
    passes: number,
  ): ReducedCostSearchResult => ({
    triads: best,
    value: bestValue,
    upper: Math.min(potential, upper),
    potential,
    nodes,
    nodesToBest,
    passOfBest,
    candidates,
    exhaustedBudget,
    exhaustive: false,
    passes,
  });
  // Solutions worth at least incValue + EPS/2 have loss ≤ maxBudget.
  let maxBudget = potential - input.incValue - EPS / 2;
  if (maxBudget < 0) return { ...result(potential, 0, 0, -1, 0), exhaustive: true };

  // Candidate triads of a pass: ρ − rc_t ≤ budget (the implicit triad space), sorted by loss.
  const limit = input.candidateLimit ?? 50_000;
  const mentorship = enc.mode === "mentorship";
  let K = 0;
  let ta = new Int32Array(0);
  let tb = new Int32Array(0);
  let tc = new Int32Array(0);
  let tLoss = new Float64Array(0);
  let candidatesRaw: { a: number; b: number; c: number; loss: number }[] = [];
  const enumerate = (within: number): boolean => {
    const flat = enumerateAbove(enc, y, rho - within, limit, pi);
    if (flat === null) return false;
    // Keep triads whose members all have capacity; sort by loss (then members: deterministic).
    const raw: { a: number; b: number; c: number; loss: number }[] = [];
    for (let k = 0; k < flat.length; k += 3) {
      const a = flat[k]!;
      const b = flat[k + 1]!;
      const c = flat[k + 2]!;
      if (cap[a]! <= 0 || cap[b]! <= 0 || cap[c]! <= 0) continue;
      const rc = triadValue(enc, a, b, c) - pi - y[a]! - y[b]! - y[c]!;
      raw.push({ a, b, c, loss: Math.max(0, rho - rc) });
    }
    candidatesRaw = raw;
    return true;
  };

  /**
   * Orders the candidates by loss; ties by members in the first attempt, then by a hash that
   * changes with each restart (a depth-first search can stall under an early wrong choice).
   */
  const arrange = (attempt: number) => {
    const key = (t: { a: number; b: number; c: number }) =>
      attempt === 0 ? 0 : mix(mix(mix(attempt, t.a), t.b), t.c);
    const raw = candidatesRaw.map((t) => ({ ...t, k: key(t) }));
    raw.sort((s, t) => s.loss - t.loss || s.k - t.k || s.a - t.a || s.b - t.b || s.c - t.c);
    K = raw.length;
    ta = Int32Array.from(raw, (t) => t.a);
    tb = Int32Array.from(raw, (t) => t.b);
    tc = Int32Array.from(raw, (t) => t.c);
    tLoss = Float64Array.from(raw, (t) => t.loss);
    if (attempt > 0) watch.sort((i, j) => mix(attempt, i) - mix(attempt, j) || i - j);
  };

  // Search state (rebuilt per pass over the triads within the pass's budget: a prefix).
  let count = 0;
  let start = new Int32Array(n + 1);
  let items = new Int32Array(0);
  let alive = new Uint8Array(0);
  const live = new Int32Array(n);
  const left = Int32Array.from(cap, (c) => Math.max(0, c));
  const used = new Int32Array(n);
  const nextPos = new Int32Array(n);
  const trail: number[] = [];
  const chosen: number[] = [];
  /** Persons who may be open: positive multiplier or forced. */
  const watch: number[] = [];
  for (let i = 0; i < n; i++) if (left[i]! > 0 && (y[i]! > 0 || forced[i])) watch.push(i);
  const prepare = (budget: number) => {
    count = 0;
    while (count < K && tLoss[count]! <= budget) count++;
    start = new Int32Array(n + 1);
    for (let t = 0; t < count; t++) {
      start[ta[t]! + 1]!++;
      start[tb[t]! + 1]!++;
      start[tc[t]! + 1]!++;
    }
    for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
    items = new Int32Array(3 * count);
    const fill = start.slice(0, n);
    for (let t = 0; t < count; t++) {
      items[fill[ta[t]!]!++] = t;
      items[fill[tb[t]!]!++] = t;
      items[fill[tc[t]!]!++] = t;
    }
    alive = new Uint8Array(count).fill(1);
    for (let i = 0; i < n; i++) live[i] = start[i + 1]! - start[i]!;
  };

  const kill = (m: number) => {
    for (let q = start[m]!; q < start[m + 1]!; q++) {
      const t = items[q]!;
      if (!alive[t]) continue;
      alive[t] = 0;
      live[ta[t]!]!--;
      live[tb[t]!]!--;
      live[tc[t]!]!--;
      trail.push(t);
    }
  };
  const undoKills = (mark: number) => {
    while (trail.length > mark) {
      const t = trail.pop()!;
      alive[t] = 1;
      live[ta[t]!]!++;
      live[tb[t]!]!++;
      live[tc[t]!]!++;
    }
  };
  /** Loss of taking one more place of m beyond the triad's own (negative multipliers). */
  const extra = (m: number) => (y[m]! < 0 && used[m]! >= forced[m]! ? -y[m]! : 0);
  const stepLoss = (t: number) => tLoss[t]! + extra(ta[t]!) + extra(tb[t]!) + extra(tc[t]!);
  const take = (t: number) => {
    chosen.push(t);
    for (const m of [ta[t]!, tb[t]!, tc[t]!]) {
      used[m]!++;
      if (--left[m]! === 0) kill(m);
    }
  };
  const untake = (t: number) => {
    chosen.pop();
    for (const m of [ta[t]!, tb[t]!, tc[t]!]) {
      used[m]!--;
      left[m]!++;
    }
  };
  /**
   * Loss still to come from the group count: (pi + ρ) × the groups that can no longer be
   * formed, counting the places left of persons who still have a live triad.
   */
  const countLoss = () => {
    if (pi + rho <= 0) return 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      if (left[i]! === 0 || live[i]! === 0) continue;
      if (mentorship && enc.role[i] === 0) a += left[i]!;
      else b += left[i]!;
    }
    const more = mentorship ? Math.min(a, Math.floor(b / 2)) : Math.floor(b / 3);
    return (pi + rho) * Math.max(0, G - chosen.length - more);
  };

  let nodes = 0;
  /** Stop the recursion: `halted` (deadline, node cap, bound reached) or the attempt's node cap. */
  let stopped = false;
  let halted = false;
  let attemptEnd = Infinity;
  let budget = 0;
  const linksKept = () => {
    for (const l of enc.links) if (used[l.i]! > l.k * used[l.j]!) return false;
    return true;
  };
  const record = () => {
    if (!linksKept()) return;
    const triads: number[] = [];
    for (const t of chosen) triads.push(ta[t]!, tb[t]!, tc[t]!);
    const value = valueOf(enc, triads);
    if (value > bestValue + EPS / 2) {
      best = triads;
      bestValue = value;
      nodesToBest = nodes;
      passOfBest = passes;
      if (input.knownUpper !== undefined && bestValue >= input.knownUpper - EPS)
        halted = stopped = true;
      maxBudget = potential - bestValue - EPS / 2;
      budget = Math.min(budget, maxBudget);
    }
  };
  const tickNode = () => {
    nodes++;
    if (nodes >= maxNodes || ((nodes & 1023) === 0 && performance.now() > input.deadline))
      halted = stopped = true;
    else if (nodes >= attemptEnd) stopped = true;
    return stopped;
  };
  /** No open person: the remaining live triads from index `from` on, each taken or not. */
  const rest = (from: number, loss: number) => {
    if (tickNode()) return;
    record();
    for (let t = from; t < count && !stopped; t++) {
      if (!alive[t]) continue;
      const l = loss + stepLoss(t);
      if (l > budget) continue;
      const mark = trail.length;
      take(t);
      if (l + countLoss() <= budget) rest(t + 1, l);
      untake(t);
      undoKills(mark);
    }
  };
  const search = (loss: number) => {
    if (tickNode()) return;
    // The open person with the fewest live triads.
    let pick = -1;
    for (const i of watch) {
      if (left[i]! === 0) continue;
      if (!(y[i]! > 0) && used[i]! > 0) continue; // forced, placed, no positive multiplier
      if (pick < 0 || live[i]! < live[pick]!) pick = i;
      if (live[i]! === 0) break;
    }
    if (pick < 0) {
      rest(0, loss);
      return;
    }
    const i = pick;
    const saved = nextPos[i]!;
    for (let q = start[i]! + saved; q < start[i + 1]! && !stopped; q++) {
      const t = items[q]!;
      if (loss + tLoss[t]! > budget) break; // sorted by loss
      if (!alive[t]) continue;
      const l = loss + stepLoss(t);
      if (l > budget) continue;
      // Later branches on i only take i's triads after this one (no permutations of i's groups).
      nextPos[i] = q - start[i]! + 1;
      const mark = trail.length;
      take(t);
      if (l + countLoss() <= budget) search(l);
      untake(t);
      undoKills(mark);
    }
    nextPos[i] = saved;
    // No more groups for i (a forced person must be placed first).
    if (stopped || (forced[i] && used[i]! === 0)) return;
    const l = loss + (y[i]! > 0 ? y[i]! * left[i]! : 0);
    if (l > budget) return;
    const mark = trail.length;
    const keep = left[i]!;
    left[i] = 0;
    kill(i);
    if (l + countLoss() <= budget) search(l);
    undoKills(mark);
    left[i] = keep;
  };

  // Budgets: ~0 first (exact cover of the zero-reduced-cost triads), then doubling up to
  // P − incumbent (every better solution); a pass whose triads exceed the limit stops the search.
  // (ρ is charged once per group: at converged duals it is the pricing tolerance.)
  // The margin too: a solution at the LP bound then ends the search in this pass.
  const tiny = margin + 1e-6 * (1 + Math.abs(potential) / 1e3) + 2 * rho * G;
  const plan: number[] = [tiny];
  for (let b = Math.max(2 * tiny, maxBudget / 64); b < maxBudget; b *= 2) plan.push(b);
  plan.push(maxBudget);
  let upper = potential;
  let exhaustedBudget = -1;
  let passes = 0;
  let candidates = 0;
  let restarts = 0;
  let exhaustive = false;
  for (const b of plan) {
    budget = Math.min(b, maxBudget);
    if (budget < 0 || performance.now() > input.deadline || !enumerate(budget)) break;
    candidates = candidatesRaw.length;
    passes++;
    // Restarts with a doubling node cap until one attempt is complete.
    let complete = false;
    for (let attempt = 0; !complete && !halted; attempt++) {
      arrange(attempt);
      prepare(budget);
      attemptEnd = nodes + (input.restartNodes ?? 4000) * 2 ** attempt;
      stopped = false;
      if (countLoss() <= budget) search(0);
      complete = !stopped;
      restarts = attempt;
    }
    if (!complete) break;
    // Exhausted: every solution with loss ≤ budget was seen (budget only shrank on the way).
    exhaustedBudget = budget;
    upper = Math.min(upper, Math.max(bestValue, potential - budget));
    if (budget >= maxBudget) {
      exhaustive = true;
      break;
    }
  }
  return { ...result(upper, nodes, candidates, exhaustedBudget, passes), exhaustive, restarts };
}

/** A 32-bit integer hash step (restart orders). */
function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x9e3779b1);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) >>> 0;
}
