/**
 * The coordinator's side of group formation: solver runs (in a worker, with progress), decisions on
 * proposed groups (approve, reject, swap, move), pins and forbids. Every decision is audited.
 */
import { newId, NotFoundError } from "../store";
import type { EntityOf, StoreWriter } from "../store";
import { isSolverCancelled, type SolverRunner } from "../solver/runner";
import type { InstanceInput } from "../../matching/schema";
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
import { engineParticipants, programRules, programSeats } from "./matching-input.server";
import { toSeatIds } from "../../matching/co-mentors";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type SolverRun = EntityOf<"solverRuns">;
type Program = EntityOf<"programs">;
type Actor = { id: string; name: string };

export const SOLVER_TIME_LIMIT_MS = 30_000;

export async function latestRun(s: Services, programId: string) {
  const runs = await s.store.find("solverRuns", { programId });
  return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
}

export class SolverBusyError extends DomainError {
  constructor() {
    super({
      name: "SolverBusyError",
      code: "solver-busy",
      messageKey: "formation.busy",
      status: 409,
    });
  }
}

/**
 * A run still "running" after this long lost its process (a restart, a crash): no solve lasts
 * longer than its time limit.
 */
const RUN_LOST_AFTER_MS = SOLVER_TIME_LIMIT_MS + 30_000;

/** The proposed group a coordinator decides on, read again inside the transaction. */
async function proposedGroup(tx: StoreWriter, program: Program, runId: string, groupId: string) {
  const run = await tx.get("solverRuns", runId);
  if (!run || run.programId !== program.id || run.status !== "done")
    throw new NotFoundError("solverRuns", runId);
  const proposed = run.groups.find((g) => g.id === groupId);
  if (!proposed) throw new NotFoundError("groups", groupId);
  return { run, proposed };
}

/**
 * Solves for everyone not yet in an active group; active groups stay fixed. One run at a time per
 * program, on any process: the check and the new run are one transaction (and a unique key), and
 * the solver starts once the run is committed.
 */
export async function startSolve(s: Services, program: Program, actor: Actor): Promise<SolverRun> {
  const store = s.store;
  return store.transaction(async (tx) => {
    const running = await tx.findOne("solverRuns", { programId: program.id, status: "running" });
    if (running) {
      const lost =
        !s.solver.jobs.has(running.id) &&
        s.clock.now().getTime() - Date.parse(running.startedAt) > RUN_LOST_AFTER_MS;
      if (!lost) throw new SolverBusyError();
      await tx.update("solverRuns", running.id, {
        status: "failed",
        error: "interrupted",
        finishedAt: s.clock.now().toISOString(),
      });
    }
    const current = (await tx.get("programs", program.id)) ?? program;
    const [participants, formed, ratings, seats] = await Promise.all([
      engineParticipants(s, current.id),
      activeGroups(s, current.id),
      programRatings(s, current.id),
      programSeats(s, current.id),
    ]);
    // The solver counts seats: a shared mentor seat is one person (matching/co-mentors.ts).
    const groups = formed.map((g) => ({ memberIds: toSeatIds(g.memberIds, seats) }));
    const ids = new Set(participants.map((p) => p.id));
    const instance = {
      ...programRules(current, ids, seats),
      participants,
      ratings: ratings.filter((r) => ids.has(r.from) && ids.has(r.to)),
      fixedGroups: groups.map((g) => g.memberIds as [string, string, string]),
    } satisfies InstanceInput;
    const run = await tx.insert("solverRuns", {
      id: newId("run"),
      programId: current.id,
      status: "running",
      startedBy: actor.id,
      startedAt: s.clock.now().toISOString(),
    });
    await audit(s, current.id, actor, "solve-started", { runId: run.id });
    const fixed = new Set(groups.map((g) => [...g.memberIds].sort().join("|")));
    // The solver starts once the run is committed (the caller's transaction may be wider).
    await store.afterCommit(() => runJob(s, run, instance, fixed));
    return run;
  });
}

