/** A group's meetings: the generated series, status changes, and the calendar feed (ICS). */
import { createEvents, type EventAttributes } from "ics";
import { getStore, newId } from "../../server/store";
import type { EntityOf } from "../../server/store";
import { hashToken, newToken } from "../../server/security/tokens";
import { generateSeries, type SeriesInput } from "./meeting-series";

export type Meeting = EntityOf<"meetings">;

export async function listMeetings(groupId: string) {
  const meetings = await getStore().find("meetings", { groupId });
  return meetings.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * (Re)generates the series: planned meetings still to come are replaced; held, postponed and
 * cancelled ones, and anything in the past, stay.
 */
export async function planSeries(groupId: string, input: SeriesInput) {
  const now = new Date().toISOString();
  return getStore().transaction(async (tx) => {
    for (const m of await tx.find("meetings", { groupId })) {
      if (m.status === "planned" && m.startsAt > now) await tx.remove("meetings", m.id);
    }
    const created = [];
    for (const slot of generateSeries(input)) {
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
    return created;
  });
}

export class MeetingNotFoundError extends Error {}

export async function setMeetingStatus(
  groupId: string,
  meetingId: string,
  status: Meeting["status"],
  reason: string,
) {
  return getStore().transaction(async (tx) => {
    const meeting = await tx.get("meetings", meetingId);
    if (!meeting || meeting.groupId !== groupId) throw new MeetingNotFoundError();
    return tx.update("meetings", meetingId, {
      status,
      statusReason: reason,
      sequence: meeting.sequence + 1,
      updatedAt: new Date().toISOString(),
    });
  });
}

/** A new secret subscription link for the group's calendar (the old one stops working). */
export async function renewCalendarToken(groupId: string) {
  const token = newToken();
  await getStore().update("groups", groupId, { calendarTokenHash: hashToken(token) });
  return token;
}

export async function groupByCalendarToken(token: string) {
  return getStore().findOne("groups", { calendarTokenHash: hashToken(token) });
}

const toArray = (iso: string) => {
  const d = new Date(iso);
  return [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
  ] as [number, number, number, number, number];
};

/** The ICS feed: one event per meeting, stable UIDs, cancellations marked, times in UTC. */
export function meetingsIcs(meetings: readonly Meeting[], title: string, link: string): string {
  if (meetings.length === 0) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Maillage//FR\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n";
  }
  const events: EventAttributes[] = meetings.map((m) => ({
    uid: `${m.id}@maillage`,
    title,
    start: toArray(m.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: toArray(m.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    description: [m.agenda, m.statusReason].filter(Boolean).join("\n\n"),
    url: link,
    status: m.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    sequence: m.sequence,
    productId: "-//Maillage//FR",
  }));
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error("ICS generation failed");
  return value;
}
