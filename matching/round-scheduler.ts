/**
 * Speed-dating round scheduler (séance de speed dating → tours → salles).
 *
 * `planRounds` splits the participants present into rooms, round after round, so that
 *   - nobody meets the same person twice (earlier rounds, given as `alreadyMet`, and earlier
 *     planned rounds);
 *   - people who could never be grouped together are never seated together: the solver's own
 *     rule, `./compatibility` (region or MRC, organization, competitors, the coordination's
 *     forbids);
 *   - the most people possible get a room, and whoever must wait did not wait in the round before
 *     (when at all possible), then waiting is spread by `waitCounts`;
 *   - the conversations with the most potential come first: each round maximizes the sum of the
 *     pair scores of its rooms (the solver's scorer, `./score`, all pairs at once), so the best
 *     meetings land in the earliest rounds.
 *
 * Rounds are planned one after the other (earliest first; each round's meetings are then
 * forbidden in the later ones), each round maximizing its own value (below):
 *   - up to 14 people: exactly, by dynamic programming over subsets;
 *   - larger events:
 *     1. construction: the people who most need a seat (waited last round, waited more, then
 *        have the fewest possible partners) each open a room with their best remaining partners;
 *     2. repair: anyone still waiting is seated by joining a room of two (threes), pairing with
 *        another waiting person, splitting a room of three, or an ejection chain (take someone's
 *        seat, who is re-seated elsewhere), depth 2 up to 150 people, 1 above;
 *     3. local improvement: swaps of two people between rooms (or between a room and the waiting
 *        list) and moves from a room of three to a room of two, while the value improves. Up to
 *        300 people every pair of people is tried, then an iterated local search (random kicks
 *        from a fixed-seed generator, kept when they lead to a better round); above 300 people
 *        only swaps towards each person's 10 best partners, with "don't look" bits.
 *   Greedy round by round is not a global optimum over the event: a choice in round 1 can leave
 *   fewer compatible strangers for round 5 (then more rooms of two, or waiting, late).
 *
 * The round's value is lexicographic (weights far apart):
 *   seated people ≫ seating whoever waited last round ≫ rooms of three (roomSize 3)
 *   ≫ seating whoever waited more rounds so far ≫ sum of pair scores.
 * So, with roomSize 3, a room of two is preferred to anyone waiting (n = 3k+1 gives two rooms of
 * two, n = 3k+2 one room of two); with roomSize 2 and an odd count, one person waits (there are no
 * rooms of three in pairs mode). Seating the most people comes before "not twice in a row": if the
 * only way to seat a repeat waiter leaves two others waiting, the repeat waiter waits.
 *
 * Pair scores are clamped to ±200 so that they stay below the fairness weight. Mentor–mentor pairs
 * are valued below every other pair (in (−1, 0), higher scores still preferred among them).
 *
 * Deterministic: participants are sorted by id, every loop runs in index order, and the work
 * limits are operation counts (never clocks). Same input → same output, whatever the input order.
 * Unknown ids in `forbid`, `alreadyMet`, `waitedLastRound` or `waitCounts` (people who left) are
 * ignored.
 */
import { compatibility, type RegionRule } from "./compatibility";
import type { Participant, Weights } from "./schema";
import { pairScorer, type Rating } from "./score";

export interface RoundPlanInput {
  /** Participants present now (the app maps its profiles to the engine's Participant type). */
  participants: Participant[];
  /** Rounds still to plan (the app calls again to re-plan when someone joins late or leaves). */
  rounds: number;
  roomSize: 2 | 3;
  regionRule: RegionRule;
  /** Pairs the coordination keeps apart (ids of people not present are ignored). */
  forbid?: Array<[string, string]>;
  /** Pairs that already met in earlier rounds of this event: never seat them together again. */
  alreadyMet?: Array<[string, string]>;
  /** Who waited (had no room) in the round just before: they must not wait again if at all possible. */
  waitedLastRound?: string[];
  /** How many rounds each person has waited so far, for fairness. */
  waitCounts?: Record<string, number>;
  /** Optional pair-score weights (defaults of `./score`). */
  weights?: Partial<Weights>;
  /** Optional ratings (e.g. from an earlier event) feeding the pair scores. */
  ratings?: readonly Rating[];
}

