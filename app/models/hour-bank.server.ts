/** The group's hour bank: entries logged by members, and the summary. */
import { getStore, newId } from "../../server/store";
import type { EntityOf } from "../../server/store";
import { summarize, type HourKind } from "./hour-bank";
import { newestFirst } from "~/utils/order";
import { quebecToday } from "~/utils/quebec-time";

export type HourEntry = EntityOf<"hourEntries">;

export async function listHourEntries(groupId: string) {
  const entries = await getStore().find("hourEntries", { groupId });
  return entries.sort(
    (a, b) => newestFirst(a.date, b.date) || newestFirst(a.createdAt, b.createdAt),
  );
}

export async function addHourEntry(input: {
  groupId: string;
  participantId: string;
  kind: HourKind;
  hours: number;
  date: string;
  note: string;
}) {
  return getStore().insert("hourEntries", {
    ...input,
    id: newId("hrs"),
    createdAt: new Date().toISOString(),
  });
}

export class NotYourEntryError extends Error {}

/** A member removes one of their own entries. */
export async function removeHourEntry(groupId: string, entryId: string, participantId: string) {
  return getStore().transaction(async (tx) => {
    const entry = await tx.get("hourEntries", entryId);
    if (!entry || entry.groupId !== groupId || entry.participantId !== participantId)
      throw new NotYourEntryError();
    // Attendance lines follow their meeting or session; they are changed there.
    if (entry.meetingId || entry.codevSessionId) throw new NotYourEntryError();
    await tx.remove("hourEntries", entryId);
  });
}

export async function hourBankSummary(
  groupId: string,
  program: { hourBankHours: number; mentoringStart: string; mentoringEnd: string },
  today = quebecToday(),
) {
  const entries = await listHourEntries(groupId);
  return summarize(
    entries,
    program.hourBankHours,
    { start: program.mentoringStart, end: program.mentoringEnd },
    today,
  );
}
