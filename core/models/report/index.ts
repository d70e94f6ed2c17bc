/**
 * The program report (pure): what the groups did, in figures anyone may read, with no organization
 * or person identifiable (the guarantee: `anonymize.ts`). The loader (`report.server.ts`) reads the
 * store; these modules only compute, so they are tested on the pilot cohort without a server.
 *
 * - `anonymize.ts`: who must not be named, the redactor, the small-count threshold;
 * - `aggregate.ts`: figures per group and for the program;
 * - `texts.ts`: the tools, recommendations and quotes shown, redacted;
 * - `labels.ts`, `csv.ts`: how groups and themes are named, the CSV tables.
 */
import { MIN_RESPONDENTS, redactor } from "./anonymize";
import {
  budgetFigures,
  evaluationFigures,
  interviewFigures,
  programTotals,
  reportGroups,
  reportRoles,
} from "./aggregate";
import { consentedTexts, toolThemes } from "./texts";
import type { Report, ReportInput } from "./types";

export * from "./types";
export { MIN_RESPONDENTS, REDACTED, nameParts, programNames, redactor } from "./anonymize";
export type { RedactionNames } from "./anonymize";
export { groupName, themeName } from "./labels";
export {
  csvTable,
  isFigure,
  reportTable,
  REPORT_TABLES,
  type CsvTable,
  type Figure,
  type FigureUnit,
  type ReportCell,
  type ReportTable,
  type ReportTableData,
} from "./csv";

export function buildReport(input: ReportInput): Report {
  const redact = redactor(input.names);
  const program = input.program;
  const groups = reportGroups(input, redact);
  const totals = programTotals(input, groups);
  return {
    program: {
      id: program.id,
      title: redact(program.title),
      hourBankHours: program.hourBankHours,
      start: program.mentoringStart,
      end: program.mentoringEnd,
    },
    budget: budgetFigures(input, totals),
    minRespondents: MIN_RESPONDENTS,
    groups,
    totals,
    roles: reportRoles(groups, program.composition),
    tools: toolThemes(input, redact),
    evaluations: evaluationFigures(input, groups, redact),
    interviews: interviewFigures(input, redact),
    ...consentedTexts(input, redact),
  };
}
