/**
 * The rules of a group of three: the hard-constraint check (the matching engine's own validation
 * of fixed groups), the engine's explanation and score of a group, and the refusal when a rule is
 * broken.
 */
import { encode } from "../../../matching/encode";
import { explainGroup } from "../../../matching/explain";
import type { Reason } from "../../../matching/reasons";
import { instanceSchema, type InstanceInput } from "../../../matching/schema";
import { pairScore } from "../../../matching/score";
import type { EntityOf } from "../../store";
import { engineParticipants, programRules, programSeats } from "../matching-input.server";
import { toSeatIds } from "../../../matching/co-mentors";
import { programRatings } from "../event.server";
import type { Services } from "../../services";
import { DomainError } from "../../errors";
import { groupFitLevel, type FitLevel } from "../../data/plain-words";
import { activeGroups } from "./read.server";

type Program = EntityOf<"programs">;

export interface Violation {
  code: string;
  /** Names of the people concerned. */
  names: string[];
}

/**
 * Checks a candidate group against every hard constraint, counting the program's active groups
 * (mentor capacity, one group per mentee or peer), pins and forbids. Empty when it is allowed.
 */
export async function checkGroup(
  s: Services,
  program: Program,
  memberIds: readonly string[],
  options: { ignoreGroupIds?: readonly string[] } = {},
): Promise<Violation[]> {
  // Seats, not people: two co-mentors sharing a seat are one member of the group's three.
  const seats = await programSeats(s, program.id);
  const ids = toSeatIds(memberIds, seats);
  const all = await engineParticipants(s, program.id);
  const byId = new Map(all.map((p) => [p.id, p]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  if (ids.length !== 3) return [{ code: "size", names: [] }];
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) return [{ code: "not-participant", names: unknown }];

  const others = (await activeGroups(s, program.id))
    .filter((g) => !options.ignoreGroupIds?.includes(g.id))
    .map((g) => toSeatIds(g.memberIds, seats))
    .filter((members) => members.some((m) => ids.includes(m)));
  const pinPartners = program.pins.flatMap(([a, b]) =>
    ids.includes(a) ? [b] : ids.includes(b) ? [a] : [],
  );
  const subset = new Set([...ids, ...others.flat(), ...toSeatIds(pinPartners, seats)]);
  const participants = [...subset].filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  const instance = instanceSchema.parse({
    ...programRules(program, subset, seats),
    participants,
    fixedGroups: [
      ...others.map((members) => members as [string, string, string]),
      ids as [string, string, string],
    ],
  } satisfies InstanceInput);
  const candidateIndex = others.length;
  const violations = encode(instance).violations.filter((v) => v.index === candidateIndex);
  return violations.flatMap((v) =>
    v.problems.map((p) => ({ code: p.code, names: p.ids.map(name) })),
  );
}

/**
 * The engine's own explanation of a group (needs met, shared needs, ratings, rules checked), as
 * reason codes the pages word in the reader's language.
 */
export async function explainTriad(
  s: Services,
  program: Program,
  memberIds: readonly string[],
): Promise<Reason[]> {
  const people = await engineParticipants(s, program.id, new Set(memberIds));
  const ids = new Set(people.map((p) => p.id));
  const ratings = (await programRatings(s, program.id)).filter(
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
  return explanation.reasons;
}

/** Sum of the three pair scores, with the program's speed-dating ratings. */
export async function groupScore(s: Services, programId: string, memberIds: readonly string[]) {
  const people = await engineParticipants(s, programId, new Set(memberIds));
  const ratings = await programRatings(s, programId);
  let score = 0;
  for (let i = 0; i < people.length; i++) {
    for (let j = i + 1; j < people.length; j++)
      score += pairScore(people[i]!, people[j]!, undefined, ratings);
  }
  return Math.round(score * 100) / 100;
}

/**
 * How well a group of three fits, as its members read it (issue #20): a plain level, never the
 * engine's score, with the engine's reasons but the speed-dating answers.
 */
export async function groupFit(
  s: Services,
  program: Program,
  memberIds: readonly string[],
): Promise<{ level: FitLevel; reasons: Reason[] }> {
  const [score, reasons] = await Promise.all([
    groupScore(s, program.id, memberIds),
    explainTriad(s, program, memberIds),
  ]);
  return { level: groupFitLevel(score), reasons: reasonsForMembers(reasons) };
}

/**
 * The reasons a group's members may read about their own group (the group check, the group
 * space's "why this group"): speed-dating answers are private to their author
 * (core/store/records/live.ts), so they count in the fit but are never listed for participants;
 * coordinators read every reason on the formation page.
 */
export function reasonsForMembers<R extends { code: string }>(reasons: readonly R[]): R[] {
  return reasons.filter((reason) => reason.code !== "mutual-rating");
}

export class GroupRuleError extends DomainError {
  constructor(code: string, violations: Violation[] = []) {
    super({
      name: "GroupRuleError",
      code,
      messageKey: "forms.fixErrors",
      status: 409,
      // The page lists the broken rules; a refusal without a list names its own code.
      violations: violations.length ? violations : [{ code, names: [] }],
    });
  }
}

/** The refusal a page shows: the broken rules, with the people concerned (status 409). */
export function refusal(error: GroupRuleError): Response {
  const violations = error.violations.length ? error.violations : [{ code: error.code, names: [] }];
  return Response.json({ violations }, { status: 409 });
}
