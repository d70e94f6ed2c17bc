/**
 * The workbook writer (app/utils/xlsx.server.ts): sheet names Excel accepts, and figures written as
 * numbers with their format, texts as texts (read back with exceljs).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sheetName, workbookBytes } from "../../app/utils/xlsx.server";

describe("the workbook writer", () => {
  it("names sheets as Excel allows: no []:*?/\\, at most 31 characters, no apostrophe at an end, unique", () => {
    expect(sheetName("Budget [2026]: coûts/heures?*\\", new Set())).toBe(
      "Budget 2026 coûts heures",
    );
    expect(sheetName("'Entre guillemets'", new Set())).toBe("Entre guillemets");
    expect(sheetName("x".repeat(40), new Set())).toBe("x".repeat(31));
    expect(sheetName("Groupes", new Set(["groupes"]))).toBe("Groupes (2)");
    expect(sheetName("y".repeat(31), new Set(["y".repeat(31)]))).toBe(`${"y".repeat(27)} (2)`);
    expect(sheetName("[]", new Set())).toBe("Sheet");
  });

  it("writes figures as formatted numbers and texts as texts, even formula-like or with control characters", async () => {
    const bytes = await workbookBytes([
      {
        name: "Heures",
        header: ["Groupe", "Heures", "Montant", "Part (%)", "Note", "Nombre"],
        rows: [
          [
            "=1+1",
            { value: 7.5, unit: "hours" },
            { value: 2500, unit: "money" },
            { value: 37.5, unit: "percent" },
            { value: 4.25, unit: "score" },
            3,
          ],
          ["a\u0001b\nc", { value: -4, unit: "hours" }, "", "", "", 0],
        ],
      },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer);
    const sheet = workbook.getWorksheet("Heures")!;
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe("=1+1");
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect([2, 3, 4, 5, 6].map((c) => row.getCell(c).value)).toEqual([7.5, 2500, 37.5, 4.25, 3]);
    expect([2, 3, 4, 5].map((c) => row.getCell(c).numFmt)).toEqual([
      "#,##0.0#",
      '#,##0.00 "$"',
      "0.0",
      "0.0#",
    ]);
    expect(sheet.getRow(3).getCell(1).value).toBe("ab\nc");
    expect(sheet.getRow(3).getCell(2).value).toBe(-4);
  });
});
