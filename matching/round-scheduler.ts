/**
 * Speed-dating round scheduler (séance de speed dating → tours → salles).
 *
 * `planRounds` splits the participants present into rooms, round after round, so that
 *   - nobody meets the same person twice (earlier rounds, given as `alreadyMet`, and earlier
 *     planned rounds);
 *   - people who could never be grouped together are never seated together: the solver's own
 *     rule, `./compatibility` (region or MRC — or, under the proximity rule, one region and
 *     different MRCs —, organization, competitors, the coordination's forbids);
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
 *
 * The parts live in matching/rounds/: model.ts (pair values, who may meet, weights, work limits),
 * exact.ts (small events), plan-round.ts (construction and repair) and swap-search.ts (local
 * improvement).
 */
import { isRegionRule } from "./compatibility";
import {
  buildContext,
  FAIR,
  LAST_WAIT,
  MAX_WAIT_COUNT,
  SEAT,
  type RoundPlanInput,
} from "./rounds/model";
import { planOneRound } from "./rounds/plan-round";

export type { RoundPlanInput } from "./rounds/model";

export interface PlannedRound {
  /** Rooms of this round: member ids sorted by id; rooms sorted by their first member id. */
  rooms: string[][];
  /** Who has no room this round, sorted by id. */
  waiting: string[];
  /**
   * Those of `waiting` who had nobody left they may meet this round (the pairing rule, the
   * coordination's forbids and the conversations already held rule everyone present out); the
   * others wait only because the count of people does not fill every room.
   */
  withoutPartner: string[];
}

export function planRounds(input: RoundPlanInput): PlannedRound[] {
  const { roomSize, regionRule } = input;
  if (roomSize !== 2 && roomSize !== 3) throw new RangeError("roomSize must be 2 or 3");
  if (!isRegionRule(regionRule)) throw new RangeError(`unknown regionRule: ${String(regionRule)}`);
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
    const hadPartner = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const row = i * n;
      for (let j = 0; j < n && !hadPartner[i]; j++)
        if (j !== i && ctx.allowed[row + j]) hadPartner[i] = 1;
    }
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
    const withoutPartner: string[] = [];
    for (let i = 0; i < n; i++) {
      if (roomOf[i] === -1) {
        nextWaited[i] = 1;
        waitCount[i]!++;
        waiting.push(people[i]!.id);
        if (!hadPartner[i]) withoutPartner.push(people[i]!.id);
      }
    }
    lastWaited = nextWaited;
    out.push({ rooms: outRooms, waiting, withoutPartner });
  }
  return out;
}
