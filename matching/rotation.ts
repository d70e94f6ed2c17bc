import { type Role } from "./roles";
/**
 * Fair rotation of meeting facilitators within a group (usually three members).
 *
 * `rotateFacilitators` walks the meetings in chronological order and picks one facilitator per
 * meeting among the members attending it (`participantIds`, default everybody). A meeting's
 * `fixedFacilitatorId` (an agreed swap, a past meeting) is kept as is and counts like any turn.
 * "Nobody twice in a row when avoidable": the previous meeting's facilitator (the last entry of
 * `history` for the first meeting) and the next meeting's fixed facilitator are left out whenever
 * another attending member remains.
 *
 * Mentorship mode: "deficit" greedy. Each member has a weight (the mentor `mentorWeight`,
 * default 2; everyone else 1). With T meetings already counted (history included), a member's
 * fair share of the next meeting is weight / Σweights × (T + 1) and its deficit is that share
 * minus the turns it already had. The candidate with the largest deficit facilitates (ties: the
 * order of `members`). Theme preference: candidates whose deficit is within 0.5 of the best
 * (`THEME_TOLERANCE`) are "equally fair"; among them a member with the meeting's theme in its
 * expertise is preferred (largest deficit first). Two members of equal weight always have deficits
 * differing by a whole number (their turn counts), so the tolerance below 1 never lets a member
 * facilitate ahead of an equal-weight member with fewer turns: among equal-weight members the
 * counts differ by at most 1 at every point of the series (all meetings collective, no fixed
 * facilitators, a balanced history).
 *
 * Co-development mode: strict rotation in the order of `members`, starting after the last member
 * in `history` (themes and `mentorWeight` are ignored). Each member holds a slot in the endless
 * cycle (the k-th meeting is normally slot k); the attending candidate with the earliest slot
 * facilitates and its slot moves one cycle later (so does a fixed facilitator's). A member who
 * facilitated out of turn therefore skips its next regular turn, and a member absent when due
 * takes the first turn it can: a single disruption changes the cycle only locally (a fixed
 * facilitator on someone else's turn amounts to swapping those two turns), and with no disruption
 * the series is exactly the cycle A, B, C, A, B, C…
 *
 * Mentor-leads mode: the mentors lead (a seat shared by two co-mentors: both are mentors). Among the
 * attending mentors, the one with the fewest turns so far (history included) leads; on a tie, not
 * the previous lead, then the order of `members` — so two co-mentors alternate. A meeting no mentor
 * attends falls back to the fair rule among its attendees.
 *
 * Fair mode: everyone attending may lead. The candidate with the fewest turns so far (history
 * included) leads; among those with equally few turns, a member with the meeting's theme in its
 * expertise is preferred; then nobody twice in a row; then the order of `members`.
 *
 * History entries that are not (or no longer) members are ignored, except that a former member
 * facilitating last leaves nobody to avoid at the first meeting. Deterministic: no randomness,
 * ties broken by the order of `members`.
 */

export type RotationMode = "mentorship" | "co-development" | "mentor-leads" | "fair";

export interface RotationMember {
  id: string;
  role: Role;
  /** taxonomy subject ids the member has expertise in */
  expertise: readonly string[];
}

export interface RotationMeeting {
  id: string;
  /** the meeting's theme (a taxonomy subject id), optional */
  theme?: string;
  /** members attending (individual meetings: a subset, e.g. mentor + one mentee); default: all members */
  participantIds?: readonly string[];
  /** a facilitator already fixed for this meeting (a swap the members agreed, or a past meeting): kept as is */
  fixedFacilitatorId?: string;
}

export interface RotationInput {
  mode: RotationMode;
  members: readonly RotationMember[];
  /** meetings to assign, in chronological order */
  meetings: readonly RotationMeeting[];
  /** facilitators of earlier meetings of the series, oldest first (counts and "not twice in a row" continue from them) */
  history?: readonly string[];
  /** mentorship only: the mentor facilitates more. weight of the mentor relative to 1 for each other member; default 2. 1 = equal rotation */
  mentorWeight?: number;
}

/** Default weight of the mentor in mentorship mode (relative to 1 for every other member). */
export const DEFAULT_MENTOR_WEIGHT = 2;
/** Bounds accepted for `mentorWeight`. */
export const MIN_MENTOR_WEIGHT = 1;
export const MAX_MENTOR_WEIGHT = 5;
/**
 * Mentorship mode: deficit gap (in turns) within which candidates count as equally fair for the
 * theme preference. Must stay below 1 (see the file comment).
 */
export const THEME_TOLERANCE = 0.5;

const EPS = 1e-9;

