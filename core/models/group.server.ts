/**
 * Groups of three: the hard-constraint check (the matching engine's own validation of fixed groups),
 * self-formed proposals between participants, and group creation with notifications.
 */
import { encode } from "../../matching/encode";
import { explainGroup } from "../../matching/explain";
import type { Reason } from "../../matching/reasons";
import { instanceSchema, type InstanceInput } from "../../matching/schema";
import { pairScore } from "../../matching/score";
import { newId, NotFoundError } from "../store";
import type { EntityOf, StoreWriter } from "../store";
import { seatFor } from "./membership";
import { engineParticipants, programRules } from "./matching-input.server";
import { notify, notifyCoordinators } from "./notification.server";
import { programRatings } from "./event.server";
import { newestFirst } from "../utils/order";
import { addDays, quebecToday, weekdayOf } from "../utils/quebec-time";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type Group = EntityOf<"groups">;
export type GroupProposal = EntityOf<"groupProposals">;
type Program = EntityOf<"programs">;

export interface Violation {
  code: string;
  /** Names of the people concerned. */
  names: string[];
}

export async function getGroup(s: Services, id: string) {
  return s.store.get("groups", id);
}

/** Active groups of a program. */
export async function activeGroups(s: Services, programId: string) {
  return s.store.find("groups", { programId, status: "active" });
}

/**
 * Checks a candidate group against every hard constraint, counting the program's active groups
 * (mentor capacity, one group per mentee or peer), pins and forbids. Empty when it is allowed.
 */
export async function checkGroup(
  s: Services,
  program: Program,
  memberIds: readonly string[],
  options: { ignoreGroupIds?: readonly string[] } = {},
): Promise<Violation[]> {
  const ids = [...new Set(memberIds)];
  const all = await engineParticipants(s, program.id);
  const byId = new Map(all.map((p) => [p.id, p]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  if (ids.length !== 3) return [{ code: "size", names: [] }];
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) return [{ code: "not-participant", names: unknown }];

  const others = (await activeGroups(s, program.id)).filter(
    (g) => !options.ignoreGroupIds?.includes(g.id) && g.memberIds.some((m) => ids.includes(m)),
  );
  const pinPartners = program.pins.flatMap(([a, b]) =>
    ids.includes(a) ? [b] : ids.includes(b) ? [a] : [],
  );
  const subset = new Set([...ids, ...others.flatMap((g) => g.memberIds), ...pinPartners]);
  const participants = [...subset].filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  const instance = instanceSchema.parse({
    ...programRules(program, subset),
    participants,
    fixedGroups: [
      ...others.map((g) => g.memberIds as [string, string, string]),
      ids as [string, string, string],
    ],
  } satisfies InstanceInput);
  const candidateIndex = others.length;
  const violations = encode(instance).violations.filter((v) => v.index === candidateIndex);
  return violations.flatMap((v) =>
    v.problems.map((p) => ({ code: p.code, names: p.ids.map(name) })),
  );
}

/**
 * The engine's own explanation of a group (needs met, shared needs, ratings, rules checked), as
 * reason codes the pages word in the reader's language.
 */
export async function explainTriad(
  s: Services,
  program: Program,
  memberIds: readonly string[],
): Promise<Reason[]> {
  const people = await engineParticipants(s, program.id, new Set(memberIds));
  const ids = new Set(people.map((p) => p.id));
  const ratings = (await programRatings(s, program.id)).filter(
    (r) => ids.has(r.from) && ids.has(r.to),
  );
  const enc = encode(
    instanceSchema.parse({
      policy: { mode: program.composition, regionRule: program.regionRule },
      participants: people,
      ratings,
    }),
  );
  const explanation = explainGroup(
    enc,
    people.map((p) => enc.byId.get(p.id)!),
    false,
  );
  return explanation.reasons;
}

/** Sum of the three pair scores, with the program's speed-dating ratings. */
export async function groupScore(s: Services, programId: string, memberIds: readonly string[]) {
  const people = await engineParticipants(s, programId, new Set(memberIds));
  const ratings = await programRatings(s, programId);
  let score = 0;
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++)
      score += pairScore(people[i]!, people[j]!, undefined, ratings);
  }
  return Math.round(score * 100) / 100;
}

