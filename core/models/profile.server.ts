/** Participants' published needs and expertise, and the program's directory. */
import { NotFoundError } from "../store";
import type { EntityOf, StoreReader } from "../store";
import type { Profile } from "../store/schema";
import type { DirectoryFilters, ProfileFormInput } from "../schemas/profile";
import { compatibility, type PairConflict } from "../../matching/compatibility";
import { pairScorer } from "../../matching/score";
import { CARDS_PAGE_SIZE, paginate, type PageInfo } from "../utils/pagination";
import { programRatings } from "./event.server";
import { toEngineParticipants } from "./matching-input.server";
import { whileUnchanged } from "./revision-cache.server";
import { fitPercent, needsByPriority } from "../data/plain-words";
import type { Services } from "../services";

/** French alphabetical order (one collator: `localeCompare(…, "fr")` builds one per call). */
const frenchOrder = new Intl.Collator("fr").compare;

export type Participant = EntityOf<"participants">;

/**
 * Applies the profile form, including the add / remove buttons of the needs list. Needs have one
 * notion of importance, their priority (ADR 0033): the list is kept sorted by it, highest first.
 */
export function applyNeedsIntent(input: ProfileFormInput): Profile["needs"] {
  let needs = input.needTag.map((tag, i) => ({ tag, priority: input.needPriority[i] ?? 2 }));
  const [action, rawIndex] = input.intent.split(":");
  const index = Number(rawIndex);
  if (action === "add" && input.newNeedTag && !needs.some((n) => n.tag === input.newNeedTag)) {
    needs = [...needs, { tag: input.newNeedTag, priority: input.newNeedPriority }];
  } else if (action === "remove") {
    needs = needs.filter((_, i) => i !== index);
  }
  const seen = new Set<string>();
  return needsByPriority(needs.filter((n) => !seen.has(n.tag) && seen.add(n.tag)));
}

/**
 * The organizations a participant may declare a conflict of interest with: under the proximity
 * rule, the program's other organizations of the participant's region (none under other rules).
 */
export async function conflictCandidates(
  store: StoreReader,
  program: Pick<EntityOf<"programs">, "id" | "regionRule">,
  participant: Pick<Participant, "organizationId">,
) {
  if (program.regionRule !== "same-region-distinct-mrcs") return [];
  const own = await store.get("organizations", participant.organizationId);
  if (!own) return [];
  const participants = await store.find("participants", { programId: program.id });
  const ids = [...new Set(participants.map((p) => p.organizationId))].filter((id) => id !== own.id);
  const orgs = await Promise.all(ids.map((id) => store.get("organizations", id)));
  return orgs
    .filter((o): o is NonNullable<typeof o> => o?.region === own.region)
    .map((o) => ({ id: o.id, name: o.name, region: o.region, mrc: o.mrc }))
    .sort((a, b) => frenchOrder(a.name, b.name));
}

/**
 * Saves the person's profile, their organization's declared competitors within the program and,
 * under the proximity rule, the conflicts of interest they declare (re-checked here against the
 * program's organizations of their region, in the same transaction).
 */
export async function updateProfile(
  s: Services,
  participantId: string,
  input: ProfileFormInput,
  programOrgIds: string[],
) {
  return s.store.transaction(async (tx) => {
    const participant = await tx.get("participants", participantId);
    if (!participant) throw new NotFoundError("participants", participantId);
    const program = await tx.get("programs", participant.programId);
    if (!program) throw new NotFoundError("programs", participant.programId);
    const proximity = program.regionRule === "same-region-distinct-mrcs";
    const candidates = new Set(
      (await conflictCandidates(tx, program, participant)).map((o) => o.id),
    );
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
    return tx.update("participants", participantId, {
      profile,
      published: input.published,
      // Under another rule the form has no such field: what was declared stays.
      ...(proximity
        ? { conflictOrgIds: [...new Set(input.conflictOrgIds)].filter((id) => candidates.has(id)) }
        : {}),
    });
  });
}

/** What a directory card shows of a profile (its long texts stay on the profile page). */
export type DirectoryProfile = Pick<Profile, "needs" | "expertise" | "workingStyle">;

export interface DirectoryEntry {
  id: string;
  name: string;
  role: Participant["role"];
  organization: string;
  region: string;
  mrc: string;
  profile: DirectoryProfile;
  isSelf: boolean;
  /**
   * 0–100, higher is a better fit with the viewer; undefined for the viewer's own card and for
   * people the program's rule keeps out of the viewer's groups (`apart`).
   */
  fit?: number;
  /** Why the program's rule never puts this person in a group with the viewer (sorted last). */
  apart?: DirectoryApart[];
  /** What makes the fit, from the two published profiles (never the private ratings). */
  why?: FitReasons;
}

