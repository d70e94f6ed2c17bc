/**
 * Local re-optimization: the best regrouping of a few groups (and a few people in no group),
 * everything else fixed; and the best replacements for one member of a group. Pure functions on
 * plain data, built on the engine's own pieces: the sub-instance is an ordinary instance (the
 * selected people, the program's rules and ratings between them), so the same encoder checks the
 * rules, the same scorer scores and the same explainer explains; `solveMatching` solves it
 * exactly with the solver it is given (javascript-lp-solver in a worker thread in the app,
 * docs/decisions/0022-local-reoptimization.md).
 *
 * What stays outside the selection is never touched: the sub-instance holds only the selected
 * people, and a mentor's capacity used by groups outside the selection is taken off their
 * capacity. A pin between a selected person and someone outside the selection is already kept
 * when a group outside holds both (a mentor of several groups, ADR 0024: their other groups are
 * free); otherwise a regrouping of the selection alone cannot keep it: it is refused
 * (`LocalInputError`, code "pin-outside"), the coordinator selects the partner's group too.
 */
import { withOrganizationDeclarations } from "./compatibility";
import { encode, tidy, type Encoded } from "./encode";
import { explainGroup, explainUnplaced, type GroupExplanation } from "./explain";
import { instanceSchema, type Instance, type InstanceInput, type Participant } from "./schema";
import { solveMatching, type UnplacedParticipant } from "./solve";
import type { PackingProblem, PackingResult, PackingSolver } from "./solvers/types";

/** A group holding people now: a formed group or a proposal (ids unique across the list). */
export interface LocalGroup {
  id: string;
  members: readonly string[];
}

export interface LocalInput {
  /** The whole program as the engine sees it (participants, rules, ratings); no fixedGroups. */
  instance: Instance | InstanceInput;
  /** Every group holding people now (formed and proposed). */
  groups: readonly LocalGroup[];
  /** The ids of the groups to regroup. */
  selected: readonly string[];
  /** People in no group to consider too. */
  free: readonly string[];
}

export type LocalInputCode =
  "unknown-group" | "duplicate" | "unknown-person" | "not-free" | "placed-twice" | "pin-outside";

/** A selection the regrouping cannot work on; `ids` names the groups or people concerned. */
export class LocalInputError extends Error {
  constructor(
    readonly code: LocalInputCode,
    readonly ids: string[],
  ) {
    super(`${code}: ${ids.join(", ")}`);
    this.name = "LocalInputError";
  }
}

/** A group as the comparison shows it: members (mentor first), score and the engine's reasons. */
export interface LocalGroupView {
  members: [string, string, string];
  mentor: string | null;
  score: number;
  explanation: GroupExplanation;
}

/** One line of the before/after comparison: a selected group and what it becomes. */
export interface LocalRow {
  /** The selected group's id; null for a group that did not exist before. */
  id: string | null;
  before: LocalGroupView | null;
  /** null: the group is dissolved (its people are in other groups or unplaced). */
  after: LocalGroupView | null;
}

export interface LocalResult {
  /** optimal: proven best regrouping; feasible: the solver stopped early (never worse than before). */
  status: "optimal" | "feasible";
  /** Whether the regrouping is strictly better than the current groups (more groups, or score). */
  improved: boolean;
  rows: LocalRow[];
  /** Selected people in no group after the regrouping, with the engine's reasons. */
  unplaced: UnplacedParticipant[];
  before: { groups: number; score: number };
  after: { groups: number; score: number };
  /** Rules the current selected groups break (then they count as nothing in `before`). */
  beforeProblems: { id: string; problems: { code: string; ids: string[] }[] }[];
  timeMs: number;
}

const EPS = 1e-9;