const WEEKDAY_CODES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/**
 * The first meeting, within two weeks (the pilot's lesson: start fast): the first day from three
 * days on when all three are available, else a week from now.
 */
export async function suggestFirstMeeting(
  s: Services,
  memberIds: readonly string[],
  from = s.clock.now(),
) {
  const store = s.store;
  const members = await Promise.all(memberIds.map((id) => store.get("participants", id)));
  // Days and weekdays in Quebec, whatever the server's zone.
  const today = quebecToday(from);
  for (let days = 3; days <= 14; days++) {
    const date = addDays(today, days);
    const code = WEEKDAY_CODES[weekdayOf(date)]!;
    const everyone = members.every((m) =>
      m?.profile.availability.some((slot) => slot.startsWith(code)),
    );
    if (everyone) return date;
  }
  return addDays(today, 7);
}

export class GroupRuleError extends DomainError {
  constructor(code: string, violations: Violation[] = []) {
    super({
      name: "GroupRuleError",
      code,
      messageKey: "forms.fixErrors",
      status: 409,
      // The page lists the broken rules; a refusal without a list names its own code.
      violations: violations.length ? violations : [{ code, names: [] }],
    });
  }
}

/**
 * Creates the group and takes its members' seats, in one transaction that checks every rule again
 * on what it reads (docs/invariants.md), then tells its members once the group is committed.
 * `sourceKey` names what the group is formed from (a proposal, a solver run's group): a second
 * group from the same source is refused by the store itself.
 */
export async function formGroup(
  s: Services,
  input: {
    program: Program;
    memberIds: string[];
    origin: Group["origin"];
    sourceKey: string;
    approvedBy?: string;
    explanation?: Group["explanation"];
  },
) {
  const store = s.store;
  return store.transaction(async (tx) => {
    const program = (await tx.get("programs", input.program.id)) ?? input.program;
    if (await tx.findOne("groups", { sourceKey: input.sourceKey }))
      throw new GroupRuleError("already-formed");
    const violations = await checkGroup(s, program, input.memberIds);
    if (violations.length) throw new GroupRuleError("violations", violations);
    const participants = await engineParticipants(s, program.id, new Set(input.memberIds));
    const mentor = participants.find((p) => p.role === "mentor");
    const [score, suggestedFirstMeeting] = await Promise.all([
      groupScore(s, program.id, input.memberIds),
      suggestFirstMeeting(s, input.memberIds),
    ]);
    const now = s.clock.now().toISOString();
    const group = await tx.insert("groups", {
      id: newId("grp"),
      programId: program.id,
      memberIds: [...input.memberIds].sort(),
      mentorId: mentor?.id,
      status: "active",
      origin: input.origin,
      sourceKey: input.sourceKey,
      score,
      explanation: input.explanation,
      suggestedFirstMeeting,
      approvedBy: input.approvedBy,
      createdAt: now,
    });
    for (const participantId of group.memberIds) {
      const member = await tx.get("participants", participantId);
      const seat = member && seatFor(member, await tx.find("memberships", { participantId }));
      if (seat === undefined) {
        const name = participants.find((p) => p.id === participantId)?.name ?? participantId;
        throw new GroupRuleError("violations", [{ code: "capacity-exceeded", names: [name] }]);
      }
      await tx.insert("memberships", {
        id: newId("mbr"),
        programId: program.id,
        groupId: group.id,
        participantId,
        seat,
        createdAt: now,
      });
    }
    for (const id of group.memberIds) {
      const member = await tx.get("participants", id);
      if (!member) continue;
      const others = participants.filter((p) => p.id !== id).map((p) => p.name ?? p.id);
      await notify(s, {
        userId: member.userId,
        programId: program.id,
        kind: "groupFormed",
        params: { program: program.title, others: others.join(", "), date: suggestedFirstMeeting },
        link: `/programs/${program.id}/groups/${group.id}`,
      });
    }
    return group;
  });
}

