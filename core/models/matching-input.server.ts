/** The program's participants and rules as the matching engine sees them (ids are participant ids). */
import type { InstanceInput, Participant as EngineParticipant } from "../../matching/schema";
import { coMentorSeats, mergeCoMentors, toSeatIds } from "../../matching/co-mentors";
import type { EntityOf } from "../store";
import type { Services } from "../services";
import { tagNamer } from "../data/tag-label";

/**
 * The program's rules for the engine, between the given people: the composition and region rule,
 * the coordination's pins and forbids (pairs naming anyone else are left out). The solver's runs,
 * the group checks and the speed-dating rounds all read them from here, so that they apply the same
 * rule (matching/compatibility.ts).
 */
export function programRules(
  program: Pick<EntityOf<"programs">, "composition" | "regionRule" | "pins" | "forbids">,
  ids: ReadonlySet<string>,
  seats: ReadonlyMap<string, string> = new Map(),
) {
  // A pair naming a co-mentor names the seat they share.
  const within = (pairs: ReadonlyArray<[string, string]>) =>
    pairs
      .map(([a, b]): [string, string] => [seats.get(a) ?? a, seats.get(b) ?? b])
      .filter(([a, b]) => a !== b && ids.has(a) && ids.has(b));
  return {
    policy: { mode: program.composition, regionRule: program.regionRule },
    pins: within(program.pins),
    forbid: within(program.forbids),
  } satisfies Partial<InstanceInput>;
}

/** The program's shared mentor seats: each co-mentor's id → the seat's id (matching/co-mentors.ts). */
export async function programSeats(s: Services, programId: string) {
  return coMentorSeats(await s.store.find("participants", { programId }));
}

/**
 * The program's participants as the engine sees them (`only`: these people, by their own or their
 * seat's id). Groups count seats: two co-mentors are one person, the seat (matching/co-mentors.ts);
 * `people: true` keeps everyone apart (speed dating, where each meets others in person).
 */
export async function engineParticipants(
  s: Services,
  programId: string,
  only?: ReadonlySet<string>,
  options: { people?: boolean } = {},
) {
  const store = s.store;
  const [participants, organizations, users, program] = await Promise.all([
    store.find("participants", { programId }),
    store.find("organizations"),
    store.find("users"),
    store.get("programs", programId),
  ]);
  const seats = options.people ? new Map<string, string>() : coMentorSeats(participants);
  const wanted = only && new Set(toSeatIds([...only], seats));
  const engine = toEngineParticipants(
    participants.filter((p) => !wanted || wanted.has(seats.get(p.id) ?? p.id)),
    {
      organizations: new Map(organizations.map((o) => [o.id, o])),
      users: new Map(users.map((u) => [u.id, u])),
      taxonomy: program?.taxonomy ?? [],
    },
  );
  return mergeCoMentors(engine, seats);
}

/**
 * The same, from records a caller has already read (a page that also lists the participants need
 * not read them twice).
 */
export function toEngineParticipants(
  participants: ReadonlyArray<EntityOf<"participants">>,
  context: {
    organizations: ReadonlyMap<string, EntityOf<"organizations">>;
    users: ReadonlyMap<string, { name: string }>;
    taxonomy: ReadonlyArray<{ id: string; label: string }>;
  },
): EngineParticipant[] {
  // Subjects go to the engine by their French label, so that its explanations read naturally.
  // Pages name them in the reader's language from that label (reason-text.ts, tag-label.ts).
  const named = tagNamer(context.taxonomy, "fr");
  return participants
    .map((p): EngineParticipant => {
      const org = context.organizations.get(p.organizationId);
      return {
        id: p.id,
        name: context.users.get(p.userId)?.name ?? p.id,
        role: p.role,
        region: org?.region ?? "00",
        mrc: org?.mrc ?? "0",
        organization: p.organizationId,
        // A conflict of interest the person declared (proximity rule) acts as a competitor.
        competitors: [...new Set([...(org?.competitorIds ?? []), ...(p.conflictOrgIds ?? [])])],
        capacity: p.role === "mentor" ? p.capacity : undefined,
        needs: p.profile.needs.map((n) => ({ tag: named(n.tag), priority: n.priority })),
        expertise: p.profile.expertise.map(named),
        sector: p.profile.sector,
        style: p.profile.workingStyle,
        availability: p.profile.availability,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}
