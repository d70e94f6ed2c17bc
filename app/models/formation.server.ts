/**
 * The coordinator's side of group formation: solver runs (in a worker, with progress), decisions on
 * proposed groups (approve, reject, swap, move), pins and forbids. Every decision is audited.
 */
import { getStore, newId, NotFoundError } from "../../server/store";
import type { EntityOf } from "../../server/store";
import {
  emitSolverUpdate,
  getSolverRunner,
  SolverCancelledError,
  type SolverJob,
} from "../../server/matching/runner";
import { programRatings } from "./event.server";
import {
  activeGroups,
  audit,
  checkGroup,
  explainTriad,
  formGroup,
  groupScore,
  GroupRuleError,
} from "./group.server";
import { engineParticipants } from "./matching-input.server";

export type SolverRun = EntityOf<"solverRuns">;
type Program = EntityOf<"programs">;
type Actor = { id: string; name: string };

export const SOLVER_TIME_LIMIT_MS = 30_000;

const JOBS = Symbol.for("maillage.solver-jobs");
type Holder = { [JOBS]?: Map<string, SolverJob> };
function jobs() {
  return ((globalThis as Holder)[JOBS] ??= new Map());
}

export async function latestRun(programId: string) {
  const runs = await getStore().find("solverRuns", { programId });
  return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
}

export class SolverBusyError extends Error {}

/** Solves for everyone not yet in an active group; active groups stay fixed. */
export async function startSolve(program: Program, actor: Actor): Promise<SolverRun> {
  const running = (
    await getStore().find("solverRuns", { programId: program.id, status: "running" })
  )[0];
  if (running && jobs().has(running.id)) throw new SolverBusyError();
  if (running) {
    // A run left "running" by a restart: it can never finish.
    await getStore().update("solverRuns", running.id, {
      status: "failed",
      error: "interrupted",
      finishedAt: new Date().toISOString(),
    });
  }
  const [participants, groups, ratings] = await Promise.all([
    engineParticipants(program.id),
    activeGroups(program.id),
    programRatings(program.id),
  ]);
  const ids = new Set(participants.map((p) => p.id));
  const instance = {
    policy: { mode: program.composition, regionRule: program.regionRule },
    participants,
    ratings: ratings.filter((r) => ids.has(r.from) && ids.has(r.to)),
    pins: program.pins.filter(([a, b]) => ids.has(a) && ids.has(b)),
    forbids: program.forbids.filter(([a, b]) => ids.has(a) && ids.has(b)),
    fixedGroups: groups.map((g) => g.memberIds as [string, string, string]),
  };
  const run = await getStore().insert("solverRuns", {
    id: newId("run"),
    programId: program.id,
    status: "running",
    startedBy: actor.id,
    startedAt: new Date().toISOString(),
  });
  await audit(program.id, actor, "solve-started", { runId: run.id });
  const job = getSolverRunner()(instance, {
    timeLimitMs: SOLVER_TIME_LIMIT_MS,
    onProgress: (progress) => emitSolverUpdate(program.id, { runId: run.id, progress }),
  });
  jobs().set(run.id, job);
  const fixed = new Set(groups.map((g) => [...g.memberIds].sort().join("|")));
  job.result.then(
    async (result) => {
      jobs().delete(run.id);
      await getStore().update("solverRuns", run.id, {
        status: "done",
        finishedAt: new Date().toISOString(),
        progress: { phase: "done", fraction: 1 },
        result: {
          status: result.status,
          objective: result.objective,
          bound: result.bound,
          timeMs: result.timeMs,
        },
        groups: result.groups
          .filter((g) => !fixed.has([...g.members].sort().join("|")))
          .map((g, i) => ({
            id: `g${i + 1}`,
            memberIds: [...g.members],
            mentorId: g.mentor ?? undefined,
            score: g.score,
            explanation: { fr: g.explanation.text.fr, en: g.explanation.text.en },
            decision: "proposed" as const,
          })),
        unplaced: result.unplaced.map((u) => ({
          id: u.id,
          reason: u.text.en,
          reasonFr: u.text.fr,
          code: u.reasonCode,
        })),
      });
      emitSolverUpdate(program.id, { runId: run.id, done: true });
    },
    async (error: unknown) => {
      jobs().delete(run.id);
      const cancelled = error instanceof SolverCancelledError;
      await getStore().update("solverRuns", run.id, {
        status: cancelled ? "cancelled" : "failed",
        error: cancelled ? undefined : (error as Error).message,
        finishedAt: new Date().toISOString(),
      });
      emitSolverUpdate(program.id, { runId: run.id, done: true });
    },
  );
  return run;
}

export async function cancelSolve(program: Program, actor: Actor) {
  const run = (
    await getStore().find("solverRuns", { programId: program.id, status: "running" })
  )[0];
  const job = run && jobs().get(run.id);
  if (!run || !job) return false;
  job.cancel();
  await audit(program.id, actor, "solve-cancelled", { runId: run.id });
  return true;
}

async function loadRun(program: Program, runId: string) {
  const run = await getStore().get("solverRuns", runId);
  if (!run || run.programId !== program.id || run.status !== "done")
    throw new NotFoundError("solverRuns", runId);
  return run;
}

