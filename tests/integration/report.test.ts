import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentSchema } from "../../core/store/schema";
import { demoDocument } from "../../server/seeds/demo";
import { PILOT_PROGRAM_ID } from "../../server/seeds/pilot";
import { HttpClient, decode, location, signedIn } from "../helpers/http";
import { startServer, type TestServer } from "../helpers/server";

const REPORT = `/programs/${PILOT_PROGRAM_ID}/report`;
const CSV = `/programs/${PILOT_PROGRAM_ID}/report.csv`;
const TABLES = [
  "groups",
  "meetings",
  "hours",
  "budget",
  "tools",
  "evaluations",
  "interviews",
] as const;
let server: TestServer;

/** The pilot's people and organizations, and its coordinator, from the demo document itself. */
let participantsWords: string[] = [];
let coordinatorWords: string[] = [];

beforeAll(async () => {
  server = await startServer();
  const doc = documentSchema.parse(await demoDocument());
  const program = doc.programs.find((p) => p.id === PILOT_PROGRAM_ID)!;
  const participants = doc.participants.filter((p) => p.programId === PILOT_PROGRAM_ID);
  const userIds = new Set(participants.map((p) => p.userId));
  const orgIds = new Set(participants.map((p) => p.organizationId));
  const words = (u: { name: string; email: string }) => [u.name, ...u.name.split(" "), u.email];
  participantsWords = [
    ...doc.users.filter((u) => userIds.has(u.id)).flatMap(words),
    ...doc.organizations.filter((o) => orgIds.has(o.id)).map((o) => o.name),
  ];
  coordinatorWords = doc.users.filter((u) => program.coordinatorIds.includes(u.id)).flatMap(words);
  expect(participantsWords).toContain("Louise");
  expect(participantsWords).toContain("Bérubé");
  expect(participantsWords).toContain("Le Panier collectif de Rimouski");
  // Seven people (the shared seat's co-mentor included) of six organizations.
  expect(participantsWords).toHaveLength(7 * 4 + 6);
});
afterAll(async () => {
  await server?.stop();
});

const as = (email: string) => signedIn(server.url, email);
/** Decoded HTML, with React's text separators removed and non-breaking spaces made plain. */
const text = (html: string) =>
  decode(html)
    .replace(/<!-- -->/g, "")
    .replace(/[\u00a0\u202f]/g, " ");
const mainOf = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));

/** Accents and case do not matter: "chloe" and "CHLOÉ" both name Chloé. */
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
function namesFound(haystack: string, words: readonly string[]) {
  const folded = fold(haystack);
  return words.filter((word) => {
    const escaped = fold(word).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(folded);
  });
}