function runJob(
  s: Services,
  run: SolverRun,
  instance: Parameters<SolverRunner>[0],
  fixed: ReadonlySet<string>,
) {
  const store = s.store;
  const programId = run.programId;
  const job = s.solver.run(instance, {
    timeLimitMs: SOLVER_TIME_LIMIT_MS,
    onProgress: (progress) => s.solver.updates.emit(programId, { runId: run.id, progress }),
  });
  s.solver.jobs.set(run.id, job);
  job.result.then(
    async (result) => {
      s.solver.jobs.delete(run.id);
      await store.update("solverRuns", run.id, {
        status: "done",
        finishedAt: s.clock.now().toISOString(),
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
            explanation: g.explanation.reasons,
            decision: "proposed" as const,
          })),
        unplaced: result.unplaced.map((u) => ({
          id: u.id,
          code: u.reasonCode,
          reasons: u.reasons,
        })),
      });
      s.solver.updates.emit(programId, { runId: run.id, done: true });
    },
    async (error: unknown) => {
      s.solver.jobs.delete(run.id);
      const cancelled = isSolverCancelled(error);
      await store.update("solverRuns", run.id, {
        status: cancelled ? "cancelled" : "failed",
        error: cancelled ? undefined : (error as Error).message,
        finishedAt: s.clock.now().toISOString(),
      });
      s.solver.updates.emit(programId, { runId: run.id, done: true });
    },
  );
}

export async function cancelSolve(s: Services, program: Program, actor: Actor) {
  const run = (await s.store.find("solverRuns", { programId: program.id, status: "running" }))[0];
  const job = run && s.solver.jobs.get(run.id);
  if (!run || !job) return false;
  job.cancel();
  await audit(s, program.id, actor, "solve-cancelled", { runId: run.id });
  return true;
}

/**
 * Approves a proposed group: the group is formed (every rule checked again) and the run records
 * the decision, in one transaction. Approving it again changes nothing.
 */
export async function approveProposedGroup(
  s: Services,
  program: Program,
  runId: string,
  groupId: string,
  actor: Actor,
) {
  return s.store.transaction(async (tx) => {
    const { run, proposed } = await proposedGroup(tx, program, runId, groupId);
    if (proposed.decision === "approved" && proposed.groupId) {
      const formed = await tx.get("groups", proposed.groupId);
      if (formed) return formed;
    }
    if (proposed.decision !== "proposed") throw new GroupRuleError(`proposal-${proposed.decision}`);
    const group = await formGroup(s, {
      program,
      memberIds: proposed.memberIds,
      origin: "solver",
      sourceKey: `run:${run.id}:${proposed.id}`,
      approvedBy: actor.id,
      explanation: proposed.explanation,
    });
    await tx.update("solverRuns", run.id, {
      groups: run.groups.map((g) =>
        g.id === groupId ? { ...g, decision: "approved" as const, groupId: group.id } : g,
      ),
    });
    await audit(s, program.id, actor, "group-approved", {
      runId,
      members: proposed.memberIds,
      groupId: group.id,
    });
    return group;
  });
}

export async function rejectProposedGroup(
  s: Services,
  program: Program,
  runId: string,
  groupId: string,
  actor: Actor,
) {
  await s.store.transaction(async (tx) => {
    const { run, proposed } = await proposedGroup(tx, program, runId, groupId);
    if (proposed.decision === "rejected") return;
    if (proposed.decision !== "proposed") throw new GroupRuleError(`proposal-${proposed.decision}`);
    await tx.update("solverRuns", run.id, {
      groups: run.groups.map((g) =>
        g.id === groupId ? { ...g, decision: "rejected" as const } : g,
      ),
    });
    await audit(s, program.id, actor, "group-rejected", { runId, members: proposed.memberIds });
  });
}

/**
 * Replaces one member of a proposed group by someone else: a person left out, or a member of another
 * proposed group (then the two swap). Both groups are checked again; any broken rule refuses the
 * change with its reason. Scores and explanations are recomputed. One transaction: two
 * coordinators changing the same run are applied one after the other, each on the other's result.
 */
