import { getStore } from "../../server/store";
import type { EntityOf } from "../../server/store";

export type Program = EntityOf<"programs">;
export type ParticipantRole = EntityOf<"participants">["role"];

export interface ProgramForUser {
  id: string;
  title: string;
  status: Program["status"];
  asCoordinator: boolean;
  participantRole?: ParticipantRole;
}

export async function getProgram(id: string): Promise<Program | undefined> {
  return getStore().get("programs", id);
}

/** The programs a person runs or takes part in, coordinator ones first. */
export async function listProgramsForUser(userId: string): Promise<ProgramForUser[]> {
  const store = getStore();
  const [programs, memberships] = await Promise.all([
    store.find("programs"),
    store.find("participants", { userId }),
  ]);
  const roleByProgram = new Map(memberships.map((m) => [m.programId, m.role]));
  return programs
    .filter((p) => p.coordinatorIds.includes(userId) || roleByProgram.has(p.id))
    .map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      asCoordinator: p.coordinatorIds.includes(userId),
      participantRole: roleByProgram.get(p.id),
    }))
    .sort(
      (a, b) => Number(b.asCoordinator) - Number(a.asCoordinator) || a.title.localeCompare(b.title),
    );
}

export interface ProgramStats {
  participants: number;
  byRole: Record<ParticipantRole, number>;
  regions: number;
  organizations: number;
  pendingInvitations: number;
}

export async function getProgramStats(programId: string): Promise<ProgramStats> {
  const store = getStore();
  const [participants, organizations, invitations] = await Promise.all([
    store.find("participants", { programId }),
    store.find("organizations"),
    store.find("invitations", { programId }),
  ]);
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const byRole: Record<ParticipantRole, number> = { mentor: 0, mentee: 0, peer: 0 };
  const regions = new Set<string>();
  const orgs = new Set<string>();
  for (const p of participants) {
    byRole[p.role] += 1;
    orgs.add(p.organizationId);
    const org = orgById.get(p.organizationId);
    if (org) regions.add(org.region);
  }
  const now = new Date().toISOString();
  return {
    participants: participants.length,
    byRole,
    regions: regions.size,
    organizations: orgs.size,
    pendingInvitations: invitations.filter((i) => !i.usedAt && i.expiresAt > now).length,
  };
}

/** Programs shown on the public home page (not drafts): their call and rules are public. */
export async function listPublicPrograms() {
  const programs = await getStore().find("programs");
  return programs
    .filter((p) => p.status !== "draft")
    .map((p) => ({
      id: p.id,
      title: p.title,
      theme: p.theme,
      subThemes: p.subThemes,
      description: p.description,
      composition: p.composition,
      regionRule: p.regionRule,
      mentoringStart: p.mentoringStart,
      mentoringEnd: p.mentoringEnd,
      hourBankHours: p.hourBankHours,
      status: p.status,
    }));
}
