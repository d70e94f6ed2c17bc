/**
 * The coordinator reads the pilot's story in the closed program "cohorte pilote"
 * (server/seeds/pilot.ts): the report's figures by group (meetings by kind, hours used and left,
 * tools), its tools by theme, the compensation and the coordination's time next to the hours, the
 * validated final interviews, and the program's default compensation in its settings. One
 * server, one page, two navigations.
 * The figures are the pilot report's (tests/unit/pilot-replay.test.ts compares them one by one).
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";
import { PILOT_PROGRAM_ID } from "../../server/seeds/pilot";

const PROGRAM = `/programs/${PILOT_PROGRAM_ID}`;
const e2e = useE2E();

/** A table row's cells (after its row header), as shown, spaces normalized. */
async function rowCells(table: Locator, header: string): Promise<string[]> {
  const row = table
    .getByRole("row")
    .filter({ has: table.page().getByRole("rowheader", { name: header, exact: true }) });
  const cells = await row.getByRole("cell").allTextContents();
  return cells.map((c) => c.replace(/\s+/g, " ").trim());
}

/** A fact of the report's summary: the value shown under its term. */
async function fact(page: Page, term: string): Promise<string> {
  const value = page
    .locator("dl.facts div")
    .filter({ has: page.getByText(term, { exact: true }) })
    .locator("dd");
  return (await value.textContent())!.replace(/\s+/g, " ").trim();
}

describe("the pilot replay in the browser", () => {
  it("the coordinator reads the pilot's figures, compensation and coordination time in its report", async () => {
    const page = await e2e.signedIn("coordination@exemple.org");

    await page.goto(`${e2e.url}${PROGRAM}/report`);
    await page.getByRole("heading", { level: 1, name: "Rapport du programme" }).waitFor();
    await page.getByText("Maillages et mentorat 2025 (cohorte pilote)").first().waitFor();

    // Two groups of three seats (seven people: Logistique's mentor seat has two co-mentors) over
    // five regions; 33 of the 40 hours used.
    expect(await fact(page, "Groupes")).toBe("2");
    expect(await fact(page, "Participant·es dans les groupes")).toBe("7");
    expect(await fact(page, "Régions différentes")).toBe("5");
    expect(await fact(page, "Rencontres tenues")).toBe("9");
    expect(await fact(page, "Heures utilisées")).toBe("33 h sur 40 h");

    // Each group: its mentors (Logistique: the two co-mentors of one seat), two mentees, three
    // regions, its tools (Logistique: Tableau 3's eight and a mentee's list; Synergies: four).
    const groups = page.getByRole("table", { name: "Composition des groupes" });
    expect(await rowCells(groups, "Logistique")).toEqual(["2", "2", "3", "9", "Terminé"]);
    expect(await rowCells(groups, "Synergies")).toEqual(["1", "2", "3", "4", "Terminé"]);

    // Meetings by kind: held, of which collective, of which individual, postponed, cancelled, planned.
    const meetings = page.getByRole("table", { name: "Rencontres par groupe et par statut" });
    expect(await rowCells(meetings, "Logistique")).toEqual(["5", "5", "0", "0", "0", "0"]);
    expect(await rowCells(meetings, "Synergies")).toEqual(["4", "2", "2", "1", "0", "0"]);

    // Hours: bank, used, left, in meetings, preparation, other work outside meetings, shares.
    const hours = page.getByRole("table", { name: "Heures utilisées et restantes par groupe" });
    expect((await rowCells(hours, "Logistique")).slice(0, 4)).toEqual([
      "20 h",
      "20 h",
      "0 h",
      "10 h",
    ]);
    expect((await rowCells(hours, "Synergies")).slice(0, 4)).toEqual([
      "20 h",
      "13 h",
      "7 h",
      "7 h",
    ]);

    // Tools by theme: the sorting guide and the sorting-space plan under one theme, the two
    // governance tools under another; 13 tools in all.
    const tools = page.getByRole("table", { name: "Outils partagés, par thème" });
    const sorting = await rowCells(tools, "Tri des denrées");
    expect(sorting[0]).toContain("Guide de tri des invendus");
    expect(sorting[0]).toContain("Plan d'aménagement de l'espace de tri");
    expect(sorting.slice(1)).toEqual(["2", "1"]);
    expect((await rowCells(tools, "Gouvernance")).slice(1)).toEqual(["2", "2"]);
    expect(await rowCells(tools, "Total")).toEqual(["", "13", "10"]);

    // Budget and coordination time: 2 500 $ per mentor seat (5 000 $ for the three mentors of the
    // two seats), 10 000 $ for the coordination, the coordination's 120 hours by task.
    await page
      .getByRole("heading", { level: 2, name: "Budget et temps de coordination" })
      .waitFor();
    expect(await fact(page, "Rémunération des personnes mentores ($)")).toBe(
      "5 000,00 $ (3 personnes mentores ; 2 500,00 $ par défaut)",
    );
    expect(await fact(page, "Budget de coordination ($)")).toBe("10 000,00 $");
    expect(await fact(page, "Temps de coordination inscrit (h)")).toBe("120 h");
    expect(await fact(page, "Heures utilisées sur les heures offertes")).toBe("33 h sur 40 h");
    const byTask = page.getByRole("table", { name: "Temps de coordination par type de tâche" });
    expect(await rowCells(byTask, "Recrutement")).toEqual(["12 h"]);
    expect(await rowCells(byTask, "Suivi des groupes")).toEqual(["21 h"]);
    expect(await rowCells(byTask, "Évaluation")).toEqual(["53 h"]);

    // The final evaluation: an interview with each of the seven, validated by each.
    await page.getByText("7 entretiens, 7 synthèses validées par les participant·es.").waitFor();

    // The program's figures in its settings: 2 500 $ per mentor, 10 000 $ for the coordination.
    await page.goto(`${e2e.url}${PROGRAM}/settings`);
    expect(await page.getByLabel("Compensation par personne mentore ($)").inputValue()).toBe(
      "2500",
    );
    expect(await page.getByLabel("Coordination ($)").inputValue()).toBe("10000");
  });
});