/** A line of the coordinators' audit trail, written once the decision it records is committed. */
export async function audit(
  s: Services,
  programId: string,
  actor: { id: string; name: string },
  action: string,
  details: Record<string, unknown> = {},
) {
  const entry = {
    id: newId("aud"),
    programId,
    at: s.clock.now().toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    action,
    details,
  };
  await s.store.afterCommit(() => s.audit.append(entry));
}

export async function listAudit(s: Services, programId: string) {
  return (await s.audit.list(programId)).reverse();
}

/** Marks proposals past their expiry as expired (done lazily, inside the caller's transaction). */
async function expireProposals(s: Services, tx: StoreWriter, programId: string) {
  const now = s.clock.now().toISOString();
  const stale = (await tx.find("groupProposals", { programId, status: "pending" })).filter(
    (p) => p.expiresAt <= now,
  );
  for (const proposal of stale) {
    await tx.update("groupProposals", proposal.id, { status: "expired", decidedAt: now });
  }
}

export async function listProposalsFor(s: Services, programId: string, participantId: string) {
  return s.store.transaction(async (tx) => {
    await expireProposals(s, tx, programId);
    const all = await tx.find("groupProposals", { programId });
    return all
      .filter((p) => p.memberIds.includes(participantId))
      .sort((a, b) => newestFirst(a.createdAt, b.createdAt));
  });
}

export async function listProposalsAwaitingApproval(s: Services, programId: string) {
  return s.store.transaction(async (tx) => {
    await expireProposals(s, tx, programId);
    return tx.find("groupProposals", { programId, status: "awaiting-approval" });
  });
}

/** Who among `memberIds` is already in a pending proposal (one pending proposal per person). */
async function inPendingProposal(tx: StoreWriter, programId: string, memberIds: string[]) {
  const pending = await tx.find("groupProposals", { programId, status: "pending" });
  return memberIds.filter((id) => pending.some((p) => p.memberIds.includes(id)));
}

/**
 * A participant proposes a group to two others; refused with the reasons when a rule is broken.
 * The rules (no pending proposal for any of the three, the group's hard constraints) are checked
 * in the transaction that writes the proposal; the two others are told once it is committed.
 */
export async function proposeGroup(
  s: Services,
  input: {
    program: Program;
    proposerId: string;
    otherIds: [string, string];
    message: string;
  },
) {
  const { proposerId } = input;
  const memberIds = [proposerId, ...input.otherIds];
  return s.store.transaction(async (tx) => {
    const program = (await tx.get("programs", input.program.id)) ?? input.program;
    await expireProposals(s, tx, program.id);
    const busy = await inPendingProposal(tx, program.id, memberIds);
    if (busy.length) {
      const people = await engineParticipants(s, program.id, new Set(busy));
      throw new GroupRuleError("pending-proposal", [
        { code: "pending-proposal", names: people.map((p) => p.name ?? p.id) },
      ]);
    }
    const violations = await checkGroup(s, program, memberIds);
    if (violations.length) throw new GroupRuleError("violations", violations);
    const now = s.clock.now().getTime();
    const proposal = await tx.insert("groupProposals", {
      id: newId("gp"),
      programId: program.id,
      proposerId,
      memberIds,
      responses: Object.fromEntries(
        memberIds.map((id) => [id, id === proposerId ? "accepted" : "pending"]),
      ),
      status: "pending",
      message: input.message,
      expiresAt: new Date(now + program.proposalHours * 3_600_000).toISOString(),
      createdAt: new Date(now).toISOString(),
    });
    const people = await engineParticipants(s, program.id, new Set(memberIds));
    const proposer = people.find((p) => p.id === proposerId)?.name ?? "";
    for (const id of input.otherIds) {
      const member = await tx.get("participants", id);
      if (member) {
        await notify(s, {
          userId: member.userId,
          programId: program.id,
          kind: "proposalReceived",
          params: { program: program.title, proposer },
          link: `/programs/${program.id}/groups`,
        });
      }
    }
    return proposal;
  });
}

