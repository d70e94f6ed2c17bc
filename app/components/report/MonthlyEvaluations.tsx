import { TableScroll } from "~/components/TableScroll";
import type { Report } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";
import { Suppressed } from "./Suppressed";
import { useReportFormat } from "./useReportFormat";

/**
 * The monthly questionnaires' answers: for the program, per questionnaire and per group, each
 * average given only when at least `min` people answered.
 */
export function MonthlyEvaluations({
  monthly,
  names,
  min,
}: {
  monthly: Report["evaluations"]["monthly"];
  names: string[];
  min: number;
}) {
  const { t, number } = useT();
  const { average } = useReportFormat();
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t("report.evaluations.questionnaires")}</dt>
          <dd>{number(monthly.questionnaires)}</dd>
        </div>
        <div>
          <dt>{t("report.evaluations.responses")}</dt>
          <dd>{number(monthly.total.responses)}</dd>
        </div>
        <div>
          <dt>{t("report.evaluations.average")}</dt>
          <dd>{monthly.total.shown ? average(monthly.total) : <Suppressed min={min} />}</dd>
        </div>
      </dl>
      <TableScroll label={t("report.evaluations.monthlyCaption")}>
        <table>
          <caption>{t("report.evaluations.monthlyCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.columns.scope")}</th>
              <th scope="col">{t("report.evaluations.responses")}</th>
              <th scope="col">{t("report.evaluations.average")}</th>
            </tr>
          </thead>
          <tbody>
            {monthly.byQuestionnaire.map((q, i) => (
              <tr key={`q-${i}`}>
                <th scope="row">{q.title}</th>
                <td>{number(q.stats.responses)}</td>
                <td>{q.stats.shown ? average(q.stats) : <Suppressed min={min} />}</td>
              </tr>
            ))}
            {monthly.byGroup.map((b, i) => (
              <tr key={b.groupId}>
                <th scope="row">{names[i]}</th>
                {b.stats ? (
                  <>
                    <td>{number(b.stats.responses)}</td>
                    <td>{average(b.stats)}</td>
                  </>
                ) : (
                  <td colSpan={2}>
                    <Suppressed min={min} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