export interface PlannedRound {
  /** Rooms of this round: member ids sorted by id; rooms sorted by their first member id. */
  rooms: string[][];
  /** Who has no room this round, sorted by id. */
  waiting: string[];
}

const SEAT = 1e10;
const LAST_WAIT = 1e8;
const THREE = 1e6;
const FAIR = 1e3;
const MAX_WAIT_COUNT = 99;
const SCORE_CLAMP = 200;
const EPS = 1e-7;

interface Context {
  n: number;
  cap: 2 | 3;
  /** n×n: 1 when i and j may share a room this round (compatible and not met yet). */
  allowed: Uint8Array;
  /** n×n pair values (clamped scores; mentor–mentor pairs below every other pair). */
  value: Float64Array;
  /** For large events: each person's best partners (by value, then index), K per person. */
  candidates: Int32Array[] | null;
}

/** Full swap neighbourhood up to this many people; candidate lists above. */
const FULL_NEIGHBOURHOOD = 300;
const CANDIDATES = 10;

function topCandidates(n: number, allowed: Uint8Array, value: Float64Array): Int32Array[] | null {
  if (n <= FULL_NEIGHBOURHOOD) return null;
  const out: Int32Array[] = [];
  const idx = new Int32Array(CANDIDATES);
  const val = new Float64Array(CANDIDATES);
  for (let i = 0; i < n; i++) {
    let k = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (!allowed[row + j]) continue;
      const v = value[row + j]!;
      if (k === CANDIDATES && v <= val[k - 1]!) continue;
      // Insertion into the sorted top list (value desc; ties keep the lower index first).
      let p = k < CANDIDATES ? k++ : k - 1;
      while (p > 0 && val[p - 1]! < v) {
        val[p] = val[p - 1]!;
        idx[p] = idx[p - 1]!;
        p--;
      }
      val[p] = v;
      idx[p] = j;
    }
    out.push(idx.slice(0, k));
  }
  return out;
}

export function planRounds(input: RoundPlanInput): PlannedRound[] {
  const { roomSize, regionRule } = input;
  if (roomSize !== 2 && roomSize !== 3) throw new RangeError("roomSize must be 2 or 3");
  if (regionRule !== "distinct-regions" && regionRule !== "distinct-mrcs")
    throw new RangeError(`unknown regionRule: ${String(regionRule)}`);
  if (!Number.isInteger(input.rounds) || input.rounds < 0)
    throw new RangeError("rounds must be a non-negative integer");
  const people = [...input.participants].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = people.length;
  const byId = new Map<string, number>();
  people.forEach((p, i) => {
    if (byId.has(p.id)) throw new RangeError(`duplicate participant id: ${p.id}`);
    byId.set(p.id, i);
  });
  if (input.rounds === 0) return [];

  const ctx = buildContext(people, input, byId);
  const waitCount = new Int32Array(n);
  for (const [id, c] of Object.entries(input.waitCounts ?? {})) {
    const i = byId.get(id);
    if (i !== undefined && Number.isFinite(c)) waitCount[i] = Math.max(0, Math.floor(c));
  }
  let lastWaited = new Uint8Array(n);
  for (const id of input.waitedLastRound ?? []) {
    const i = byId.get(id);
    if (i !== undefined) lastWaited[i] = 1;
  }

  const out: PlannedRound[] = [];
  for (let r = 0; r < input.rounds; r++) {
    const seat = new Float64Array(n);
    for (let i = 0; i < n; i++)
      seat[i] =
        SEAT + (lastWaited[i] ? LAST_WAIT : 0) + FAIR * Math.min(waitCount[i]!, MAX_WAIT_COUNT);
    const { rooms, roomOf } = planOneRound(ctx, seat);
    const nextWaited = new Uint8Array(n);
    const outRooms: string[][] = [];
    for (const room of rooms) {
      if (room.length < 2) continue;
      room.sort((a, b) => a - b);
      for (let x = 0; x < room.length; x++)
        for (let y = x + 1; y < room.length; y++) {
          const a = room[x]!;
          const b = room[y]!;
          ctx.allowed[a * n + b] = 0;
          ctx.allowed[b * n + a] = 0;
        }
      outRooms.push(room.map((i) => people[i]!.id));
    }
    outRooms.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    const waiting: string[] = [];
    for (let i = 0; i < n; i++) {
      if (roomOf[i] === -1) {
        nextWaited[i] = 1;
        waitCount[i]!++;
        waiting.push(people[i]!.id);
      }
    }
    lastWaited = nextWaited;
    out.push({ rooms: outRooms, waiting });
  }
  return out;
}

