/** The group's hour bank: entries logged by members, and the summary. */
import { newId } from "../store";
import type { EntityOf, StoreReader, StoreWriter } from "../store";
import { bankRoles, drawsFromBank, summarize, type BankRoles, type HourKind } from "./hour-bank";
import { newestFirst } from "../utils/order";
import { quebecToday } from "../utils/quebec-time";
import type { Services } from "../services";
import { DomainError } from "../errors";

export type HourEntry = EntityOf<"hourEntries">;

export async function listHourEntries(s: Services, groupId: string) {
  const entries = await s.store.find("hourEntries", { groupId });
  return entries.sort(
    (a, b) => newestFirst(a.date, b.date) || newestFirst(a.createdAt, b.createdAt),
  );
}

type Group = EntityOf<"groups">;

/**
 * The rule's view of a group (`bankRoles`): its members' roles, who facilitated its meetings and
 * sessions. Read in the caller's transaction when given one.
 */
export async function groupBankRoles(
  store: StoreReader,
  group: Pick<Group, "id" | "mentorId" | "memberIds">,
  composition: BankRoles["composition"],
): Promise<BankRoles> {
  const [participants, meetings, sessions] = await Promise.all([
    Promise.all(group.memberIds.map((id) => store.get("participants", id))),
    store.find("meetings", { groupId: group.id }),
    store.find("codevSessions", { groupId: group.id }),
  ]);
  const roles = new Map(participants.flatMap((p) => (p ? [[p.id, p.role] as const] : [])));
  return bankRoles({
    composition,
    group,
    roleOf: (id) => roles.get(id),
    meetings,
    sessions,
  });
}

/** The meeting or session named as what the work was for is not one of the group's. */
export class NotOfGroupError extends DomainError {
  constructor() {
    super({
      name: "NotOfGroupError",
      code: "not-of-group",
      messageKey: "errors.choice",
      status: 400,
      field: "forId",
    });
  }
}

/**
 * A member logs time. Work done for a meeting or session names it (`forMeetingId` or
 * `forSessionId`), checked to be the group's in the same transaction as the write.
 */
export async function addHourEntry(
  s: Services,
  input: {
    groupId: string;
    participantId: string;
    kind: HourKind;
    hours: number;
    date: string;
    note: string;
    forMeetingId?: string;
    forSessionId?: string;
  },
) {
  return s.store.transaction(async (tx) => {
    if (input.forMeetingId) {
      const meeting = await tx.get("meetings", input.forMeetingId);
      if (meeting?.groupId !== input.groupId) throw new NotOfGroupError();
    }
    if (input.forSessionId) {
      const session = await tx.get("codevSessions", input.forSessionId);
      if (session?.groupId !== input.groupId) throw new NotOfGroupError();
    }
    return tx.insert("hourEntries", {
      ...input,
      id: newId("hrs"),
      createdAt: s.clock.now().toISOString(),
    });
  });
}

/**
 * A meeting's time in the hour bank, counted once (docs/invariants.md): one line per person
 * present, from one source — the meeting itself, or the co-development session held in it, whose
 * measured time replaces the meeting's own lines. Called in the caller's transaction whenever a
 * meeting is held (or no longer held: `presentIds` empty), corrected, or a session ends.
 */
export async function setMeetingTime(
  tx: StoreWriter,
  input: {
    groupId: string;
    meetingId?: string;
    codevSessionId?: string;
    presentIds: readonly string[];
    hours: number;
    date: string;
    at: string;
  },
) {
  const lines = await tx.find("hourEntries", { groupId: input.groupId });
  const ofMeeting = (e: HourEntry) => Boolean(input.meetingId) && e.meetingId === input.meetingId;
  if (input.codevSessionId) {
    for (const e of lines) {
      if ((ofMeeting(e) && !e.codevSessionId) || e.codevSessionId === input.codevSessionId)
        await tx.remove("hourEntries", e.id);
    }
  } else {
    for (const e of lines)
      if (ofMeeting(e) && !e.codevSessionId) await tx.remove("hourEntries", e.id);
    if (lines.some((e) => ofMeeting(e) && e.codevSessionId)) return;
  }
  for (const participantId of input.presentIds) {
    await tx.insert("hourEntries", {
      id: newId("hrs"),
      groupId: input.groupId,
      participantId,
      kind: "meeting",
      hours: input.hours,
      date: input.date,
      note: "",
      meetingId: input.meetingId,
      codevSessionId: input.codevSessionId,
      createdAt: input.at,
    });
  }
}

export class NotYourEntryError extends DomainError {
  constructor() {
    super({
      name: "NotYourEntryError",
      code: "not-your-entry",
      messageKey: "errors.page.notFound",
      status: 404,
    });
  }
}

/** A member removes one of their own entries. */
export async function removeHourEntry(
  s: Services,
  groupId: string,
  entryId: string,
  participantId: string,
) {
  return s.store.transaction(async (tx) => {
    const entry = await tx.get("hourEntries", entryId);
    if (!entry || entry.groupId !== groupId || entry.participantId !== participantId)
      throw new NotYourEntryError();
    // Attendance lines follow their meeting or session; they are changed there.
    if (entry.meetingId || entry.codevSessionId) throw new NotYourEntryError();
    await tx.remove("hourEntries", entryId);
  });
}

type BankProgram = Pick<
  EntityOf<"programs">,
  "hourBankHours" | "mentoringStart" | "mentoringEnd" | "composition"
>;

/**
 * The group's bank and its entries, each entry marked by the rule (`drawsFromBank`): what the
 * hours page, the group's space and its warnings read.
 */
export async function hourBank(
  s: Services,
  group: Pick<Group, "id" | "mentorId" | "memberIds">,
  program: BankProgram,
  today = quebecToday(s.clock.now()),
) {
  const [entries, roles] = await Promise.all([
    listHourEntries(s, group.id),
    groupBankRoles(s.store, group, program.composition),
  ]);
  const summary = summarize(
    entries,
    program.hourBankHours,
    { start: program.mentoringStart, end: program.mentoringEnd },
    today,
    roles,
  );
  return {
    summary,
    roles,
    entries: entries.map((e) => ({ ...e, drawsFromBank: drawsFromBank(e, roles) })),
  };
}

/**
 * What work outside meetings can be for (the hours form's list): the group's meetings not
 * cancelled, and its co-development sessions not held in a meeting, by date, with who facilitates.
 */
export async function workForChoices(s: Services, groupId: string) {
  const [meetings, sessions] = await Promise.all([
    s.store.find("meetings", { groupId }),
    s.store.find("codevSessions", { groupId }),
  ]);
  const sessionIn = new Map(sessions.flatMap((c) => (c.meetingId ? [[c.meetingId, c]] : [])));
  return [
    ...meetings
      .filter((m) => m.status !== "cancelled")
      .map((m) => ({
        value: `meeting:${m.id}`,
        at: m.startsAt,
        facilitatorId: sessionIn.get(m.id)?.facilitatorId ?? m.facilitatorId,
      })),
    ...sessions
      .filter((c) => !c.meetingId)
      .map((c) => ({
        value: `session:${c.id}`,
        at: c.startedAt ?? c.createdAt,
        facilitatorId: c.facilitatorId as string | undefined,
      })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}

export async function hourBankSummary(
  s: Services,
  group: Pick<Group, "id" | "mentorId" | "memberIds">,
  program: BankProgram,
  today = quebecToday(s.clock.now()),
) {
  return (await hourBank(s, group, program, today)).summary;
}