/** The selected people and the sub-instance over them (see the module's comment). */
export function localInstance(input: LocalInput): {
  instance: Instance;
  people: string[];
  selectedGroups: LocalGroup[];
} {
  const full = instanceSchema.parse(input.instance);
  const byId = new Map(full.participants.map((p) => [p.id, p]));
  const groups = new Map(input.groups.map((g) => [g.id, g]));
  const selectedIds = [...new Set(input.selected)];
  if (selectedIds.length !== input.selected.length)
    throw new LocalInputError("duplicate", input.selected.slice());
  const missing = selectedIds.filter((id) => !groups.has(id));
  if (missing.length) throw new LocalInputError("unknown-group", missing);
  const selectedGroups = selectedIds.map((id) => groups.get(id)!);
  const selectedSet = new Set(selectedIds);

  // How many times each person sits in a group outside the selection.
  const outside = new Map<string, number>();
  for (const g of input.groups) {
    if (selectedSet.has(g.id)) continue;
    for (const m of g.members) outside.set(m, (outside.get(m) ?? 0) + 1);
  }
  const inSelected = new Map<string, number>();
  for (const g of selectedGroups)
    for (const m of g.members) inSelected.set(m, (inSelected.get(m) ?? 0) + 1);

  const unknown = [...inSelected.keys(), ...input.free].filter((id) => !byId.has(id));
  if (unknown.length) throw new LocalInputError("unknown-person", unknown);
  if (new Set(input.free).size !== input.free.length)
    throw new LocalInputError("duplicate", input.free.slice());
  const notFree = input.free.filter((id) => inSelected.has(id) || outside.has(id));
  if (notFree.length) throw new LocalInputError("not-free", notFree);
  // A mentee or peer sits in one group; a mentor in at most `capacity` (checked by the encoder).
  const twice = [...inSelected.keys()].filter(
    (id) =>
      byId.get(id)!.role !== "mentor" && (inSelected.get(id) ?? 0) + (outside.get(id) ?? 0) > 1,
  );
  if (twice.length) throw new LocalInputError("placed-twice", twice);

  const people = [...inSelected.keys(), ...input.free].sort();
  const inside = new Set(people);
  const keptOutside = ([a, b]: readonly [string, string]) =>
    input.groups.some(
      (g) => !selectedSet.has(g.id) && g.members.includes(a) && g.members.includes(b),
    );
  const pinOutside = (full.pins ?? []).filter(
    (pin) => inside.has(pin[0]) !== inside.has(pin[1]) && !keptOutside(pin),
  );
  if (pinOutside.length) throw new LocalInputError("pin-outside", pinOutside.flat());

  // Each selected person carries their organization's declarations (./compatibility.ts), so
  // that a declaration by someone outside the selection still counts.
  const withOrganization = withOrganizationDeclarations(full.participants);
  const participants: Participant[] = people.map((id) => {
    const p = byId.get(id)!;
    const withOrg = withOrganization(p);
    if (p.role !== "mentor") return withOrg;
    const capacity = Math.max(0, (p.capacity ?? 1) - (outside.get(id) ?? 0));
    return { ...withOrg, capacity };
  });
  const both = (a: string, b: string) => inside.has(a) && inside.has(b);
  const instance = instanceSchema.parse({
    policy: full.policy,
    participants,
    pairScores: full.pairScores?.filter((s) => both(s.a, s.b)),
    ratings: full.ratings?.filter((r) => both(r.from, r.to)),
    pins: full.pins?.filter(([a, b]) => both(a, b)),
    forbid: full.forbid?.filter(([a, b]) => both(a, b)),
    weights: full.weights,
  } satisfies InstanceInput);
  return { instance, people, selectedGroups };
}

/** A group as the engine scores and explains it (members ordered mentor first, then by id). */
function viewOf(enc: Encoded, members: readonly string[]): LocalGroupView {
  const idx = members.map((id) => enc.byId.get(id)!);
  const mentor =
    enc.mode === "mentorship"
      ? (idx.find((i) => enc.participants[i]!.role === "mentor") ?? null)
      : null;
  const rest = idx
    .filter((i) => i !== mentor)
    .sort((a, b) => (enc.participants[a]!.id < enc.participants[b]!.id ? -1 : 1));
  const ordered = mentor === null ? rest : [mentor, ...rest];
  const [a, b, c] = ordered as [number, number, number];
  const score = tidy(enc.pairScoreOf(a, b) + enc.pairScoreOf(a, c) + enc.pairScoreOf(b, c));
  const ids = ordered.map((i) => enc.participants[i]!.id);
  return {
    members: [ids[0]!, ids[1]!, ids[2]!],
    mentor: mentor === null ? null : enc.participants[mentor]!.id,
    score,
    explanation: explainGroup(enc, ordered, false),
  };
}

