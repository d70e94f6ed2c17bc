/**
 * Telling the invited people about a speed-dating event: an announcement when they are invited
 * (an e-mail with the calendar entry, and a notice in the app), an update when its time or place
 * changes, and a reminder before it (once per event and date, remindOnce). What each person was
 * told is kept on the event (`announcedParticipantIds`, `announcedStartsAt`, `announcedPlace`), so
 * calling announceEvent again with nothing changed tells nobody; someone no longer invited is told
 * so once, with a calendar entry that cancels theirs: a repeated submission, or two
 * processes, have one effect. The notices are written in the caller's transaction; the e-mails
 * leave through the outbox queue after its commit.
 */
import { createEvent as icsEvent } from "ics";
import { translate } from "../../i18n";
import type { StoreWriter } from "../../store/types";
import type { Services } from "../../services";
import { calendarAttachment } from "../meeting-calendar.server";
import { notify, type NotificationKind } from "../notification.server";
import { remindOnce } from "../remind-once.server";
import type { Event } from "./settings.server";

/** How long an event lasts: its rounds and the breaks between them. */
export function eventEndsAt(event: Event): string {
  const minutes =
    event.rounds * event.roundMinutes + Math.max(0, event.rounds - 1) * event.breakMinutes;
  return new Date(new Date(event.startsAt).getTime() + minutes * 60_000).toISOString();
}

/** Where the event happens, as the invited people read it (also what a change is compared on). */
function placeOf(event: Event): string {
  return event.format === "online" ? `online ${event.videoUrlPattern}`.trim() : "in-person";
}

export function eventLink(event: Event): string {
  return `/programs/${event.programId}/events/${event.id}`;
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

/**
 * The event as one calendar entry (times in UTC, a stable UID, SEQUENCE for its changes);
 * `cancelled` for a person no longer invited (their calendar drops it).
 */
export function eventIcs(
  event: Event,
  url: string,
  description: string,
  cancelled = false,
): string {
  const { error, value } = icsEvent({
    uid: `${event.id}@maillage`,
    title: event.title,
    start: toArray(event.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: toArray(eventEndsAt(event)),
    endInputType: "utc",
    endOutputType: "utc",
    description,
    location: url,
    url,
    status: cancelled || event.status === "ended" ? "CANCELLED" : "CONFIRMED",
    sequence: event.sequence,
    method: "PUBLISH",
    productId: "-//Maillage//FR",
  });
  if (error || !value) throw error ?? new Error("ICS generation failed");
  return value;
}

/** One person's notice about the event, with its calendar entry. */
async function tell(
  s: Services,
  tx: StoreWriter,
  event: Event,
  participantId: string,
  kind: Extract<
    NotificationKind,
    "eventAnnouncement" | "eventUpdate" | "eventReminder" | "eventUninvited"
  >,
): Promise<boolean> {
  const participant = await tx.get("participants", participantId);
  const user = participant && (await tx.get("users", participant.userId));
  if (!participant || participant.programId !== event.programId || !user) return false;
  const uninvited = kind === "eventUninvited";
  // Someone no longer invited may not open the event: their link is the program's sessions.
  const link = uninvited ? `/programs/${event.programId}/events` : eventLink(event);
  const url = `${s.site.url()}${link}`;
  const place = translate(user.locale, `eventNotices.place.${event.format}`);
  const ics = eventIcs(
    event,
    url,
    translate(user.locale, "eventNotices.calendarDescription"),
    uninvited,
  );
  await notify(s, {
    userId: user.id,
    programId: event.programId,
    kind,
    params: {
      title: event.title,
      // An instant: written in the reader's language when read (core/i18n/notice-params.ts).
      date: event.startsAt,
      place,
    },
    link,
    attachments: [calendarAttachment("seance.ics", ics, "PUBLISH")],
  });
  return true;
}

/**
 * Announces the event to the invited people not yet told, and its new time or place to those
 * told before; returns how many were told. Runs in the caller's transaction (creating or
 * editing the event), which it joins, re-reading the event there.
 */
export async function announceEvent(s: Services, eventId: string): Promise<number> {
  return s.store.transaction(async (tx) => {
    const event = await tx.get("events", eventId);
    if (!event || event.status === "ended") return 0;
    const told = new Set(event.announcedParticipantIds);
    const changed =
      event.announcedStartsAt !== undefined &&
      (event.announcedStartsAt !== event.startsAt || event.announcedPlace !== placeOf(event));
    const invited = new Set(event.invitedParticipantIds);
    const newcomers = event.invitedParticipantIds.filter((id) => !told.has(id));
    const toUpdate = changed ? event.invitedParticipantIds.filter((id) => told.has(id)) : [];
    const removed = event.announcedParticipantIds.filter((id) => !invited.has(id));
    if (newcomers.length === 0 && toUpdate.length === 0 && removed.length === 0) return 0;
    const current = await tx.update("events", event.id, {
      announcedParticipantIds: [
        ...new Set([
          ...event.announcedParticipantIds.filter((id) => invited.has(id)),
          ...newcomers,
        ]),
      ],
      announcedStartsAt: event.startsAt,
      announcedPlace: placeOf(event),
      // The calendar entries sent from now on replace the earlier ones (a cancellation too).
      sequence: changed || removed.length > 0 ? event.sequence + 1 : event.sequence,
      // A new time re-arms the reminder.
      ...(event.announcedStartsAt !== event.startsAt ? { reminderSentAt: undefined } : {}),
    });
    let count = 0;
    for (const id of newcomers) if (await tell(s, tx, current, id, "eventAnnouncement")) count++;
    for (const id of toUpdate) if (await tell(s, tx, current, id, "eventUpdate")) count++;
    for (const id of removed) if (await tell(s, tx, current, id, "eventUninvited")) count++;
    return count;
  });
}

/** The reminders before events starting within `withinHours`, once per event and date. */
export async function sendEventReminders(s: Services, withinHours: number, now = s.clock.now()) {
  return remindOnce<Event>(s, "events", {
    withinHours,
    now,
    open: (e) => e.status === "scheduled" || e.status === "lobby",
    tell: async (tx, event) => {
      let count = 0;
      for (const id of event.invitedParticipantIds)
        if (await tell(s, tx, event, id, "eventReminder")) count++;
      return count;
    },
  });
}

/** A person's events to come (not ended), soonest first, in every program they take part in. */
export async function upcomingEventsOf(s: Services, userId: string) {
  const participations = await s.store.find("participants", { userId });
  const now = s.clock.now().getTime();
  const upcoming: {
    id: string;
    programId: string;
    title: string;
    startsAt: string;
    format: Event["format"];
    live: boolean;
  }[] = [];
  for (const p of participations) {
    for (const event of await s.store.find("events", { programId: p.programId })) {
      if (event.status === "ended" || !event.invitedParticipantIds.includes(p.id)) continue;
      // A scheduled event whose day has passed without starting is no longer "to come".
      if (event.status === "scheduled" && new Date(eventEndsAt(event)).getTime() < now) continue;
      upcoming.push({
        id: event.id,
        programId: event.programId,
        title: event.title,
        startsAt: event.startsAt,
        format: event.format,
        live: event.status !== "scheduled",
      });
    }
  }
  return upcoming.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
