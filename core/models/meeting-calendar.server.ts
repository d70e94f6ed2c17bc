/**
 * A group's meetings in time: reminders before each meeting, and the calendar a member subscribes
 * to (a secret link per group, the ICS feed). The meetings themselves: meeting.server.ts.
 */
import { createEvents, type EventAttributes } from "ics";
import { hashToken, newToken } from "../security/tokens";
import { notify } from "./notification.server";
import type { Services } from "../services";
import { meetingMembers, type Meeting } from "./meeting.server";
import { remindOnce } from "./remind-once.server";
import type { MailAttachment } from "../mail";

/**
 * Reminders through the outbox (and in the app) before each planned meeting, once per meeting and
 * date (remindOnce): moving a meeting re-arms its reminder. Each carries the meeting's calendar
 * entry (ICS). Called by the server every few minutes.
 */
export async function sendMeetingReminders(s: Services, withinHours: number, now = s.clock.now()) {
  return remindOnce<Meeting>(s, "meetings", {
    withinHours,
    now,
    open: (m) => m.status === "planned",
    tell: async (tx, meeting) => {
      const group = await tx.get("groups", meeting.groupId);
      if (!group || group.status !== "active") return 0;
      const link = `/programs/${group.programId}/groups/${group.id}/meetings/${meeting.id}`;
      const ics = meetingsIcs([meeting], group.label, `${s.site.url()}${link}`);
      let told = 0;
      for (const participantId of meetingMembers(meeting, group.memberIds)) {
        const participant = await tx.get("participants", participantId);
        const user = participant && (await tx.get("users", participant.userId));
        if (!user) continue;
        const facilitator =
          meeting.facilitatorId && (await tx.get("participants", meeting.facilitatorId));
        const facilitatorUser = facilitator && (await tx.get("users", facilitator.userId));
        await notify(s, {
          userId: user.id,
          programId: group.programId,
          kind: "meetingReminder",
          params: {
            // An instant: written in the reader's language when read (core/i18n/notice-params.ts).
            date: meeting.startsAt,
            facilitator: facilitatorUser ? facilitatorUser.name : "—",
            agenda: meeting.agenda || "—",
            place: meeting.place || "—",
          },
          link,
          attachments: [calendarAttachment("rencontre.ics", ics, "PUBLISH")],
        });
        told++;
      }
      return told;
    },
  });
}

/** A calendar entry as an e-mail attachment (calendar apps offer to add it). */
export function calendarAttachment(
  filename: string,
  ics: string,
  method: "PUBLISH" | "REQUEST",
): MailAttachment {
  return {
    filename,
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content: ics,
  };
}

/** A new secret subscription link for the group's calendar (the old one stops working). */
export async function renewCalendarToken(s: Services, groupId: string) {
  const token = newToken();
  await s.store.update("groups", groupId, { calendarTokenHash: hashToken(token) });
  return token;
}

export async function groupByCalendarToken(s: Services, token: string) {
  return s.store.findOne("groups", { calendarTokenHash: hashToken(token) });
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
    // The place as the members wrote it: an address, or the http(s) link to join (ADR 0027).
    ...(m.place ? { location: m.place } : {}),
    url: link,
    status: m.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    sequence: m.sequence,
    productId: "-//Maillage//FR",
  }));
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error("ICS generation failed");
  return value;
}