/** A proposal of the program that names this participant, read inside the transaction. */
async function proposalOf(tx: StoreWriter, programId: string, proposalId: string) {
  const proposal = await tx.get("groupProposals", proposalId);
  if (!proposal || proposal.programId !== programId)
    throw new NotFoundError("groupProposals", proposalId);
  return proposal;
}

/**
 * Accept or decline. When all three accept, the group forms (or waits for the coordinators), in
 * the same transaction. Answering again what one already answered changes nothing and returns the
 * proposal as it stands (a double click, a retry, a second tab): one group, one notice.
 */
export async function respondToProposal(
  s: Services,
  input: {
    program: Program;
    proposalId: string;
    participantId: string;
    accept: boolean;
  },
) {
  return s.store.transaction(async (tx) => {
    const program = (await tx.get("programs", input.program.id)) ?? input.program;
    await expireProposals(s, tx, program.id);
    const proposal = await proposalOf(tx, program.id, input.proposalId);
    if (!proposal.memberIds.includes(input.participantId))
      throw new NotFoundError("groupProposals", input.proposalId);
    const answer = input.accept ? ("accepted" as const) : ("declined" as const);
    if (proposal.responses[input.participantId] === answer) return proposal;
    if (proposal.status !== "pending") throw new GroupRuleError(`proposal-${proposal.status}`);
    const responses = { ...proposal.responses, [input.participantId]: answer };
    const now = s.clock.now().toISOString();
    if (!input.accept) {
      return tx.update("groupProposals", proposal.id, {
        responses,
        status: "declined",
        decidedAt: now,
      });
    }
    if (!proposal.memberIds.every((id) => responses[id] === "accepted")) {
      return tx.update("groupProposals", proposal.id, { responses });
    }
    const violations = await checkGroup(s, program, proposal.memberIds);
    if (violations.length) throw new GroupRuleError("violations", violations);
    if (program.selfFormedApproval === "required") {
      const updated = await tx.update("groupProposals", proposal.id, {
        responses,
        status: "awaiting-approval",
      });
      await notifyCoordinators(
        s,
        program,
        "selfGroupAwaiting",
        `/programs/${program.id}/formation`,
      );
      return updated;
    }
    const group = await formGroup(s, {
      program,
      memberIds: proposal.memberIds,
      origin: "self",
      sourceKey: `proposal:${proposal.id}`,
    });
    await notifyCoordinators(s, program, "selfGroupFormed", `/programs/${program.id}/formation`);
    return tx.update("groupProposals", proposal.id, {
      responses,
      status: "formed",
      decidedAt: now,
      groupId: group.id,
    });
  });
}

/** The proposer withdraws a pending proposal; withdrawing it again changes nothing. */
export async function withdrawProposal(
  s: Services,
  program: Program,
  proposalId: string,
  participantId: string,
) {
  return s.store.transaction(async (tx) => {
    const proposal = await proposalOf(tx, program.id, proposalId);
    if (proposal.proposerId !== participantId)
      throw new NotFoundError("groupProposals", proposalId);
    if (proposal.status === "withdrawn") return proposal;
    if (proposal.status !== "pending") throw new GroupRuleError(`proposal-${proposal.status}`);
    return tx.update("groupProposals", proposalId, {
      status: "withdrawn",
      decidedAt: s.clock.now().toISOString(),
    });
  });
}

/**
 * The coordinators' answer to a self-formed group that needs their approval. The same answer
 * given twice (two coordinators, a double click) has one effect.
 */