function buildContext(
  people: Participant[],
  input: RoundPlanInput,
  byId: Map<string, number>,
): Context {
  const n = people.length;
  const rule = compatibility(people, { regionRule: input.regionRule, forbid: input.forbid });
  // The pair scores, turned into pair values in place. Ratings, when given, come from an earlier
  // event: the app plans the rounds of the event that is collecting them, and passes none.
  const value = pairScorer(people, input.weights ?? {}, input.ratings).matrix();
  const allowed = new Uint8Array(n * n);
  const mentor = new Uint8Array(n);
  for (let i = 0; i < n; i++) mentor[i] = people[i]!.role === "mentor" ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      let s = value[row + j]!;
      if (!(s <= SCORE_CLAMP)) s = Number.isNaN(s) ? 0 : SCORE_CLAMP;
      if (s < -SCORE_CLAMP) s = -SCORE_CLAMP;
      value[row + j] = mentor[i] && mentor[j] ? -1 / (1 + Math.max(0, s)) : s;
      if (rule.compatible(i, j)) allowed[row + j] = 1;
    }
  }
  for (const [a, b] of input.alreadyMet ?? []) {
    const i = byId.get(a);
    const j = byId.get(b);
    if (i === undefined || j === undefined) continue;
    allowed[i * n + j] = 0;
    allowed[j * n + i] = 0;
  }
  return {
    n,
    cap: input.roomSize,
    allowed,
    value,
    candidates: topCandidates(n, allowed, value),
  };
}

/** Work limits (operation counts, so that results never depend on the machine's speed). */
function limits(n: number) {
  const pairs = Math.max(1, (n * (n - 1)) / 2);
  return {
    swapPasses: n <= FULL_NEIGHBOURHOOD ? Math.max(3, Math.min(60, Math.floor(3e6 / pairs))) : 8,
    ejectDepth: n <= 150 ? 2 : 1,
    repairBudget: 3e7,
    /** Swap evaluations spent on iterated local search per round (small events only). */
    kickBudget: n <= FULL_NEIGHBOURHOOD ? Math.min(80_000, 40 * n * n) : 0,
  };
}

/** How many people each person may still share a room with. */
function countOptions(n: number, allowed: Uint8Array): Int32Array {
  const options = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let c = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) c += allowed[row + j]!;
    options[i] = c;
  }
  return options;
}

/**
 * Best unseated partner for u (q = -1), or best third member for the room {u, q}: highest pair
 * value(s), preferring people who need a seat, then people with few options; lowest index on ties.
 */
function bestMate(
  u: number,
  q: number,
  n: number,
  allowed: Uint8Array,
  value: Float64Array,
  seat: Float64Array,
  options: Int32Array,
  roomOf: Int32Array,
): number {
  const rowU = u * n;
  const rowQ = q * n;
  let best = -Infinity;
  let pick = -1;
  for (let j = 0; j < n; j++) {
    if (j === u || j === q || roomOf[j] !== -1 || !allowed[rowU + j]) continue;
    let v = value[rowU + j]! + (seat[j]! - SEAT) - options[j]! * 1e-4;
    if (q !== -1) {
      if (!allowed[rowQ + j]) continue;
      v += value[rowQ + j]!;
    }
    if (v > best + EPS) {
      best = v;
      pick = j;
    }
  }
  return pick;
}