export async function approveProposedGroup(
  program: Program,
  runId: string,
  groupId: string,
  actor: Actor,
) {
  const run = await loadRun(program, runId);
  const proposed = run.groups.find((g) => g.id === groupId);
  if (!proposed || proposed.decision !== "proposed") throw new NotFoundError("groups", groupId);
  const group = await formGroup({
    program,
    memberIds: proposed.memberIds,
    origin: "solver",
    approvedBy: actor.id,
    explanation: proposed.explanation,
  });
  await getStore().update("solverRuns", run.id, {
    groups: run.groups.map((g) =>
      g.id === groupId ? { ...g, decision: "approved" as const, groupId: group.id } : g,
    ),
  });
  await audit(program.id, actor, "group-approved", {
    runId,
    members: proposed.memberIds,
    groupId: group.id,
  });
  return group;
}

export async function rejectProposedGroup(
  program: Program,
  runId: string,
  groupId: string,
  actor: Actor,
) {
  const run = await loadRun(program, runId);
  const proposed = run.groups.find((g) => g.id === groupId);
  if (!proposed || proposed.decision !== "proposed") throw new NotFoundError("groups", groupId);
  await getStore().update("solverRuns", run.id, {
    groups: run.groups.map((g) => (g.id === groupId ? { ...g, decision: "rejected" as const } : g)),
  });
  await audit(program.id, actor, "group-rejected", { runId, members: proposed.memberIds });
}

/**
 * Replaces one member of a proposed group by someone else: a person left out, or a member of another
 * proposed group (then the two swap). Both groups are checked again; any broken rule refuses the
 * change with its reason. Scores and explanations are recomputed.
 */
export async function changeMember(
  program: Program,
  input: { runId: string; groupId: string; outId: string; inId: string },
  actor: Actor,
) {
  const run = await loadRun(program, input.runId);
  const target = run.groups.find((g) => g.id === input.groupId && g.decision === "proposed");
  if (!target || !target.memberIds.includes(input.outId) || target.memberIds.includes(input.inId)) {
    throw new GroupRuleError("not-in-group");
  }
  const other = run.groups.find(
    (g) => g.decision === "proposed" && g.memberIds.includes(input.inId),
  );
  const inActive = (await activeGroups(program.id)).some((g) => g.memberIds.includes(input.inId));
  if (inActive)
    throw new GroupRuleError("violations", [{ code: "placed-twice", names: [input.inId] }]);
  const nextTarget = target.memberIds.map((id) => (id === input.outId ? input.inId : id));
  const nextOther = other?.memberIds.map((id) => (id === input.inId ? input.outId : id));
  const violations = [
    ...(await checkGroup(program, nextTarget)),
    ...(nextOther ? await checkGroup(program, nextOther) : []),
  ];
  if (violations.length) throw new GroupRuleError("violations", violations);
  const rebuild = async (memberIds: string[]) => {
    const people = await engineParticipants(program.id, new Set(memberIds));
    return {
      memberIds,
      mentorId: people.find((p) => p.role === "mentor")?.id,
      score: await groupScore(program.id, memberIds),
      explanation: await explainTriad(program, memberIds),
    };
  };
  const updatedTarget = await rebuild(nextTarget);
  const updatedOther = nextOther ? await rebuild(nextOther) : undefined;
  let unplaced = run.unplaced;
  if (!other) {
    unplaced = [
      ...run.unplaced.filter((u) => u.id !== input.inId),
      {
        id: input.outId,
        reason: "Moved out by a coordinator",
        reasonFr: "Retiré·e par la coordination",
        code: "moved",
      },
    ];
  }
  await getStore().update("solverRuns", run.id, {
    groups: run.groups.map((g) =>
      g.id === target.id
        ? { ...g, ...updatedTarget }
        : other && g.id === other.id
          ? { ...g, ...updatedOther! }
          : g,
    ),
    unplaced,
  });
  await audit(program.id, actor, other ? "members-swapped" : "member-moved", {
    runId: run.id,
    group: target.id,
    out: input.outId,
    in: input.inId,
    otherGroup: other?.id,
  });
  return { score: updatedTarget.score };
}

/** Pins keep two people together, forbids keep them apart, for every later solve and check. */
export async function setPairRule(
  program: Program,
  input: { kind: "pin" | "forbid"; a: string; b: string; remove: boolean },
  actor: Actor,
) {
  const ids = new Set(
    (await getStore().find("participants", { programId: program.id })).map((p) => p.id),
  );
  if (!ids.has(input.a) || !ids.has(input.b) || input.a === input.b)
    throw new GroupRuleError("not-participant");
  const key = (pair: [string, string]) => [...pair].sort().join("|");
  const wanted = key([input.a, input.b]);
  const field = input.kind === "pin" ? "pins" : "forbids";
  const current = program[field].filter((p) => key(p) !== wanted);
  const next = input.remove ? current : [...current, [input.a, input.b] as [string, string]];
  await getStore().update("programs", program.id, { [field]: next });
  await audit(program.id, actor, `${input.kind}-${input.remove ? "removed" : "added"}`, {
    a: input.a,
    b: input.b,
  });
}