/**
 * The rules that `groups` (of the selected people) break, from the engine's validation of fixed
 * groups on the sub-instance: roles, regions, organizations, competitors, forbids, pins, and
 * capacity (with what groups outside the selection use). Empty when every group is allowed.
 */
export function groupProblems(
  instance: Instance,
  groups: ReadonlyArray<readonly string[]>,
): { index: number; problems: { code: string; ids: string[] }[] }[] {
  const known = new Set(instance.participants.map((p) => p.id));
  const out: { index: number; problems: { code: string; ids: string[] }[] }[] = [];
  const valid: [string, string, string][] = [];
  groups.forEach((g, index) => {
    const strangers = g.filter((id) => !known.has(id));
    if (g.length !== 3 || new Set(g).size !== 3) {
      out.push({ index, problems: [{ code: "size", ids: [...g] }] });
    } else if (strangers.length) {
      out.push({ index, problems: [{ code: "not-in-selection", ids: strangers }] });
    } else valid.push([g[0]!, g[1]!, g[2]!]);
  });
  if (out.length) return out;
  const enc = encode(instanceSchema.parse({ ...instance, fixedGroups: valid }));
  return enc.violations.map((v) => ({ index: v.index, problems: v.problems }));
}

/** Pairs every new group with the selected group it shares the most people with (then by order). */
export function pairGroups(
  before: ReadonlyArray<{ id: string; members: readonly string[] }>,
  after: ReadonlyArray<readonly string[]>,
): { id: string | null; before: number | null; after: number | null }[] {
  const overlap = (a: readonly string[], b: readonly string[]) =>
    a.filter((x) => b.includes(x)).length;
  const candidates: { b: number; a: number; shared: number }[] = [];
  before.forEach((g, b) =>
    after.forEach((m, a) => {
      const shared = overlap(g.members, m);
      if (shared > 0) candidates.push({ b, a, shared });
    }),
  );
  candidates.sort((x, y) => y.shared - x.shared || x.b - y.b || x.a - y.a);
  const usedBefore = new Set<number>();
  const usedAfter = new Set<number>();
  const pairs = new Map<number, number>();
  for (const c of candidates) {
    if (usedBefore.has(c.b) || usedAfter.has(c.a)) continue;
    usedBefore.add(c.b);
    usedAfter.add(c.a);
    pairs.set(c.b, c.a);
  }
  const rows: { id: string | null; before: number | null; after: number | null }[] = before.map(
    (g, b) => ({ id: g.id, before: b, after: pairs.get(b) ?? null }),
  );
  after.forEach((_, a) => {
    if (!usedAfter.has(a)) rows.push({ id: null, before: null, after: a });
  });
  return rows;
}

/**
 * The most groups a packing problem allows, by an exact search over its triads (memoized on who
 * is still available), or null when it is not a problem of that shape (a triad without a person
 * of capacity 1, pin links or forced persons) or too large. Regroupings have at most ~20 people:
 * a few thousand states.
 */