interface Placement {
  gain: number;
  apply: () => void;
}

/** Up to this many people, each round is solved exactly (dynamic programming over subsets). */
const EXACT_MAX = 14;

/**
 * Exact round for small events: maximizes the same lexicographic value as the heuristic
 * (seats, then repeat waiters seated, then rooms of three, then fairness, then pair scores).
 */
function exactRound(ctx: Context, seat: Float64Array): { rooms: number[][]; roomOf: Int32Array } {
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

function planOneRound(ctx: Context, seat: Float64Array): { rooms: number[][]; roomOf: Int32Array } {
  if (ctx.n <= EXACT_MAX) return exactRound(ctx, seat);
  const { n, cap, allowed, value } = ctx;
  const roomOf = new Int32Array(n).fill(-1);
  const rooms: number[][] = [];
  const lim = limits(n);
  let budget = lim.repairBudget;

  const fits = (p: number, room: readonly number[], skip: number): boolean => {
    const row = p * n;
    for (const m of room) if (m !== skip && !allowed[row + m]) return false;
    return true;
  };
  const gainIn = (p: number, room: readonly number[], skip: number): number => {
    const row = p * n;
    let s = 0;
    for (const m of room) if (m !== skip && m !== p) s += value[row + m]!;
    return s;
  };
  const openRoom = (members: number[]) => {
    const r = rooms.length;
    rooms.push(members);
    for (const m of members) roomOf[m] = r;
  };

  // 1. Construction.
  const options = countOptions(n, allowed);
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => seat[b]! - seat[a]! || options[a]! - options[b]! || a - b,
  );
  let unseated = n;
  for (const u of order) {
    if (roomOf[u] !== -1) continue;
    if (unseated < 2) break;
    const size = cap === 2 || unseated === 2 || unseated === 4 ? 2 : 3;
    const q = bestMate(u, -1, n, allowed, value, seat, options, roomOf);
    if (q === -1) {
      unseated--; // stays waiting for now (repair will try again)
      continue;
    }
    const members = [u, q];
    if (size === 3) {
      const r3 = bestMate(u, q, n, allowed, value, seat, options, roomOf);
      if (r3 !== -1) members.push(r3);
    }
    openRoom(members);
    unseated -= members.length;
  }

  // 2. Repair: seat waiting people (ejection chains of bounded depth).
  const directPlacement = (p: number, bannedRooms: number[], bannedPeople: number[]) => {
    let bestGain = -Infinity;
    let bestApply: (() => void) | null = null;
    const rowP = p * n;
    budget -= n + rooms.length * 3;
    if (cap === 3) {
      for (let r = 0; r < rooms.length; r++) {
        const room = rooms[r]!;
        if (bannedRooms.includes(r)) continue;
        if (room.length === 2 && fits(p, room, -1)) {
          const g = seat[p]! + THREE + gainIn(p, room, -1);
          if (g > bestGain + EPS) {
            bestGain = g;
            bestApply = () => {
              room.push(p);
              roomOf[p] = r;
            };
          }
        } else if (room.length === 3) {
          for (const x of room) {
            if (!allowed[rowP + x]) continue;
            const g = seat[p]! - THREE + value[rowP + x]! - gainIn(x, room, x);
            if (g > bestGain + EPS) {
              bestGain = g;
              bestApply = () => {
                room.splice(room.indexOf(x), 1);
                openRoom([p, x]);
              };
            }
          }
        }
      }
    }
    for (let q = 0; q < n; q++) {
      if (q === p || roomOf[q] !== -1 || !allowed[rowP + q] || bannedPeople.includes(q)) continue;
      const g = seat[p]! + seat[q]! + value[rowP + q]!;
      if (g > bestGain + EPS) {
        bestGain = g;
        bestApply = () => openRoom([p, q]);
      }
    }
    return bestApply ? { gain: bestGain, apply: bestApply } : null;
  };
  // Cache: x has no direct placement at all (bans only remove options), until the next change.
  let version = 0;
  const knownAt = new Int32Array(n).fill(-1);
  const knownPlaceable = new Uint8Array(n);
  const mayPlaceDirectly = (x: number): boolean => {
    if (knownAt[x] !== version) {
      knownAt[x] = version;
      knownPlaceable[x] = directPlacement(x, [], []) ? 1 : 0;
    }
    return knownPlaceable[x] === 1;
  };
  const placement = (
    p: number,
    depth: number,
    bannedRooms: number[],
    bannedPeople: number[],
  ): Placement | null => {
    const direct = directPlacement(p, bannedRooms, bannedPeople);
    if (direct || depth === 0) return direct;
    let best: Placement | null = null;
    for (let r = 0; r < rooms.length && budget > 0; r++) {
      const room = rooms[r]!;
      if (room.length < 2 || bannedRooms.includes(r)) continue;
      for (const x of room) {
        if (!fits(p, room, x)) continue;
        if (depth === 1 && !mayPlaceDirectly(x)) continue;
        const sub = placement(x, depth - 1, [...bannedRooms, r], [...bannedPeople, p]);
        if (!sub) continue;
        const g = seat[p]! - seat[x]! + gainIn(p, room, x) - gainIn(x, room, x) + sub.gain;
        if (!best || g > best.gain + EPS) {
          best = {
            gain: g,
            apply: () => {
              room[room.indexOf(x)] = p;
              roomOf[p] = r;
              roomOf[x] = -1;
              sub.apply();
            },
          };
        }
      }
    }
    return best;
  };
  const repair = (): boolean => {
    let changed = false;
    for (let progress = true; progress && budget > 0;) {
      progress = false;
      const waiting: number[] = [];
      for (let i = 0; i < n; i++) if (roomOf[i] === -1) waiting.push(i);
      waiting.sort((a, b) => seat[b]! - seat[a]! || a - b);
      for (const w of waiting) {
        if (roomOf[w] !== -1 || budget <= 0) continue;
        let found: Placement | null = null;
        for (let d = 0; d <= lim.ejectDepth && !found && budget > 0; d++)
          found = placement(w, d, [], []);
        if (found && found.gain > EPS) {
          found.apply();
          version++;
          progress = changed = true;
        }
      }
    }
    compact();
    return changed;
  };
  const compact = () => {
    // Drop empty rooms and rooms of one (their member waits), renumber.
    const kept: number[][] = [];
    for (const room of rooms) {
      if (room.length >= 2) kept.push(room);
      else for (const m of room) roomOf[m] = -1;
    }
    rooms.length = 0;
    for (const room of kept) openRoom(room);
  };

  // Rooms of three from rooms of two (roomSize 3): dissolve one room of two into two others.
  const restructure = (): boolean => {
    if (cap !== 3) return false;
    let changed = false;
    for (let again = true; again;) {
      again = false;
      const twos: number[] = [];
      rooms.forEach((room, r) => room.length === 2 && twos.push(r));
      if (twos.length < 3) break;
      search: for (const r of twos) {
        const [a, b] = rooms[r]! as [number, number];
        for (const [x, y] of [
          [a, b],
          [b, a],
        ] as const) {
          for (const c of twos) {
            if (c === r || !fits(x, rooms[c]!, -1)) continue;
            for (const d of twos) {
              if (d === r || d === c || !fits(y, rooms[d]!, -1)) continue;
              rooms[c]!.push(x);
              roomOf[x] = c;
              rooms[d]!.push(y);
              roomOf[y] = d;
              rooms[r] = [];
              compact();
              again = changed = true;
              break search;
            }
          }
        }
      }
    }
    return changed;
  };

  // 3. Local improvement (a class, so that its optimized code is reused across rounds).
  const search = new SwapSearch(ctx, seat, rooms, roomOf, lim.swapPasses);

  for (let round = 0; round < 3; round++) {
    const a = repair();
    const b = restructure();
    if (round > 0 && !a && !b) break;
    search.run(round === 0 ? lim.kickBudget : 0);
  }
  return { rooms, roomOf };
}

