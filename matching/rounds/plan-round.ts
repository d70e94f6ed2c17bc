/**
 * The plan of one round (see ../round-scheduler.ts): exact for small events, else construction,
 * repair (ejection chains), rooms of three from rooms of two, then local improvement
 * (./swap-search.ts).
 */
import { exactRound, EXACT_MAX } from "./exact";
import { countOptions, EPS, limits, SEAT, THREE, type Context } from "./model";
import { SwapSearch } from "./swap-search";

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
export function planOneRound(
  ctx: Context,
  seat: Float64Array,
): { rooms: number[][]; roomOf: Int32Array } {
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
