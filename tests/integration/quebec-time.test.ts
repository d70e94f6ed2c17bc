/**
 * Quebec time whatever the server's zone (ADR 0015): the production server started with TZ=UTC and
 * with TZ=Asia/Tokyo stores, shows and exports 13:30 in Quebec as 13:30 in Quebec, winter and
 * summer; and a meeting is marked held only once it has started.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "../../core/i18n";
import { addDays, quebecToday, weekdayOf } from "../../core/utils/quebec-time";
import { type HttpClient, location, pageText, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const PROGRAM = "/programs/prog-reemploi-2026";
const GROUP = `${PROGRAM}/groups/grp-demo-chaine-froid`;

/**
 * The first 14 January at least a week ahead (sessions and meetings are scheduled only to come),
 * and 26 weeks later, mid-July: 13:30 in Quebec is UTC−5 in January, UTC−4 in July.
 */
const TODAY = quebecToday();
const YEAR =
  Number(TODAY.slice(0, 4)) + (addDays(TODAY, 7) <= `${TODAY.slice(0, 4)}-01-14` ? 0 : 1);
const WINTER = `${YEAR}-01-14`;
const SUMMER = addDays(WINTER, 26 * 7);
/** Daylight time starts on the second Sunday of March (pure calendar arithmetic, no zone rules). */
const MARCH_FIRST = `${YEAR}-03-01`;
const DAYLIGHT_FROM = addDays(MARCH_FIRST, ((7 - weekdayOf(MARCH_FIRST)) % 7) + 7);

function season(date: string, utcHour: string) {
  const utc = `${date}T${utcHour}:30:00.000Z`;
  return {
    date,
    shown: formatDate("fr", utc, { dateStyle: "full", timeStyle: "short" }),
    utc,
    ics: `DTSTART:${date.replace(/-/g, "")}T${utcHour}3000Z`,
  };
}
const SEASONS = [season(WINTER, "18"), season(SUMMER, "17")];

interface Stored {
  events: Array<{ id: string; startsAt: string }>;
  meetings: Array<{ id: string; groupId: string; startsAt: string; status: string }>;
  hourEntries: Array<{ id: string; meetingId?: string }>;
}

/** A value given by the server for "today in Quebec": read between two readings of the clock. */
function todayAround<T>(before: string, after: string, value: T, expected: (day: string) => T) {
  expect([expected(before), expected(after)]).toContainEqual(value);
}