/** Local improvement: swaps (incl. with the waiting list) and moves from a three to a two. */
class SwapSearch {
  private readonly n: number;
  private readonly allowed: Uint8Array;
  private readonly value: Float64Array;
  private readonly dirty: Uint8Array;

  constructor(
    private readonly ctx: Context,
    private readonly seat: Float64Array,
    private readonly rooms: number[][],
    private readonly roomOf: Int32Array,
    private readonly maxPasses: number,
  ) {
    this.n = ctx.n;
    this.allowed = ctx.allowed;
    this.value = ctx.value;
    this.dirty = new Uint8Array(ctx.n);
  }

  /** Sum of the value changes applied so far (for accept/restore decisions). */
  gain = 0;
  /** Swap evaluations so far (work limit). */
  evaluations = 0;

  private fits(p: number, room: readonly number[], skip: number): boolean {
    const row = p * this.n;
    for (let k = 0; k < room.length; k++) {
      const m = room[k]!;
      if (m !== skip && !this.allowed[row + m]) return false;
    }
    return true;
  }

  private gainIn(p: number, room: readonly number[], skip: number): number {
    const row = p * this.n;
    let s = 0;
    for (let k = 0; k < room.length; k++) {
      const m = room[k]!;
      if (m !== skip && m !== p) s += this.value[row + m]!;
    }
    return s;
  }

