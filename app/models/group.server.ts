/**
 * Groups of three: the hard-constraint check (the matching engine's own validation of fixed groups),
 * self-formed proposals between participants, and group creation with notifications.
 */
import { encode } from "../../matching/encode";
import { explainGroup } from "../../matching/explain";
import { instanceSchema } from "../../matching/schema";
import { pairScore } from "../../matching/score";
import { getAuditLog, getStore, newId, NotFoundError } from "../../server/store";
import type { EntityOf } from "../../server/store";
import { engineParticipants } from "./matching-input.server";
import { notify, notifyCoordinators } from "./notification.server";
import { programRatings } from "./event.server";
import { newestFirst } from "~/utils/order";
import { addDays, quebecToday, weekdayOf } from "~/utils/quebec-time";

export type Group = EntityOf<"groups">;
export type GroupProposal = EntityOf<"groupProposals">;
type Program = EntityOf<"programs">;

export interface Violation {
  code: string;
  /** Names of the people concerned. */
  names: string[];
}

export async function getGroup(id: string) {
  return getStore().get("groups", id);
}

/** Active groups of a program. */
export async function activeGroups(programId: string) {
  return getStore().find("groups", { programId, status: "active" });
}

/**
 * Checks a candidate group against every hard constraint, counting the program's active groups
 * (mentor capacity, one group per mentee or peer), pins and forbids. Empty when it is allowed.
 */
