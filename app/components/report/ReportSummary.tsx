import type { Report } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";
import { useReportFormat } from "./useReportFormat";

/** The program's key figures, over every group. */
export function ReportSummary({ totals, tools }: Pick<Report, "totals" | "tools">) {
  const { t, number } = useT();
  const { percent } = useReportFormat();
  return (
    <dl className="facts facts--large">
      <div>
        <dt>{t("report.facts.groups")}</dt>
        <dd>{number(totals.groups)}</dd>
      </div>
      <div>
        <dt>{t("report.facts.members")}</dt>
        <dd>{number(totals.members)}</dd>
      </div>
      <div>
        <dt>{t("report.facts.regions")}</dt>
        <dd>{number(totals.regions)}</dd>
      </div>
      <div>
        <dt>{t("report.facts.meetingsHeld")}</dt>
        <dd>{number(totals.meetings.held)}</dd>
      </div>
      <div>
        <dt>{t("report.facts.hoursUsed")}</dt>
        <dd>
          {t("report.facts.hoursOf", {
            used: number(totals.hours.used),
            bank: number(totals.hours.bank),
          })}
        </dd>
      </div>
      <div>
        <dt>{t("report.facts.preparationShare")}</dt>
        <dd>{percent(totals.hours.preparationShare)}</dd>
      </div>
      <div>
        <dt>{t("report.facts.toolsShared")}</dt>
        <dd>{number(tools.total)}</dd>
      </div>
    </dl>
  );
}