/** Validated input, members referred to by their index in `members`. */
interface Prepared {
  n: number;
  index: Map<string, number>;
  /** per meeting: attending member indexes, in the order of `members` */
  attending: number[][];
  /** per meeting: fixed facilitator index, if any */
  fixed: (number | undefined)[];
  /** history as member indexes (non-members dropped) */
  history: number[];
  /** facilitator of the meeting just before the series (undefined: none, or not a member) */
  before: number | undefined;
}

function describeMeeting(m: RotationMeeting, k: number): string {
  return `meeting #${k} ("${m.id}")`;
}

function prepare(input: RotationInput): Prepared {
  if (!["mentorship", "co-development", "mentor-leads", "fair"].includes(input.mode)) {
    throw new RangeError(
      `rotateFacilitators: mode must be "mentorship", "co-development", "mentor-leads" or "fair" (got ${JSON.stringify(input.mode)})`,
    );
  }
  const n = input.members.length;
  if (n === 0) throw new RangeError("rotateFacilitators: the group has no members");
  const index = new Map<string, number>();
  input.members.forEach((m, i) => {
    if (index.has(m.id)) throw new RangeError(`rotateFacilitators: duplicate member id "${m.id}"`);
    index.set(m.id, i);
  });
  const w = input.mentorWeight;
  if (w !== undefined && (!Number.isFinite(w) || w < MIN_MENTOR_WEIGHT || w > MAX_MENTOR_WEIGHT)) {
    throw new RangeError(
      `rotateFacilitators: mentorWeight must be a finite number between ${MIN_MENTOR_WEIGHT} and ${MAX_MENTOR_WEIGHT} (got ${w})`,
    );
  }
  const attending: number[][] = [];
  const fixed: (number | undefined)[] = [];
  input.meetings.forEach((m, k) => {
    let present: number[];
    if (m.participantIds === undefined) {
      present = input.members.map((_, i) => i);
    } else {
      const set = new Set<number>();
      for (const id of m.participantIds) {
        const i = index.get(id);
        if (i === undefined) {
          throw new RangeError(
            `rotateFacilitators: ${describeMeeting(m, k)}: participant "${id}" is not a member of the group`,
          );
        }
        set.add(i);
      }
      present = [...set].sort((a, b) => a - b);
    }
    if (present.length === 0) {
      throw new RangeError(`rotateFacilitators: ${describeMeeting(m, k)} has no attending member`);
    }
    let f: number | undefined;
    if (m.fixedFacilitatorId !== undefined) {
      f = index.get(m.fixedFacilitatorId);
      if (f === undefined) {
        throw new RangeError(
          `rotateFacilitators: ${describeMeeting(m, k)}: fixed facilitator "${m.fixedFacilitatorId}" is not a member of the group`,
        );
      }
      if (!present.includes(f)) {
        throw new RangeError(
          `rotateFacilitators: ${describeMeeting(m, k)}: fixed facilitator "${m.fixedFacilitatorId}" does not attend the meeting`,
        );
      }
    }
    attending.push(present);
    fixed.push(f);
  });
  const history: number[] = [];
  for (const id of input.history ?? []) {
    const i = index.get(id);
    if (i !== undefined) history.push(i);
  }
  const lastId = input.history?.[input.history.length - 1];
  const before = lastId === undefined ? undefined : index.get(lastId);
  return { n, index, attending, fixed, history, before };
}

/**
 * Who may facilitate: the attendees other than the previous facilitator and the next meeting's
 * fixed facilitator; failing that, other than the previous one; then other than the next one.
 */
function candidates(
  attending: readonly number[],
  prev: number | undefined,
  nextFixed: number | undefined,
): number[] {
  const tiers = [
    attending.filter((i) => i !== prev && i !== nextFixed),
    attending.filter((i) => i !== prev),
    attending.filter((i) => i !== nextFixed),
  ];
  return tiers.find((t) => t.length > 0) ?? [...attending];
}

function lastOf(xs: readonly number[]): number | undefined {
  return xs.length > 0 ? xs[xs.length - 1] : undefined;
}

