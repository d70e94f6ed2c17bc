/**
 * The report's tables: its anonymized figures and redacted texts as rows, in the reader's language.
 * One definition for both downloads: `csvTable` gives the CSV files (`?table=`, written by
 * `~/utils/csv.server`) plain numbers, `reportTable` gives the workbook (`~/utils/xlsx.server`)
 * the same cells with what each number measures (hours, dollars, a percent, a score), so that a
 * spreadsheet can show it with its format (docs/decisions/0034-report-workbook.md).
 */
import { translate, type Locale, type MessageKey } from "../../i18n";
import { groupName, themeName } from "./labels";
import { REPORT_TABLES } from "../../schemas/report";
import { COORDINATION_TASKS } from "../../data/vocabulary";
import type {
  AnswerStats,
  FinalStats,
  GroupHours,
  GroupMeetings,
  Report,
  ReportGroup,
} from "./types";

export { REPORT_TABLES };
export type ReportTable = (typeof REPORT_TABLES)[number];

/** What a number measures, beyond a plain count: the workbook formats each kind its own way. */
export type FigureUnit = "hours" | "money" | "percent" | "score";
/** A number with its unit (a percent is already 0–100, as in the CSV files: 26.3, not 0.263). */
export interface Figure {
  value: number;
  unit: FigureUnit;
}
/** A cell of a report table: a text, a count, or a figure with its unit. */
export type ReportCell = string | number | Figure;

export interface ReportTableData {
  header: string[];
  rows: ReportCell[][];
}

export interface CsvTable {
  header: string[];
  rows: Array<Array<string | number>>;
}

const hours = (value: number): Figure => ({ value, unit: "hours" });
const money = (value: number): Figure => ({ value, unit: "money" });
const score = (value: number): Figure => ({ value, unit: "score" });
/** Percent with one decimal (0.263 → 26.3). */
const percent = (x: number): Figure => ({ value: Math.round(x * 1000) / 10, unit: "percent" });
/** A score, or the text saying it is hidden under the small-count rule. */
const scoreOr = (value: number | null | undefined, hidden: string): ReportCell =>
  value === null || value === undefined ? hidden : score(value);

export function isFigure(cell: ReportCell): cell is Figure {
  return typeof cell === "object";
}

/** The rows of one of the report's CSV files: the table's cells, figures as plain numbers. */
export function csvTable(report: Report, table: ReportTable, locale: Locale): CsvTable {
  const { header, rows } = reportTable(report, table, locale);
  return { header, rows: rows.map((row) => row.map((c) => (isFigure(c) ? c.value : c))) };
}

