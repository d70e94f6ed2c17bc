/**
 * Reading groups of three: a program's active groups, a participant's groups, a group as its
 * members see it; and the coordinators' audit trail of their decisions.
 */
import { newId } from "../../store";
import type { EntityOf } from "../../store";
import type { Services } from "../../services";
import { type Role } from "../../../matching/roles";
import { tagFinder, type TagOption } from "../../data/tag-label";

export type Group = EntityOf<"groups">;

export type GroupProposal = EntityOf<"groupProposals">;

export async function getGroup(s: Services, id: string) {
  return s.store.get("groups", id);
}

/** Active groups of a program. */
export async function activeGroups(s: Services, programId: string) {
  return s.store.find("groups", { programId, status: "active" });
}

/** The groups a participant belongs to, and a group for its members (or the coordinators). */
export async function groupsOf(s: Services, programId: string, participantId: string) {
  return (await activeGroups(s, programId)).filter((g) => g.memberIds.includes(participantId));
}

export interface GroupMemberView {
  id: string;
  name: string;
  email: string;
  role: Role;
  organization: string;
  region: string;
  /** Subjects with both labels: the page names them in its reader's language. */
  needs: TagOption[];
  expertise: TagOption[];
}

/** A group as its members see it: contact details are shared inside a group. */
export async function groupView(s: Services, groupId: string) {
  const store = s.store;
  const group = await store.get("groups", groupId);
  if (!group) return undefined;
  const program = await store.get("programs", group.programId);
  const subject = tagFinder(program?.taxonomy ?? []);
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
      needs: participant.profile.needs.map((n) => subject(n.tag)),
      expertise: participant.profile.expertise.map(subject),
    });
  }
  return { group, members };
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

/**
 * The names of everyone in these groups or proposals, by participant id (a person sees the names
 * of whoever was in a proposal with them, also once those are in a group; coordinators tell their
 * groups apart by their members).
 */
export async function memberNames(
  s: Services,
  sets: ReadonlyArray<{ memberIds: readonly string[] }>,
): Promise<Record<string, string>> {
  const ids = new Set(sets.flatMap((p) => p.memberIds));
  const participants = (
    await Promise.all([...ids].map((id) => s.store.get("participants", id)))
  ).filter((p) => p !== undefined);
  const users = await Promise.all(participants.map((p) => s.store.get("users", p.userId)));
  return Object.fromEntries(participants.map((p, i) => [p.id, users[i]?.name ?? ""]));
}
