/**
 * A counting bound on the number of groups (../optimize/columns.ts adds it to the master LP as
 * a cut from the start): valid for every integer solution whatever the scores, so it holds even
 * when column generation runs out of time before the LP bound settles the count.
 * - mentorship: at most Σ capacities of the mentors who have two compatible mentees, and at most
 *   ⌊mentees who have a compatible mentor / 2⌋ (each group holds one mentor and two mentees);
 * - co-development: at most ⌊peers who have two compatible peers / 3⌋.
 * Pins and forbids only remove triads, so they cannot raise it.
 */
import type { Encoded } from "../encode";

export function countGroupBound(enc: Encoded): number {
  const { n, compat, cap, role } = enc;
  const compatibleCount = (x: number, wanted: number) => {
    let c = 0;
    for (let y = 0; y < n; y++)
      if (y !== x && cap[y]! > 0 && role[y] === wanted && compat[x * n + y]) c++;
    return c;
  };
  if (enc.mode === "mentorship") {
    let mentorSlots = 0;
    let mentees = 0;
    for (let x = 0; x < n; x++) {
      if (cap[x]! <= 0) continue;
      if (role[x] === 0 && compatibleCount(x, 1) >= 2) mentorSlots += cap[x]!;
      else if (role[x] === 1 && compatibleCount(x, 0) >= 1) mentees += Math.min(1, cap[x]!);
    }
    return Math.min(mentorSlots, Math.floor(mentees / 2));
  }
  let peers = 0;
  for (let x = 0; x < n; x++)
    if (cap[x]! > 0 && role[x] === 2 && compatibleCount(x, 2) >= 2) peers++;
  return Math.floor(peers / 3);
}
