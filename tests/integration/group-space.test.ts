import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageText, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { addDays, quebecToday } from "../../core/utils/quebec-time";

const GROUP = "/programs/prog-reemploi-2026/groups/grp-demo-chaine-froid";
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const as = (email: string) => signedIn(server.url, email);
const page = pageText;

describe("the demo group's hour bank", () => {
  /** The figure after a term in the hours page's facts (`<dt>term</dt><dd>figure</dd>`). */
  const fact = (html: string, term: string) =>
    new RegExp(`<dt>${term}</dt><dd>([^<]*)</dd>`).exec(html)?.[1];

  it("refuses hours out of bounds with a message naming the bounds, next to the field", async () => {
    const marc = await as("marc@exemple.org");
    const entry = { intent: "add", kind: "preparation", date: "2026-12-02", forId: "" };
    for (const hours of ["25", "-1"]) {
      const refused = await marc.post(`${GROUP}/hours`, { ...entry, hours });
      expect(refused.status, hours).toBe(400);
      expect(await page(refused), hours).toMatch(
        /id="field-hours-error">Entrez un nombre entre 0,25 et 12\.</,
      );
    }
    marc.cookies.set("maillage_lang", "en");
    const english = await marc.post(`${GROUP}/hours`, { ...entry, hours: "25" });
    expect(english.status).toBe(400);
    expect(await page(english)).toMatch(
      /id="field-hours-error">Enter a number between 0.25 and 12\.</,
    );
    // Not a number at all: the message stays "enter a number".
    marc.cookies.set("maillage_lang", "fr");
    const words = await marc.post(`${GROUP}/hours`, { ...entry, hours: "beaucoup" });
    expect(await page(words)).toMatch(/id="field-hours-error">Entrez un nombre\.</);
    // Nothing was logged.
    expect(await page(await marc.get(`${GROUP}/hours`))).toContain("15,5 h sur 20 h");
  });

  it("logs time by members, refuses invalid entries, and keeps it from everyone else", async () => {
    const marc = await as("marc@exemple.org");
    const before = await page(await marc.get(`${GROUP}/hours`));
    // The demo group already used 4,5 h: its kickoff, a co-development session, and the mentor's
    // preparation and action plan; the mentees' own time (1 h) is apart.
    expect(before).toContain("15,5 h sur 20 h");
    expect(fact(before, "Temps des mentorés, hors banque")).toBe("1 h");

    const invalid = await marc.post(`${GROUP}/hours`, {
      intent: "add",
      kind: "sieste",
      hours: "0.3",
      date: "hier",
      forId: "rencontre inconnue",
    });
    expect(invalid.status).toBe(400);
    const html = await page(invalid);
    expect(html).toContain('id="field-kind-error"');
    expect(html).toContain("Entrez un nombre de quarts d'heure");
    expect(html).toContain('id="field-date-error"');
    expect(html).toMatch(
      /Pour la rencontre ou la séance[\s\S]*Choisissez une des options proposées/,
    );

    // Work for a meeting of another group: refused, the field named.
    const elsewhere = await marc.post(`${GROUP}/hours`, {
      intent: "add",
      kind: "preparation",
      hours: "1",
      date: "2026-12-02",
      forId: "meeting:mtg-inconnue",
    });
    expect(elsewhere.status).toBe(400);
    expect(await page(elsewhere)).toContain("Choisissez une des options proposées.");

    expect(
      (
        await marc.post(`${GROUP}/hours`, {
          intent: "add",
          kind: "meeting",
          hours: "2",
          date: "2026-12-03",
          note: "Première rencontre",
        })
      ).status,
    ).toBe(200);
    const benoit = await as("benoit@exemple.org");
    expect(
      (
        await benoit.post(`${GROUP}/hours`, {
          intent: "add",
          kind: "preparation",
          hours: "1,5",
          date: "2026-12-02",
        })
      ).status,
    ).toBe(200);
    const after = await page(await benoit.get(`${GROUP}/hours`));
    // The mentor's meeting drew 2 h; the mentee's preparation is their own time, apart.
    expect(after).toContain("13,5 h sur 20 h");
    expect(fact(after, "Temps des mentorés, hors banque")).toBe("2,5 h");
    expect(after).toContain("Votre temps hors rencontre est noté à part");
    expect(after).toContain("Première rencontre");
    expect(await page(await benoit.get(GROUP))).toContain("13,5 h restantes sur 20 h");

    // The mentor's own preparation draws from the bank.
    expect(
      (
        await marc.post(`${GROUP}/hours`, {
          intent: "add",
          kind: "preparation",
          hours: "1",
          date: "2026-12-04",
        })
      ).status,
    ).toBe(200);
    const mentor = await page(await marc.get(`${GROUP}/hours`));
    expect(mentor).toContain("12,5 h sur 20 h");
    expect(mentor).toContain("Votre préparation, votre communication et votre suivi puisent");

    // Only one's own entries can be removed.
    const entryId = /name="entryId" value="(hrs-[\w-]+)"/.exec(after)![1]!;
    expect((await marc.post(`${GROUP}/hours`, { intent: "remove", entryId })).status).toBe(404);
    expect((await benoit.post(`${GROUP}/hours`, { intent: "remove", entryId })).status).toBe(200);

    for (const email of ["amelie@exemple.org", "coordination@exemple.org"]) {
      const outsider = await as(email);
      expect((await outsider.get(`${GROUP}/hours`)).status, email).toBe(404);
      expect(
        (
          await outsider.post(`${GROUP}/hours`, {
            intent: "add",
            kind: "meeting",
            hours: "1",
            date: "2026-12-03",
          })
        ).status,
        email,
      ).toBe(404);
      expect((await outsider.get(`${GROUP}/agreement`)).status, email).toBe(404);
    }
  });
});

