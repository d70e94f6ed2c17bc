/**
 * Co-development sessions (Payette–Champagne method, adapted to groups of three): each member is
 * the client once per cycle, the others are consultants; a facilitator guards the process and the
 * time and a scribe takes notes. Roles rotate from session to session.
 *
 * Everything a session needs lives in the store (step, timer, notes, action items), so any server
 * process can serve it and a restart loses nothing. The timer of the current step is
 * `stepElapsedMs` plus the time since `stepStartedAt` while running.
 */
import { newId } from "../store";
import type { EntityOf } from "../store";
import { CODEV_STEPS } from "../store/schema";
import type { MessageKey } from "../i18n";
import { addActionItem } from "./action-plan.server";
import { setMeetingTime } from "./hour-bank.server";
import { quarterHours, setMeetingStatus } from "./meeting.server";
import { quebecDate } from "../utils/quebec-time";
import { assignLeads, leadRuleOf } from "./meeting-lead";
import type { Services } from "../services";
import { DomainError } from "../errors";
import { type Role } from "../../matching/roles";

export { CODEV_DEFAULT_MINUTES, CODEV_STEP_KEYS } from "./codev";

export type CodevSession = EntityOf<"codevSessions">;
type Group = EntityOf<"groups">;

export { CODEV_STEPS };
/** An expected refusal; the socket layer translates its message. */
export class CodevError extends DomainError {
  declare readonly code: "not_found" | "not_allowed" | "not_now" | "invalid_roles";
  constructor(
    code: "not_found" | "not_allowed" | "not_now" | "invalid_roles",
    messageKey: MessageKey,
  ) {
    super({
      name: "CodevError",
      code,
      messageKey,
      status: code === "not_found" ? 404 : 400,
      // Roles the form chose (a member, the client) are refused next to the client's field.
      field: code === "invalid_roles" || code === "not_allowed" ? "clientId" : undefined,
    });
  }
}

export async function listCodevSessions(s: Services, groupId: string) {
  const sessions = await s.store.find("codevSessions", { groupId });
  return sessions.sort((a, b) => a.number - b.number);
}

export async function getCodevSession(s: Services, groupId: string, sessionId: string) {
  const session = await s.store.get("codevSessions", sessionId);
  return session && session.groupId === groupId ? session : undefined;
}

/**
 * The roles of the next session: the client is the next member (in the group's order) who has not
 * been the client yet in the current cycle; the facilitator is the member after the client, and
 * the third member takes notes. Over a cycle of three sessions everyone holds each role once.
 */
export function nextRoles(
  memberIds: readonly string[],
  sessions: readonly Pick<CodevSession, "number" | "clientId">[],
) {
  const n = memberIds.length;
  const ordered = [...sessions].sort((a, b) => a.number - b.number);
  const inCycle = ordered.slice(ordered.length - (ordered.length % n));
  const done = new Set(inCycle.map((s) => s.clientId));
  const last = ordered.at(-1)?.clientId;
  const start = last ? (memberIds.indexOf(last) + 1) % n : 0;
  let client = memberIds[start]!;
  for (let k = 0; k < n; k++) {
    const candidate = memberIds[(start + k) % n]!;
    if (!done.has(candidate)) {
      client = candidate;
      break;
    }
  }
  const at = memberIds.indexOf(client);
  return {
    clientId: client,
    facilitatorId: memberIds[(at + 1) % n]!,
    scribeId: n > 2 ? memberIds[(at + 2) % n] : undefined,
  };
}

/**
 * The roles the next session's form suggests: the client by nextRoles' cycle, the facilitator by
 * the program's lead rule (meeting-lead.ts; the client never facilitates, earlier sessions are
 * the turns already taken), and the first other member after the client as scribe.
 */
export async function suggestRoles(
  s: Services,
  group: Group,
  sessions: readonly Pick<CodevSession, "number" | "clientId" | "facilitatorId">[],
) {
  const { clientId } = nextRoles(group.memberIds, sessions);
  const [program, members] = await Promise.all([
    s.store.get("programs", group.programId),
    Promise.all(group.memberIds.map((id) => s.store.get("participants", id))),
  ]);
  const [facilitatorId] = assignLeads({
    rule: program ? leadRuleOf(program) : "rotation",
    members: members.flatMap((m) =>
      m ? [{ id: m.id, role: m.role, expertise: m.profile.expertise }] : [],
    ),
    meetings: [{ id: "next", participantIds: group.memberIds.filter((id) => id !== clientId) }],
    history: [...sessions].sort((a, b) => a.number - b.number).map((x) => x.facilitatorId),
  });
  const n = group.memberIds.length;
  const at = group.memberIds.indexOf(clientId);
  const scribeId = Array.from({ length: n - 1 }, (_, k) => group.memberIds[(at + 1 + k) % n]!).find(
    (id) => id !== facilitatorId,
  );
  return { clientId, facilitatorId: facilitatorId!, scribeId };
}

