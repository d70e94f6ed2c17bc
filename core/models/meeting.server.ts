/**
 * A group's meetings: the generated series, status changes, details, preparation and facilitators'
 * turns. Reminders and the calendar feed (ICS): meeting-calendar.server.ts.
 */
import { newId } from "../store";
import type { EntityOf } from "../store";
import { assignLeads, leadRuleOf } from "./meeting-lead";
import { isGroupMentor } from "./membership";
import { quebecDate, quebecInstant } from "../utils/quebec-time";
import {
  firstFollowUpDay,
  FOLLOW_UPS_PER_YEAR,
  followUpsInYear,
  programEndFor,
} from "./meeting-spacing";
import { generateSeries, type SeriesInput } from "./meeting-series";
import { setMeetingTime } from "./hour-bank.server";
import type { Services } from "../services";
import { DomainError, type DomainErrorInit } from "../errors";

export type Meeting = EntityOf<"meetings">;

export async function listMeetings(s: Services, groupId: string) {
  const meetings = await s.store.find("meetings", { groupId });
  return meetings.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * (Re)generates the series: planned meetings still to come are replaced; held, postponed and
 * cancelled ones, follow-ups, and anything in the past, stay. The new meetings get their leads by
 * the program's rule (assignFacilitators), in the same transaction.
 */
export async function planSeries(s: Services, groupId: string, input: SeriesInput) {
  const now = s.clock.now().toISOString();
  return s.store.transaction(async (tx) => {
    const removed = new Set<string>();
    for (const m of await tx.find("meetings", { groupId })) {
      if (m.status === "planned" && m.startsAt > now && !m.followUp) {
        await tx.remove("meetings", m.id);
        removed.add(m.id);
      }
    }
    // A co-development session planned for a removed meeting stays, without its date.
    for (const session of await tx.find("codevSessions", { groupId })) {
      if (session.meetingId && removed.has(session.meetingId))
        await tx.update("codevSessions", session.id, { meetingId: undefined });
    }
    const slots = generateSeries(input);
    // A first date already past is refused, not dropped: the group would lose a meeting silently.
    if (slots[0] && slots[0].startsAt <= now) throw new SeriesStartsInPastError(slots[0].startsAt);
    const created = [];
    for (const slot of slots) {
      if (slot.startsAt <= now) continue;
      created.push(
        await tx.insert("meetings", {
          id: newId("mtg"),
          groupId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          status: "planned",
          createdAt: now,
          updatedAt: now,
        }),
      );
    }
    await assignFacilitators(s, groupId, now, new Set(created.map((m) => m.id)));
    return Promise.all(created.map(async (m) => (await tx.get("meetings", m.id)) ?? m));
  });
}

export class MeetingNotFoundError extends DomainError {
  constructor() {
    super({
      name: "MeetingNotFoundError",
      code: "meeting-not-found",
      messageKey: "errors.page.notFound",
      status: 404,
    });
  }
}
/** The meeting changed since the form was shown (another member saved first). */
export class StaleMeetingError extends DomainError {
  constructor() {
    super({
      name: "StaleMeetingError",
      code: "stale-meeting",
      messageKey: "errors.meetingChanged",
      status: 409,
    });
  }
}
/**
 * A meeting is marked held only once it has started (`field`: the form field at fault, "status",
 * or "date" when a held meeting would move into the future).
 */
export class MeetingNotStartedError extends DomainError {
  constructor(
    readonly startsAt: string,
    field = "status",
  ) {
    super({
      name: "MeetingNotStartedError",
      code: "meeting-not-started",
      messageKey: "errors.meetingNotStarted",
      status: 400,
      field,
      dateParams: { date: startsAt },
    });
  }
}
/** A series whose first meeting would already be over: the member picks another first date. */
export class SeriesStartsInPastError extends DomainError {
  constructor(readonly startsAt: string) {
    super({
      name: "SeriesStartsInPastError",
      code: "series-in-past",
      messageKey: "errors.seriesInPast",
      status: 400,
      field: "firstDate",
      dateParams: { date: startsAt },
    });
  }
}
/** A member named for a meeting is not in the group. */
export class NotAMemberError extends DomainError {
  constructor(field: string) {
    super({
      name: "NotAMemberError",
      code: "not-a-member",
      messageKey: "errors.notGroupMember",
      status: 400,
      field,
    });
  }
}

/** Quarter hours between two instants, at least a quarter and at most 12 h (the ledger's bounds). */
export function quarterHours(ms: number): number {
  return Math.min(12, Math.max(0.25, Math.round(ms / 900_000) / 4));
}

/** Who a meeting is for: everyone in a collective meeting, the chosen members in an individual one. */
export function meetingMembers(meeting: Meeting, groupMemberIds: readonly string[]): string[] {
  return meeting.kind === "individual" && meeting.participantIds.length > 0
    ? groupMemberIds.filter((id) => meeting.participantIds.includes(id))
    : [...groupMemberIds];
}

/**
 * A held meeting puts its time in the hour bank, one line per person present (counted once, see
 * hour-bank.ts); leaving "held" takes those lines out again. Only a meeting that has started can
 * be held (MeetingNotStartedError).
 */
export async function setMeetingStatus(
  s: Services,
  groupId: string,
  meetingId: string,
  status: Meeting["status"],
  reason: string,
  presentIds?: readonly string[],
  now = s.clock.now().toISOString(),
) {
  return s.store.transaction(async (tx) => {
    const meeting = await tx.get("meetings", meetingId);
    const group = await tx.get("groups", groupId);
    if (!meeting || !group || meeting.groupId !== groupId) throw new MeetingNotFoundError();
    if (status === "held" && meeting.startsAt > now)
      throw new MeetingNotStartedError(meeting.startsAt);
    const expected =
      meeting.status === "held" && meeting.presentIds.length
        ? meeting.presentIds
        : meetingMembers(meeting, group.memberIds);
    const present = status === "held" ? [...(presentIds ?? expected)] : [];
    if (present.some((id) => !group.memberIds.includes(id)))
      throw new NotAMemberError("presentIds");
    await setMeetingTime(tx, {
      groupId,
      meetingId,
      // A follow-up after the program stays outside its hour bank (ADR 0027).
      presentIds: meeting.followUp ? [] : present,
      hours: quarterHours(Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)),
      date: quebecDate(meeting.startsAt),
      at: now,
    });
    return tx.update("meetings", meetingId, {
      status,
      statusReason: status === "postponed" || status === "cancelled" ? reason : "",
      presentIds: present,
      sequence: meeting.sequence + 1,
      updatedAt: now,
    });
  });
}

