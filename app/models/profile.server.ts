/** Participants' published needs and expertise, and the program's directory. */
import { getStore, NotFoundError } from "../../server/store";
import type { EntityOf } from "../../server/store";
import type { Profile } from "../../server/store/schema";
import type { DirectoryFilters, ProfileFormInput } from "~/schemas/profile";

export type Participant = EntityOf<"participants">;

/** Applies the profile form, including the reorder / add / remove buttons of the needs list. */
export function applyNeedsIntent(input: ProfileFormInput): Profile["needs"] {
  let needs = input.needTag.map((tag, i) => ({ tag, priority: input.needPriority[i] ?? 2 }));
  const [action, rawIndex] = input.intent.split(":");
  const index = Number(rawIndex);
  if (action === "add" && input.newNeedTag && !needs.some((n) => n.tag === input.newNeedTag)) {
    needs = [...needs, { tag: input.newNeedTag, priority: input.newNeedPriority }];
  } else if (action === "remove") {
    needs = needs.filter((_, i) => i !== index);
  } else if ((action === "up" && index > 0) || (action === "down" && index < needs.length - 1)) {
    const other = action === "up" ? index - 1 : index + 1;
    [needs[index], needs[other]] = [needs[other]!, needs[index]!];
  }
  const seen = new Set<string>();
  return needs.filter((n) => !seen.has(n.tag) && seen.add(n.tag));
}

/** Saves the person's profile and their organization's declared competitors within the program. */
export async function updateProfile(
  participantId: string,
  input: ProfileFormInput,
  programOrgIds: string[],
) {
  return getStore().transaction(async (tx) => {
    const participant = await tx.get("participants", participantId);
    if (!participant) throw new NotFoundError("participants", participantId);
    const profile: Profile = {
      sector: input.sector,
      field: input.field,
      needs: applyNeedsIntent(input),
      needsText: input.needsText,
      expertise: [...new Set(input.expertise)],
      expertiseText: input.expertiseText,
      workingStyle: input.workingStyle,
      availability: [...new Set(input.availability)],
    };
    const organization = await tx.get("organizations", participant.organizationId);
    if (organization) {
      // Only the program's organizations are edited here; others declared elsewhere stay.
      const kept = organization.competitorIds.filter((id) => !programOrgIds.includes(id));
      await tx.update("organizations", organization.id, {
        competitorIds: [...new Set([...kept, ...input.competitorOrgIds])].filter(
          (id) => id !== organization.id,
        ),
      });
    }
    return tx.update("participants", participantId, { profile, published: input.published });
  });
}

export interface DirectoryEntry {
  id: string;
  name: string;
  role: Participant["role"];
  organization: string;
  region: string;
  mrc: string;
  profile: Profile;
  isSelf: boolean;
  /** 0–100, higher is a better fit with the viewer; undefined for the viewer's own card. */
  fit?: number;
}

/**
 * How well two profiles fit: needs of each covered by the other's expertise, weighted by priority,
 * plus shared needs. Scaled to 0–100 against what the viewer could at best get.
 */
export function tagFit(viewer: Profile, other: Profile): number {
  const covered = (a: Profile, b: Profile) =>
    a.needs.reduce((sum, n) => sum + (b.expertise.includes(n.tag) ? n.priority : 0), 0);
  const shared = viewer.needs.filter((n) => other.needs.some((m) => m.tag === n.tag)).length;
  const raw = covered(viewer, other) * 2 + covered(other, viewer) + shared;
  const best =
    viewer.needs.reduce((sum, n) => sum + n.priority, 0) * 2 +
    viewer.expertise.length * 3 +
    viewer.needs.length;
  return best === 0 ? 0 : Math.min(100, Math.round((raw / best) * 100));
}

export async function listDirectory(
  programId: string,
  viewer: { userId: string; participantId?: string },
  filters: DirectoryFilters,
): Promise<DirectoryEntry[]> {
  const store = getStore();
  const [participants, users, organizations] = await Promise.all([
    store.find("participants", { programId }),
    store.find("users"),
    store.find("organizations"),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const self = participants.find((p) => p.id === viewer.participantId);
  return participants
    .filter((p) => p.published || p.id === viewer.participantId)
    .map((p) => {
      const org = orgById.get(p.organizationId);
      return {
        id: p.id,
        name: userById.get(p.userId)?.name ?? "?",
        role: p.role,
        organization: org?.name ?? "?",
        region: org?.region ?? "",
        mrc: org?.mrc ?? "",
        profile: p.profile,
        isSelf: p.id === viewer.participantId,
        fit: self && p.id !== self.id ? tagFit(self.profile, p.profile) : undefined,
      };
    })
    .filter((e) => !filters.role || e.role === filters.role)
    .filter((e) => !filters.region || e.region === filters.region)
    .filter((e) => !filters.style || e.profile.workingStyle === filters.style)
    .filter(
      (e) =>
        !filters.tag ||
        e.profile.expertise.includes(filters.tag) ||
        e.profile.needs.some((n) => n.tag === filters.tag),
    )
    .sort(
      (a, b) =>
        Number(b.isSelf) - Number(a.isSelf) ||
        (b.fit ?? 0) - (a.fit ?? 0) ||
        a.name.localeCompare(b.name, "fr"),
    );
}

/** The other organizations of the program, for the competitor checkboxes. */
export async function programOrganizations(programId: string) {
  const store = getStore();
  const participants = await store.find("participants", { programId });
  const ids = [...new Set(participants.map((p) => p.organizationId))];
  const orgs = await Promise.all(ids.map((id) => store.get("organizations", id)));
  return orgs
    .filter((o): o is NonNullable<typeof o> => Boolean(o))
    .map((o) => ({ id: o.id, name: o.name, region: o.region, competitorIds: o.competitorIds }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}