export async function changeMember(
  s: Services,
  program: Program,
  input: { runId: string; groupId: string; outId: string; inId: string },
  actor: Actor,
) {
  return s.store.transaction(async (tx) => {
    const current = (await tx.get("programs", program.id)) ?? program;
    const { run, proposed: target } = await proposedGroup(tx, current, input.runId, input.groupId);
    if (
      target.decision !== "proposed" ||
      !target.memberIds.includes(input.outId) ||
      target.memberIds.includes(input.inId)
    ) {
      throw new GroupRuleError("not-in-group");
    }
    const other = run.groups.find(
      (g) => g.decision === "proposed" && g.memberIds.includes(input.inId),
    );
    const inActive = (await activeGroups(s, current.id)).some((g) =>
      g.memberIds.includes(input.inId),
    );
    if (inActive)
      throw new GroupRuleError("violations", [{ code: "placed-twice", names: [input.inId] }]);
    const nextTarget = target.memberIds.map((id) => (id === input.outId ? input.inId : id));
    const nextOther = other?.memberIds.map((id) => (id === input.inId ? input.outId : id));
    const violations = [
      ...(await checkGroup(s, current, nextTarget)),
      ...(nextOther ? await checkGroup(s, current, nextOther) : []),
    ];
    if (violations.length) throw new GroupRuleError("violations", violations);
    const rebuild = async (memberIds: string[]) => {
      const people = await engineParticipants(s, current.id, new Set(memberIds));
      return {
        memberIds,
        mentorId: people.find((p) => p.role === "mentor")?.id,
        score: await groupScore(s, current.id, memberIds),
        explanation: await explainTriad(s, current, memberIds),
      };
    };
    const updatedTarget = await rebuild(nextTarget);
    const updatedOther = nextOther ? await rebuild(nextOther) : undefined;
    let unplaced = run.unplaced;
    if (!other) {
      unplaced = [
        ...run.unplaced.filter((u) => u.id !== input.inId),
        { id: input.outId, code: "moved", reasons: [{ code: "moved-out", params: {} }] },
      ];
    }
    await tx.update("solverRuns", run.id, {
      editedAt: s.clock.now().toISOString(),
      groups: run.groups.map((g) =>
        g.id === target.id
          ? { ...g, ...updatedTarget }
          : other && g.id === other.id
            ? { ...g, ...updatedOther! }
            : g,
      ),
      unplaced,
    });
    await audit(s, current.id, actor, other ? "members-swapped" : "member-moved", {
      runId: run.id,
      group: target.id,
      out: input.outId,
      in: input.inId,
      otherGroup: other?.id,
    });
    return { score: updatedTarget.score };
  });
}

/**
 * Pins keep two people together, forbids keep them apart, for every later solve and check. The
 * program is read again in the transaction: two coordinators adding rules at once keep both.
 */
export async function setPairRule(
  s: Services,
  program: Program,
  input: { kind: "pin" | "forbid"; a: string; b: string; remove: boolean },
  actor: Actor,
) {
  await s.store.transaction(async (tx) => {
    const current = (await tx.get("programs", program.id)) ?? program;
    const ids = new Set(
      (await tx.find("participants", { programId: current.id })).map((p) => p.id),
    );
    if (!ids.has(input.a) || !ids.has(input.b) || input.a === input.b)
      throw new GroupRuleError("not-participant");
    const key = (pair: [string, string]) => [...pair].sort().join("|");
    const wanted = key([input.a, input.b]);
    const field = input.kind === "pin" ? "pins" : "forbids";
    const had = current[field].some((p) => key(p) === wanted);
    if (had !== input.remove) return;
    const rest = current[field].filter((p) => key(p) !== wanted);
    const next = input.remove ? rest : [...rest, [input.a, input.b] as [string, string]];
    await tx.update("programs", current.id, { [field]: next });
    await audit(s, current.id, actor, `${input.kind}-${input.remove ? "removed" : "added"}`, {
      a: input.a,
      b: input.b,
    });
  });
}
