/**
 * The report's workbook (`/programs/:id/report.xlsx`, #20): one .xlsx a French-Canadian Excel
 * opens as tables, beside the CSV files. Opened here with exceljs: a sheet per CSV table named in
 * the reader's language, its header bold and frozen, every cell the CSV's own (one definition of
 * the tables), numbers as numbers with their format, texts never formulas, no one named.
 */
import ExcelJS from "exceljs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_TABLES } from "../../core/models/report";
import { documentSchema } from "../../core/store/schema";
import { demoDocument } from "../../server/seeds/demo";
import { PILOT_PROGRAM_ID } from "../../server/seeds/pilot";
import { parseCsv } from "../helpers/csv";
import { HttpClient, signedIn } from "../helpers/http";
import { namesFound, programWords } from "../helpers/names";
import { makeTempDir, removeDir, startServer, type TestServer } from "../helpers/server";

const REPORT = `/programs/${PILOT_PROGRAM_ID}/report`;
const XLSX = `${REPORT}.xlsx`;
const CSV = `${REPORT}.csv`;
/** A tool title a spreadsheet would run if it were written as a formula. */
const FORMULA = '=HYPERLINK("http://exemple.org/","Cliquez")';

const SHEETS = {
  fr: [
    "Groupes",
    "Rencontres",
    "Banque d'heures",
    "Budget et coordination",
    "Outils partagés",
    "Évaluations",
    "Entretiens finaux",
  ],
  en: [
    "Groups",
    "Meetings",
    "Hour bank",
    "Budget and coordination",
    "Shared tools",
    "Evaluations",
    "Final interviews",
  ],
};

let server: TestServer;
let dataDir: string;
let words: string[] = [];

beforeAll(async () => {
  dataDir = await makeTempDir("maillage-xlsx-");
  const doc = documentSchema.parse(await demoDocument());
  doc.tools.find((t) => t.programId === PILOT_PROGRAM_ID)!.title = FORMULA;
  const names = programWords(doc, PILOT_PROGRAM_ID);
  words = [...names.participants, ...names.coordinators];
  expect(words).toContain("Le Panier collectif de Rimouski");
  await writeFile(join(dataDir, "maillage.json"), JSON.stringify(documentSchema.parse(doc)));
  server = await startServer({ dataDir });
});
afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

async function download(client: HttpClient) {
  const response = await client.get(XLSX);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
  expect(response.headers.get("content-disposition")).toBe('attachment; filename="rapport.xlsx"');
  expect(response.headers.get("cache-control")).toBe("no-store");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

/** A sheet's rows as exceljs reads them back: numbers, texts, "" for an empty cell. */
function valuesOf(sheet: ExcelJS.Worksheet): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: Array<string | number> = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      cells.push(typeof value === "number" || typeof value === "string" ? value : "");
    }
    rows.push(cells);
  });
  return rows;
}

describe("the report's workbook", () => {
  it("holds every CSV table as a sheet of numbers and texts, anonymized", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    const page = await coordinator.get(REPORT);
    const html = await page.text();
    expect(html).toContain(`href="${XLSX}"`);
    expect(html).toContain("Classeur Excel (.xlsx)");
    expect(html).toContain("Pour Excel, prenez le classeur");

    const workbook = await download(coordinator);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(SHEETS.fr);

    for (const [index, table] of REPORT_TABLES.entries()) {
      const sheet = workbook.worksheets[index]!;
      expect(sheet.name.length, table).toBeLessThanOrEqual(31);
      // The header stays in view: bold, and the sheet frozen below it.
      expect(sheet.views[0], table).toMatchObject({ state: "frozen", ySplit: 1 });
      sheet.getRow(1).eachCell((cell) => expect(cell.font?.bold, table).toBe(true));

      // Cell for cell the CSV file's: a number is the same number, a text the same text (the
      // CSV's apostrophe before a formula-like text is the CSV's own escape, not in the sheet).
      const csvResponse = await coordinator.get(`${CSV}?table=${table}`);
      const csv = parseCsv((await csvResponse.text()).replace(/^\uFEFF/, ""));
      const sheetRows = valuesOf(sheet);
      expect(sheetRows.length, table).toBe(csv.length);
      sheetRows.forEach((row, r) =>
        row.forEach((value, c) => {
          const expected = csv[r]![c]!;
          if (typeof value === "number") expect(String(value), `${table} ${r},${c}`).toBe(expected);
          else expect([value, `'${value}`], `${table} ${r},${c}`).toContain(expected);
        }),
      );

      // No participant, organization or coordinator in any cell.
      const text = sheetRows.flat().join("\n");
      expect(namesFound(text, words), table).toEqual([]);
    }

    // Known figures, as numbers with their format: Synergies used 13 of its 20 hours, 38.5 % of
    // them in preparation (the CSV's row: Synergies,20,13,7,7,5,1,0,0,38.5,46.2).
    const hours = workbook.getWorksheet("Banque d'heures")!;
    const synergies = hours.getColumn(1).values.indexOf("Synergies");
    expect(synergies).toBeGreaterThan(1);
    const used = hours.getRow(synergies).getCell(3);
    expect(used.value).toBe(13);
    expect(used.type).toBe(ExcelJS.ValueType.Number);
    expect(used.numFmt).toBe("#,##0.0#");
    expect(hours.getRow(synergies).getCell(10).value).toBe(38.5);
    // Money: 5 000 $ for the two mentor seats, a number that Excel shows as dollars.
    const budget = workbook.getWorksheet("Budget et coordination")!;
    const compensation = budget
      .getColumn(1)
      .values.indexOf("Rémunération des personnes mentores ($)");
    const money = budget.getRow(compensation).getCell(2);
    expect(money.value).toBe(5000);
    expect(money.numFmt).toBe('#,##0.00 "$"');

    // The formula-like tool title is a text cell, not a formula.
    const tools = workbook.getWorksheet("Outils partagés")!;
    const titles: ExcelJS.Cell[] = [];
    tools.getColumn(2).eachCell((cell) => titles.push(cell));
    const formula = titles.find((cell) => cell.value === FORMULA)!;
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.formula).toBeUndefined();
  });

  it("names its sheets in the reader's language", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    coordinator.cookies.set("maillage_lang", "en");
    const workbook = await download(coordinator);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(SHEETS.en);
    expect(workbook.getWorksheet("Hour bank")!.getRow(1).getCell(1).value).toBe("Group");
  });

  it("is for the program's coordinators only", async () => {
    const anonymous = new HttpClient(server.url);
    const login = await anonymous.get(XLSX);
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toMatch(/^\/login/);
    // The pilot's participants may not; someone outside the pilot does not learn it exists.
    const louise = await signedIn(server.url, "louise@exemple.org");
    expect((await louise.get(XLSX)).status).toBe(403);
    const benoit = await signedIn(server.url, "benoit@exemple.org");
    expect((await benoit.get(XLSX)).status).toBe(404);
  });
});