describe("the demo group's meetings and calendar feed", () => {
  /**
   * A series to come (a first date already past is refused) across the March change: the first
   * 12 January at least a week ahead, every three weeks for 150 days (8 meetings, to mid-June).
   */
  const today = quebecToday();
  const year = Number(today.slice(0, 4));
  const FIRST = addDays(today, 7) <= `${year}-01-12` ? `${year}-01-12` : `${year + 1}-01-12`;
  const UNTIL = addDays(FIRST, 150);

  it("plans a series, records a cancellation, and serves an ICS feed a standard parser reads back", async () => {
    const mathieu = await as("mathieu@exemple.org");
    const bad = await mathieu.post(`${GROUP}/meetings`, {
      intent: "plan",
      firstDate: FIRST,
      time: "25:00",
      everyWeeks: "3",
      durationMinutes: "120",
      until: addDays(FIRST, -11),
    });
    expect(bad.status).toBe(400);
    const badHtml = await page(bad);
    expect(badHtml).toContain("Entrez une heure valide");
    expect(badHtml).toContain("La date de fin doit suivre la date de début.");
    // A first date already past is refused, naming the field, and nothing changes.
    const before = await page(await mathieu.get(`${GROUP}/meetings`));
    const past = await mathieu.post(`${GROUP}/meetings`, {
      intent: "plan",
      firstDate: "2020-01-14",
      time: "13:30",
      everyWeeks: "3",
      durationMinutes: "120",
      until: UNTIL,
    });
    expect(past.status).toBe(400);
    const pastHtml = await page(past);
    expect(pastHtml).toContain("La première rencontre");
    expect(pastHtml).toContain("serait déjà passée : choisissez une date à venir.");
    expect(pastHtml).toMatch(/id="field-firstDate-error"/);
    const meetingIds = (html: string) => [
      ...html.matchAll(/name="meetingId" value="(mtg-[\w-]+)"/g),
    ];
    expect(meetingIds(await page(await mathieu.get(`${GROUP}/meetings`))).map((m) => m[1])).toEqual(
      meetingIds(before).map((m) => m[1]),
    );

    const planned = await mathieu.post(`${GROUP}/meetings`, {
      intent: "plan",
      firstDate: FIRST,
      time: "13:30",
      everyWeeks: "3",
      durationMinutes: "120",
      until: UNTIL,
    });
    expect(planned.status).toBe(200);
    expect(await page(planned)).toContain("8 rencontres planifiées.");

    // The demo kickoff, already held, and the demo's cancelled meeting stay; the new series
    // replaces the planned meetings.
    const list = await page(await mathieu.get(`${GROUP}/meetings`));
    const all = [...list.matchAll(/name="meetingId" value="(mtg-[\w-]+)"/g)].map((m) => m[1]!);
    const demoCancelled = all.filter((id) => /^mtg-demo-\d/.test(id));
    expect(demoCancelled).toHaveLength(1);
    const ids = all.filter((id) => !demoCancelled.includes(id));
    expect(ids).toHaveLength(9);
    expect(ids[0]).toBe("mtg-demo-demarrage");
    const noReason = await mathieu.post(`${GROUP}/meetings`, {
      intent: "status",
      meetingId: ids[1]!,
      status: "cancelled",
      reason: "",
    });
    expect(noReason.status).toBe(400);
    expect(await page(noReason)).toContain("Donnez la raison du report ou de l'annulation.");
    expect(
      (
        await mathieu.post(`${GROUP}/meetings`, {
          intent: "status",
          meetingId: ids[1]!,
          status: "cancelled",
          reason: "Tempête de neige",
        })
      ).status,
    ).toBe(200);

    const { default: ICAL } = await import("ical.js");
    const download = await mathieu.get(`${GROUP}/calendar.ics`);
    expect(download.headers.get("content-type")).toContain("text/calendar");
    const calendar = new ICAL.Component(ICAL.parse(await download.text()));
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events).toHaveLength(10);
    // The new series (the demo's meetings aside): 13 h 30 EST first, 13 h 30 EDT from March.
    const series = events
      .filter((e) => !e.uid.startsWith("mtg-demo-"))
      .map((e) => e.startDate.toJSDate().toISOString())
      .sort();
    expect(series).toHaveLength(8);
    expect(series[0]).toBe(`${FIRST}T18:30:00.000Z`); // 13 h 30 EST
    expect(series[3]).toBe(`${addDays(FIRST, 63)}T17:30:00.000Z`); // 13 h 30 EDT, after the change
    const cancelled = calendar
      .getAllSubcomponents("vevent")
      .filter(
        (e) =>
          e.getFirstPropertyValue("status") === "CANCELLED" &&
          e.getFirstPropertyValue("uid") === `${ids[1]}@maillage`,
      );
    expect(cancelled).toHaveLength(1);
    expect(Number(cancelled[0]!.getFirstPropertyValue("sequence"))).toBe(1);

    // The subscription link works without signing in; a wrong one, and non-members, get 404.
    const subscribed = await page(await mathieu.post(`${GROUP}/meetings`, { intent: "subscribe" }));
    const feedUrl = /value="(http:\/\/[^"]+\/feeds\/calendar\/[\w-]{32})"/.exec(subscribed)![1]!;
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain("BEGIN:VEVENT");
    expect((await fetch(`${server.url}/feeds/calendar/${"x".repeat(32)}`)).status).toBe(404);
    const outsider = await as("karine@exemple.org");
    expect((await outsider.get(`${GROUP}/meetings`)).status).toBe(404);
    expect((await outsider.get(`${GROUP}/calendar.ics`)).status).toBe(404);
    // The demo group invites the coordination as observer (ADR 0027): it reads the calendar.
    const observer = await as("coordination@exemple.org");
    expect((await observer.get(`${GROUP}/meetings`)).status).toBe(200);
    expect((await observer.get(`${GROUP}/calendar.ics`)).status).toBe(200);
  });
});