function rotateMentorship(input: RotationInput, p: Prepared): number[] {
  const mentorWeight = input.mentorWeight ?? DEFAULT_MENTOR_WEIGHT;
  const weights = input.members.map((m) => (m.role === "mentor" ? mentorWeight : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = new Array<number>(p.n).fill(0);
  for (const i of p.history) counts[i]! += 1;
  let counted = p.history.length;
  let prev = p.before;
  const out: number[] = [];
  input.meetings.forEach((meeting, k) => {
    let chosen = p.fixed[k];
    if (chosen === undefined) {
      const cands = candidates(p.attending[k]!, prev, p.fixed[k + 1]);
      const deficit = (i: number) => (weights[i]! * (counted + 1)) / total - counts[i]!;
      const best = Math.max(...cands.map(deficit));
      const theme = meeting.theme;
      const experts =
        theme === undefined
          ? []
          : cands.filter(
              (i) =>
                deficit(i) >= best - THEME_TOLERANCE - EPS &&
                input.members[i]!.expertise.includes(theme),
            );
      const pool = experts.length > 0 ? experts : cands;
      const poolBest = Math.max(...pool.map(deficit));
      chosen = pool.find((i) => deficit(i) >= poolBest - EPS)!;
    }
    counts[chosen]! += 1;
    counted += 1;
    prev = chosen;
    out.push(chosen);
  });
  return out;
}

function rotateCoDevelopment(input: RotationInput, p: Prepared): number[] {
  const n = p.n;
  const last = lastOf(p.history);
  const start = last === undefined ? 0 : (last + 1) % n;
  // slot[i]: index (in the endless cycle) of member i's next turn.
  const slot = input.members.map((_, i) => (i - start + n) % n);
  let prev = p.before;
  const out: number[] = [];
  input.meetings.forEach((_, k) => {
    let chosen = p.fixed[k];
    if (chosen === undefined) {
      const cands = candidates(p.attending[k]!, prev, p.fixed[k + 1]);
      chosen = cands.reduce((a, b) => (slot[b]! < slot[a]! ? b : a));
    }
    slot[chosen]! += n;
    prev = chosen;
    out.push(chosen);
  });
  return out;
}

/**
 * Mentor-leads and fair modes (see the file comment): fewest turns first. `pool` narrows who may
 * lead a meeting (the mentors attending, in mentor-leads mode); an empty pool means everyone
 * attending, with the theme preference on ties.
 */
function rotateByTurns(input: RotationInput, p: Prepared): number[] {
  const counts = new Array<number>(p.n).fill(0);
  for (const i of p.history) counts[i]! += 1;
  let prev = p.before;
  const out: number[] = [];
  input.meetings.forEach((meeting, k) => {
    let chosen = p.fixed[k];
    if (chosen === undefined) {
      const attending = p.attending[k]!;
      const mentors =
        input.mode === "mentor-leads"
          ? attending.filter((i) => input.members[i]!.role === "mentor")
          : [];
      const pool = mentors.length > 0 ? mentors : attending;
      const theme = mentors.length > 0 ? undefined : meeting.theme;
      const expert = (i: number) =>
        theme !== undefined && input.members[i]!.expertise.includes(theme) ? 0 : 1;
      // Fewest turns, then (fair) the theme's expert, then not the previous lead, then the order.
      const rank = (i: number) => [counts[i]!, expert(i), i === prev ? 1 : 0, i];
      chosen = pool.reduce((a, b) => {
        const [ra, rb] = [rank(a), rank(b)];
        for (let x = 0; x < ra.length; x++) if (ra[x] !== rb[x]) return rb[x]! < ra[x]! ? b : a;
        return a;
      });
    }
    counts[chosen]! += 1;
    prev = chosen;
    out.push(chosen);
  });
  return out;
}

/** Returns one facilitator id per meeting, same order as input.meetings. Deterministic. */
export function rotateFacilitators(input: RotationInput): string[] {
  const p = prepare(input);
  const picks =
    input.mode === "co-development"
      ? rotateCoDevelopment(input, p)
      : input.mode === "mentor-leads" || input.mode === "fair"
        ? rotateByTurns(input, p)
        : rotateMentorship(input, p);
  return picks.map((i) => input.members[i]!.id);
}

/** Swap the facilitators of two meetings (by index) — returns a new array. Throws RangeError for bad indexes. */
export function swapTurns(assignment: readonly string[], i: number, j: number): string[] {
  for (const x of [i, j]) {
    if (!Number.isInteger(x) || x < 0 || x >= assignment.length) {
      throw new RangeError(
        `swapTurns: index ${x} is out of range (the assignment has ${assignment.length} meetings)`,
      );
    }
  }
  const out = [...assignment];
  out[i] = assignment[j]!;
  out[j] = assignment[i]!;
  return out;
}

/**
 * How many meetings each member facilitates in an assignment (every member present, 0 if none).
 * Ids in the assignment that are not in `memberIds` are ignored.
 */
export function facilitationCounts(
  memberIds: readonly string[],
  assignment: readonly string[],
): Record<string, number> {
  const counts = new Map<string, number>(memberIds.map((id) => [id, 0]));
  for (const id of assignment) {
    const c = counts.get(id);
    if (c !== undefined) counts.set(id, c + 1);
  }
  return Object.fromEntries(counts);
}