export async function getMeeting(s: Services, groupId: string, meetingId: string) {
  const meeting = await s.store.get("meetings", meetingId);
  return meeting && meeting.groupId === groupId ? meeting : undefined;
}

export interface MeetingDetails {
  /** The meeting's `sequence` when the form was shown. */
  sequence: number;
  date: string;
  time: string;
  durationMinutes: number;
  kind: Meeting["kind"];
  participantIds: string[];
  facilitatorId: string;
  theme: string;
  agenda: string;
  notes: string;
  tools: string;
  /** "" when not said. */
  format: NonNullable<Meeting["format"]> | "";
  place: string;
  notesShared: boolean;
}

/** Edits a meeting; a new date or time bumps its calendar sequence and re-arms its reminder. */
export async function updateMeetingDetails(
  s: Services,
  groupId: string,
  meetingId: string,
  details: MeetingDetails,
) {
  return s.store.transaction(async (tx) => {
    const meeting = await tx.get("meetings", meetingId);
    const group = await tx.get("groups", groupId);
    if (!meeting || !group || meeting.groupId !== groupId) throw new MeetingNotFoundError();
    if (details.sequence !== meeting.sequence) throw new StaleMeetingError();
    const participantIds = details.kind === "individual" ? details.participantIds : [];
    if (participantIds.some((id) => !group.memberIds.includes(id)))
      throw new NotAMemberError("participantIds");
    const attending = details.kind === "individual" ? participantIds : group.memberIds;
    if (details.facilitatorId && !attending.includes(details.facilitatorId))
      throw new NotAMemberError("facilitatorId");
    const start = quebecInstant(details.date, details.time);
    const startsAt = start.toISOString();
    const endsAt = new Date(start.getTime() + details.durationMinutes * 60_000).toISOString();
    // A held meeting cannot move to a start still to come.
    if (meeting.status === "held" && startsAt > s.clock.now().toISOString())
      throw new MeetingNotStartedError(startsAt, "date");
    const moved = startsAt !== meeting.startsAt || endsAt !== meeting.endsAt;
    if (moved && meeting.status === "held") {
      // A held meeting's corrected date or length follows into the hour bank.
      await setMeetingTime(tx, {
        groupId,
        meetingId,
        presentIds: meeting.followUp ? [] : meeting.presentIds,
        hours: quarterHours(Date.parse(endsAt) - Date.parse(startsAt)),
        date: quebecDate(startsAt),
        at: s.clock.now().toISOString(),
      });
    }
    const facilitatorId = details.facilitatorId || undefined;
    return tx.update("meetings", meetingId, {
      startsAt,
      endsAt,
      kind: details.kind,
      participantIds,
      facilitatorId,
      facilitatorFixed:
        facilitatorId === meeting.facilitatorId ? meeting.facilitatorFixed : Boolean(facilitatorId),
      theme: details.theme,
      agenda: details.agenda,
      notes: details.notes,
      tools: details.tools,
      format: details.format || undefined,
      place: details.place,
      notesShared: details.notesShared,
      reminderSentAt: moved ? undefined : meeting.reminderSentAt,
      sequence: meeting.sequence + 1,
      updatedAt: s.clock.now().toISOString(),
    });
  });
}

