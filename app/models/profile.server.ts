/** Participants' published needs and expertise, and the program's directory. */
import { getStore, NotFoundError } from "../../server/store";
import type { EntityOf } from "../../server/store";
import type { Profile } from "../../server/store/schema";
import type { DirectoryFilters, ProfileFormInput } from "~/schemas/profile";
import { makePairScorer } from "../../matching/score";
import { paginate, type PageInfo } from "~/utils/pagination";
import { programRatings } from "./event.server";
import { toEngineParticipants } from "./matching-input.server";

/** French alphabetical order (one collator: `localeCompare(…, "fr")` builds one per call). */
const frenchOrder = new Intl.Collator("fr").compare;

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

/** A pair score from the matching engine, on the 0–100 scale of the directory's "fit" meter. */
export const FIT_FULL_SCORE = 20;
export function fitPercent(score: number): number {
  return Math.max(0, Math.min(100, Math.round((score / FIT_FULL_SCORE) * 100)));
}

/**
 * One page of the program's directory: the published profiles (and the viewer's own) matching the
 * filters, the viewer first, then by fit with the viewer, then by name. The whole filtered set is
 * scored and sorted (the fit is the sort key) with the engine's fast pair scorer; only the page's
 * cards are built.
 */
export async function listDirectory(
  programId: string,
  viewer: { userId: string; participantId?: string },
  filters: DirectoryFilters,
  requested = 1,
): Promise<{ entries: DirectoryEntry[]; pageInfo: PageInfo }> {
  const store = getStore();
  // The published profiles (of the chosen role) are all the store copies out: copying records is
  // most of the cost of this page. The viewer's own profile is read apart (published or not).
  const where: Partial<Participant> = { programId, published: true };
  if (filters.role) where.role = filters.role;
  const [published, viewerRecord, users, organizations, program] = await Promise.all([
    store.find("participants", where),
    viewer.participantId ? store.get("participants", viewer.participantId) : undefined,
    store.find("users"),
    store.find("organizations"),
    store.get("programs", programId),
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const self = viewerRecord?.programId === programId ? viewerRecord : undefined;
  const participants =
    self && !published.some((p) => p.id === self.id) ? [self, ...published] : published;
  const shown = participants
    .map((p) => ({ p, org: orgById.get(p.organizationId) }))
    .filter(({ p }) => !filters.role || p.role === filters.role)
    .filter(({ org }) => !filters.region || (org?.region ?? "") === filters.region)
    .filter(({ p }) => !filters.style || p.profile.workingStyle === filters.style)
    .filter(
      ({ p }) =>
        !filters.tag ||
        p.profile.expertise.includes(filters.tag) ||
        p.profile.needs.some((n) => n.tag === filters.tag),
    );
  // The fit is the matching engine's own pair score (profiles and speed-dating ratings): only the
  // viewer's own ratings count in their pair scores. The viewer is engine participant 0.
  let fitOf: (index: number) => number | undefined = () => undefined;
  if (self) {
    const others = shown.filter(({ p }) => p.id !== self.id).map(({ p }) => p);
    const engine = toEngineParticipants([self], {
      organizations: orgById,
      users: userById,
      taxonomy: program?.taxonomy ?? [],
    }).concat(
      toEngineParticipants(others, {
        organizations: orgById,
        users: userById,
        taxonomy: program?.taxonomy ?? [],
      }),
    );
    const indexById = new Map(engine.map((p, i) => [p.id, i]));
    const score = makePairScorer(engine, undefined, await programRatings(programId, self.id));
    const ids = shown.map(({ p }) => p.id);
    fitOf = (index) => {
      const id = ids[index]!;
      const j = indexById.get(id);
      return id === self.id || j === undefined ? undefined : fitPercent(score(0, j));
    };
  }
  const sortable = shown.map(({ p, org }, index) => ({
    p,
    org,
    name: userById.get(p.userId)?.name ?? "?",
    isSelf: p.id === viewer.participantId,
    fit: fitOf(index),
  }));
  sortable.sort(
    (a, b) =>
      Number(b.isSelf) - Number(a.isSelf) ||
      (b.fit ?? 0) - (a.fit ?? 0) ||
      frenchOrder(a.name, b.name),
  );
  const { items, pageInfo } = paginate(sortable, requested);
  return {
    pageInfo,
    entries: items.map(({ p, org, name, isSelf, fit }) => ({
      id: p.id,
      name,
      role: p.role,
      organization: org?.name ?? "?",
      region: org?.region ?? "",
      mrc: org?.mrc ?? "",
      profile: p.profile,
      isSelf,
      fit,
    })),
  };
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
    .sort((a, b) => frenchOrder(a.name, b.name));
}
