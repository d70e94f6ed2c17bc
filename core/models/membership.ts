/**
 * Seats in active groups (pure): a mentee or a peer holds seat 0 of one active group at most; a
 * mentor holds seats 0 to capacity − 1. The store's unique key on (participant, seat) makes the
 * rule "one active group per person, `capacity` per mentor" hold whatever the writer
 * (docs/invariants.md). Groups are formed and seats taken in one transaction (group.server.ts);
 * the seats of groups that already exist are derived by core/store/seats.ts.
 */

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

/** The group's mentor: the seat's mentor, or the co-mentor who shares it (ADR 0026). */
export function isGroupMentor(
  group: { mentorId?: string; coMentorId?: string },
  participantId: string,
): boolean {
  return group.mentorId === participantId || group.coMentorId === participantId;
}
