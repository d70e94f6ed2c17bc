/**
 * The report's CSV tables (`?table=`): its anonymized figures and redacted texts as rows, in the
 * reader's language. Written by the app's CSV writer (`~/utils/csv.server`).
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

export interface CsvTable {
  header: string[];
  rows: Array<Array<string | number>>;
}

/** Percent with one decimal, for the CSV files (0.263 → 26.3). */
const percent = (x: number) => Math.round(x * 1000) / 10;

/** The rows of one of the report's CSV files: anonymized figures, in the reader's language. */
export function csvTable(report: Report, table: ReportTable, locale: Locale): CsvTable {
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
        h.bank,
        h.used,
        h.remaining,
        h.meeting,
        h.preparation,
        h.communication,
        h.followUp,
        h.ownTime,
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
          [t("report.budget.compensationPerMentor"), b.compensationPerMentor],
          [t("report.budget.mentorCompensation"), b.mentorCompensation],
          [t("report.budget.coordinationBudget"), b.coordinationBudget],
          [t("report.budget.coordinationHours"), b.coordinationHours],
          ...COORDINATION_TASKS.map((task) => [
            t("report.budget.coordinationTask", { task: t(`coordination.tasks.${task}`) }),
            b.coordinationByTask[task],
          ]),
          [t("report.budget.hoursOffered"), b.hoursOffered],
          [t("report.budget.hoursUsed"), b.hoursUsed],
          [t("report.budget.ownTime"), b.ownTime],
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
      const rows: Array<Array<string | number>> = [];
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
        rows.push([q, scope, t("report.evaluations.average"), s.averageAppreciation ?? suppressed]);
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
      const rows: Array<Array<string | number>> = [
        [t("interviews.report.scheduled"), iv.scheduled],
        [t("interviews.report.validatedCount"), iv.validated],
        [t("report.evaluations.average"), s.averageAppreciation ?? suppressed],
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
