import { COORDINATION_TASKS } from "../../../core/data/vocabulary";
import type { ReportBudget } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";
import { useReportFormat } from "./useReportFormat";

/**
 * The program's compensation and coordination time next to its hours (for information, CAD): the
 * pilot found both the compensation and the coordination time underestimated.
 */
export function BudgetFigures({ budget }: { budget: ReportBudget }) {
  const { t, number } = useT();
  const { hours } = useReportFormat();
  const money = (x: number) => number(x, { style: "currency", currency: "CAD" });
  const tasks = COORDINATION_TASKS.filter((task) => budget.coordinationByTask[task] > 0);
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t("report.budget.mentorCompensation")}</dt>
          <dd>
            {money(budget.mentorCompensation)}{" "}
            <span className="muted">
              {t("report.budget.mentorsCount", {
                mentors: budget.mentors,
                perMentor: money(budget.compensationPerMentor),
              })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("report.budget.coordinationBudget")}</dt>
          <dd>{money(budget.coordinationBudget)}</dd>
        </div>
        <div>
          <dt>{t("report.budget.coordinationHours")}</dt>
          <dd>{hours(budget.coordinationHours)}</dd>
        </div>
        <div>
          <dt>{t("report.budget.hoursUsedOffered")}</dt>
          <dd>
            {t("report.facts.hoursOf", {
              used: number(budget.hoursUsed),
              bank: number(budget.hoursOffered),
            })}
          </dd>
        </div>
        <div>
          <dt>{t("report.budget.ownTime")}</dt>
          <dd>{hours(budget.ownTime)}</dd>
        </div>
      </dl>
      {tasks.length > 0 ? (
        <table>
          <caption>{t("report.budget.byTaskCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("coordination.task")}</th>
              <th scope="col">{t("report.budget.hours")}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task}>
                <th scope="row">{t(`coordination.tasks.${task}`)}</th>
                <td>{hours(budget.coordinationByTask[task])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
