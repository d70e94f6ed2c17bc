/**
 * Local re-optimization on the formation page: the coordinator selects a few proposed groups of the
 * latest solver run (and people in no group) and asks for the best regrouping of only those people,
 * everything else fixed (formed groups, the other proposals, the capacity mentors use in them; the
 * program's pins, forbids, ratings and region rule). The engine's `reoptimize` (matching/local.ts)
 * solves it exactly with javascript-lp-solver in its worker thread (`s.solver.exact`). The proposal
 * is applied only when the coordinator approves it, in one transaction that re-reads the selection
 * and refuses it if anything in it changed since (the proposal's `token`). Also: the best
 * replacements for one member of a proposed group, ranked by the same code.
 * docs/decisions/0022-local-reoptimization.md.
 */
import { createHash } from "node:crypto";
import {
  describeRegrouping,
  LocalInputError,
  rankReplacements,
  reoptimize,
  type LocalGroup,
  type LocalGroupView,
  type LocalInput,
} from "../../matching/local";
import type { InstanceInput } from "../../matching/schema";
import type { Reason } from "../../matching/reasons";
import { DomainError } from "../errors";
import type { MessageKey } from "../i18n";
import type { Services } from "../services";
import type { EntityOf } from "../store";
import { programRatings } from "./event.server";
import { activeGroups, audit, GroupRuleError } from "./group.server";
import { engineParticipants, programRules, programSeats } from "./matching-input.server";
import { toSeatIds } from "../../matching/co-mentors";

type Program = EntityOf<"programs">;
type Actor = { id: string; name: string };

/** The largest selection: javascript-lp-solver answers it well under a second. */
export const LOCAL_LIMITS = { minGroups: 2, maxGroups: 6, maxPeople: 20 } as const;
/** The worker thread is terminated after this (the engine's own solver then finishes). */
const LOCAL_TIME_LIMIT_MS = 5_000;

export interface RegroupingSelection {
  runId: string;
  groupIds: string[];
  freeIds: string[];
}

/** A refused selection or proposal, with its translated message (next to `field` when given). */
export class RegroupingError extends DomainError {
  constructor(
    code: string,
    messageKey: MessageKey,
    options: { field?: string; names?: string[]; status?: number } = {},
  ) {
    super({
      name: "RegroupingError",
      code,
      messageKey,
      status: options.status ?? 409,
      field: options.field,
      params: { names: (options.names ?? []).join(", ") },
    });
  }
}

/** The program as the engine sees it, and every group holding people now. */
async function localState(s: Services, program: Program, runId: string) {
  const run = await s.store.get("solverRuns", runId);
  if (!run || run.programId !== program.id || run.status !== "done") {
    throw new RegroupingError("regrouping-no-run", "formation.local.noRun", {
      field: "runId",
      status: 404,
    });
  }
  const [participants, formed, ratings, seats] = await Promise.all([
    engineParticipants(s, program.id),
    activeGroups(s, program.id),
    programRatings(s, program.id),
    programSeats(s, program.id),
  ]);
  const ids = new Set(participants.map((p) => p.id));
  const instance = {
    ...programRules(program, ids, seats),
    participants,
    ratings: ratings.filter((r) => ids.has(r.from) && ids.has(r.to)),
  } satisfies InstanceInput;
  const proposed = run.groups.filter((g) => g.decision === "proposed");
  // Proposals first: a person found in a proposal is swapped from there (rankReplacements).
  const groups: LocalGroup[] = [
    ...proposed.map((g) => ({ id: g.id, members: g.memberIds })),
    ...formed.map((g) => ({ id: `formed:${g.id}`, members: toSeatIds(g.memberIds, seats) })),
  ];
  const placed = new Set(groups.flatMap((g) => g.members));
  const free = participants.map((p) => p.id).filter((id) => !placed.has(id));
  const names = new Map(participants.map((p) => [p.id, p.name ?? p.id]));
  return { run, instance, groups, proposed, free: new Set(free), names };
}

