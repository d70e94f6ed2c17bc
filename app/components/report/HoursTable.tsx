import { TableScroll } from "~/components/TableScroll";
import type { GroupHours, ReportGroup } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";
import { useReportFormat } from "./useReportFormat";

/** Each group's hour bank: used by kind, remaining, shares; and the program's total. */
export function HoursTable({
  groups,
  names,
  total,
}: {
  groups: ReportGroup[];
  names: string[];
  total: GroupHours;
}) {
  const { t } = useT();
  const { hours, percent } = useReportFormat();
  const cells = (h: GroupHours) => (
    <>
      <td>{hours(h.bank)}</td>
      <td>{hours(h.used)}</td>
      <td>{hours(h.remaining)}</td>
      <td>{hours(h.meeting)}</td>
      <td>{hours(h.preparation)}</td>
      <td>{hours(h.communication + h.followUp)}</td>
      <td>{percent(h.preparationShare)}</td>
      <td>{percent(h.outsideMeetingsShare)}</td>
    </>
  );
  return (
    <TableScroll label={t("report.hours.caption")}>
      <table>
        <caption>{t("report.hours.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.columns.group")}</th>
            <th scope="col">{t("report.hours.bank")}</th>
            <th scope="col">{t("report.hours.used")}</th>
            <th scope="col">{t("report.hours.remaining")}</th>
            <th scope="col">{t("report.hours.meeting")}</th>
            <th scope="col">{t("report.hours.preparation")}</th>
            <th scope="col">{t("report.hours.otherOutside")}</th>
            <th scope="col">{t("report.hours.preparationShare")}</th>
            <th scope="col">{t("report.hours.outsideShare")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g, i) => (
            <tr key={g.id}>
              <th scope="row">{names[i]}</th>
              {cells(g.hours)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("report.total")}</th>
            {cells(total)}
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