describe("the pilot cohort's report", () => {
  it("shows the coordinator the groups' figures without naming anyone", async () => {
    const coordinator = await as("coordination@exemple.org");
    const response = await coordinator.get(REPORT);
    expect(response.status).toBe(200);
    const html = text(await response.text());
    expect(html).toContain("<h1>Rapport du programme</h1>");

    // Groups by theme, two mentees each, three regions each; Logistique's mentor seat is shared
    // by two co-mentors (two mentors), Synergies has one.
    expect(html).toMatch(
      /<th scope="row">Logistique<\/th><td>2<\/td><td>2<\/td><td>3<\/td><td>9<\/td><td>Terminé<\/td>/,
    );
    expect(html).toMatch(
      /<th scope="row">Synergies<\/th><td>1<\/td><td>2<\/td><td>3<\/td><td>4<\/td><td>Terminé<\/td>/,
    );
    // Meetings: held, collective, individual, postponed, cancelled, planned.
    expect(html).toContain(
      '<th scope="row">Logistique</th><td>5</td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td>',
    );
    expect(html).toContain(
      '<th scope="row">Synergies</th><td>4</td><td>2</td><td>2</td><td>1</td><td>0</td><td>0</td>',
    );
    // Hours: bank, used, remaining, in meetings, preparation, communication and follow-up, and
    // the mentees' own time (their communication), apart from the bank.
    expect(html).toContain(
      '<th scope="row">Logistique</th><td>20 h</td><td>20 h</td><td>0 h</td><td>10 h</td><td>7,5 h</td><td>2,5 h</td><td>0 h</td>',
    );
    expect(html).toContain(
      '<th scope="row">Synergies</th><td>20 h</td><td>13 h</td><td>7 h</td><td>7 h</td><td>5 h</td><td>1 h</td><td>0 h</td>',
    );
    expect(html).toContain("33 h sur 40 h");
    // Compensation and coordination next to the hours: 2 500 $ per mentor seat (the shared seat's
    // split between its two co-mentors), 10 000 $ for the coordination, its 120 hours logged.
    expect(html).toContain("Budget et temps de coordination");
    expect(html).toMatch(/<dt>Rémunération des personnes mentores \(\$\)<\/dt><dd>5\s000,00\s\$/);
    expect(html).toMatch(/<dt>Temps de coordination inscrit \(h\)<\/dt><dd>120 h<\/dd>/);
    expect(html).toMatch(
      /<dt>Temps des mentorés et des pairs, hors banque \(h\)<\/dt><dd>0 h<\/dd>/,
    );
    expect(html).toMatch(/3 personnes mentores ; 2\s500,00\s\$ par défaut/);
    // The charts are images with a text alternative that carries the numbers.
    expect(html).toContain('role="img" aria-labelledby="chart-hours-title"');
    expect(html).toContain("Logistique — utilisé : 20 h, restant : 0 h, banque : 20 h.");
    expect(html).toContain("Synergies — tenues : 4, reportées : 1, annulées : 0, planifiées : 0.");
    // Tools by theme; the final interviews, validated by each participant, names hidden.
    expect(html).toContain("Guide de tri des invendus");
    expect(html).toContain("7 entretiens, 7 synthèses validées par les participant·es.");
    expect(html).toContain("Merci à […] pour ses outils ; prévoir une visite en personne.");
    expect(html).toContain("Au […], nommer la personne mentorée avant de commencer.");
    expect(html).not.toMatch(/Rimouski|Panier collectif/);
    // The coordinator's private observer notes are not part of the report.
    expect(html).not.toContain("Routine bien installée");
    // A print button and the CSV links.
    expect(html).toContain("Imprimer le rapport");
    for (const table of TABLES) expect(html).toContain(`href="${CSV}?table=${table}"`);

    // No participant or organization anywhere in the page (its data included); the coordinator's
    // own name is only in the page's header (their account menu), never in the report.
    expect(namesFound(html, participantsWords)).toEqual([]);
    expect(namesFound(mainOf(html), coordinatorWords)).toEqual([]);
  });

  it("serves each table as an anonymized CSV file for Excel", async () => {
    const coordinator = await as("coordination@exemple.org");
    const files: Record<string, string> = {};
    for (const table of TABLES) {
      const response = await coordinator.get(`${CSV}?table=${table}`);
      expect(response.status, table).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="rapport-${table}.csv"`,
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)], table).toEqual([0xef, 0xbb, 0xbf]);
      files[table] = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3));
      expect(namesFound(files[table], [...participantsWords, ...coordinatorWords])).toEqual([]);
    }
    const lines = (table: string) => files[table]!.trim().split("\r\n");

    expect(lines("groups")).toEqual([
      "Groupe,État,Mentor·es,Mentoré·es,Régions différentes,Outils partagés",
      "Logistique,Terminé,2,2,3,9",
      "Synergies,Terminé,1,2,3,4",
    ]);
    expect(lines("meetings")).toEqual([
      "Groupe,Tenues,dont collectives,dont individuelles,Reportées,Annulées,Planifiées",
      "Logistique,5,5,0,0,0,0",
      "Synergies,4,2,2,1,0,0",
      "Total,9,7,2,1,0,0",
    ]);
    expect(lines("hours").slice(1)).toEqual([
      "Logistique,20,20,0,10,7.5,1.5,1,0,37.5,50",
      "Synergies,20,13,7,7,5,1,0,0,38.5,46.2",
      "Total,40,33,7,17,12.5,2.5,1,0,37.9,48.5",
    ]);
    expect(lines("budget")).toContain("Personnes mentores,3");
    expect(lines("budget")).toContain("Rémunération des personnes mentores ($),5000");
    expect(lines("budget")).toContain("Budget de coordination ($),10000");
    expect(lines("budget")).toContain("Heures utilisées,33");
    expect(lines("budget")).toContain("Temps de coordination inscrit (h),120");
    expect(lines("budget")).toContain('"Temps des mentorés et des pairs, hors banque (h)",0');
    expect(lines("tools")).toHaveLength(14);
    expect(files.tools).toContain(
      'Tri des denrées,Guide de tri des invendus,"Critères de tri des invendus récupérés, étiquetage et conservation.",Oui',
    );
    // No final questionnaire in the pilot: its final evaluation is the interviews.
    expect(files.evaluations).toContain("Final,Ensemble du programme,Réponses,0");
    expect(files.evaluations).not.toContain("Recommandation");
    expect(lines("interviews")).toContain("Synthèses validées,7");
    expect(lines("interviews")).toContain("Entretiens planifiés,7");

    // In English for an English reader.
    coordinator.cookies.set("maillage_lang", "en");
    const english = await coordinator.get(`${CSV}?table=meetings`);
    // (Response.text() drops the byte-order mark.)
    expect((await english.text()).split("\r\n")[0]).toBe(
      "Group,Held,of which collective,of which individual,Postponed,Cancelled,Planned",
    );
  });

  it("refuses an unknown table with a clear message", async () => {
    const coordinator = await as("coordination@exemple.org");
    for (const query of ["?table=people", ""]) {
      const response = await coordinator.get(`${CSV}${query}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe(
        "Tableau inconnu. Indiquez ?table= suivi de l'un de ces tableaux : groups, meetings, hours, budget, tools, evaluations, interviews.",
      );
    }
  });

  it("is for the program's coordinators only", async () => {
    // A participant of the pilot: forbidden (requireCoordinatorOf); someone outside it: not found.
    const louise = await as("louise@exemple.org");
    expect((await louise.get(REPORT)).status).toBe(403);
    expect((await louise.get(`${CSV}?table=groups`)).status).toBe(403);
    expect(
      (
        await louise.post(REPORT, {
          intent: "label",
          groupId: "grp-pilote-logistique",
          label: "X",
        })
      ).status,
    ).toBe(403);
    const benoit = await as("benoit@exemple.org");
    expect((await benoit.get(REPORT)).status).toBe(404);
    expect((await benoit.get(`${CSV}?table=groups`)).status).toBe(404);

    const anonymous = new HttpClient(server.url);
    for (const path of [REPORT, `${CSV}?table=hours`]) {
      const response = await anonymous.get(path);
      expect(response.status).toBe(302);
      expect(location(response)).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("lets coordinators name a group by a theme, never by a name", async () => {
    const coordinator = await as("coordination@exemple.org");
    const label = (groupId: string, value: string) =>
      coordinator.post(REPORT, { intent: "label", groupId, label: value });

    const tooLong = await label("grp-pilote-logistique", "x".repeat(81));
    expect(tooLong.status).toBe(400);
    const tooLongHtml = text(await tooLong.text());
    expect(tooLongHtml).toContain(
      '<p class="field-error" id="label-grp-pilote-logistique-label-error">Au plus 80 caractères.</p>',
    );

    const naming = await label("grp-pilote-logistique", "Le groupe de Louise");
    expect(naming.status).toBe(400);
    const namingHtml = text(await naming.text());
    expect(namingHtml).toContain("Ce nom désigne une personne ou un organisme du programme");
    expect(namingHtml).toContain('value="Le groupe de […]"');
    expect(namesFound(namingHtml, participantsWords)).toEqual([]);

    // Another program's group, or no such group: not found.
    expect((await label("grp-demo-chaine-froid", "Chaîne de froid")).status).toBe(404);
    expect((await label("grp-inconnu", "Chaîne de froid")).status).toBe(404);

    expect((await label("grp-pilote-logistique", "  Transport et tri ")).status).toBe(200);
    let html = text(await (await coordinator.get(REPORT)).text());
    expect(html).toContain('<th scope="row">Transport et tri</th>');
    // Empty: "Groupe 1", in the order the groups were formed.
    expect((await label("grp-pilote-logistique", "")).status).toBe(200);
    html = text(await (await coordinator.get(REPORT)).text());
    expect(html).toContain('<th scope="row">Groupe 1</th><td>5</td>');
    expect((await label("grp-pilote-logistique", "Logistique")).status).toBe(200);
    html = text(await (await coordinator.get(REPORT)).text());
    expect(html).toContain('<th scope="row">Logistique</th><td>5</td>');
  });
});