/** A follow-up is offered once the program has ended for the group (ADR 0027). */
export class FollowUpRefusedError extends DomainError {
  constructor(
    messageKey: DomainErrorInit["messageKey"],
    field: string,
    more: Pick<DomainErrorInit, "params" | "dateParams"> = {},
  ) {
    super({ name: "FollowUpRefusedError", code: "follow-up-refused", messageKey, field, ...more });
  }
}

/**
 * Plans a follow-up meeting after the program: only once it has ended for the group (its last
 * meeting held, or the mentoring end reached), on a day after that end and still to come, and at
 * most FOLLOW_UPS_PER_YEAR in each year after the end. Outside the cadence and the hour bank.
 */
export async function planFollowUp(
  s: Services,
  groupId: string,
  input: {
    date: string;
    time: string;
    durationMinutes: number;
    format: NonNullable<Meeting["format"]> | "";
    place: string;
  },
) {
  return s.store.transaction(async (tx) => {
    const group = await tx.get("groups", groupId);
    const program = group && (await tx.get("programs", group.programId));
    if (!group || !program) throw new MeetingNotFoundError();
    const meetings = await tx.find("meetings", { groupId });
    const now = s.clock.now();
    const end = programEndFor(meetings, program.mentoringEnd, now);
    if (!end) throw new FollowUpRefusedError("followUp.notEnded", "form");
    const first = firstFollowUpDay(end, now);
    if (input.date < first)
      throw new FollowUpRefusedError("followUp.tooEarly", "date", {
        dateParams: { date: quebecInstant(first, "12:00").toISOString() },
      });
    if (followUpsInYear(meetings, end, input.date) >= FOLLOW_UPS_PER_YEAR)
      throw new FollowUpRefusedError("followUp.yearFull", "date", {
        params: { count: FOLLOW_UPS_PER_YEAR },
      });
    const start = quebecInstant(input.date, input.time);
    const stamp = now.toISOString();
    return tx.insert("meetings", {
      id: newId("mtg"),
      groupId,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + input.durationMinutes * 60_000).toISOString(),
      kind: "collective",
      format: input.format || undefined,
      place: input.place,
      followUp: true,
      status: "planned",
      createdAt: stamp,
      updatedAt: stamp,
    });
  });
}

/** The mentor confirms that the prepared content still matches what the mentees need. */
export async function confirmPreparation(
  s: Services,
  groupId: string,
  meetingId: string,
  mentorId: string,
) {
  return s.store.transaction(async (tx) => {
    const meeting = await tx.get("meetings", meetingId);
    const group = await tx.get("groups", groupId);
    if (!meeting || !group || meeting.groupId !== groupId) throw new MeetingNotFoundError();
    if (!isGroupMentor(group, mentorId)) throw new NotAMemberError("form");
    return tx.update("meetings", meetingId, {
      preparationConfirmedAt: s.clock.now().toISOString(),
      preparationConfirmedBy: mentorId,
    });
  });
}

