/**
 * Self-formed groups: a participant proposes a group to two others, who accept or decline; the
 * group forms when all three accept (or waits for the coordinators' approval). Proposals expire.
 */
import { newId, NotFoundError } from "../../store";
import type { EntityOf, StoreWriter } from "../../store";
import { mutualMatchesInProgram } from "../event.server";
import { engineParticipants } from "../matching-input.server";
import { notify, notifyCoordinators } from "../notification.server";
import { apartFromViewer } from "../profile.server";
import { newestFirst } from "../../utils/order";
import type { Services } from "../../services";
import { formGroup } from "./form.server";
import { activeGroups, audit } from "./read.server";
import { checkGroup, GroupRuleError } from "./rules.server";

type Program = EntityOf<"programs">;

const frenchOrder = new Intl.Collator("fr").compare;

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

/**
 * What the proposal form offers a participant (who is in no group yet):
 * - `candidates`: the people they may propose a group with (published, in no group, not
 *   themselves), a star for a mutual speed-dating match; whoever the program's rule keeps out of
 *   their groups comes last, with the rule's reasons (`apartFromViewer`, the directory's answer);
 * - `matchesInGroups`: their mutual matches already in a group, who are not offered any more. Named:
 *   the event page already names a participant's mutual matches to them.
 */
export async function proposalChoices(s: Services, programId: string, participantId: string) {
  const store = s.store;
  const [participants, users, organizations, groups, matches, apart] = await Promise.all([
    store.find("participants", { programId }),
    store.find("users"),
    store.find("organizations"),
    activeGroups(s, programId),
    mutualMatchesInProgram(s, programId, participantId),
    apartFromViewer(s, programId, participantId),
  ]);
  const grouped = new Set(groups.flatMap((g) => g.memberIds));
  const userById = new Map(users.map((u) => [u.id, u]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const byId = new Map(participants.map((p) => [p.id, p]));
  const matchIds = new Set(matches.map((m) => m.participantId));
  const nameOf = (id: string) => userById.get(byId.get(id)?.userId ?? "")?.name ?? "?";
  const candidates = participants
    .filter((p) => p.id !== participantId && p.published && !grouped.has(p.id))
    .map((p) => ({
      id: p.id,
      name: nameOf(p.id),
      role: p.role,
      organization: orgById.get(p.organizationId)?.name ?? "",
      match: matchIds.has(p.id),
      apart: apart.get(p.id),
    }))
    .sort(
      (a, b) => Number(Boolean(a.apart)) - Number(Boolean(b.apart)) || frenchOrder(a.name, b.name),
    );
  const matchesInGroups = matches
    .filter((m) => m.participantId !== participantId && grouped.has(m.participantId))
    .map((m) => nameOf(m.participantId))
    .sort(frenchOrder);
  return { candidates, matchesInGroups };
}