  private markDirty(p: number): void {
    this.dirty[p] = 1;
    const r = this.roomOf[p]!;
    if (r !== -1) for (const m of this.rooms[r]!) this.dirty[m] = 1;
  }

  /** Change of the round's value if x and y swapped places (NaN when not allowed). */
  swapDelta(x: number, y: number): number {
    const { rooms, roomOf, seat } = this;
    const rx = roomOf[x]!;
    const ry = roomOf[y]!;
    if (rx === ry) return NaN;
    if (rx === -1) {
      const B = rooms[ry]!;
      if (!this.fits(x, B, y)) return NaN;
      return seat[x]! - seat[y]! + this.gainIn(x, B, y) - this.gainIn(y, B, y);
    }
    if (ry === -1) {
      const A = rooms[rx]!;
      if (!this.fits(y, A, x)) return NaN;
      return seat[y]! - seat[x]! + this.gainIn(y, A, x) - this.gainIn(x, A, x);
    }
    const A = rooms[rx]!;
    const B = rooms[ry]!;
    if (!this.fits(y, A, x) || !this.fits(x, B, y)) return NaN;
    return (
      this.gainIn(y, A, x) - this.gainIn(x, A, x) + this.gainIn(x, B, y) - this.gainIn(y, B, y)
    );
  }

  private applySwap(x: number, y: number, delta: number): void {
    const { rooms, roomOf } = this;
    const rx = roomOf[x]!;
    const ry = roomOf[y]!;
    if (rx !== -1) {
      const A = rooms[rx]!;
      A[A.indexOf(x)] = y;
    }
    if (ry !== -1) {
      const B = rooms[ry]!;
      B[B.indexOf(y)] = x;
    }
    roomOf[x] = ry;
    roomOf[y] = rx;
    this.gain += delta;
    this.markDirty(x);
    this.markDirty(y);
  }

  /** Swap x and y when it improves the round's value. */
  trySwap(x: number, y: number): boolean {
    this.evaluations++;
    const d = this.swapDelta(x, y);
    if (!(d > EPS)) return false;
    this.applySwap(x, y, d);
    return true;
  }

  /** Full neighbourhood: every person whose room changed against everyone else. */
  private fullPass(): boolean {
    const { n, dirty, roomOf } = this;
    let improved = false;
    for (let x = 0; x < n; x++) {
      if (!dirty[x]) continue;
      dirty[x] = 0;
      for (let y = 0; y < n; y++) {
        if (y !== x && roomOf[y] !== roomOf[x] && this.trySwap(x, y)) improved = true;
      }
    }
    return improved;
  }

