/**
 * The coordination page (ADR 0025): coordinators log their time on the program and set each
 * mentor's compensation; the report and its budget CSV show both next to the hours used. Nobody
 * else learns of the page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageText, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const PROGRAM = "/programs/prog-reemploi-2026";
const PAGE = `${PROGRAM}/coordination`;
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const as = (email: string) => signedIn(server.url, email);
/** The figure after a term in a page's facts (`<dt>term</dt><dd>figure</dd>`). */
const fact = (html: string, term: string) =>
  new RegExp(`<dt>${term}</dt><dd>([^<]*)</dd>`).exec(html)?.[1];

/** The budget CSV as a map of measure → value. */
async function budgetCsv(client: Awaited<ReturnType<typeof as>>) {
  const response = await client.get(`${PROGRAM}/report.csv?table=budget`);
  expect(response.status).toBe(200);
  const text = (await response.text()).replace(/^\uFEFF/, "");
  return new Map(
    text
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => {
        const at = line.lastIndexOf(",");
        return [line.slice(0, at).replace(/^"|"$/g, ""), Number(line.slice(at + 1))] as const;
      }),
  );
}

describe("the coordination page", () => {
  it("is the program's coordinators' only: everyone else gets 404, reading or writing", async () => {
    for (const email of ["marc@exemple.org", "benoit@exemple.org", "amelie@exemple.org"]) {
      const person = await as(email);
      expect((await person.get(PAGE)).status, email).toBe(404);
      expect(
        (
          await person.post(PAGE, {
            intent: "time",
            date: "2026-12-01",
            hours: "1",
            task: "pairing",
          })
        ).status,
        email,
      ).toBe(404);
      expect(
        (
          await person.post(PAGE, {
            intent: "compensation",
            participantId: "p-marc",
            amount: "9999",
          })
        ).status,
        email,
      ).toBe(404);
    }
    const coordinator = await as("coordination@exemple.org");
    const html = await pageText(await coordinator.get(PAGE));
    expect(html).toContain("<h1>Coordination</h1>");
    // The demo's coordination time: 6 + 4,5 + 2,5 + 0,75 h.
    expect(fact(html, "Temps de coordination inscrit")).toBe("13,75 h");
    expect(html).toContain("Lecture et notation des formulaires d'intérêt");
  });

  it("refuses invalid time and compensation with the field's message, then logs and removes", async () => {
    const coordinator = await as("coordination@exemple.org");
    const bad = await coordinator.post(PAGE, {
      intent: "time",
      date: "hier",
      hours: "0,3",
      task: "sieste",
      note: "x".repeat(501),
    });
    expect(bad.status).toBe(400);
    const badHtml = await pageText(bad);
    expect(badHtml).toContain('id="field-date-error"');
    expect(badHtml).toContain('id="field-hours-error"');
    expect(badHtml).toContain("Entrez un nombre de quarts d'heure");
    expect(badHtml).toContain('id="field-task-error"');
    expect(badHtml).toContain('id="field-note-error"');

    const logged = await coordinator.post(PAGE, {
      intent: "time",
      date: "2026-12-01",
      hours: "2,25",
      task: "evaluation",
      note: "Préparer le questionnaire mensuel",
    });
    expect(logged.status).toBe(200);
    let html = await pageText(await coordinator.get(PAGE));
    expect(fact(html, "Temps de coordination inscrit")).toBe("16 h");
    expect(html).toContain("Préparer le questionnaire mensuel");

    // Only one's own line, of this program, can be removed.
    const entryId =
      /Préparer le questionnaire mensuel[\s\S]*?name="entryId" value="(crd-[\w-]+)"/.exec(
        html,
      )![1]!;
    expect(
      (await coordinator.post(PAGE, { intent: "remove", entryId: "crd-inconnu" })).status,
    ).toBe(404);
    expect((await coordinator.post(PAGE, { intent: "remove", entryId })).status).toBe(200);
    html = await pageText(await coordinator.get(PAGE));
    expect(html).not.toContain(`value="${entryId}"`);

    // A negative amount, cents beyond two decimals, a mentee: refused next to the mentor's row.
    const negative = await coordinator.post(PAGE, {
      intent: "compensation",
      participantId: "p-marc",
      amount: "-5",
    });
    expect(negative.status).toBe(400);
    expect(await pageText(negative)).toMatch(
      /id="compensation-p-marc-error">Entrez un nombre entre 0 et 1\s000\s000\./,
    );
    const cents = await coordinator.post(PAGE, {
      intent: "compensation",
      participantId: "p-marc",
      amount: "12,345",
    });
    expect(cents.status).toBe(400);
    expect(await pageText(cents)).toContain("au plus deux décimales");
    const mentee = await coordinator.post(PAGE, {
      intent: "compensation",
      participantId: "p-benoit",
      amount: "100",
    });
    expect(mentee.status).toBe(400);
    expect(await pageText(mentee)).toContain("Choisissez une des options proposées.");
  });

  it("shows each mentor's compensation and the coordination time in the report and its CSV", async () => {
    const coordinator = await as("coordination@exemple.org");
    const before = await budgetCsv(coordinator);
    const mentors = before.get("Personnes mentores")!;
    expect(mentors).toBeGreaterThan(1);
    // Marc's own 1 800 $, the others at the program's 1 500 $.
    expect(before.get("Rémunération des personnes mentores ($)")).toBe(1800 + (mentors - 1) * 1500);
    expect(before.get("Budget de coordination ($)")).toBe(12000);
    expect(before.get("Temps de coordination : Recrutement (h)")).toBe(6);
    // Two groups of 20 h: the cold-chain group (4.5 h used) and the co-mentors' (a 2 h kickoff).
    expect(before.get("Heures offertes (banques des groupes)")).toBe(40);
    expect(before.get("Heures utilisées")).toBe(6.5);
    expect(before.get("Temps des mentorés et des pairs, hors banque (h)")).toBe(1);

    // Back to the program's figure for Marc; another mentor at 2 000 $.
    expect(
      (
        await coordinator.post(PAGE, {
          intent: "compensation",
          participantId: "p-marc",
          amount: "",
        })
      ).status,
    ).toBe(200);
    const other = /name="participantId" value="(p-(?!marc)[\w-]+)"/.exec(
      await pageText(await coordinator.get(PAGE)),
    )![1]!;
    expect(
      (
        await coordinator.post(PAGE, {
          intent: "compensation",
          participantId: other,
          amount: "2000",
        })
      ).status,
    ).toBe(200);
    const after = await budgetCsv(coordinator);
    expect(after.get("Rémunération des personnes mentores ($)")).toBe(2000 + (mentors - 1) * 1500);
    expect(after.get("Temps de coordination inscrit (h)")).toBe(13.75);

    const report = await pageText(await coordinator.get(`${PROGRAM}/report`));
    expect(report).toContain("Budget et temps de coordination");
    expect(report).toContain("Temps de coordination par type de tâche");
    expect(fact(report, "Temps de coordination inscrit \\(h\\)")).toBe("13,75 h");
  });
});
