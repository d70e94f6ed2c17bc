/**
 * The one workbook (.xlsx) writer of the app (eslint forbids exceljs anywhere else), for the
 * report's download beside its CSV files (docs/decisions/0034-report-workbook.md): a sheet per
 * table, its header row bold and frozen, numbers as numbers with their format (hours, dollars,
 * percents, scores), texts as texts.
 *
 * A text is written as a text cell, never as a formula: a tool titled `=HYPERLINK(…)` stays a title
 * (exceljs makes a formula only from a `{ formula }` value). Characters that XML cannot carry (the
 * C0 controls other than tab, line feed and carriage return) are dropped, so that the file opens.
 */
import ExcelJS from "exceljs";
import type { FigureUnit, ReportCell } from "../../core/models/report";

export interface WorkbookSheet {
  /** The tab's name, in the reader's language (made safe here: ≤ 31 characters, no []:*?/\). */
  name: string;
  header: string[];
  rows: ReadonlyArray<ReadonlyArray<ReportCell>>;
}

/**
 * Number formats, written in the file's neutral notation (`,` groups thousands, `.` marks
 * decimals): a spreadsheet shows them in its own language's, "2 500,00 $" in French-Canadian Excel.
 */
export const FIGURE_FORMATS: Record<FigureUnit, string> = {
  hours: "#,##0.0#",
  money: '#,##0.00 "$"',
  percent: "0.0",
  score: "0.0#",
};

export const XLSX_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A sheet name Excel accepts: no []:*?/\, no apostrophe at either end, 1 to 31 characters. */
export function sheetName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^'+|'+$/g, "")
      .slice(0, 31)
      .trim() || "Sheet";
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  let candidate = base;
  for (let i = 2; lower.has(candidate.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    candidate = `${base.slice(0, 31 - suffix.length).trim()}${suffix}`;
  }
  return candidate;
}

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text longer than this wraps in its cell, in a column this wide (in characters). */
const WIDEST_COLUMN = 60;

export async function workbookBytes(
  sheets: readonly WorkbookSheet[],
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Maillage";
  workbook.created = new Date();
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const name = sheetName(sheet.name, taken);
    taken.add(name);
    const ws = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    const widths = sheet.header.map((h) => h.length);
    const header = ws.addRow(sheet.header.map((h) => h.replace(NOT_XML, "")));
    header.font = { bold: true };
    for (const cells of sheet.rows) {
      const row = ws.addRow(
        cells.map((c) =>
          typeof c === "string" ? c.replace(NOT_XML, "") : typeof c === "number" ? c : c.value,
        ),
      );
      cells.forEach((c, i) => {
        if (typeof c === "object") row.getCell(i + 1).numFmt = FIGURE_FORMATS[c.unit];
        const longestLine = Math.max(
          ...String(typeof c === "object" ? c.value : c)
            .split(/\r?\n|\r/)
            .map((l) => l.length),
        );
        const wide = typeof c === "string" && (c.length > WIDEST_COLUMN || /[\r\n]/.test(c));
        if (wide) row.getCell(i + 1).alignment = { wrapText: true, vertical: "top" };
        widths[i] = Math.max(widths[i] ?? 0, Math.min(longestLine, WIDEST_COLUMN));
      });
    }
    ws.columns.forEach((column, i) => {
      column.width = Math.max(10, (widths[i] ?? 10) + 2);
    });
  }
  // exceljs gives a Node Buffer (a view of a shared pool): copied into a body of its own.
  return Uint8Array.from(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** A workbook download: `filename` must be plain ASCII (it goes in the header as it is). */
export async function workbookResponse(filename: string, sheets: readonly WorkbookSheet[]) {
  return new Response(await workbookBytes(sheets), {
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