/** What the proposal was computed from: the selected groups' members and who was free. */
function tokenOf(
  state: Awaited<ReturnType<typeof localState>>,
  selection: RegroupingSelection,
): string {
  const groups = selection.groupIds.map((id) => {
    const g = state.proposed.find((p) => p.id === id);
    return [id, g ? [...g.memberIds].sort() : null];
  });
  const free = selection.freeIds.map((id) => [id, state.free.has(id)]);
  return createHash("sha256")
    .update(JSON.stringify({ run: state.run.id, groups, free }))
    .digest("base64url")
    .slice(0, 32);
}

function checkSelection(
  state: Awaited<ReturnType<typeof localState>>,
  selection: RegroupingSelection,
) {
  const name = (id: string) => state.names.get(id) ?? id;
  const unknown = selection.groupIds.filter((id) => !state.proposed.some((g) => g.id === id));
  if (unknown.length) {
    throw new RegroupingError("regrouping-group", "formation.local.notProposed", {
      field: "groupIds",
      names: unknown.map((id) => id.slice(1)),
    });
  }
  const notFree = selection.freeIds.filter((id) => !state.free.has(id));
  if (notFree.length) {
    throw new RegroupingError("regrouping-free", "formation.local.notFree", {
      field: "freeIds",
      names: notFree.map(name),
    });
  }
}

/** The engine's refusal of a selection, in the coordinator's words. */
function refusalOf(error: unknown, names: (id: string) => string): never {
  if (error instanceof LocalInputError) {
    if (error.code === "pin-outside") {
      throw new RegroupingError("regrouping-pin", "formation.local.pinOutside", {
        field: "groupIds",
        names: error.ids.map(names),
      });
    }
    throw new RegroupingError(`regrouping-${error.code}`, "formation.local.invalid", {
      field: "groupIds",
      names: error.ids.map(names),
    });
  }
  throw error;
}

export interface RegroupingGroupView {
  members: string[];
  mentorId: string | null;
  score: number;
  reasons: Reason[];
}

const view = (g: LocalGroupView | null): RegroupingGroupView | null =>
  g && {
    members: [...g.members],
    mentorId: g.mentor,
    score: g.score,
    reasons: g.explanation.reasons,
  };

/**
 * The best regrouping of the selection, as a before/after comparison (nothing is written). The
 * `token` names what it was computed from; `applyRegrouping` refuses it once that changed.
 */
export async function proposeRegrouping(
  s: Services,
  program: Program,
  selection: RegroupingSelection,
) {
  const state = await localState(s, program, selection.runId);
  checkSelection(state, selection);
  const names = (id: string) => state.names.get(id) ?? id;
  const input: LocalInput = {
    instance: state.instance,
    groups: state.groups,
    selected: selection.groupIds,
    free: selection.freeIds,
  };
  const result = await reoptimize(input, {
    solver: s.solver.exact,
    timeLimitMs: LOCAL_TIME_LIMIT_MS,
  }).catch((error: unknown) => refusalOf(error, names));
  return {
    runId: state.run.id,
    groupIds: selection.groupIds,
    freeIds: selection.freeIds,
    token: tokenOf(state, selection),
    status: result.status,
    improved: result.improved,
    before: result.before,
    after: result.after,
    rows: result.rows.map((r) => ({ id: r.id, before: view(r.before), after: view(r.after) })),
    unplaced: result.unplaced.map((u) => ({ id: u.id, reasons: u.reasons })),
    timeMs: result.timeMs,
  };
}

export type RegroupingProposal = Awaited<ReturnType<typeof proposeRegrouping>>;

/**
 * Applies an approved regrouping: in one transaction, the selection is read again and the
 * regrouping refused if any selected group or free person changed since the proposal; the new
 * groups are checked again (every rule, capacity used outside the selection counted) and replace
 * the selected proposals in the run. The audit line is written after the commit.
 */