export interface NewSession {
  clientId: string;
  facilitatorId: string;
  scribeId?: string;
  meetingId?: string;
  minutes: number[];
  createdBy: string;
}

function checkRoles(
  group: Group,
  roles: { clientId: string; facilitatorId: string; scribeId?: string },
) {
  const ids = [roles.clientId, roles.facilitatorId, roles.scribeId].filter(Boolean) as string[];
  if (ids.some((id) => !group.memberIds.includes(id)))
    throw new CodevError("invalid_roles", "errors.notGroupMember");
  if (new Set(ids).size !== ids.length) throw new CodevError("invalid_roles", "errors.codevRoles");
}

export async function createCodevSession(s: Services, group: Group, input: NewSession) {
  checkRoles(group, input);
  return s.store.transaction(async (tx) => {
    if (input.meetingId) {
      const meeting = await tx.get("meetings", input.meetingId);
      if (!meeting || meeting.groupId !== group.id)
        throw new CodevError("not_found", "errors.live.notFound");
      const taken = (await tx.find("codevSessions", { groupId: group.id })).some(
        (s) => s.meetingId === meeting.id,
      );
      if (meeting.status !== "planned" || taken)
        throw new CodevError("not_now", "errors.codevMeetingTaken");
    }
    const existing = await tx.find("codevSessions", { groupId: group.id });
    const now = s.clock.now().toISOString();
    return tx.insert("codevSessions", {
      id: newId("cdv"),
      groupId: group.id,
      meetingId: input.meetingId,
      number: existing.reduce((max, s) => Math.max(max, s.number), 0) + 1,
      clientId: input.clientId,
      facilitatorId: input.facilitatorId,
      scribeId: input.scribeId,
      subject: "",
      minutes: input.minutes,
      status: "planned",
      currentStep: 0,
      stepElapsedMs: 0,
      elapsedMs: 0,
      notes: Array.from({ length: CODEV_STEPS }, () => ""),
      actionItems: [],
      presentIds: [],
      version: 0,
      createdBy: input.createdBy,
      createdAt: now,
      updatedAt: now,
    });
  });
}

/** A session not started yet can be removed (roles chosen wrongly, date changed). */
export async function deletePlannedSession(s: Services, groupId: string, sessionId: string) {
  return s.store.transaction(async (tx) => {
    const session = await tx.get("codevSessions", sessionId);
    if (!session || session.groupId !== groupId)
      throw new CodevError("not_found", "errors.live.notFound");
    if (session.status !== "planned") throw new CodevError("not_now", "errors.live.codevNotNow");
    await tx.remove("codevSessions", sessionId);
  });
}

export type CodevCommand =
  | { type: "start"; connected: readonly string[] }
  | { type: "next"; step: number }
  | { type: "back"; step: number }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "extend"; minutes: number }
  | { type: "subject"; text: string }
  | { type: "note"; step: number; text: string; scribeConnected: boolean }
  | { type: "action-add"; title: string }
  | { type: "action-remove"; itemId: string }
  | { type: "takeover"; connected: readonly string[] }
  | { type: "present" }
  | { type: "end"; step: number };

/** Time spent in the current step so far. */
export function stepElapsed(session: CodevSession, now: number): number {
  const running = session.status === "running" && session.stepStartedAt;
  return (
    session.stepElapsedMs + (running ? Math.max(0, now - Date.parse(session.stepStartedAt!)) : 0)
  );
}

/** A session's time in the hour bank is capped at its planned length plus this. */
export const MAX_OVERTIME_MS = 30 * 60_000;

const FACILITATOR_ONLY = new Set(["start", "next", "back", "pause", "resume", "extend", "end"]);

