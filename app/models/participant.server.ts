import { getStore } from "../../server/store";
import type { EntityOf } from "../../server/store";
import { programStats, type ProgramStats } from "./program.server";

/** French alphabetical order (one collator: `localeCompare(…, "fr")` builds one per call). */
const frenchOrder = new Intl.Collator("fr").compare;

export type Participant = EntityOf<"participants">;

export async function getParticipantFor(userId: string, programId: string) {
  return getStore().findOne("participants", { userId, programId });
}

export interface ParticipantRow {
  id: string;
  name: string;
  email: string;
  role: Participant["role"];
  organization: string;
  region: string;
  mrc: string;
  joinedAt: string;
}

/** The program's participants with their account and organization (coordinator view). */
export async function listParticipantRows(programId: string): Promise<ParticipantRow[]> {
  return (await programOverview(programId)).participants;
}

/**
 * The coordinator's view of a program: its figures and its participants, from one read of each
 * collection.
 */
export async function programOverview(
  programId: string,
): Promise<{ stats: ProgramStats; participants: ParticipantRow[] }> {
  const store = getStore();
  const [participants, users, organizations, invitations] = await Promise.all([
    store.find("participants", { programId }),
    store.find("users"),
    store.find("organizations"),
    store.find("invitations", { programId }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const stats = programStats(participants, orgById, invitations);
  const roleOrder = { mentor: 0, peer: 1, mentee: 2 } as const;
  const rows = participants
    .map((p) => {
      const user = userById.get(p.userId);
      const org = orgById.get(p.organizationId);
      return {
        id: p.id,
        name: user?.name ?? "?",
        email: user?.email ?? "",
        role: p.role,
        organization: org?.name ?? "?",
        region: org?.region ?? "",
        mrc: org?.mrc ?? "",
        joinedAt: p.joinedAt,
      };
    })
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || frenchOrder(a.name, b.name));
  return { stats, participants: rows };
}

export async function getOwnParticipation(userId: string, programId: string) {
  const store = getStore();
  const participant = await store.findOne("participants", { userId, programId });
  if (!participant) return undefined;
  const organization = await store.get("organizations", participant.organizationId);
  return { participant, organization };
}
