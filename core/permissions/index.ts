/**
 * Who may see and do what, in one place: pages, actions and socket events all ask these functions
 * (app/utils/permissions.server.ts turns the answer into a 404/403 response, server/live/* into a
 * socket refusal). No `Request` here: a person is a user id, a resource its id as received.
 *
 * Each function answers the access (what the person is to the resource) or a refusal: "not_found"
 * when the person may not know the resource exists (a made-up id gets the same answer), "forbidden"
 * when they may know it but not do this.
 */
import { coordinates } from "../models/coordinators";
import { getProgram, type Program } from "../models/program.server";
import { getParticipantFor, type Participant } from "../models/participant.server";
import { getGroup, type Group } from "../models/group.server";
import type { CodevSession } from "../models/codev.server";
import type { Event } from "../models/event.server";
import { getInterview, type Interview } from "../models/interview.server";
import type { Services } from "../services";
import { idSchema } from "../schemas/fields";

export type Refusal = "not_found" | "forbidden";

/** Did the person get in? (a refusal is a string, an access an object) */
export function isRefusal(answer: object | Refusal): answer is Refusal {
  return typeof answer === "string";
}

const validId = (id: unknown): string | undefined => {
  const parsed = idSchema.safeParse(id);
  return parsed.success ? parsed.data : undefined;
};

export interface ProgramAccess {
  program: Program;
  asCoordinator: boolean;
  participant?: Participant;
}

/** The program when the person runs it or takes part in it. */
export async function programAccess(
  s: Services,
  userId: string,
  programId: unknown,
): Promise<ProgramAccess | Refusal> {
  const id = validId(programId);
  const program = id ? await getProgram(s, id) : undefined;
  if (!program) return "not_found";
  const asCoordinator = coordinates(program, userId);
  const participant = asCoordinator ? undefined : await getParticipantFor(s, userId, program.id);
  if (!asCoordinator && !participant) return "not_found";
  return { program, asCoordinator, participant };
}

/**
 * Only the program's own coordinators; anyone else never saw it. Its participants are refused
 * (`forbidden`), or, for the coordination's own figures (its time, the mentors' compensation),
 * answered as if the page did not exist (`participants: "not_found"`).
 */
export async function coordinatorAccess(
  s: Services,
  userId: string,
  programId: unknown,
  participants: Refusal = "forbidden",
): Promise<ProgramAccess | Refusal> {
  const access = await programAccess(s, userId, programId);
  if (isRefusal(access)) return access;
  return access.asCoordinator ? access : participants;
}

export interface GroupAccess extends ProgramAccess {
  participant: Participant;
  group: Group;
}

/** The participant of `group` that the user is, if the group is active and they sit in it. */
async function memberOf(s: Services, userId: string, group: Group) {
  if (group.status !== "active") return undefined;
  const participant = await getParticipantFor(s, userId, group.programId);
  return participant && group.memberIds.includes(participant.id) ? participant : undefined;
}

/**
 * A group's space is for its members only (confidentiality): anyone else, the program's
 * coordinators included, is refused as if it did not exist.
 */
export async function groupAccess(
  s: Services,
  userId: string,
  programId: unknown,
  groupId: unknown,
): Promise<GroupAccess | Refusal> {
  const access = await programAccess(s, userId, programId);
  if (isRefusal(access)) return access;
  const id = validId(groupId);
  const group = id ? await getGroup(s, id) : undefined;
  // A coordinator of the program is never a member here (their access carries no participant).
  const { participant } = access;
  if (!group || group.programId !== access.program.id || group.status !== "active")
    return "not_found";
  if (!participant || !group.memberIds.includes(participant.id)) return "not_found";
  return { ...access, participant, group };
}

/** Has the group invited its program's coordination to observe (the agreement's point)? */
export function invitesObserver(group: Group): boolean {
  return group.status === "active" && Boolean(group.observerInvitation);
}

/** A member, or the program's coordinator observing by the group's consent (ADR 0027). */
export type GroupViewAccess =
  | (GroupAccess & { observer: false })
  | (ProgramAccess & { group: Group; observer: true; participant?: undefined });

/**
 * What an observer may open (the calendar, the meetings): the group's members, and the program's
 * coordinators while the group invites them. Anyone else, and the coordinators without the
 * invitation or once it is withdrawn, are refused as if the group did not exist.
 */
export async function groupViewAccess(
  s: Services,
  userId: string,
  programId: unknown,
  groupId: unknown,
): Promise<GroupViewAccess | Refusal> {
  const access = await programAccess(s, userId, programId);
  if (isRefusal(access)) return access;
  if (access.asCoordinator) {
    const id = validId(groupId);
    const group = id ? await getGroup(s, id) : undefined;
    if (!group || group.programId !== access.program.id || !invitesObserver(group))
      return "not_found";
    return { program: access.program, asCoordinator: true, group, observer: true };
  }
  const member = await groupAccess(s, userId, programId, groupId);
  return isRefusal(member) ? member : { ...member, observer: false };
}

export interface CodevAccess {
  session: CodevSession;
  group: Group;
  participantId: string;
}

/** A co-development session: its group's members only (like the group's space). */
export async function codevAccess(
  s: Services,
  userId: string,
  sessionId: unknown,
): Promise<CodevAccess | Refusal> {
  const id = validId(sessionId);
  const session = id ? await s.store.get("codevSessions", id) : undefined;
  const group = session && (await getGroup(s, session.groupId));
  const participant = group && (await memberOf(s, userId, group));
  if (!session || !group || !participant) return "not_found";
  return { session, group, participantId: participant.id };
}

export interface EventAccess {
  event: Event;
  coordinator: boolean;
  /** Set when the person is one of the event's invited participants. */
  participantId?: string;
}

/**
 * A speed-dating event: its program's coordinators and its invited participants (other people of
 * the program do not learn of it). `programId`, when given, must be the event's program.
 */
export async function eventAccess(
  s: Services,
  userId: string,
  eventId: unknown,
  programId?: string,
): Promise<EventAccess | Refusal> {
  const id = validId(eventId);
  const event = id ? await s.store.get("events", id) : undefined;
  if (!event || (programId !== undefined && event.programId !== programId)) return "not_found";
  const program = await getProgram(s, event.programId);
  if (!program) return "not_found";
  const coordinator = coordinates(program, userId);
  const participant = await getParticipantFor(s, userId, program.id);
  const invited =
    participant && event.invitedParticipantIds.includes(participant.id)
      ? participant.id
      : undefined;
  if (!coordinator && !invited) return "not_found";
  return { event, coordinator, participantId: invited };
}

export interface InterviewAccess extends ProgramAccess {
  interview: Interview;
  /** The participant interviewed is the person (else the person is a coordinator of the program). */
  asInterviewee: boolean;
}

/**
 * A final interview: the program's coordinators and the participant interviewed; anyone else,
 * other participants of the program included, is refused as if it did not exist.
 */
export async function interviewAccess(
  s: Services,
  userId: string,
  programId: unknown,
  interviewId: unknown,
): Promise<InterviewAccess | Refusal> {
  const access = await programAccess(s, userId, programId);
  if (isRefusal(access)) return access;
  const id = validId(interviewId);
  const interview = id ? await getInterview(s, access.program.id, id) : undefined;
  if (!interview) return "not_found";
  if (access.asCoordinator) return { ...access, interview, asInterviewee: false };
  if (access.participant?.id !== interview.participantId) return "not_found";
  return { ...access, interview, asInterviewee: true };
}
