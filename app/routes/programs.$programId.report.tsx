import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/Pager";
import { BudgetFigures } from "~/components/report/BudgetFigures";
import { ConsentedTexts } from "~/components/report/ConsentedTexts";
import { FinalEvaluations } from "~/components/report/FinalEvaluations";
import { GroupLabels } from "~/components/report/GroupLabels";
import { GroupPages } from "~/components/report/GroupPages";
import { GroupsTable } from "~/components/report/GroupsTable";
import { Interviews } from "~/components/report/Interviews";
import { HoursChart } from "~/components/report/HoursChart";
import { HoursTable } from "~/components/report/HoursTable";
import { MeetingsChart } from "~/components/report/MeetingsChart";
import { MeetingsTable } from "~/components/report/MeetingsTable";
import { MonthlyEvaluations } from "~/components/report/MonthlyEvaluations";
import { ReportActions } from "~/components/report/ReportActions";
import { ReportSummary } from "~/components/report/ReportSummary";
import { ToolsTable } from "~/components/report/ToolsTable";
import { groupName } from "../../core/models/report/labels";
import { programReport, setGroupLabel } from "../../core/models/report.server";
import {
  groupLabelSchema,
  REPORT_GROUPS_PER_PAGE,
  REPORT_TOOLS_PER_THEME,
  reportViewQuerySchema,
} from "../../core/schemas/report";
import reportStylesHref from "~/styles/report.css?url";
import { replyWithError } from "~/utils/errors.server";
import { parseSubmission, refuse } from "~/utils/forms.server";
import { useT } from "~/utils/i18n-react";
import { titleMeta } from "~/utils/meta";
import { requireCoordinatorOf } from "~/utils/permissions.server";
import { pageInfo, requestedPage } from "../../core/utils/pagination";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStylesHref }];

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "report.title");

/**
 * The anonymized program report, for coordinators and the program's funders: only the program's
 * own coordinators see it (participants get 403, anyone else 404).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  const url = new URL(request.url);
  const report = await programReport(s, program);
  // A large program's per-group tables and charts come a page of groups at a time (the totals,
  // the tools and the quotes cover every group); `?groups=all` shows them all, for printing.
  const view = reportViewQuerySchema.parse({ groups: url.searchParams.get("groups") ?? undefined });
  const all = view.groups === "all";
  const total = report.groups.length;
  const groupPage = all
    ? pageInfo(total, 1, Math.max(1, total))
    : pageInfo(total, requestedPage(url), REPORT_GROUPS_PER_PAGE);
  const range = <T,>(list: readonly T[]) => list.slice(groupPage.from - 1, groupPage.to);
  const ev = report.evaluations;
  return {
    report: {
      ...report,
      groups: range(report.groups),
      // A theme lists its first tools; the tools CSV (and the full view) has them all.
      tools: {
        ...report.tools,
        themes: report.tools.themes.map((theme) => ({
          ...theme,
          tools: all ? theme.tools : theme.tools.slice(0, REPORT_TOOLS_PER_THEME),
        })),
      },
      evaluations: {
        monthly: { ...ev.monthly, byGroup: range(ev.monthly.byGroup) },
        final: { ...ev.final, byGroup: range(ev.final.byGroup) },
      },
    },
    groupPage,
    allGroups: all,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  const submission = await parseSubmission(request, groupLabelSchema);
  if (submission.status !== "success") return refuse(submission);
  const { groupId, label } = submission.value;
  try {
    await setGroupLabel(s, program.id, groupId, label);
  } catch (error) {
    // A label naming someone comes back with the names hidden: the page never shows a name.
    return replyWithError(request, submission, error);
  }
  return { saved: groupId };
}

/**
 * The page's layout: its sections, headings and empty states; the tables, charts and forms are
 * components (app/components/report/).
 */