  /**
   * Candidate neighbourhood (large events): x takes the place of y next to one of x's roommates
   * a, for y among a's best partners; waiting people are tried against everyone. Only people whose
   * room changed since they were last examined are examined again ("don't look" bits).
   */
  private candidatePass(cand: Int32Array[]): boolean {
    const { rooms, roomOf, dirty, n } = this;
    let improved = false;
    for (let x = 0; x < n; x++) {
      if (!dirty[x]) continue;
      dirty[x] = 0;
      const rx = roomOf[x]!;
      if (rx === -1) {
        for (let y = 0; y < n && roomOf[x] === -1; y++) if (this.trySwap(x, y)) improved = true;
        continue;
      }
      const room = rooms[rx]!;
      for (let k = 0; k < room.length && roomOf[x] === rx; k++) {
        const a = room[k]!;
        if (a === x) continue;
        const list = cand[a]!;
        for (let c = 0; c < list.length && roomOf[x] === rx; c++) {
          const y = list[c]!;
          if (y !== x && this.trySwap(x, y)) improved = true;
        }
      }
    }
    return improved;
  }

  /** Rooms of three give a member to a room of two when that member fits better there. */
  private movePass(): boolean {
    const { rooms, roomOf } = this;
    const twos: number[] = [];
    for (let r = 0; r < rooms.length; r++) if (rooms[r]!.length === 2) twos.push(r);
    if (twos.length === 0) return false;
    let improved = false;
    for (let r = 0; r < rooms.length; r++) {
      const A = rooms[r]!;
      for (const s of twos) {
        const B = rooms[s]!;
        if (B.length !== 2 || A.length !== 3) continue;
        for (const x of A) {
          if (!this.fits(x, B, -1)) continue;
          const d = this.gainIn(x, B, -1) - this.gainIn(x, A, x);
          if (d > EPS) {
            A.splice(A.indexOf(x), 1);
            B.push(x);
            roomOf[x] = s;
            this.markDirty(x);
            for (const m of A) this.markDirty(m);
            this.gain += d;
            improved = true;
            break;
          }
        }
      }
    }
    return improved;
  }

  /** Local search to a local optimum (bounded passes). */
  private descend(): void {
    const cand = this.ctx.candidates;
    for (let pass = 0; pass < this.maxPasses; pass++) {
      let improved = cand === null ? this.fullPass() : this.candidatePass(cand);
      if (this.ctx.cap === 3 && this.movePass()) improved = true;
      if (!improved) break;
    }
  }

  /**
   * Local search, then (small events) iterated local search: a random swap between two rooms
   * ("kick"), local search again, keep the result if the round's value improved, else restore.
   * The kicks come from a fixed-seed generator and stop after a fixed number of evaluations,
   * so results are deterministic.
   */
  run(kickBudget: number): void {
    this.dirty.fill(1);
    this.descend();
    if (kickBudget <= 0 || this.n < 4) return;
    const { rooms, roomOf, n } = this;
    let rand = 0x2545f491 ^ n;
    const next = () => {
      rand = (rand + 0x6d2b79f5) >>> 0;
      let t = rand;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const stop = this.evaluations + kickBudget;
    let saved = rooms.map((r) => r.slice());
    let savedOf = roomOf.slice();
    for (let kick = 0; this.evaluations < stop && kick < 100_000; kick++) {
      const before = this.gain;
      // One or two random allowed swaps between different rooms (not involving waiting people).
      let done = 0;
      for (let tries = 0; tries < 20 && done < 1 + (kick & 1); tries++) {
        const x = Math.floor(next() * n);
        const y = Math.floor(next() * n);
        if (roomOf[x] === -1 || roomOf[y] === -1) continue;
        const d = this.swapDelta(x, y);
        if (Number.isNaN(d)) continue;
        this.applySwap(x, y, d);
        done++;
      }
      if (done === 0) continue;
      this.descend();
      if (this.gain > before + EPS) {
        saved = rooms.map((r) => r.slice());
        savedOf = roomOf.slice();
      } else {
        rooms.length = 0;
        for (const r of saved) rooms.push(r.slice());
        roomOf.set(savedOf);
        this.gain = before;
        this.dirty.fill(0);
      }
    }
  }
}
