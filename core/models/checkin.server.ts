/**
 * Check-ins: mentees send a short update on the state of their needs at the program's frequency
 * (reminders through the outbox); the mentor reads them before preparing a meeting, and confirms the
 * prepared content with the mentees (the pilot's mentors prepared content that had become obsolete).
 */
import { newId } from "../store";
import type { EntityOf } from "../store";
import { notify } from "./notification.server";
import { newestFirst } from "../utils/order";
import { quebecToday } from "../utils/quebec-time";
import type { Services } from "../services";
import { DomainError } from "../errors";
import { isGroupMentor } from "./membership";

export type CheckIn = EntityOf<"checkIns">;
type Group = EntityOf<"groups">;

export async function listCheckIns(s: Services, groupId: string) {
  const list = await s.store.find("checkIns", { groupId });
  return list.sort((a, b) => newestFirst(a.createdAt, b.createdAt));
}

/** Who sends check-ins: the mentees (everyone in a group without a mentor). */
export function sendsCheckIns(
  group: Pick<Group, "mentorId" | "coMentorId">,
  participantId: string,
) {
  return !isGroupMentor(group, participantId);
}

export class NotAMenteeError extends DomainError {
  constructor() {
    super({
      name: "NotAMenteeError",
      code: "not-a-mentee",
      messageKey: "errors.checkInMenteesOnly",
      status: 403,
    });
  }
}

export async function addCheckIn(
  s: Services,
  group: Group,
  participantId: string,
  input: {
    needsStatus: CheckIn["needsStatus"];
    update: string;
    changes: string;
    questions: string;
  },
) {
  if (!group.memberIds.includes(participantId) || !sendsCheckIns(group, participantId))
    throw new NotAMenteeError();
  return s.store.insert("checkIns", {
    id: newId("chk"),
    groupId: group.id,
    participantId,
    ...input,
    createdAt: s.clock.now().toISOString(),
  });
}

/** When a member's next check-in is due: the last one (or the group's start) plus the frequency. */
export function nextCheckInDue(
  lastAt: string | undefined,
  groupCreatedAt: string,
  everyWeeks: number,
): Date {
  return new Date(Date.parse(lastAt ?? groupCreatedAt) + everyWeeks * 7 * 86_400_000);
}

/**
 * Reminds each mentee whose check-in is due, once per period while they stay silent; only while
 * the program's period has not ended. Called by the server every few minutes, with the meeting reminders.
 */
export async function sendCheckInReminders(s: Services, now = s.clock.now()) {
  const store = s.store;
  const today = quebecToday(now);
  let sent = 0;
  // Read once for every group (a network has hundreds of groups): programs, and each member's
  // latest check-in.
  const [groups, programs, checkIns] = await Promise.all([
    store.find("groups", { status: "active" }),
    store.find("programs"),
    store.find("checkIns"),
  ]);
  const programById = new Map(programs.map((p) => [p.id, p]));
  const lastCheckIn = new Map<string, string>();
  for (const c of checkIns) {
    const key = `${c.groupId}\u0000${c.participantId}`;
    const max = lastCheckIn.get(key);
    if (!max || c.createdAt > max) lastCheckIn.set(key, c.createdAt);
  }
  for (const group of groups) {
    const program = programById.get(group.programId);
    if (!program || program.status === "closed" || program.mentoringEnd < today) continue;
    for (const participantId of group.memberIds) {
      if (!sendsCheckIns(group, participantId)) continue;
      const last = lastCheckIn.get(`${group.id}\u0000${participantId}`);
      const due = nextCheckInDue(last, group.createdAt, program.checkInWeeks);
      if (due > now) continue;
      // Claimed and told in one transaction: a reminder per due date, even with two passes (or
      // two processes) at once; the e-mail follows the commit.
      const told = await store.transaction(async (tx) => {
        const participant = await tx.get("participants", participantId);
        if (!participant) return false;
        // Still silent after a reminder: the next one comes a full period later.
        const reminded = participant.checkInRemindedAt;
        const next =
          reminded && reminded >= due.toISOString()
            ? nextCheckInDue(reminded, reminded, program.checkInWeeks)
            : due;
        if (next > now) return false;
        await tx.update("participants", participantId, { checkInRemindedAt: now.toISOString() });
        await notify(s, {
          userId: participant.userId,
          programId: program.id,
          kind: "checkInReminder",
          params: { program: program.title, weeks: program.checkInWeeks },
          link: `/programs/${program.id}/groups/${group.id}/checkins`,
        });
        return true;
      });
      if (told) sent++;
    }
  }
  return sent;
}