describe.each(["UTC", "Asia/Tokyo"])("the server in TZ=%s", (zone) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { TZ: zone } });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const stored = async () =>
    JSON.parse(await readFile(join(server.dataDir, "maillage.json"), "utf8")) as Stored;

  it("schedules a speed-dating event at 13:30 Quebec time, in January and in July", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    // The new-event form proposes a week from today in Quebec, at 13:30.
    const before = quebecToday();
    const form = await pageText(await coordinator.get(`${PROGRAM}/events`));
    const after = quebecToday();
    const proposed = /name="startsAt"[^>]*value="([^"]*)"/.exec(form)?.[1];
    todayAround(before, after, proposed, (day) => `${addDays(day, 7)}T13:30`);

    // What the pages must show: the day in French, at 13 h 30 (non-breaking spaces) in both seasons.
    expect(SEASONS.map((season) => season.shown)).toEqual([
      expect.stringMatching(/^\p{L}+ 14 janvier \d{4} à 13\u00a0h\u00a030$/u),
      expect.stringMatching(/^\p{L}+ 1[45] juillet \d{4} à 13\u00a0h\u00a030$/u),
    ]);
    for (const season of SEASONS) {
      const created = await coordinator.post(`${PROGRAM}/events`, {
        title: `Speed dating du ${season.date}`,
        startsAt: `${season.date}T13:30`,
        rounds: "3",
        roundMinutes: "7",
        breakMinutes: "1",
        roomSize: "2",
        format: "online",
        videoUrlPattern: "",
        invited: ["p-amelie", "p-nathalie"],
      });
      expect(created.status, season.date).toBe(302);
      const eventId = location(created).split("/").pop()!;
      const page = await pageText(await coordinator.get(location(created)));
      expect(page).toContain(season.shown);
      const event = (await stored()).events.find((e) => e.id === eventId);
      expect(event?.startsAt).toBe(season.utc);
    }
    const list = await pageText(await coordinator.get(`${PROGRAM}/events`));
    for (const season of SEASONS) expect(list).toContain(season.shown);

    // A date that does not exist is refused, with the field named.
    const bad = await coordinator.post(`${PROGRAM}/events`, {
      title: "Speed dating impossible",
      startsAt: "2027-02-30T13:30",
      rounds: "3",
      roundMinutes: "7",
      breakMinutes: "1",
      roomSize: "2",
      format: "online",
      videoUrlPattern: "",
      invited: ["p-amelie", "p-nathalie"],
    });
    expect(bad.status).toBe(400);
    const badPage = await pageText(bad);
    expect(badPage).toContain('id="field-startsAt-error"');
    expect(badPage).toContain("Entrez une date et une heure valides.");
  });

  it("plans meetings at 13:30 Quebec time: pages, stored instants, the ICS file and feed", async () => {
    const benoit = await signedIn(server.url, "benoit@exemple.org");
    // Every two weeks from 14 January to mid-July: across the March change.
    const planned = await benoit.post(`${GROUP}/meetings`, {
      intent: "plan",
      firstDate: SEASONS[0]!.date,
      time: "13:30",
      everyWeeks: "2",
      durationMinutes: "120",
      until: SEASONS[1]!.date,
    });
    expect(planned.status).toBe(200);
    expect(await pageText(planned)).toContain("14 rencontres planifiées.");
    const list = await pageText(await benoit.get(`${GROUP}/meetings`));
    // The new series (the demo's cancelled meeting stays, as cancelled ones do).
    const meetings = (await stored()).meetings.filter(
      (m) =>
        m.groupId === "grp-demo-chaine-froid" &&
        m.startsAt >= SEASONS[0]!.utc &&
        m.status === "planned",
    );
    expect(meetings).toHaveLength(14);
    for (const season of SEASONS) {
      expect(list).toContain(season.shown);
      const meeting = meetings.find((m) => m.startsAt === season.utc);
      expect(meeting, season.date).toBeDefined();
      // Its page: the date and time shown, and the form holds the Quebec date and time.
      const page = await pageText(await benoit.get(`${GROUP}/meetings/${meeting!.id}`));
      expect(page).toContain(season.shown);
      expect(page).toMatch(new RegExp(`name="date"[^>]*value="${season.date}"`));
      expect(page).toMatch(/name="time"[^>]*value="13:30"/);
    }

    const download = await benoit.get(`${GROUP}/calendar.ics`);
    expect(download.headers.get("content-type")).toContain("text/calendar");
    const file = await download.text();
    const subscribed = await pageText(
      await benoit.post(`${GROUP}/meetings`, { intent: "subscribe" }),
    );
    const feedPath = /\/feeds\/calendar\/[\w-]+/.exec(subscribed)?.[0];
    expect(feedPath).toBeDefined();
    const feed = await (await fetch(new URL(feedPath!, server.url))).text();
    for (const ics of [file, feed]) {
      for (const season of SEASONS) expect(ics).toContain(season.ics);
      // All the series is at 13:30 in Quebec: 18:30 UTC before the March change, 17:30 UTC from it.
      const starts = [
        ...ics.matchAll(new RegExp(`DTSTART:${YEAR}(\\d{2})(\\d{2})T(\\d{4})00Z`, "g")),
      ];
      expect(starts.length).toBeGreaterThanOrEqual(14);
      for (const [, month, day, time] of starts) {
        const date = `${YEAR}-${month}-${day}`;
        expect(time, date).toBe(date < DAYLIGHT_FROM ? "1830" : "1730");
      }
    }
  });

  it("marks a meeting held only once it has started", async () => {
    const benoit = await signedIn(server.url, "benoit@exemple.org");
    const meeting = (await stored()).meetings.find((m) => m.startsAt === SEASONS[0]!.utc)!;
    const url = `${GROUP}/meetings/${meeting.id}`;
    const hoursLeft = async () =>
      /(\d+(?:,\d+)?) h sur 20 h/.exec(await pageText(await benoit.get(`${GROUP}/hours`)))?.[1];
    const moveTo = async (client: HttpClient, date: string) => {
      const sequence = /name="sequence" value="(\d+)"/.exec(
        await pageText(await client.get(url)),
      )![1]!;
      return client.post(url, {
        intent: "details",
        sequence,
        date,
        time: "13:30",
        durationMinutes: "120",
        kind: "collective",
        facilitatorId: "",
        theme: "",
        agenda: "",
        notes: "",
        tools: "",
      });
    };
    const entries = async () =>
      (await stored()).hourEntries.filter((e) => e.meetingId === meeting.id).length;

    // 18 days ahead: "held" is refused, on the meeting's page and in the list, and nothing changes.
    expect((await moveTo(benoit, addDays(quebecToday(), 18))).status).toBe(200);
    const bankBefore = await hoursLeft();
    const early = await benoit.post(url, {
      intent: "status",
      status: "held",
      reason: "",
      presentIds: ["p-benoit", "p-marc", "p-mathieu"],
    });
    expect(early.status).toBe(400);
    const earlyPage = await pageText(early);
    expect(earlyPage).toContain('id="field-status-error"');
    expect(earlyPage).toContain(
      "Une rencontre ne peut être marquée « tenue » qu'une fois commencée ; celle-ci commence le ",
    );
    expect(earlyPage).toMatch(/commence le [^<]+ à 13\u00a0h\u00a030 \(heure du Québec\)\./);
    const fromList = await benoit.post(`${GROUP}/meetings`, {
      intent: "status",
      meetingId: meeting.id,
      status: "held",
      reason: "",
    });
    expect(fromList.status).toBe(400);
    expect(await pageText(fromList)).toContain(`id="m-${meeting.id}-status-error"`);
    expect(await hoursLeft()).toBe(bankBefore);
    expect(await entries()).toBe(0);
    expect((await stored()).meetings.find((m) => m.id === meeting.id)?.status).toBe("planned");

    // Once its start is past (yesterday at 13:30), it can be held: two hours leave the bank.
    expect((await moveTo(benoit, addDays(quebecToday(), -1))).status).toBe(200);
    const held = await benoit.post(url, {
      intent: "status",
      status: "held",
      reason: "",
      presentIds: ["p-benoit", "p-marc", "p-mathieu"],
    });
    expect(held.status).toBe(200);
    const toNumber = (s: string | undefined) => Number(s?.replace(",", "."));
    expect(toNumber(await hoursLeft())).toBe(toNumber(bankBefore) - 2);
    expect(await entries()).toBe(3);

    // A held meeting cannot be moved to a start still to come.
    const moved = await moveTo(benoit, addDays(quebecToday(), 18));
    expect(moved.status).toBe(400);
    const movedPage = await pageText(moved);
    expect(movedPage).toContain('id="field-date-error"');
    expect(movedPage).toContain("qu'une fois commencée");
    expect((await stored()).meetings.find((m) => m.id === meeting.id)?.status).toBe("held");
  });
});