/**
 * Applies one command of a member to a session, in one transaction. Who may do what: the
 * facilitator runs the steps and the clock; the scribe (and the facilitator) write the notes; the
 * client, the scribe and the facilitator write the client's action items; the client or the
 * facilitator states the subject; anyone may take over facilitation when the facilitator is gone.
 */
export async function applyCodevCommand(
  s: Services,
  groupId: string,
  sessionId: string,
  actorId: string,
  command: CodevCommand,
  now = s.clock.now().getTime(),
) {
  return s.store.transaction(async (tx) => {
    const session = await tx.get("codevSessions", sessionId);
    const group = await tx.get("groups", groupId);
    if (!session || !group || session.groupId !== groupId || !group.memberIds.includes(actorId))
      throw new CodevError("not_found", "errors.live.notFound");
    const at = new Date(now).toISOString();
    const ended = session.status === "ended";
    const live = session.status === "running" || session.status === "paused";
    const isFacilitator = session.facilitatorId === actorId;
    if (FACILITATOR_ONLY.has(command.type) && !isFacilitator)
      throw new CodevError("not_allowed", "errors.live.facilitatorOnly");
    const patch: Partial<CodevSession> = {};
    const present = () =>
      session.presentIds.includes(actorId) ? session.presentIds : [...session.presentIds, actorId];

    switch (command.type) {
      case "present":
        if (!live || session.presentIds.includes(actorId)) return session;
        patch.presentIds = present();
        break;
      case "start":
        if (session.status !== "planned")
          throw new CodevError("not_now", "errors.live.codevNotNow");
        Object.assign(patch, {
          status: "running",
          currentStep: 0,
          stepStartedAt: at,
          stepElapsedMs: 0,
          elapsedMs: 0,
          startedAt: at,
          presentIds: group.memberIds.filter(
            (id) => id === actorId || command.connected.includes(id),
          ),
        });
        break;
      case "next":
      case "back": {
        // The step the facilitator saw: a double click or a retry does not skip a step.
        if (!live || command.step !== session.currentStep)
          throw new CodevError("not_now", "errors.live.codevNotNow");
        const step = session.currentStep + (command.type === "next" ? 1 : -1);
        if (step < 0 || step >= CODEV_STEPS)
          throw new CodevError("not_now", "errors.live.codevNotNow");
        Object.assign(patch, {
          currentStep: step,
          elapsedMs: session.elapsedMs + stepElapsed(session, now),
          stepElapsedMs: 0,
          stepStartedAt: session.status === "running" ? at : undefined,
        });
        break;
      }
      case "pause":
        if (session.status !== "running")
          throw new CodevError("not_now", "errors.live.codevNotNow");
        Object.assign(patch, {
          status: "paused",
          stepElapsedMs: stepElapsed(session, now),
          stepStartedAt: undefined,
        });
        break;
      case "resume":
        if (session.status !== "paused") throw new CodevError("not_now", "errors.live.codevNotNow");
        Object.assign(patch, { status: "running", stepStartedAt: at });
        break;
      case "extend": {
        if (!live) throw new CodevError("not_now", "errors.live.codevNotNow");
        const minutes = [...session.minutes];
        minutes[session.currentStep] = Math.min(
          90,
          minutes[session.currentStep]! + command.minutes,
        );
        patch.minutes = minutes;
        break;
      }
      case "subject":
        if (ended) throw new CodevError("not_now", "errors.live.codevNotNow");
        if (actorId !== session.clientId && !isFacilitator)
          throw new CodevError("not_allowed", "errors.live.clientOrFacilitator");
        patch.subject = command.text;
        break;
      case "note": {
        // Notes stay writable after the end, so the last words typed are not lost.
        if (session.status === "planned")
          throw new CodevError("not_now", "errors.live.codevNotNow");
        // One writer at a time: the scribe; the facilitator when there is none or they are away.
        const writer =
          actorId === session.scribeId ||
          (isFacilitator && (!session.scribeId || !command.scribeConnected));
        if (!writer) throw new CodevError("not_allowed", "errors.live.scribeOnly");
        const notes = [...session.notes];
        notes[command.step] = command.text;
        patch.notes = notes;
        break;
      }
      case "action-add":
      case "action-remove": {
        if (ended) throw new CodevError("not_now", "errors.live.codevNotNow");
        if (![session.clientId, session.scribeId, session.facilitatorId].includes(actorId))
          throw new CodevError("not_allowed", "errors.live.clientScribeFacilitator");
        if (command.type === "action-add") {
          if (session.actionItems.length >= 30)
            throw new CodevError("not_now", "errors.live.tooManyActions");
          patch.actionItems = [...session.actionItems, { id: newId("cda"), title: command.title }];
        } else {
          patch.actionItems = session.actionItems.filter((i) => i.id !== command.itemId);
        }
        break;
      }
      case "takeover":
        if (ended) throw new CodevError("not_now", "errors.live.codevNotNow");
        if (isFacilitator) return session;
        if (command.connected.includes(session.facilitatorId))
          throw new CodevError("not_allowed", "errors.live.facilitatorHere");
        if (actorId === session.clientId)
          throw new CodevError("not_allowed", "errors.live.clientCannotFacilitate");
        patch.facilitatorId = actorId;
        if (session.scribeId === actorId) patch.scribeId = undefined;
        if (live) patch.presentIds = present();
        break;
      case "end": {
        if (!live || command.step !== session.currentStep)
          throw new CodevError("not_now", "errors.live.codevNotNow");
        // A session left running overnight does not empty the bank: at most the planned time
        // plus half an hour.
        const planned = session.minutes.reduce((sum, m) => sum + m, 0) * 60_000;
        const elapsedMs = Math.min(
          session.elapsedMs + stepElapsed(session, now),
          planned + MAX_OVERTIME_MS,
        );
        const hours = quarterHours(elapsedMs);
        Object.assign(patch, {
          status: "ended",
          elapsedMs,
          stepElapsedMs: 0,
          stepStartedAt: undefined,
          endedAt: at,
          hours,
        });
        // The client's action items join the group's plan.
        for (const item of session.actionItems) {
          await addActionItem(s, groupId, item.title, session.clientId, "codev");
        }
        // The session's time goes into the hour bank once, with a line per person present.
        const date = quebecDate(at);
        const presentIds = session.presentIds.length ? session.presentIds : [actorId];
        await setMeetingTime(tx, {
          groupId,
          meetingId: session.meetingId,
          codevSessionId: session.id,
          presentIds,
          hours,
          date,
          at,
        });
        if (session.meetingId) {
          const meeting = await tx.get("meetings", session.meetingId);
          if (meeting && meeting.status !== "held") {
            // A meeting is held only once started: a session run before its meeting's planned
            // start moves the meeting to when it really took place (same length) first.
            if (meeting.startsAt > at) {
              const startsAt = session.startedAt ?? at;
              const length = Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt);
              await tx.update("meetings", meeting.id, {
                startsAt,
                endsAt: new Date(Date.parse(startsAt) + length).toISOString(),
                sequence: meeting.sequence + 1,
                updatedAt: at,
              });
            }
            await setMeetingStatus(s, groupId, meeting.id, "held", "", presentIds, at);
          }
        }
        break;
      }
    }
    return tx.update("codevSessions", sessionId, {
      ...patch,
      version: session.version + 1,
      updatedAt: at,
    });
  });
}

