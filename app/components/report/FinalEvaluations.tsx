import { TableScroll } from "~/components/TableScroll";
import type { FinalStats, Report } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";
import { Suppressed } from "./Suppressed";
import { useReportFormat } from "./useReportFormat";

/**
 * The final questionnaire's answers, for the program and per group: appreciation, objectives
 * reached, wish to keep meeting; a breakdown only when at least `min` people answered.
 */
export function FinalEvaluations({
  final,
  names,
  min,
  caption,
}: {
  final: Pick<Report["evaluations"]["final"], "total" | "byGroup">;
  names: string[];
  min: number;
  /** The table's caption, when not the final questionnaire's. */
  caption?: string;
}) {
  const { t, number } = useT();
  const { average } = useReportFormat();
  const cells = (s: FinalStats | null) =>
    s ? (
      <>
        <td>{number(s.responses)}</td>
        <td>{average(s)}</td>
        {s.objectivesReached ? (
          <>
            <td>{number(s.objectivesReached.yes)}</td>
            <td>{number(s.objectivesReached.partly)}</td>
            <td>{number(s.objectivesReached.no)}</td>
          </>
        ) : (
          <td colSpan={3}>
            <Suppressed min={min} />
          </td>
        )}
        {s.continueMeeting ? (
          <>
            <td>{number(s.continueMeeting.yes)}</td>
            <td>{number(s.continueMeeting.maybe)}</td>
            <td>{number(s.continueMeeting.no)}</td>
          </>
        ) : (
          <td colSpan={3}>
            <Suppressed min={min} />
          </td>
        )}
      </>
    ) : (
      <td colSpan={8}>
        <Suppressed min={min} />
      </td>
    );
  return (
    <TableScroll label={caption ?? t("report.evaluations.finalCaption")}>
      <table>
        <caption>{caption ?? t("report.evaluations.finalCaption")}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t("report.columns.scope")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("report.evaluations.responses")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("report.evaluations.average")}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t("report.evaluations.objectivesReached")}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t("report.evaluations.continueMeeting")}
            </th>
          </tr>
          <tr>
            <th scope="col">{t("report.answers.yes")}</th>
            <th scope="col">{t("report.answers.partly")}</th>
            <th scope="col">{t("report.answers.no")}</th>
            <th scope="col">{t("report.answers.yes")}</th>
            <th scope="col">{t("report.answers.maybe")}</th>
            <th scope="col">{t("report.answers.no")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t("report.evaluations.program")}</th>
            {final.total.shown ? (
              cells(final.total)
            ) : (
              <>
                <td>{number(final.total.responses)}</td>
                <td colSpan={7}>
                  <Suppressed min={min} />
                </td>
              </>
            )}
          </tr>
          {final.byGroup.map((b, i) => (
            <tr key={b.groupId}>
              <th scope="row">{names[i]}</th>
              {cells(b.stats)}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
