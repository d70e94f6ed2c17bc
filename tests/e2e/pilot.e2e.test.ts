/**
 * The coordinator reads the pilot's story in the closed program "cohorte pilote"
 * (server/seeds/pilot.ts): the report's figures by group (meetings by kind, hours used and left,
 * tools), its tools by theme, and the compensation in the program's settings. One server, one
 * page, two navigations.
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
  it("the coordinator reads the pilot's figures in its report and its compensation in the settings", async () => {
    const page = await e2e.signedIn("coordination@exemple.org");

    await page.goto(`${e2e.url}${PROGRAM}/report`);
    await page.getByRole("heading", { level: 1, name: "Rapport du programme" }).waitFor();
    await page.getByText("Maillages et mentorat 2025 (cohorte pilote)").first().waitFor();

    // Two groups of three over five regions; 33 of the 40 hours used.
    expect(await fact(page, "Groupes")).toBe("2");
    expect(await fact(page, "Participant·es dans les groupes")).toBe("6");
    expect(await fact(page, "Régions différentes")).toBe("5");
    expect(await fact(page, "Rencontres tenues")).toBe("9");
    expect(await fact(page, "Heures utilisées")).toBe("33 h sur 40 h");

    // Each group: one mentor, two mentees, three regions, its tools (Logistique: Tableau 3's eight
    // and a mentee's list; Synergies: four).
    const groups = page.getByRole("table", { name: "Composition des groupes" });
    expect(await rowCells(groups, "Logistique")).toEqual(["1", "2", "3", "9", "Terminé"]);
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

    // The compensation: 2 500 $ per mentor, 10 000 $ for the coordination.
    await page.goto(`${e2e.url}${PROGRAM}/settings`);
    expect(await page.getByLabel("Compensation par personne mentore ($)").inputValue()).toBe(
      "2500",
    );
    expect(await page.getByLabel("Coordination ($)").inputValue()).toBe("10000");
  });
});