export default function ProgramReport() {
  const { report, groupPage, allGroups } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saved = result && "saved" in result ? result.saved : undefined;
  const { t, date, locale } = useT();
  const names = report.groups.map((g) => groupName(g, locale));
  const ev = report.evaluations;
  const min = report.minRespondents;

  return (
    <article className="report">
      <header className="report-header">
        <p className="eyebrow">{t("report.eyebrow")}</p>
        <h1>{t("report.title")}</h1>
        <p className="lead">
          {report.program.title} ·{" "}
          {t("report.period", {
            start: date(report.program.start, { dateStyle: "long" }),
            end: date(report.program.end, { dateStyle: "long" }),
          })}
        </p>
        <p className="report-notice">{t("report.anonymityNotice", { min })}</p>
      </header>

      <ReportActions programId={report.program.id} />

      <section aria-labelledby="report-summary">
        <h2 id="report-summary">{t("report.summary")}</h2>
        <ReportSummary totals={report.totals} tools={report.tools} />
      </section>

      {groupPage.total > REPORT_GROUPS_PER_PAGE ? (
        <GroupPages info={groupPage} all={allGroups} />
      ) : null}

      <section aria-labelledby="report-groups">
        <h2 id="report-groups">{t("report.groups.title")}</h2>
        <p>{t("report.groups.intro")}</p>
        {report.groups.length === 0 ? (
          <p className="empty-state">{t("report.groups.none")}</p>
        ) : (
          <>
            <GroupsTable groups={report.groups} names={names} roles={report.roles} />
            <GroupLabels groups={report.groups} saved={saved} />
          </>
        )}
      </section>

      <section aria-labelledby="report-meetings">
        <h2 id="report-meetings">{t("report.meetings.title")}</h2>
        {report.groups.length > 0 ? <MeetingsChart groups={report.groups} names={names} /> : null}
        <MeetingsTable groups={report.groups} names={names} total={report.totals.meetings} />
      </section>

      <section aria-labelledby="report-hours">
        <h2 id="report-hours">{t("report.hours.title")}</h2>
        <p>{t("report.hours.intro", { bank: report.program.hourBankHours })}</p>
        {report.groups.length > 0 ? <HoursChart groups={report.groups} names={names} /> : null}
        <HoursTable groups={report.groups} names={names} total={report.totals.hours} />
      </section>

      <section aria-labelledby="report-budget">
        <h2 id="report-budget">{t("report.budget.title")}</h2>
        <p>{t("report.budget.intro")}</p>
        <BudgetFigures budget={report.budget} />
      </section>

      <section aria-labelledby="report-tools">
        <h2 id="report-tools">{t("report.tools.heading")}</h2>
        {report.tools.total === 0 ? (
          <p className="empty-state">{t("report.tools.none")}</p>
        ) : (
          <ToolsTable tools={report.tools} programId={report.program.id} />
        )}
      </section>

      <section aria-labelledby="report-evaluations">
        <h2 id="report-evaluations">{t("report.evaluations.title")}</h2>
        <p>{t("report.evaluations.intro", { min })}</p>

        <h3>{t("report.evaluations.monthly")}</h3>
        {ev.monthly.total.responses === 0 ? (
          <p className="empty-state">{t("report.evaluations.noneMonthly")}</p>
        ) : (
          <MonthlyEvaluations monthly={ev.monthly} names={names} min={min} />
        )}

        <h3>{t("report.evaluations.final")}</h3>
        {ev.final.total.responses === 0 ? (
          <p className="empty-state">{t("report.evaluations.noneFinal")}</p>
        ) : (
          <FinalEvaluations final={ev.final} names={names} min={min} />
        )}

        <h3>{t("interviews.report.title")}</h3>
        <Interviews interviews={report.interviews} min={min} />
      </section>

      <Pager info={groupPage} label={t("pager.reportGroupsEnd")} fragment="report-groups" />

      <section aria-labelledby="report-recommendations">
        <h2 id="report-recommendations">{t("report.recommendations.title")}</h2>
        <p className="muted">{t("report.recommendations.intro")}</p>
        <ConsentedTexts recommendations={report.recommendations} quotes={report.quotes} />
      </section>
    </article>
  );
}