/** The subjects (tag ids) behind a fit between the viewer and someone, in the viewer's terms. */
export interface FitReasons {
  /** The viewer's needs, by priority, that the other's expertise covers. */
  theyCover: string[];
  /** The other's needs, by priority, that the viewer's expertise covers. */
  youCover: string[];
  /** Needs both have (never with a mentor: as the matching engine counts them). */
  shared: string[];
}

/**
 * The parts of the matching engine's pair score (matching/score.ts `pairDetail`) that two
 * published profiles show: needs met by the other's expertise, both ways, and needs in common.
 * The speed-dating ratings also count in the fit, but stay private and are never named.
 */
export function fitReasons(
  viewer: Pick<Participant, "role" | "profile">,
  other: Pick<Participant, "role" | "profile">,
): FitReasons {
  const covered = (needs: Profile["needs"], expertise: readonly string[]) =>
    needsByPriority(needs)
      .map((n) => n.tag)
      .filter((tag) => expertise.includes(tag));
  const otherNeeds = new Set(other.profile.needs.map((n) => n.tag));
  return {
    theyCover: covered(viewer.profile.needs, other.profile.expertise),
    youCover: covered(other.profile.needs, viewer.profile.expertise),
    shared:
      viewer.role === "mentor" || other.role === "mentor"
        ? []
        : needsByPriority(viewer.profile.needs)
            .map((n) => n.tag)
            .filter((tag) => otherNeeds.has(tag)),
  };
}

/**
 * The reasons a directory card may give: the program's rule (matching/compatibility.ts) without
 * the coordination's forbids, which stay between the coordinators.
 */
export type DirectoryApart = Exclude<PairConflict, "same-person" | "forbidden">;

/** A viewer's fit with someone, or why they can never share a group. */
type Fit = { fit: number; apart?: undefined } | { fit?: undefined; apart: DirectoryApart[] };

/** How many viewers' fits each program keeps (a viewer's are about one number per participant). */
const FIT_VIEWERS_KEPT = 500;

/**
 * A program's directory order, built once per store revision and shared by every viewer and page:
 * - `fitsOf(viewer)`: the viewer's fit with each other participant, the matching engine's pair
 *   score from the two profiles and the speed-dating ratings between the two of them (a pair's
 *   score reads no one else's ratings), computed once per viewer;
 * - `nameRank`: each participant's place in French alphabetical order of names.
 */
function programDirectoryOrder(s: Services, programId: string) {
  return whileUnchanged(s, `directory|${programId}`, async () => {
    const store = s.store;
    const [participants, users, organizations, program, ratings] = await Promise.all([
      store.find("participants", { programId }),
      store.find("users"),
      store.find("organizations"),
      store.get("programs", programId),
      programRatings(s, programId),
    ]);
    const userById = new Map(users.map((u) => [u.id, u]));
    const engine = toEngineParticipants(participants, {
      organizations: new Map(organizations.map((o) => [o.id, o])),
      users: userById,
      taxonomy: program?.taxonomy ?? [],
    });
    // The solver's own pair score, for people the program's rule lets share a group with the
    // viewer (matching/compatibility.ts, the rule of the solver, the round scheduler and
    // checkGroup, without the coordination's forbids, which the directory does not reveal).
    const scorer = pairScorer(engine, {}, ratings);
    const rule = compatibility(engine, { regionRule: program?.regionRule ?? "distinct-regions" });
    const fits = new Map<string, Map<string, Fit>>();
    const fitsOf = (viewerId: string) => {
      let mine = fits.get(viewerId);
      if (!mine) {
        mine = new Map();
        const i = engine.findIndex((p) => p.id === viewerId);
        if (i >= 0) {
          for (let j = 0; j < engine.length; j++) {
            if (j === i) continue;
            const apart = rule
              .conflicts(i, j)
              .filter((c): c is DirectoryApart => c !== "same-person" && c !== "forbidden");
            mine.set(
              engine[j]!.id,
              apart.length > 0 ? { apart } : { fit: fitPercent(scorer.score(i, j)) },
            );
          }
        }
        if (fits.size >= FIT_VIEWERS_KEPT) fits.delete(fits.keys().next().value!);
        fits.set(viewerId, mine);
      }
      return mine;
    };
    const named = participants.map((p) => ({
      id: p.id,
      name: userById.get(p.userId)?.name ?? "?",
    }));
    named.sort((a, b) => frenchOrder(a.name, b.name));
    const nameRank = new Map(named.map((p, rank) => [p.id, rank]));
    return { fitsOf, nameRank };
  });
}