export interface CodevPerson {
  id: string;
  name: string;
  role: Role;
}

/** What every member's screen shows; the same for all, roles decide the controls. */
export function codevView(
  session: CodevSession,
  people: readonly CodevPerson[],
  connected: readonly string[],
  now = Date.now(),
) {
  return {
    version: session.version,
    serverNow: now,
    session: {
      id: session.id,
      number: session.number,
      status: session.status,
      currentStep: session.currentStep,
      minutes: session.minutes,
      stepElapsedMs: stepElapsed(session, now),
      running: session.status === "running",
      subject: session.subject,
      notes: session.notes,
      actionItems: session.actionItems,
      clientId: session.clientId,
      facilitatorId: session.facilitatorId,
      scribeId: session.scribeId ?? null,
      presentIds: session.presentIds,
      startedAt: session.startedAt ?? null,
      endedAt: session.endedAt ?? null,
      hours: session.hours ?? null,
    },
    people,
    connected: [...new Set(connected)],
  };
}
export type CodevView = ReturnType<typeof codevView>;

/** The members of a group with their names, for the session screen. */
export async function codevPeople(s: Services, group: Group): Promise<CodevPerson[]> {
  const store = s.store;
  const out: CodevPerson[] = [];
  for (const id of group.memberIds) {
    const participant = await store.get("participants", id);
    const user = participant && (await store.get("users", participant.userId));
    if (participant && user) out.push({ id, name: user.name, role: participant.role });
  }
  return out;
}
