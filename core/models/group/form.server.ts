/**
 * Forming a group of three: its suggested first meeting, and its creation with its members' seats
 * and notifications, every rule checked again in the same transaction.
 */
import { newId } from "../../store";
import type { EntityOf } from "../../store";
import { seatFor } from "../membership";
import { engineParticipants, programSeats } from "../matching-input.server";
import { fromSeatIds, partnerOf, toSeatIds } from "../../../matching/co-mentors";
import { notify } from "../notification.server";
import { addDays, quebecToday, weekdayOf } from "../../utils/quebec-time";
import type { Services } from "../../services";
import type { Group } from "./read.server";
import { checkGroup, groupScore, GroupRuleError } from "./rules.server";

type Program = EntityOf<"programs">;

const WEEKDAY_CODES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/**
 * The first meeting, within two weeks (the pilot's lesson: start fast) but never before the
 * program's mentoring period: the first day from three days on (or from the period's first day)
 * when all three are available, else a week from then.
 */
export async function suggestFirstMeeting(
  s: Services,
  memberIds: readonly string[],
  mentoringStart: string,
  from = s.clock.now(),
) {
  const store = s.store;
  const members = await Promise.all(memberIds.map((id) => store.get("participants", id)));
  // Days and weekdays in Quebec, whatever the server's zone.
  const today = quebecToday(from);
  const before = today < mentoringStart;
  const base = before ? mentoringStart : today;
  for (let days = before ? 0 : 3; days <= 14; days++) {
    const date = addDays(base, days);
    const code = WEEKDAY_CODES[weekdayOf(date)]!;
    const everyone = members.every((m) =>
      m?.profile.availability.some((slot) => slot.startsWith(code)),
    );
    if (everyone) return date;
  }
  return addDays(base, 7);
}

/**
 * Creates the group and takes its members' seats, in one transaction that checks every rule again
 * on what it reads (docs/invariants.md), then tells its members once the group is committed.
 * `sourceKey` names what the group is formed from (a proposal, a solver run's group): a second
 * group from the same source is refused by the store itself.
 */
export async function formGroup(
  s: Services,
  input: {
    program: Program;
    memberIds: string[];
    origin: Group["origin"];
    sourceKey: string;
    approvedBy?: string;
    explanation?: Group["explanation"];
  },
) {
  const store = s.store;
  return store.transaction(async (tx) => {
    const program = (await tx.get("programs", input.program.id)) ?? input.program;
    if (await tx.findOne("groups", { sourceKey: input.sourceKey }))
      throw new GroupRuleError("already-formed");
    // Three seats; a mentor seat shared by two co-mentors brings both (ADR 0026).
    const seats = await programSeats(s, program.id);
    const seatIds = toSeatIds(input.memberIds, seats);
    const violations = await checkGroup(s, program, seatIds);
    if (violations.length) throw new GroupRuleError("violations", violations);
    const memberIds = fromSeatIds(seatIds, seats);
    const participants = await engineParticipants(s, program.id, new Set(seatIds));
    const mentor = participants.find((p) => p.role === "mentor");
    const [score, suggestedFirstMeeting] = await Promise.all([
      groupScore(s, program.id, seatIds),
      suggestFirstMeeting(s, memberIds, program.mentoringStart),
    ]);
    const now = s.clock.now().toISOString();
    const group = await tx.insert("groups", {
      id: newId("grp"),
      programId: program.id,
      memberIds: [...memberIds].sort(),
      mentorId: mentor?.id,
      coMentorId: mentor && partnerOf(mentor.id, seats),
      status: "active",
      origin: input.origin,
      sourceKey: input.sourceKey,
      score,
      explanation: input.explanation,
      suggestedFirstMeeting,
      approvedBy: input.approvedBy,
      createdAt: now,
    });
    for (const participantId of group.memberIds) {
      const member = await tx.get("participants", participantId);
      const seat = member && seatFor(member, await tx.find("memberships", { participantId }));
      if (seat === undefined) {
        const name = participants.find((p) => p.id === participantId)?.name ?? participantId;
        throw new GroupRuleError("violations", [{ code: "capacity-exceeded", names: [name] }]);
      }
      await tx.insert("memberships", {
        id: newId("mbr"),
        programId: program.id,
        groupId: group.id,
        participantId,
        seat,
        createdAt: now,
      });
    }
    for (const id of group.memberIds) {
      const member = await tx.get("participants", id);
      if (!member) continue;
      const others = participants
        .filter((p) => p.id !== (seats.get(id) ?? id))
        .map((p) => p.name ?? p.id);
      await notify(s, {
        userId: member.userId,
        programId: program.id,
        kind: "groupFormed",
        params: { program: program.title, others: others.join(", "), date: suggestedFirstMeeting },
        link: `/programs/${program.id}/groups/${group.id}`,
      });
    }
    return group;
  });
}