/** One of the report's tables: anonymized figures, in the reader's language. */
export function reportTable(report: Report, table: ReportTable, locale: Locale): ReportTableData {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const name = (g: ReportGroup) => groupName(g, locale);
  const total = t("report.total");
  switch (table) {
    case "groups":
      return {
        header: [
          t("report.columns.group"),
          t("report.columns.status"),
          ...report.roles.map((r) => t(`report.roles.${r}`)),
          t("report.columns.regions"),
          t("report.columns.toolsShared"),
        ],
        rows: report.groups.map((g) => [
          name(g),
          t(`report.status.${g.status}`),
          ...report.roles.map((r) => g.composition[r]),
          g.regions,
          g.tools,
        ]),
      };
    case "meetings": {
      const row = (label: string, m: GroupMeetings) => [
        label,
        m.held,
        m.collective,
        m.individual,
        m.postponed,
        m.cancelled,
        m.planned,
      ];
      return {
        header: [
          t("report.columns.group"),
          t("report.meetings.held"),
          t("report.meetings.collective"),
          t("report.meetings.individual"),
          t("report.meetings.postponed"),
          t("report.meetings.cancelled"),
          t("report.meetings.planned"),
        ],
        rows: [
          ...report.groups.map((g) => row(name(g), g.meetings)),
          row(total, report.totals.meetings),
        ],
      };
    }
    case "hours": {
      const row = (label: string, h: GroupHours) => [
        label,
        hours(h.bank),
        hours(h.used),
        hours(h.remaining),
        hours(h.meeting),
        hours(h.preparation),
        hours(h.communication),
        hours(h.followUp),
        hours(h.ownTime),
        percent(h.preparationShare),
        percent(h.outsideMeetingsShare),
      ];
      return {
        header: [
          t("report.columns.group"),
          t("report.hours.bank"),
          t("report.hours.used"),
          t("report.hours.remaining"),
          t("report.hours.meeting"),
          t("report.hours.preparation"),
          t("report.hours.communication"),
          t("report.hours.followUp"),
          t("report.hours.ownTime"),
          t("report.hours.preparationSharePercent"),
          t("report.hours.outsideSharePercent"),
        ],
        rows: [...report.groups.map((g) => row(name(g), g.hours)), row(total, report.totals.hours)],
      };
    }
    case "budget": {
      const b = report.budget;
      return {
        header: [t("report.columns.measure"), t("report.columns.value")],
        rows: [
          [t("report.budget.mentors"), b.mentors],
          [t("report.budget.compensationPerMentor"), money(b.compensationPerMentor)],
          [t("report.budget.mentorCompensation"), money(b.mentorCompensation)],
          [t("report.budget.coordinationBudget"), money(b.coordinationBudget)],
          [t("report.budget.coordinationHours"), hours(b.coordinationHours)],
          ...COORDINATION_TASKS.map((task) => [
            t("report.budget.coordinationTask", { task: t(`coordination.tasks.${task}`) }),
            hours(b.coordinationByTask[task]),
          ]),
          [t("report.budget.hoursOffered"), hours(b.hoursOffered)],
          [t("report.budget.hoursUsed"), hours(b.hoursUsed)],
          [t("report.budget.ownTime"), hours(b.ownTime)],
        ],
      };
    }
    case "tools":
      return {
        header: [
          t("report.tools.theme"),
          t("report.tools.title"),
          t("report.tools.description"),
          t("report.tools.inLibrary"),
        ],
        rows: report.tools.themes.flatMap((theme) =>
          theme.tools.map((tool) => [
            themeName(theme, locale),
            tool.title,
            tool.description,
            t(tool.programWide ? "common.yes" : "common.no"),
          ]),
        ),
      };
    case "evaluations": {
      const rows: ReportCell[][] = [];
      const suppressed = t("report.suppressed", { min: report.minRespondents });
      const monthly = t("report.evaluations.monthlyShort");
      const final = t("report.evaluations.finalShort");
      const program = t("report.evaluations.program");
      const stats = (q: string, scope: string, s: AnswerStats | null) => {
        if (!s) {
          rows.push([q, scope, t("report.evaluations.breakdown"), suppressed]);
          return;
        }
        rows.push([q, scope, t("report.evaluations.responses"), s.responses]);
        rows.push([
          q,
          scope,
          t("report.evaluations.average"),
          scoreOr(s.averageAppreciation, suppressed),
        ]);
      };
      const finalStatsRows = (scope: string, s: FinalStats | null) => {
        stats(final, scope, s);
        if (!s) return;
        for (const a of ["yes", "partly", "no"] as const)
          rows.push([
            final,
            scope,
            t("report.evaluations.answerMeasure", {
              question: t("report.evaluations.objectivesReached"),
              answer: t(`report.answers.${a}`),
            }),
            s.objectivesReached?.[a] ?? suppressed,
          ]);
        for (const a of ["yes", "maybe", "no"] as const)
          rows.push([
            final,
            scope,
            t("report.evaluations.answerMeasure", {
              question: t("report.evaluations.continueMeeting"),
              answer: t(`report.answers.${a}`),
            }),
            s.continueMeeting?.[a] ?? suppressed,
          ]);
      };
      const ev = report.evaluations;
      stats(monthly, program, ev.monthly.total);
      for (const q of ev.monthly.byQuestionnaire) stats(monthly, q.title, q.stats);
      for (const g of ev.monthly.byGroup) {
        const group = report.groups.find((x) => x.id === g.groupId)!;
        stats(monthly, name(group), g.stats);
      }
      finalStatsRows(program, ev.final.total);
      for (const g of ev.final.byGroup) {
        const group = report.groups.find((x) => x.id === g.groupId)!;
        finalStatsRows(name(group), g.stats);
      }
      for (const text of report.recommendations)
        rows.push([final, program, t("report.evaluations.recommendation"), text]);
      for (const q of report.quotes)
        rows.push([
          q.source === "learning" ? final : monthly,
          program,
          t(`report.quotes.${q.source}`),
          q.text,
        ]);
      return {
        header: [
          t("report.columns.questionnaire"),
          t("report.columns.scope"),
          t("report.columns.measure"),
          t("report.columns.value"),
        ],
        rows,
      };
    }
    case "interviews": {
      // Validated summaries only (`interviewFigures`): figures under the small-count rule, texts
      // redacted.
      const iv = report.interviews;
      const suppressed = t("report.suppressed", { min: report.minRespondents });
      const s = iv.stats;
      const measure = (question: MessageKey, answer: string) =>
        t("report.evaluations.answerMeasure", { question: t(question), answer });
      const rows: ReportCell[][] = [
        [t("interviews.report.scheduled"), iv.scheduled],
        [t("interviews.report.validatedCount"), iv.validated],
        [t("report.evaluations.average"), scoreOr(s.averageAppreciation, suppressed)],
        ...(["yes", "partly", "no"] as const).map((a) => [
          measure("report.evaluations.objectivesReached", t(`report.answers.${a}`)),
          s.objectivesReached?.[a] ?? suppressed,
        ]),
        ...(["yes", "maybe", "no"] as const).map((a) => [
          measure("report.evaluations.continueMeeting", t(`report.answers.${a}`)),
          s.continueMeeting?.[a] ?? suppressed,
        ]),
        ...iv.learning.map((text) => [t("interviews.report.learning"), text]),
        ...iv.recommendations.map((text) => [t("interviews.report.recommendations"), text]),
      ];
      return { header: [t("report.columns.measure"), t("report.columns.value")], rows };
    }
  }
}
