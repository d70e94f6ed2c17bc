/**
 * Co-mentor seats: two mentors of one organization may share one mentor seat (ADR 0026). Both are
 * members of the seat's groups; everything that counts seats — the solver, the group checks, a
 * proposal, a solver run's groups — sees the pair as one person (`mergeCoMentors`), whose id is
 * the seat's id: the smaller of the two participant ids. After solving, `fromSeatIds` brings the
 * second co-mentor back into the seat's group.
 */
import type { Participant } from "./schema";

interface Paired {
  id: string;
  coMentorId?: string;
}

/** Each co-mentor's id → the seat's id (only people who share a seat, both present). */
export function coMentorSeats(participants: readonly Paired[]): Map<string, string> {
  const ids = new Set(participants.map((p) => p.id));
  const seats = new Map<string, string>();
  for (const p of participants) {
    if (!p.coMentorId || !ids.has(p.coMentorId)) continue;
    seats.set(p.id, p.id < p.coMentorId ? p.id : p.coMentorId);
  }
  return seats;
}

/** The seats a list of people holds: each co-mentor becomes the seat's id, once. */
export function toSeatIds(ids: readonly string[], seats: ReadonlyMap<string, string>): string[] {
  return [...new Set(ids.map((id) => seats.get(id) ?? id))];
}

/** The people a list of seats holds: a shared seat brings both co-mentors. */
export function fromSeatIds(ids: readonly string[], seats: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    out.add(id);
    for (const [person, seat] of seats) if (seat === id) out.add(person);
  }
  return [...out];
}

/** The co-mentor who joins a seat's groups besides the seat's id (undefined: no shared seat). */
export function partnerOf(seatId: string, seats: ReadonlyMap<string, string>): string | undefined {
  for (const [person, seat] of seats) if (seat === seatId && person !== seatId) return person;
  return undefined;
}

const union = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) => [
  ...new Set([...(a ?? []), ...(b ?? [])]),
];

/**
 * The participants as the solver sees them: each shared seat is one mentor whose id is the seat's,
 * whose expertise (and needs, competitors, availability) is the union of the two — either of them
 * leads a meeting, so what either knows counts — and whose capacity is the smaller of the two (both
 * join every group of the seat). Names read "A & B". Others are unchanged, in the same order.
 */
export function mergeCoMentors(
  participants: readonly Participant[],
  seats: ReadonlyMap<string, string>,
): Participant[] {
  const byId = new Map(participants.map((p) => [p.id, p]));
  const out: Participant[] = [];
  for (const p of participants) {
    const seat = seats.get(p.id);
    if (seat === undefined) {
      out.push(p);
      continue;
    }
    if (seat !== p.id) continue;
    const other = byId.get(partnerOf(seat, seats) ?? "");
    if (!other) {
      out.push(p);
      continue;
    }
    out.push({
      ...p,
      name: `${p.name ?? p.id} & ${other.name ?? other.id}`,
      competitors: union(p.competitors, other.competitors),
      capacity: Math.min(p.capacity ?? 1, other.capacity ?? 1),
      needs: [
        ...new Map(
          [...(other.needs ?? []), ...(p.needs ?? [])].map((n) => [
            typeof n === "string" ? n : n.tag,
            n,
          ]),
        ).values(),
      ],
      expertise: union(p.expertise, other.expertise),
      availability: union(p.availability, other.availability),
    });
  }
  return out;
}
