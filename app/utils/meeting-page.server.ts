/**
 * What a meeting's page shows a member (app/routes/programs.$programId.groups.$groupId_.meetings_.
 * $meetingId.tsx): the meeting and its form's values in Quebec time, who is expected, the
 * check-ins sent since the previous held meeting and the other planned meetings. Its sections
 * (app/components/meeting/*) take their types from it.
 */
import { listCheckIns } from "../../core/models/checkin.server";
import { groupView, type Group } from "../../core/models/group.server";
import { listMeetings, meetingMembers, type Meeting } from "../../core/models/meeting.server";
import type { Participant } from "../../core/models/participant.server";
import type { Program } from "../../core/models/program.server";
import type { Services } from "../../core/services";
import { quebecDateTime } from "../../core/utils/quebec-time";
import { notFound } from "./permissions.server";
import { spacingFlags } from "../../core/models/meeting-spacing";
import { isGroupMentor } from "../../core/models/membership";
import { tagOptions } from "../../core/data/tag-label";

export async function meetingPageData(
  s: Services,
  {
    program,
    group,
    meeting,
    participant,
  }: {
    program: Program;
    group: Group;
    meeting: Meeting;
    participant: Participant;
  },
) {
  const view = await groupView(s, group.id);
  if (!view) throw notFound();
  const [all, checkIns] = await Promise.all([listMeetings(s, group.id), listCheckIns(s, group.id)]);
  // The check-ins sent since the previous held meeting: what the mentor reads before preparing.
  const previous = all
    .filter((m) => m.status === "held" && m.startsAt < meeting.startsAt)
    .at(-1)?.startsAt;
  const since = previous ?? group.createdAt;
  const local = quebecDateTime(meeting.startsAt);
  const name = new Map(view.members.map((m) => [m.id, m.name]));
  return {
    groupPath: `/programs/${program.id}/groups/${group.id}`,
    me: participant.id,
    meeting,
    spacing: spacingFlags(all, program).get(meeting.id) ?? null,
    cadence: { min: program.cadenceWeeksMin, max: program.cadenceWeeksMax },
    form: {
      date: local.date,
      time: local.time,
      durationMinutes: String(
        Math.round((Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 60_000),
      ),
    },
    members: view.members.map((m) => ({ id: m.id, name: m.name, role: m.role })),
    expected: meetingMembers(meeting, group.memberIds),
    isMentor: isGroupMentor(group, participant.id),
    hasMentor: Boolean(group.mentorId),
    checkIns: checkIns
      .filter((c) => c.createdAt > since && c.createdAt <= meeting.startsAt)
      .map((c) => ({ ...c, author: name.get(c.participantId) ?? "" })),
    taxonomy: tagOptions(program.taxonomy),
    others: all
      .filter((m) => m.id !== meeting.id && m.status === "planned")
      .map((m) => ({
        id: m.id,
        startsAt: m.startsAt,
        facilitator: m.facilitatorId ? (name.get(m.facilitatorId) ?? "") : "",
      })),
  };
}

/**
 * What a meeting's page shows the program's coordinator observing by the group's invitation
 * (ADR 0027): when, where, how, the agenda, who facilitates and who is expected, so that they can
 * join; the notes only when the members shared them. Nothing else of the group's.
 */
export async function observerMeetingData(
  s: Services,
  { program, group, meeting }: { program: Program; group: Group; meeting: Meeting },
) {
  const view = await groupView(s, group.id);
  if (!view) throw notFound();
  const all = await listMeetings(s, group.id);
  const name = new Map(view.members.map((m) => [m.id, m.name]));
  return {
    meetingsPath: `/programs/${program.id}/groups/${group.id}/meetings`,
    meeting: {
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      status: meeting.status,
      statusReason: meeting.statusReason,
      kind: meeting.kind,
      format: meeting.format ?? null,
      place: meeting.place,
      followUp: meeting.followUp,
      agenda: meeting.agenda,
      notes: meeting.notesShared ? meeting.notes : null,
    },
    facilitator: meeting.facilitatorId ? (name.get(meeting.facilitatorId) ?? "") : "",
    expected: meetingMembers(meeting, group.memberIds).map((id) => name.get(id) ?? ""),
    spacing: spacingFlags(all, program).get(meeting.id) ?? null,
    cadence: { min: program.cadenceWeeksMin, max: program.cadenceWeeksMax },
  };
}
