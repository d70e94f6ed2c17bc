/** The group's hour bank: entries logged by members, and the summary. */
import { newId } from "../store";
import type { EntityOf, StoreWriter } from "../store";
import { summarize, type HourKind } from "./hour-bank";
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

export async function addHourEntry(
  s: Services,
  input: {
    groupId: string;
    participantId: string;
    kind: HourKind;
    hours: number;
    date: string;
    note: string;
  },
) {
  return s.store.insert("hourEntries", {
    ...input,
    id: newId("hrs"),
    createdAt: s.clock.now().toISOString(),
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

export async function hourBankSummary(
  s: Services,
  groupId: string,
  program: { hourBankHours: number; mentoringStart: string; mentoringEnd: string },
  today = quebecToday(s.clock.now()),
) {
  const entries = await listHourEntries(s, groupId);
  return summarize(
    entries,
    program.hourBankHours,
    { start: program.mentoringStart, end: program.mentoringEnd },
    today,
  );
}
