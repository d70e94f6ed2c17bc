import type { EntityOf } from "../store";
import { paginate, type PageInfo } from "../utils/pagination";
import { programStats, type ProgramStats } from "./program.server";
import type { Services } from "../services";

/** French alphabetical order (one collator: `localeCompare(…, "fr")` builds one per call). */
const frenchOrder = new Intl.Collator("fr").compare;

export type Participant = EntityOf<"participants">;

export async function getParticipantFor(s: Services, userId: string, programId: string) {
  return s.store.findOne("participants", { userId, programId });
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
export async function listParticipantRows(
  s: Services,
  programId: string,
): Promise<ParticipantRow[]> {
  const store = s.store;
  const [participants, users, organizations] = await Promise.all([
    store.find("participants", { programId }),
    store.find("users"),
    store.find("organizations"),
  ]);
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  return sortedRows(participants, new Map(users.map((u) => [u.id, u]))).map((x) =>
    toRow(x, orgById),
  );
}

const roleOrder = { mentor: 0, peer: 1, mentee: 2 } as const;

type UserLike = { name: string; email: string; erasedAt?: string };

/** Mentors, peers, then mentees, each by name: only the sort keys are looked up. */
function sortedRows(
  participants: readonly Participant[],
  userById: ReadonlyMap<string, UserLike>,
): Array<{ p: Participant; user: UserLike | undefined; name: string }> {
  return participants
    .map((p) => {
      const user = userById.get(p.userId);
      return { p, user, name: user?.name ?? "?" };
    })
    .sort((a, b) => roleOrder[a.p.role] - roleOrder[b.p.role] || frenchOrder(a.name, b.name));
}

function toRow(
  { p, user, name }: { p: Participant; user: UserLike | undefined; name: string },
  orgById: ReadonlyMap<string, EntityOf<"organizations">>,
): ParticipantRow {
  const org = orgById.get(p.organizationId);
  return {
    id: p.id,
    name,
    // An erased account's address is a placeholder no one can write to: not shown.
    email: user && !user.erasedAt ? user.email : "",
    role: p.role,
    organization: org?.name ?? "?",
    region: org?.region ?? "",
    mrc: org?.mrc ?? "",
    joinedAt: p.joinedAt,
  };
}

/**
 * The coordinator's view of a program: its figures (over all participants) and one page of its
 * participants, from one read of each collection.
 */
export async function programOverview(
  s: Services,
  programId: string,
  requested = 1,
): Promise<{ stats: ProgramStats; participants: ParticipantRow[]; pageInfo: PageInfo }> {
  const store = s.store;
  const [participants, users, organizations, invitations] = await Promise.all([
    store.find("participants", { programId }),
    store.find("users"),
    store.find("organizations"),
    store.find("invitations", { programId }),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const stats = programStats(participants, orgById, invitations, s.clock.now());
  const { items, pageInfo } = paginate(sortedRows(participants, userById), requested);
  return { stats, participants: items.map((x) => toRow(x, orgById)), pageInfo };
}

export async function getOwnParticipation(s: Services, userId: string, programId: string) {
  const store = s.store;
  const participant = await store.findOne("participants", { userId, programId });
  if (!participant) return undefined;
  const organization = await store.get("organizations", participant.organizationId);
  return { participant, organization };
}