export function mostGroups(problem: PackingProblem, maxStates = 200_000): number | null {
  if (problem.links?.length || problem.forced?.length) return null;
  const count = problem.values.length;
  const single: number[] = []; // person → bit, for persons of capacity 1
  const bit = new Int32Array(problem.n).fill(-1);
  for (let i = 0; i < problem.n; i++) {
    if (problem.cap[i] === 1 && single.length < 30) bit[i] = single.push(i) - 1;
  }
  const multi = [...Array(problem.n).keys()].filter((i) => problem.cap[i]! > 1);
  const slot = new Map(multi.map((i, k) => [i, k]));
  const byFirst: { mask: number; multi: number[] }[][] = single.map(() => []);
  for (let t = 0; t < count; t++) {
    const members = [0, 1, 2].map((k) => problem.triads[3 * t + k]!);
    if (members.some((m) => problem.cap[m]! <= 0)) continue;
    let mask = 0;
    const others: number[] = [];
    for (const m of members) {
      if (bit[m]! >= 0) mask |= 1 << bit[m]!;
      else if (problem.cap[m] === 1)
        return null; // more than 30 people of capacity 1
      else others.push(slot.get(m)!);
    }
    if (mask === 0) return null;
    byFirst[31 - Math.clz32(mask & -mask)]!.push({ mask, multi: others });
  }
  const caps = multi.map((i) => problem.cap[i]!);
  // Every triad takes at least `least` people of capacity 1, and three seats in all.
  let least = 3;
  for (const list of byFirst) for (const t of list) least = Math.min(least, popcount(t.mask));
  const memo = new Map<string, number>();
  const best = (available: number): number => {
    if (available === 0) return 0;
    const key = `${available},${caps.join()}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (memo.size >= maxStates) throw new RangeError("too many states");
    const singles = popcount(available);
    const upper = Math.min(
      Math.floor(singles / least),
      Math.floor((singles + caps.reduce((a, b) => a + b, 0)) / 3),
    );
    const p = 31 - Math.clz32(available & -available);
    let value = 0;
    for (const t of byFirst[p]!) {
      if (value >= upper) break;
      if ((t.mask & available) !== t.mask || t.multi.some((k) => caps[k]! <= 0)) continue;
      for (const k of t.multi) caps[k]! -= 1;
      value = Math.max(value, 1 + best(available & ~t.mask));
      for (const k of t.multi) caps[k]! += 1;
    }
    if (value < upper) value = Math.max(value, best(available & ~(1 << p)));
    memo.set(key, value);
    return value;
  };
  try {
    return best(single.length === 30 ? 0x3fffffff : (1 << single.length) - 1);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
}

/**
 * The exact solve of a regrouping in two steps: the most groups (`mostGroups`, an exact search),
 * then the best score with exactly that many groups, by the given solver (javascript-lp-solver).
 * The engine values a triad M + score (M larger than any score difference, ./encode.ts), so this
 * is the same optimum. javascript-lp-solver alone on the combined value, or on the number of
 * groups, can spend tens of seconds in its branch and bound proving that one more group is
 * impossible (15 people: 54 s); with the number of groups fixed, it answers in milliseconds.
 */
class TwoSteps implements PackingSolver {
  readonly name: string;
  constructor(
    private readonly inner: PackingSolver,
    private readonly M: number,
    /** How many of a triad's pairs sit together now (model indices): ties keep the most. */
    private readonly kept?: (a: number, b: number, c: number) => number,
  ) {
    this.name = inner.name;
  }

  async solve(problem: PackingProblem): Promise<PackingResult> {
    const unknown: PackingResult = { status: "unknown", chosen: [], objective: 0, bound: Infinity };
    const deadline = performance.now() + problem.timeLimitMs;
    let k = mostGroups(problem);
    if (k === null) {
      const count = problem.values.length;
      const most = await this.inner.solve({ ...problem, values: new Float64Array(count).fill(1) });
      if (most.status !== "optimal") return unknown;
      k = most.chosen.length;
    }
    if (k === 0) return { status: "optimal", chosen: [], objective: 0, bound: 0 };
    const best = await this.inner.solve({
      ...problem,
      values: Float64Array.from(problem.values, (v) => v - this.M),
      minGroups: k,
      maxGroups: k,
      timeLimitMs: Math.max(1, deadline - performance.now()),
    });
    if (best.status !== "optimal" || best.chosen.length !== k) return unknown;
    let chosen = best.chosen;
    if (this.kept) {
      // Among the regroupings with that score, the one that keeps the most pairs together: an
      // equal score is never a reason to move people.
      const scores = Float64Array.from(problem.values, (v) => v - this.M);
      const score = chosen.reduce((sum, t) => sum + scores[t]!, 0);
      const t3 = (t: number, k: number) => problem.triads[3 * t + k]!;
      const closest = await this.inner.solve({
        ...problem,
        values: Float64Array.from(scores, (_, t) => this.kept!(t3(t, 0), t3(t, 1), t3(t, 2))),
        minGroups: k,
        maxGroups: k,
        extraRow: { coefs: scores, lower: score - 1e-6 * Math.max(1, Math.abs(score)) },
        timeLimitMs: Math.max(1, deadline - performance.now()),
      });
      const closestScore = closest.chosen.reduce((sum, t) => sum + scores[t]!, 0);
      if (
        closest.status === "optimal" &&
        closest.chosen.length === k &&
        closestScore >= score - 1e-9 * Math.max(1, Math.abs(score))
      ) {
        chosen = closest.chosen;
      }
    }
    const objective = chosen.reduce((sum, t) => sum + problem.values[t]!, 0);
    return { status: "optimal", chosen, objective, bound: objective };
  }
}

const better = (
  x: { groups: number; score: number },
  y: { groups: number; score: number },
): boolean => x.groups > y.groups || (x.groups === y.groups && x.score > y.score + EPS);

/**
 * The comparison of a regrouping: the selected groups before, `after` (groups of the selected
 * people), paired line by line, with scores and the engine's reasons; the selected people left
 * out, with the engine's reasons; and the rules any group breaks (`problems` for `after`: a
 * regrouping to apply must have none). Throws `LocalInputError` for a selection it cannot work on.
 */
export function describeRegrouping(
  input: LocalInput,
  after: ReadonlyArray<readonly string[]>,
): Omit<LocalResult, "status" | "improved" | "timeMs"> & {
  problems: { index: number; problems: { code: string; ids: string[] }[] }[];
} {
  const { instance, selectedGroups } = localInstance(input);
  const enc = encode(instance);
  const beforeProblems = groupProblems(
    instance,
    selectedGroups.map((g) => g.members),
  );
  const problems = groupProblems(instance, after);
  const views = (groups: ReadonlyArray<readonly string[]>, broken: Set<number>) =>
    groups.map((g, i) => (broken.has(i) || g.length !== 3 ? null : viewOf(enc, g)));
  const beforeViews = views(
    selectedGroups.map((g) => g.members),
    new Set(beforeProblems.map((p) => p.index)),
  );
  const afterViews = views(after, new Set(problems.map((p) => p.index)));
  const total = (vs: (LocalGroupView | null)[]) => ({
    groups: vs.filter((v) => v !== null).length,
    score: tidy(vs.reduce((sum, v) => sum + (v?.score ?? 0), 0)),
  });
  const placed = new Set(after.flat());
  const placedCount = new Int32Array(enc.n);
  for (const id of placed) {
    const i = enc.byId.get(id);
    const m = i === undefined ? -1 : enc.modelIndex[i]!;
    if (m >= 0) placedCount[m]! += 1;
  }
  const unplaced = instance.participants
    .map((p) => p.id)
    .filter((id) => !placed.has(id))
    .map((id) => ({ id, ...explainUnplaced(enc, enc.byId.get(id)!, placedCount) }));
  const rows = pairGroups(selectedGroups, after).map((r) => ({
    id: r.id,
    before:
      r.before === null
        ? null
        : (beforeViews[r.before] ?? viewOfAny(enc, selectedGroups[r.before]!.members)),
    after: r.after === null ? null : (afterViews[r.after] ?? viewOfAny(enc, after[r.after]!)),
  }));
  return {
    rows,
    unplaced,
    before: total(beforeViews),
    after: total(afterViews),
    beforeProblems: beforeProblems.map((p) => ({
      id: selectedGroups[p.index]!.id,
      problems: p.problems,
    })),
    problems,
  };
}

/** A group's view even when it breaks a rule (shown, never counted); null if it is not a trio. */
function viewOfAny(enc: Encoded, members: readonly string[]): LocalGroupView | null {
  if (members.length !== 3 || members.some((id) => !enc.byId.has(id))) return null;
  return viewOf(enc, members);
}

/**
 * The best regrouping of the selected groups' people and the free people, everything else fixed.
 * Exact with `solver` (javascript-lp-solver in the app) when it proves its answer; if it could not
 * (time limit), the engine's own solver finishes, and the current groups are kept when nothing
 * better was found. Throws `LocalInputError` for a selection it cannot work on.
 */
export async function reoptimize(
  input: LocalInput,
  options: { solver?: PackingSolver; timeLimitMs?: number; directLimit?: number } = {},
): Promise<LocalResult> {
  const t0 = performance.now();
  const { instance, selectedGroups } = localInstance(input);
  const enc = encode(instance);
  const together = new Set<string>();
  for (const g of selectedGroups)
    for (const a of g.members) for (const b of g.members) if (a < b) together.add(`${a}\u0000${b}`);
  const idOf = (m: number) => enc.participants[enc.people[m]!]!.id;
  const pair = (x: number, y: number) => {
    const [a, b] = [idOf(x), idOf(y)].sort();
    return together.has(`${a}\u0000${b}`) ? 1 : 0;
  };
  const kept = (a: number, b: number, c: number) => pair(a, b) + pair(a, c) + pair(b, c);
  const result = await solveMatching(instance, {
    smallSolver: options.solver && new TwoSteps(options.solver, enc.M, kept),
    directLimit: options.directLimit ?? 1500,
    timeLimitMs: options.timeLimitMs ?? 5_000,
  });
  const current = describeRegrouping(
    input,
    selectedGroups.map((g) => g.members),
  );
  const proposed = result.groups.map((g) => g.members);
  const described = describeRegrouping(input, proposed);
  // An equal regrouping is no change: the current groups stay (and when the solver stopped early
  // with something worse, too).
  const improved = described.problems.length === 0 && better(described.after, current.before);
  const chosen = improved
    ? described
    : describeRegrouping(
        input,
        selectedGroups
          .filter((g) => !current.beforeProblems.some((p) => p.id === g.id))
          .map((g) => g.members),
      );
  return {
    status: result.status === "optimal" ? "optimal" : "feasible",
    improved,
    rows: chosen.rows,
    unplaced: chosen.unplaced,
    before: current.before,
    after: chosen.after,
    beforeProblems: current.beforeProblems,
    timeMs: Math.round(performance.now() - t0),
  };
}

/** One candidate for a member's seat: a free person, or a member of another group (a swap). */
export interface Replacement {
  id: string;
  /** The group the candidate comes from (they swap with the member who leaves), or null. */
  swapWith: string | null;
  /** The group's score with the candidate. */
  score: number;
  /** Change of the total score of the groups concerned (the group, and the other one for a swap). */
  delta: number;
}

/**
 * The best replacements for `outId` in group `groupId`, best first: every candidate whose change
 * keeps every rule (the same checks as a regrouping, with capacity used elsewhere counted), ranked
 * by the change of the total score, then by id. Candidates in no group take the seat; candidates in
 * another group swap with `outId`.
 */
export function rankReplacements(
  input: Omit<LocalInput, "selected" | "free">,
  groupId: string,
  outId: string,
  candidates: readonly string[],
  limit = 5,
): Replacement[] {
  const target = input.groups.find((g) => g.id === groupId);
  if (!target || !target.members.includes(outId)) {
    throw new LocalInputError("unknown-group", [groupId]);
  }
  const out: Replacement[] = [];
  for (const id of new Set(candidates)) {
    if (target.members.includes(id)) continue;
    const other = input.groups.find((g) => g.members.includes(id)) ?? null;
    let sub: ReturnType<typeof localInstance>;
    try {
      sub = localInstance({
        ...input,
        selected: other ? [target.id, other.id] : [target.id],
        free: other ? [] : [id],
      });
    } catch (error) {
      if (error instanceof LocalInputError) continue; // a pin outside, someone placed twice…
      throw error;
    }
    const nextTarget = target.members.map((m) => (m === outId ? id : m));
    const nextOther = other?.members.map((m) => (m === id ? outId : m));
    const next = nextOther ? [nextTarget, nextOther] : [nextTarget];
    if (groupProblems(sub.instance, next).length > 0) continue;
    const enc = encode(sub.instance);
    const scoreOf = (members: readonly string[]) => viewOf(enc, members).score;
    const was = scoreOf(target.members) + (other ? scoreOf(other.members) : 0);
    const score = scoreOf(nextTarget);
    const now = score + (nextOther ? scoreOf(nextOther) : 0);
    out.push({ id, swapWith: other?.id ?? null, score, delta: tidy(now - was) });
  }
  out.sort((a, b) => b.delta - a.delta || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out.slice(0, limit);
}