export async function applyRegrouping(
  s: Services,
  program: Program,
  input: RegroupingSelection & { token: string; groups: string[][] },
  actor: Actor,
) {
  return s.store.transaction(async (tx) => {
    const current = (await tx.get("programs", program.id)) ?? program;
    const state = await localState(s, current, input.runId);
    if (tokenOf(state, input) !== input.token) {
      throw new RegroupingError("regrouping-stale", "formation.local.changed");
    }
    checkSelection(state, input);
    const names = (id: string) => state.names.get(id) ?? id;
    const local: LocalInput = {
      instance: state.instance,
      groups: state.groups,
      selected: input.groupIds,
      free: input.freeIds,
    };
    let described: ReturnType<typeof describeRegrouping>;
    try {
      described = describeRegrouping(local, input.groups);
    } catch (error) {
      refusalOf(error, names);
    }
    if (described.problems.length) {
      throw new GroupRuleError(
        "violations",
        described.problems.flatMap((p) =>
          p.problems.map((x) => ({ code: x.code, names: x.ids.map(names) })),
        ),
      );
    }
    const selected = state.proposed.filter((g) => input.groupIds.includes(g.id));
    const same =
      selected.length === input.groups.length &&
      selected.every((g) =>
        input.groups.some((n) => [...n].sort().join() === [...g.memberIds].sort().join()),
      );
    if (same) return { changed: false };

    // New lines reuse the id of the selected group they come from; new groups get new ids.
    let next = Math.max(0, ...state.run.groups.map((g) => Number(g.id.slice(1)) || 0));
    const rows = described.rows.map((r) => ({
      ...r,
      id: r.id ?? (r.after ? `g${++next}` : null),
    }));
    const stored = (r: (typeof rows)[number]) => ({
      id: r.id!,
      memberIds: [...r.after!.members],
      mentorId: r.after!.mentor ?? undefined,
      score: r.after!.score,
      explanation: r.after!.explanation.reasons,
      decision: "proposed" as const,
    });
    const byId = new Map(rows.filter((r) => r.after && r.id).map((r) => [r.id!, stored(r)]));
    const groups = [
      ...state.run.groups.flatMap((g) =>
        input.groupIds.includes(g.id) ? (byId.has(g.id) ? [byId.get(g.id)!] : []) : [g],
      ),
      ...rows.filter((r) => r.before === null && r.after).map(stored),
    ];
    const placed = new Set(described.rows.flatMap((r) => r.after?.members ?? []));
    const people = new Set([...selected.flatMap((g) => g.memberIds), ...input.freeIds]);
    const unplaced = [
      ...state.run.unplaced.filter((u) => !people.has(u.id)),
      ...described.unplaced
        .filter((u) => !placed.has(u.id))
        .map((u) => ({ id: u.id, code: u.reasonCode, reasons: u.reasons })),
    ];
    await tx.update("solverRuns", state.run.id, {
      groups,
      unplaced,
      editedAt: s.clock.now().toISOString(),
    });
    await audit(s, current.id, actor, "groups-regrouped", {
      runId: state.run.id,
      groups: input.groupIds,
      free: input.freeIds,
      before: selected.map((g) => g.memberIds),
      after: input.groups,
    });
    return { changed: true };
  });
}

/**
 * The best replacements for one member of a proposed group, best first: people in no group, or
 * members of another proposal (a swap), each change keeping every rule.
 */
export async function suggestReplacements(
  s: Services,
  program: Program,
  input: { runId: string; groupId: string; outId: string },
) {
  const state = await localState(s, program, input.runId);
  const target = state.proposed.find((g) => g.id === input.groupId);
  if (!target || !target.memberIds.includes(input.outId)) {
    throw new GroupRuleError("not-in-group");
  }
  const candidates = [
    ...state.free,
    ...state.proposed.filter((g) => g.id !== target.id).flatMap((g) => g.memberIds),
  ];
  const ranked = rankReplacements(
    { instance: state.instance, groups: state.groups },
    target.id,
    input.outId,
    candidates,
    5,
  );
  return {
    runId: state.run.id,
    groupId: target.id,
    outId: input.outId,
    replacements: ranked,
  };
}
