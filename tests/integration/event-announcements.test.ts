/**
 * Speed-dating events are announced (issue #20, bug 1): scheduling one tells every invited person
 * once (an e-mail with the calendar entry and a notice in the app), a new time tells them again
 * once, a reminder goes out the day before once per event and date, and the person's dashboard
 * lists the sessions to come, in Quebec time, with a link.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEvent,
  sendEventReminders,
  updateEvent,
  type Event,
} from "../../core/models/event.server";
import { listNotifications } from "../../core/models/notification.server";
import { isDomainError } from "../../core/errors";
import { addDays, quebecInstant, quebecToday } from "../../core/utils/quebec-time";
import type { EventFormInput } from "../../core/schemas/event";
import { DEMO_PROGRAM_ID } from "../../server/seeds/demo";
import { signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { testServices, type TestServices } from "../helpers/services";

const form = (over: Partial<EventFormInput> = {}): EventFormInput => ({
  title: "Séance de janvier",
  startsAt: `${addDays(quebecToday(), 3)}T13:30`,
  rounds: 3,
  roundMinutes: 7,
  breakMinutes: 1,
  roomSize: 2,
  format: "online",
  videoUrlPattern: "",
  invited: ["p-marc", "p-louise"],
  ...over,
});

describe("announcing a speed-dating event", () => {
  let s: TestServices;
  beforeAll(async () => {
    s = await testServices();
  });
  afterAll(async () => {
    await s?.close();
  });
  const mails = async (kind: string, eventId: string) =>
    (await s.mail.list(DEMO_PROGRAM_ID)).filter(
      (m) => m.kind === kind && m.text.includes(`/events/${eventId}`),
    );

  it("tells each invited person once, tells a new time once, and reminds once per date", async () => {
    const event: Event = await createEvent(s, DEMO_PROGRAM_ID, form(), "u-coordination");
    const announced = await mails("eventAnnouncement", event.id);
    expect(announced.map((m) => m.to).sort()).toEqual(["louise@exemple.org", "marc@exemple.org"]);
    const marc = announced.find((m) => m.to === "marc@exemple.org")!;
    expect(marc.subject).toMatch(/^Invitation : Séance de janvier, le /);
    expect(marc.text).toMatch(/13\u00a0h\u00a030 \(heure du Québec\)/);
    expect(marc.attachments?.[0]).toMatchObject({
      filename: "seance.ics",
      contentType: "text/calendar; charset=utf-8; method=PUBLISH",
    });
    // Without SMTP (the demo), messages are kept in the app, never sent.
    expect(marc.status).toBe("kept");
    const notices = await listNotifications(s, "u-marc");
    expect(
      notices.filter((n) => n.kind === "eventAnnouncement" && n.link.endsWith(event.id)),
    ).toHaveLength(1);

    // Saving the same settings again (a repeated submission) tells nobody.
    await updateEvent(s, event.id, form());
    expect(await mails("eventAnnouncement", event.id)).toHaveLength(2);
    expect(await mails("eventUpdate", event.id)).toHaveLength(0);

    // A new time, and a newcomer: the newcomer gets the announcement, the others the update.
    const moved = form({
      startsAt: `${addDays(quebecToday(), 4)}T09:00`,
      invited: ["p-marc", "p-louise", "p-yves"],
    });
    await Promise.all([updateEvent(s, event.id, moved), updateEvent(s, event.id, moved)]);
    expect((await mails("eventAnnouncement", event.id)).map((m) => m.to).sort()).toEqual([
      "louise@exemple.org",
      "marc@exemple.org",
      "yves@exemple.org",
    ]);
    const updates = await mails("eventUpdate", event.id);
    expect(updates.map((m) => m.to).sort()).toEqual(["louise@exemple.org", "marc@exemple.org"]);
    expect(updates[0]!.text).toMatch(/9\u00a0h\u00a000 \(heure du Québec\)/);
    expect(updates[0]!.attachments?.[0]!.content).toContain("SEQUENCE:1");

    // The reminder, a day before: once, even with two passes at once.
    const dayBefore = new Date(
      new Date((await s.store.get("events", event.id))!.startsAt).getTime() - 20 * 3_600_000,
    );
    const [a, b] = await Promise.all([
      sendEventReminders(s, 24, dayBefore),
      sendEventReminders(s, 24, dayBefore),
    ]);
    expect(a + b).toBe(3);
    expect(await sendEventReminders(s, 24, dayBefore)).toBe(0);
    const reminders = await mails("eventReminder", event.id);
    expect(reminders.map((m) => m.to).sort()).toEqual([
      "louise@exemple.org",
      "marc@exemple.org",
      "yves@exemple.org",
    ]);
    expect(reminders[0]!.subject).toMatch(/^Rappel : Séance de janvier, le /);

    // Moved again: the reminder is re-armed for the new date.
    await updateEvent(
      s,
      event.id,
      form({ startsAt: `${addDays(quebecToday(), 5)}T09:00`, invited: moved.invited }),
    );
    const newDayBefore = new Date(
      new Date((await s.store.get("events", event.id))!.startsAt).getTime() - 20 * 3_600_000,
    );
    expect(await sendEventReminders(s, 24, newDayBefore)).toBe(3);
  });
});

describe("a session whose start has passed before it started", () => {
  // The service's clock, moved by the test.
  let now = new Date();
  let s: TestServices;
  beforeAll(async () => {
    s = await testServices({ clock: { now: () => now } });
  });
  afterAll(async () => {
    await s?.close();
  });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => (isDomainError(error) ? [error.code, error.field] : error),
    );

  it("keeps its settings editable while its start is left as it is, never moved into the past", async () => {
    const day = addDays(quebecToday(), 3);
    const event = await createEvent(s, DEMO_PROGRAM_ID, form({ startsAt: `${day}T13:30` }), "u-c");
    await s.store.transaction((tx) => tx.update("events", event.id, { status: "lobby" }));
    // Ten minutes after the start, people still arriving: a title and a latecomer are saved.
    now = new Date(quebecInstant(day, "13:40"));
    const late = form({ startsAt: `${day}T13:30`, title: "Séance (lien corrigé)" });
    late.invited = [...late.invited, "p-yves"];
    const saved = await updateEvent(s, event.id, late);
    expect(saved.title).toBe("Séance (lien corrigé)");
    // Moved to another time already past (earlier the same day): refused on the field.
    expect(await refusal(updateEvent(s, event.id, form({ startsAt: `${day}T13:35` })))).toEqual([
      "event-in-past",
      "startsAt",
    ]);
    expect((await s.store.get("events", event.id))?.title).toBe("Séance (lien corrigé)");
    // Moved to later: allowed.
    const later = await updateEvent(s, event.id, form({ startsAt: `${day}T14:00` }));
    expect(later.startsAt).toBe(quebecInstant(day, "14:00").toISOString());
  });
});

describe("the dashboard", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists a participant's sessions to come, in Quebec time, with a link; not to someone not invited", async () => {
    const marc = await signedIn(server.url, "marc@exemple.org");
    const page = await (await marc.get("/dashboard")).text();
    expect(page).toContain("Vos prochaines séances de speed dating");
    expect(page).toContain("Séance de speed dating de décembre");
    expect(page).toMatch(/13\u00a0h\u00a030 \(heure du Québec\)/);
    expect(page).toContain(`/programs/${DEMO_PROGRAM_ID}/events/evt-demo-decembre`);
    // The session already held is not listed.
    expect(page).not.toContain("Séance de speed dating de novembre");
    const coordination = await signedIn(server.url, "coordination@exemple.org");
    expect(await (await coordination.get("/dashboard")).text()).not.toContain(
      "Vos prochaines séances de speed dating",
    );
  });
});