export async function decideSelfFormed(
  s: Services,
  input: {
    program: Program;
    proposalId: string;
    approve: boolean;
    actor: { id: string; name: string };
  },
) {
  return s.store.transaction(async (tx) => {
    const program = (await tx.get("programs", input.program.id)) ?? input.program;
    const proposal = await proposalOf(tx, program.id, input.proposalId);
    const wanted = input.approve ? "formed" : "rejected";
    if (proposal.status === wanted) return proposal;
    if (proposal.status !== "awaiting-approval")
      throw new GroupRuleError(`proposal-${proposal.status}`);
    const now = s.clock.now().toISOString();
    if (!input.approve) {
      await audit(s, program.id, input.actor, "self-group-rejected", {
        members: proposal.memberIds,
      });
      return tx.update("groupProposals", proposal.id, { status: "rejected", decidedAt: now });
    }
    const group = await formGroup(s, {
      program,
      memberIds: proposal.memberIds,
      origin: "self",
      sourceKey: `proposal:${proposal.id}`,
      approvedBy: input.actor.id,
    });
    await audit(s, program.id, input.actor, "self-group-approved", {
      members: proposal.memberIds,
      groupId: group.id,
    });
    return tx.update("groupProposals", proposal.id, {
      status: "formed",
      decidedAt: now,
      groupId: group.id,
    });
  });
}

/** The groups a participant belongs to, and a group for its members (or the coordinators). */
export async function groupsOf(s: Services, programId: string, participantId: string) {
  return (await activeGroups(s, programId)).filter((g) => g.memberIds.includes(participantId));
}

export interface GroupMemberView {
  id: string;
  name: string;
  email: string;
  role: "mentor" | "mentee" | "peer";
  organization: string;
  region: string;
  needs: string[];
  expertise: string[];
}

/** A group as its members see it: contact details are shared inside a group. */
export async function groupView(s: Services, groupId: string) {
  const store = s.store;
  const group = await store.get("groups", groupId);
  if (!group) return undefined;
  const program = await store.get("programs", group.programId);
  const label = new Map((program?.taxonomy ?? []).map((t) => [t.id, t.label]));
  const members: GroupMemberView[] = [];
  for (const id of group.memberIds) {
    const participant = await store.get("participants", id);
    if (!participant) continue;
    const [user, org] = await Promise.all([
      store.get("users", participant.userId),
      store.get("organizations", participant.organizationId),
    ]);
    members.push({
      id,
      name: user?.name ?? "?",
      email: user?.email ?? "",
      role: participant.role,
      organization: org?.name ?? "",
      region: org?.region ?? "",
      needs: participant.profile.needs.map((n) => label.get(n.tag) ?? n.tag),
      expertise: participant.profile.expertise.map((t) => label.get(t) ?? t),
    });
  }
  return { group, members };
}

/** People a participant may propose a group with: published, not grouped, not themselves. */
export async function proposalCandidates(s: Services, programId: string, participantId: string) {
  const store = s.store;
  const [participants, users, organizations, groups] = await Promise.all([
    store.find("participants", { programId }),
    store.find("users"),
    store.find("organizations"),
    activeGroups(s, programId),
  ]);
  const grouped = new Set(groups.flatMap((g) => g.memberIds));
  const userById = new Map(users.map((u) => [u.id, u]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  return participants
    .filter((p) => p.id !== participantId && p.published && !grouped.has(p.id))
    .map((p) => ({
      id: p.id,
      name: userById.get(p.userId)?.name ?? "?",
      role: p.role,
      organization: orgById.get(p.organizationId)?.name ?? "",
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

export { isStoreError } from "../store";

/** The refusal a page shows: the broken rules, with the people concerned (status 409). */
export function refusal(error: GroupRuleError): Response {
  const violations = error.violations.length ? error.violations : [{ code: error.code, names: [] }];
  return Response.json({ violations }, { status: 409 });
}
