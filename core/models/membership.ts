/**
 * Seats in active groups (pure): a mentee or a peer holds seat 0 of one active group at most; a
 * mentor holds seats 0 to capacity − 1. The store's unique key on (participant, seat) makes the
 * rule "one active group per person, `capacity` per mentor" hold whatever the writer
 * (docs/invariants.md). Groups are formed and seats taken in one transaction (group.server.ts).
 */

export interface SeatRecord {
  programId: string;
  groupId: string;
  participantId: string;
  seat: number;
}

/**
 * The seat a participant takes in a new group, given the seats they hold: seat 0 for a mentee or
 * a peer (a second one collides with the first), the lowest free seat below `capacity` for a
 * mentor; undefined when a mentor has none left.
 */
export function seatFor(
  participant: { role: string; capacity: number },
  held: readonly { seat: number }[],
): number | undefined {
  if (participant.role !== "mentor") return 0;
  const used = new Set(held.map((m) => m.seat));
  for (let seat = 0; seat < participant.capacity; seat++) if (!used.has(seat)) return seat;
  return undefined;
}

/**
 * The seats of existing active groups, in the order the groups were formed: for a data file
 * written before seats existed (migration 1 → 2) and for seed data.
 */
export function seatsOfGroups(
  groups: readonly {
    id: string;
    programId: string;
    memberIds: readonly string[];
    status: string;
    createdAt: string;
  }[],
): SeatRecord[] {
  const held = new Map<string, number>();
  const seats: SeatRecord[] = [];
  const active = groups
    .filter((g) => g.status === "active")
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  for (const group of active) {
    for (const participantId of group.memberIds) {
      const seat = held.get(participantId) ?? 0;
      held.set(participantId, seat + 1);
      seats.push({ programId: group.programId, groupId: group.id, participantId, seat });
    }
  }
  return seats;
}

/** The seat records of existing active groups (seed data, test stores, migration 1 → 2). */
export function membershipsOfGroups(
  groups: Parameters<typeof seatsOfGroups>[0],
  createdAt: string,
): Array<SeatRecord & { id: string; createdAt: string }> {
  return seatsOfGroups(groups).map((seat) => ({
    id: `mbr-${crypto.randomUUID()}`,
    ...seat,
    createdAt,
  }));
}