/**
 * Who the program's rule keeps out of the viewer's groups, and why (the directory's `apart`
 * reasons, matching/compatibility.ts without the coordination's forbids): the same answer for the
 * directory's cards and the self-formed proposal form. Empty for someone not in the program.
 */
export async function apartFromViewer(
  s: Services,
  programId: string,
  viewerId: string,
): Promise<Map<string, DirectoryApart[]>> {
  const order = await programDirectoryOrder(s, programId);
  const apart = new Map<string, DirectoryApart[]>();
  for (const [id, fit] of order.fitsOf(viewerId)) if (fit.apart) apart.set(id, fit.apart);
  return apart;
}

/**
 * One page of the program's directory: the published profiles (and the viewer's own) matching the
 * filters, the viewer first, then by fit with the viewer, then whoever the program's rule keeps out
 * of the viewer's groups, then by name. The whole filtered set is
 * scored and sorted (the fit is the sort key); only the page's cards are built.
 */
export async function listDirectory(
  s: Services,
  programId: string,
  viewer: { userId: string; participantId?: string },
  filters: DirectoryFilters,
  requested = 1,
): Promise<{ entries: DirectoryEntry[]; pageInfo: PageInfo }> {
  const store = s.store;
  // The viewer's filtered, sorted list is kept until the next write: paging through it (or
  // coming back to it) filters and sorts once. Shared: never modify it.
  const sorted = await whileUnchanged(
    s,
    `directory-list|${programId}|${viewer.participantId ?? viewer.userId}|${filters.role ?? ""}|${filters.region ?? ""}|${filters.style ?? ""}|${filters.tag ?? ""}`,
    () => sortedDirectory(s, programId, viewer, filters),
  );
  const { items, pageInfo } = paginate(sorted, requested, CARDS_PAGE_SIZE);
  // Names only for the page's cards.
  const users = await Promise.all(items.map(({ p }) => store.get("users", p.userId)));
  return {
    pageInfo,
    entries: items.map(({ p, org, isSelf, fit, apart, why }, i) => ({
      id: p.id,
      name: users[i]?.name ?? "?",
      role: p.role,
      organization: org?.name ?? "?",
      region: org?.region ?? "",
      mrc: org?.mrc ?? "",
      profile: {
        needs: p.profile.needs,
        expertise: p.profile.expertise,
        workingStyle: p.profile.workingStyle,
      },
      isSelf,
      fit,
      apart,
      why,
    })),
  };
}

/** The published profiles (and the viewer's own) matching the filters, in directory order. */
async function sortedDirectory(
  s: Services,
  programId: string,
  viewer: { userId: string; participantId?: string },
  filters: DirectoryFilters,
) {
  const store = s.store;
  const where: Partial<Participant> = { programId, published: true };
  if (filters.role) where.role = filters.role;
  const [published, viewerRecord, organizations] = await Promise.all([
    store.find("participants", where),
    viewer.participantId ? store.get("participants", viewer.participantId) : undefined,
    store.find("organizations"),
  ]);
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
  const order = await programDirectoryOrder(s, programId);
  const fits = self ? order.fitsOf(self.id) : undefined;
  const sortable = shown.map(({ p, org }) => ({
    p,
    org,
    isSelf: p.id === viewer.participantId,
    fit: fits?.get(p.id)?.fit,
    apart: fits?.get(p.id)?.apart,
    why: self && fits?.get(p.id)?.fit !== undefined ? fitReasons(self, p) : undefined,
    rank: order.nameRank.get(p.id) ?? 0,
  }));
  // The viewer, then by fit, then whoever the rule keeps out of the viewer's groups, by name.
  sortable.sort(
    (a, b) =>
      Number(b.isSelf) - Number(a.isSelf) ||
      Number(Boolean(a.apart)) - Number(Boolean(b.apart)) ||
      (b.fit ?? 0) - (a.fit ?? 0) ||
      a.rank - b.rank,
  );
  return sortable;
}

/** The other organizations of the program, for the competitor checkboxes. */
export async function programOrganizations(s: Services, programId: string) {
  const store = s.store;
  const participants = await store.find("participants", { programId });
  const ids = [...new Set(participants.map((p) => p.organizationId))];
  const orgs = await Promise.all(ids.map((id) => store.get("organizations", id)));
  return orgs
    .filter((o): o is NonNullable<typeof o> => Boolean(o))
    .map((o) => ({ id: o.id, name: o.name, region: o.region, competitorIds: o.competitorIds }))
    .sort((a, b) => frenchOrder(a.name, b.name));
}