/** Members swap their turns: the two meetings exchange facilitators. */
export async function swapFacilitators(
  s: Services,
  groupId: string,
  firstId: string,
  secondId: string,
) {
  return s.store.transaction(async (tx) => {
    const [a, b] = await Promise.all([tx.get("meetings", firstId), tx.get("meetings", secondId)]);
    if (!a || !b || a.groupId !== groupId || b.groupId !== groupId || a.id === b.id)
      throw new MeetingNotFoundError();
    // Only turns still to come can be swapped: the past is the rotation's history.
    const now = s.clock.now().toISOString();
    if ([a, b].some((m) => m.status !== "planned" || m.startsAt <= now))
      throw new NotAMemberError("swapWith");
    const group = await tx.get("groups", groupId);
    if (!group) throw new MeetingNotFoundError();
    if (b.facilitatorId && !meetingMembers(a, group.memberIds).includes(b.facilitatorId))
      throw new NotAMemberError("swapWith");
    if (a.facilitatorId && !meetingMembers(b, group.memberIds).includes(a.facilitatorId))
      throw new NotAMemberError("swapWith");
    await tx.update("meetings", a.id, {
      facilitatorId: b.facilitatorId,
      facilitatorFixed: true,
      sequence: a.sequence + 1,
      updatedAt: now,
    });
    await tx.update("meetings", b.id, {
      facilitatorId: a.facilitatorId,
      facilitatorFixed: true,
      sequence: b.sequence + 1,
      updatedAt: now,
    });
  });
}

/**
 * Names the lead of every meeting still to come (planned), by the program's rule (meeting-lead.ts):
 * held meetings are the history, so turns continue where they stopped; a lead the members chose
 * (a swap, an edit) is kept. Called when a series is planned and by the "assign the leads" button.
 */
export async function assignFacilitators(
  s: Services,
  groupId: string,
  now = s.clock.now().toISOString(),
  /** Meetings just created (no calendar has seen them yet: their sequence stays). */
  fresh: ReadonlySet<string> = new Set(),
) {
  return s.store.transaction(async (tx) => {
    const group = await tx.get("groups", groupId);
    if (!group) throw new MeetingNotFoundError();
    const program = await tx.get("programs", group.programId);
    if (!program) throw new MeetingNotFoundError();
    const members = await Promise.all(group.memberIds.map((id) => tx.get("participants", id)));
    const meetings = (await tx.find("meetings", { groupId })).sort((a, b) =>
      a.startsAt.localeCompare(b.startsAt),
    );
    const upcoming = meetings.filter((m) => m.status === "planned" && m.startsAt > now);
    // History: the meetings that were held. Turns the members chose (swaps) are kept.
    const history = meetings
      .filter((m) => m.status === "held" && m.facilitatorId)
      .map((m) => m.facilitatorId!);
    const assignment = assignLeads({
      rule: leadRuleOf(program),
      members: members.flatMap((m) =>
        m ? [{ id: m.id, role: m.role, expertise: m.profile.expertise }] : [],
      ),
      meetings: upcoming.map((m) => {
        const attending = meetingMembers(m, group.memberIds);
        return {
          id: m.id,
          theme: m.theme,
          participantIds: attending,
          fixedLeadId:
            m.facilitatorFixed && m.facilitatorId && attending.includes(m.facilitatorId)
              ? m.facilitatorId
              : undefined,
        };
      }),
      history,
    });
    const stamp = s.clock.now().toISOString();
    for (const [i, meeting] of upcoming.entries()) {
      const facilitatorId = assignment[i];
      if (facilitatorId && facilitatorId !== meeting.facilitatorId) {
        await tx.update("meetings", meeting.id, {
          facilitatorId,
          sequence: fresh.has(meeting.id) ? meeting.sequence : meeting.sequence + 1,
          updatedAt: stamp,
        });
      }
    }
    return upcoming.length;
  });
}
