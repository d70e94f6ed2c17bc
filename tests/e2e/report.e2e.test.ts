import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { useE2E } from "../helpers/e2e";

const REPORT = "/programs/prog-pilote-2025/report";
const e2e = useE2E();

describe("the program report in the browser", () => {
  it("the coordinator reads the pilot's report, prints it and downloads its figures", async () => {
    const page = await e2e.signedIn("coordination@exemple.org");

    await page.goto(`${e2e.url}${REPORT}`);
    await page.getByRole("heading", { level: 1, name: "Rapport du programme" }).waitFor();
    const groups = page.getByRole("table", { name: "Composition des groupes" });
    await groups.getByRole("rowheader", { name: "Logistique" }).waitFor();
    await groups.getByRole("rowheader", { name: "Synergies" }).waitFor();
    expect(await groups.getByRole("row").count()).toBe(3);

    // Both charts are images named by their title.
    await page.getByRole("img", { name: "Heures utilisées et restantes par groupe" }).waitFor();
    await page.getByRole("img", { name: "Rencontres par statut et par groupe" }).waitFor();

    // Printing hides the navigation, the forms and the buttons.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button", { name: "Imprimer le rapport" }).isVisible()).toBe(false);
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.locator(".tabs").isVisible()).toBe(false);
    expect(await groups.isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });

    // The hour bank's figures as a CSV file.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Banque d'heures", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("rapport-hours.csv");
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]!.startsWith("Groupe,Banque,Utilisées,Restantes")).toBe(true);
    expect(lines).toContain("Logistique,20,20,0,10,7.5,1.5,1,0,37.5,50");
    expect(lines).toContain("Synergies,20,13,7,7,5,1,0,0,38.5,46.2");

    // For Excel: every table in one workbook, its figures as numbers.
    const link = page.getByRole("link", { name: "Classeur Excel (.xlsx)" });
    expect(await link.getAttribute("aria-describedby")).toBe("report-downloads-hint");
    await page.getByText("Pour Excel, prenez le classeur").waitFor();
    const [workbookDownload] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(workbookDownload.suggestedFilename()).toBe("rapport.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await workbookDownload.path())!);
    const hours = workbook.getWorksheet("Banque d'heures")!;
    expect(hours.getRow(1).getCell(2).value).toBe("Banque");
    const synergies = hours.getColumn(1).values.indexOf("Synergies");
    expect(hours.getRow(synergies).getCell(3).value).toBe(13);
  });
});