export async function checkGroup(
  program: Program,
  memberIds: readonly string[],
  options: { ignoreGroupIds?: readonly string[] } = {},
): Promise<Violation[]> {
  const ids = [...new Set(memberIds)];
  const all = await engineParticipants(program.id);
  const byId = new Map(all.map((p) => [p.id, p]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  if (ids.length !== 3) return [{ code: "size", names: [] }];
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) return [{ code: "not-participant", names: unknown }];

  const others = (await activeGroups(program.id)).filter(
    (g) => !options.ignoreGroupIds?.includes(g.id) && g.memberIds.some((m) => ids.includes(m)),
  );
  const pinPartners = program.pins.flatMap(([a, b]) =>
    ids.includes(a) ? [b] : ids.includes(b) ? [a] : [],
  );
  const subset = new Set([...ids, ...others.flatMap((g) => g.memberIds), ...pinPartners]);
  const within = (pairs: Array<[string, string]>) =>
    pairs.filter(([a, b]) => subset.has(a) && subset.has(b));
  const participants = [...subset].filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  const instance = instanceSchema.parse({
    policy: { mode: program.composition, regionRule: program.regionRule },
    participants,
    pins: within(program.pins),
    forbids: within(program.forbids),
    fixedGroups: [...others.map((g) => g.memberIds), ids],
  });
  const candidateIndex = others.length;
  const violations = encode(instance).violations.filter((v) => v.index === candidateIndex);
  return violations.flatMap((v) =>
    v.problems.map((p) => ({ code: p.code, names: p.ids.map(name) })),
  );
}

/** The engine's own explanation of a group (needs met, shared needs, ratings, rules checked). */
export async function explainTriad(program: Program, memberIds: readonly string[]) {
  const people = await engineParticipants(program.id, new Set(memberIds));
  const ids = new Set(people.map((p) => p.id));
  const ratings = (await programRatings(program.id)).filter(
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
  return explanation.text;
}

/** Sum of the three pair scores, with the program's speed-dating ratings. */
export async function groupScore(programId: string, memberIds: readonly string[]) {
  const people = await engineParticipants(programId, new Set(memberIds));
  const ratings = await programRatings(programId);
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
export async function suggestFirstMeeting(memberIds: readonly string[], from = new Date()) {
  const store = getStore();
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

export class GroupRuleError extends Error {
  constructor(
    readonly code: string,
    readonly violations: Violation[] = [],
  ) {
    super(code);
  }
}

/** Creates the group (the constraints are checked again inside), and tells its members. */
export async function formGroup(input: {
  program: Program;
  memberIds: string[];
  origin: Group["origin"];
  approvedBy?: string;
  explanation?: Group["explanation"];
  origin_link?: string;
}) {
  const { program } = input;
  const violations = await checkGroup(program, input.memberIds);
  if (violations.length) throw new GroupRuleError("violations", violations);
  const participants = await engineParticipants(program.id, new Set(input.memberIds));
  const mentor = participants.find((p) => p.role === "mentor");
  const [score, suggestedFirstMeeting] = await Promise.all([
    groupScore(program.id, input.memberIds),
    suggestFirstMeeting(input.memberIds),
  ]);
  const group = await getStore().insert("groups", {
    id: newId("grp"),
    programId: program.id,
    memberIds: [...input.memberIds].sort(),
    mentorId: mentor?.id,
    status: "active",
    origin: input.origin,
    score,
    explanation: input.explanation,
    suggestedFirstMeeting,
    approvedBy: input.approvedBy,
    createdAt: new Date().toISOString(),
  });
  const store = getStore();
  for (const id of group.memberIds) {
    const member = await store.get("participants", id);
    if (!member) continue;
    const others = participants.filter((p) => p.id !== id).map((p) => p.name ?? p.id);
    await notify({
      userId: member.userId,
      programId: program.id,
      kind: "groupFormed",
      params: { program: program.title, others: others.join(", "), date: suggestedFirstMeeting },
      link: `/programs/${program.id}/groups/${group.id}`,
    });
  }
  return group;
}

export async function audit(
  programId: string,
  actor: { id: string; name: string },
  action: string,
  details: Record<string, unknown> = {},
) {
  await getAuditLog().append({
    id: newId("aud"),
    programId,
    at: new Date().toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    action,
    details,
  });
}

export async function listAudit(programId: string) {
  return (await getAuditLog().list(programId)).reverse();
}

/** Marks proposals past their expiry as expired (done lazily whenever proposals are read). */
async function expireProposals(programId: string) {
  const now = new Date().toISOString();
  const stale = (await getStore().find("groupProposals", { programId, status: "pending" })).filter(
    (p) => p.expiresAt <= now,
  );
  for (const proposal of stale) {
    await getStore().update("groupProposals", proposal.id, { status: "expired", decidedAt: now });
  }
}

export async function listProposalsFor(programId: string, participantId: string) {
  await expireProposals(programId);
  const all = await getStore().find("groupProposals", { programId });
  return all
    .filter((p) => p.memberIds.includes(participantId))
    .sort((a, b) => newestFirst(a.createdAt, b.createdAt));
}

export async function listProposalsAwaitingApproval(programId: string) {
  await expireProposals(programId);
  return getStore().find("groupProposals", { programId, status: "awaiting-approval" });
}

/** A participant proposes a group to two others; refused with the reasons when a rule is broken. */
export async function proposeGroup(input: {
  program: Program;
  proposerId: string;
  otherIds: [string, string];
  message: string;
}) {
  const { program, proposerId } = input;
  const memberIds = [proposerId, ...input.otherIds];
  await expireProposals(program.id);
  const pending = await getStore().find("groupProposals", {
    programId: program.id,
    status: "pending",
  });
  const busy = memberIds.filter((id) => pending.some((p) => p.memberIds.includes(id)));
  if (busy.length) {
    const people = await engineParticipants(program.id, new Set(busy));
    throw new GroupRuleError("pending-proposal", [
      { code: "pending-proposal", names: people.map((p) => p.name ?? p.id) },
    ]);
  }
  const violations = await checkGroup(program, memberIds);
  if (violations.length) throw new GroupRuleError("violations", violations);
  const now = Date.now();
  const proposal = await getStore().insert("groupProposals", {
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
  const people = await engineParticipants(program.id, new Set(memberIds));
  const proposer = people.find((p) => p.id === proposerId)?.name ?? "";
  for (const id of input.otherIds) {
    const member = await getStore().get("participants", id);
    if (member) {
      await notify({
        userId: member.userId,
        programId: program.id,
        kind: "proposalReceived",
        params: { program: program.title, proposer },
        link: `/programs/${program.id}/groups`,
      });
    }
  }
  return proposal;
}

/** Accept or decline. When all three accept, the group forms (or waits for the coordinators). */
export async function respondToProposal(input: {
  program: Program;
  proposalId: string;
  participantId: string;
  accept: boolean;
}) {
  const { program } = input;
  await expireProposals(program.id);
  const proposal = await getStore().get("groupProposals", input.proposalId);
  if (
    !proposal ||
    proposal.programId !== program.id ||
    !proposal.memberIds.includes(input.participantId)
  ) {
    throw new NotFoundError("groupProposals", input.proposalId);
  }
  if (proposal.status !== "pending") throw new GroupRuleError(`proposal-${proposal.status}`);
  const responses = {
    ...proposal.responses,
    [input.participantId]: input.accept ? ("accepted" as const) : ("declined" as const),
  };
  const now = new Date().toISOString();
  if (!input.accept) {
    return getStore().update("groupProposals", proposal.id, {
      responses,
      status: "declined",
      decidedAt: now,
    });
  }
  if (!proposal.memberIds.every((id) => responses[id] === "accepted")) {
    return getStore().update("groupProposals", proposal.id, { responses });
  }
  const violations = await checkGroup(program, proposal.memberIds);
  if (violations.length) throw new GroupRuleError("violations", violations);
  if (program.selfFormedApproval === "required") {
    const updated = await getStore().update("groupProposals", proposal.id, {
      responses,
      status: "awaiting-approval",
    });
    await notifyCoordinators(program, "selfGroupAwaiting", `/programs/${program.id}/formation`);
    return updated;
  }
  const group = await formGroup({ program, memberIds: proposal.memberIds, origin: "self" });
  await notifyCoordinators(program, "selfGroupFormed", `/programs/${program.id}/formation`);
  return getStore().update("groupProposals", proposal.id, {
    responses,
    status: "formed",
    decidedAt: now,
    groupId: group.id,
  });
}

export async function withdrawProposal(
  program: Program,
  proposalId: string,
  participantId: string,
) {
  const proposal = await getStore().get("groupProposals", proposalId);
  if (!proposal || proposal.programId !== program.id || proposal.proposerId !== participantId) {
    throw new NotFoundError("groupProposals", proposalId);
  }
  if (proposal.status !== "pending") throw new GroupRuleError(`proposal-${proposal.status}`);
  return getStore().update("groupProposals", proposalId, {
    status: "withdrawn",
    decidedAt: new Date().toISOString(),
  });
}

/** The coordinators' answer to a self-formed group that needs their approval. */
export async function decideSelfFormed(input: {
  program: Program;
  proposalId: string;
  approve: boolean;
  actor: { id: string; name: string };
}) {
  const proposal = await getStore().get("groupProposals", input.proposalId);
  if (!proposal || proposal.programId !== input.program.id)
    throw new NotFoundError("groupProposals", input.proposalId);
  if (proposal.status !== "awaiting-approval")
    throw new GroupRuleError(`proposal-${proposal.status}`);
  const now = new Date().toISOString();
  if (!input.approve) {
    await audit(input.program.id, input.actor, "self-group-rejected", {
      members: proposal.memberIds,
    });
    return getStore().update("groupProposals", proposal.id, { status: "rejected", decidedAt: now });
  }
  const group = await formGroup({
    program: input.program,
    memberIds: proposal.memberIds,
    origin: "self",
    approvedBy: input.actor.id,
  });
  await audit(input.program.id, input.actor, "self-group-approved", {
    members: proposal.memberIds,
    groupId: group.id,
  });
  return getStore().update("groupProposals", proposal.id, {
    status: "formed",
    decidedAt: now,
    groupId: group.id,
  });
}

/** The groups a participant belongs to, and a group for its members (or the coordinators). */
export async function groupsOf(programId: string, participantId: string) {
  return (await activeGroups(programId)).filter((g) => g.memberIds.includes(participantId));
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
export async function groupView(groupId: string) {
  const store = getStore();
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
export async function proposalCandidates(programId: string, participantId: string) {
  const store = getStore();
  const [participants, users, organizations, groups] = await Promise.all([
    store.find("participants", { programId }),
    store.find("users"),
    store.find("organizations"),
    activeGroups(programId),
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

export { NotFoundError } from "../../server/store";

/** The refusal a page shows: the broken rules, with the people concerned (status 409). */
export function refusal(error: GroupRuleError): Response {
  const violations = error.violations.length ? error.violations : [{ code: error.code, names: [] }];
  return Response.json({ violations }, { status: 409 });
}