describe("the demo group's action plan", () => {
  it("imports the mentees' needs, flags those outside the group's expertise, reorders and tracks them", async () => {
    const benoit = await as("benoit@exemple.org");
    const plan = `${GROUP}/plan`;
    // The demo plan holds every need but Benoît's risk management, published since.
    const imported = await page(await benoit.post(plan, { intent: "import" }));
    expect(imported).toContain("1 besoin ajouté au plan.");
    expect(await page(await benoit.post(plan, { intent: "import" }))).toContain(
      "0 besoin ajouté au plan.",
    );
    let html = await page(await benoit.get(plan));
    const titles = () =>
      [...html.matchAll(/<h2 class="card-title">([^<]+)/g)].map((m) => m[1]!.trim());
    expect(titles().slice(0, 3)).toEqual(["Chaîne de froid", "Chaîne de froid", "Entreposage"]);
    expect(titles().at(-1)).toBe("Gestion des risques");
    // The client's actions from the demo co-development session are in the plan too.
    expect(titles()).toContain("Louer deux glacières certifiées pour l'été");
    // Transport is Mathieu's need, and neither Marc nor Benoît has that expertise.
    expect(html.match(/data-outside="true"/g)).toHaveLength(1);
    expect(html).toMatch(/Transport[\s\S]{0,200}Hors de l'expertise du groupe/);

    const ids = [
      ...new Set([...html.matchAll(/name="itemId" value="(act-[\w-]+)"/g)].map((m) => m[1]!)),
    ];
    const storage = ids[2]!;
    await benoit.post(plan, { intent: "up", itemId: storage });
    await benoit.post(plan, { intent: "up", itemId: storage });
    await benoit.post(plan, {
      intent: "update",
      itemId: storage,
      status: "in-progress",
      notes: "Visite de l'entrepôt de Marc",
    });
    html = await page(await benoit.get(plan));
    expect(titles()[0]).toBe("Entreposage");
    expect(html).toContain("Visite de l'entrepôt de Marc");

    const empty = await benoit.post(plan, { intent: "add", title: "" });
    expect(empty.status).toBe(400);
    expect(await page(empty)).toContain('id="field-title-error"');
    const outsider = await as("louise@exemple.org");
    expect((await outsider.get(plan)).status).toBe(404);
    expect((await outsider.post(plan, { intent: "import" })).status).toBe(404);
  });
});
