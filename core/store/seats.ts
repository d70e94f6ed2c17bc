/**
 * The seats of existing active groups (pure), for a data file written before seats existed
 * (migration 1 → 2), for seed data and test stores. Here rather than in the models because the
 * store's migrations use them and the store imports no model; the seat a new group takes is
 * core/models/membership.ts's `seatFor`.
 */

export interface SeatRecord {
  programId: string;
  groupId: string;
  participantId: string;
  seat: number;
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
