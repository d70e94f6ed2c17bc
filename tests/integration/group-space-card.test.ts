/**
 * The group space as its members read it (issue #20): the hour ledger shows one row per meeting
 * naming who was there (the bank's figures unchanged), the space has a "next meeting" card with an
 * empty state, and its sections are a navigation of their own, outside the hour-bank card.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysAhead, pageText, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";
import { formatDate } from "../../core/i18n";
import { addDays, quebecInstant } from "../../core/utils/quebec-time";

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

describe("the hour ledger", () => {
  it("shows a meeting once, naming who was present, with the bank's figures unchanged", async () => {
    const marc = await as("marc@exemple.org");
    const html = await page(await marc.get(`${GROUP}/hours`));
    // The kickoff and the co-development session: three lines each in the store, one row each.
    const present = [...html.matchAll(/Présent·es : ([^<]+)</g)].map((m) => m[1]);
    expect(present).toEqual([
      "Benoît Girard, Marc Tremblay, Mathieu Bélanger",
      "Benoît Girard, Marc Tremblay, Mathieu Bélanger",
    ]);
    const rows = [...html.matchAll(/<tr class="ledger-meeting">([\s\S]*?)<\/tr>/g)].map(
      (m) => m[1]!,
    );
    expect(rows).toHaveLength(2);
    expect(rows.some((r) => r.includes("<td>Rencontre</td>") && r.includes("1,5 h"))).toBe(true);
    expect(rows.some((r) => r.includes("Séance de codéveloppement"))).toBe(true);
    // No row is left per person present; the rest of the ledger is one row per line.
    expect(html.match(/<td>Rencontre<\/td>/g)).toHaveLength(1);
    expect(html).toContain("Ordre du jour et outils");
    // Presentation only: the figures are those of the rule (ADR 0025).
    expect(html).toContain("15,5 h sur 20 h");
  });
});

describe("the group space", () => {
  it("puts its sections in a navigation of their own, outside the hour-bank card", async () => {
    const benoit = await as("benoit@exemple.org");
    const html = await page(await benoit.get(GROUP));
    const nav = /<nav class="section-nav" aria-label="Sections du groupe">([\s\S]*?)<\/nav>/.exec(
      html,
    )?.[1];
    expect(nav).toBeDefined();
    for (const section of ["meetings", "hours", "plan", "codev", "checkins", "tools", "agreement"])
      expect(nav).toContain(`href="${GROUP}/${section}"`);
    const hoursCard = /aria-labelledby="hours-title">([\s\S]*?)<\/section>/.exec(html)![1]!;
    expect(hoursCard).not.toContain(`${GROUP}/meetings`);
    expect(hoursCard).not.toContain(`${GROUP}/tools`);
  });

  it("shows the next meeting in Quebec time with its lead, or says none is planned", async () => {
    const mathieu = await as("mathieu@exemple.org");
    // A series to come (a first date already past is refused): two weeks ahead, for seven weeks.
    const firstDate = daysAhead(14);
    const planned = await mathieu.post(`${GROUP}/meetings`, {
      intent: "plan",
      firstDate,
      time: "13:30",
      everyWeeks: "3",
      durationMinutes: "120",
      until: addDays(firstDate, 48),
      format: "in-person",
      place: "",
    });
    expect(planned.status).toBe(200);
    let html = await page(await mathieu.get(GROUP));
    const card = () => /aria-labelledby="next-title">([\s\S]*?)<\/section>/.exec(html)![1]!;
    expect(card()).toContain("Prochaine rencontre");
    // The first meeting of the series, from 13 h 30 to 15 h 30 in Quebec.
    const starts = quebecInstant(firstDate, "13:30");
    const when = `${formatDate("fr", starts, { dateStyle: "full" })}, de 13\u00a0h\u00a030 à 15\u00a0h\u00a030 (heure du Québec)`;
    expect(card()).toContain(when);
    expect(card()).toMatch(/Animée par (Marc Tremblay|Benoît Girard|Mathieu Bélanger)/);
    const meetingLink = new RegExp(`href="${GROUP}/meetings/(mtg-[\\w-]+)"`).exec(card());
    expect(meetingLink).not.toBeNull();
    expect(card()).toContain(`href="${GROUP}/calendar.ics"`);
    expect(card()).not.toContain("Aucune rencontre à venir");

    // Every planned meeting cancelled: the card says so and offers to plan.
    const list = await page(await mathieu.get(`${GROUP}/meetings`));
    const ids = [...list.matchAll(/name="meetingId" value="(mtg-[\w-]+)"/g)].map((m) => m[1]!);
    for (const meetingId of ids.filter((id) => !id.startsWith("mtg-demo-"))) {
      await mathieu.post(`${GROUP}/meetings`, {
        intent: "status",
        meetingId,
        status: "cancelled",
        reason: "Réorganisation",
      });
    }
    html = await page(await mathieu.get(GROUP));
    expect(card()).toContain("Aucune rencontre à venir n'est planifiée.");
    expect(card()).toContain(`href="${GROUP}/meetings#plan-title"`);
    expect(card()).toContain("Planifier les rencontres");

    // Observers (ADR 0027) and outsiders still get 404 on the space.
    const coordinator = await as("coordination@exemple.org");
    expect((await coordinator.get(GROUP)).status).toBe(404);
  });
});
