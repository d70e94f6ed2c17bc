import { TableScroll } from "~/components/TableScroll";
import type { GroupMeetings, ReportGroup } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";

/** Each group's meetings by status and kind, and the program's total. */
export function MeetingsTable({
  groups,
  names,
  total,
}: {
  groups: ReportGroup[];
  names: string[];
  total: GroupMeetings;
}) {
  const { t, number } = useT();
  const cells = (m: GroupMeetings) => (
    <>
      <td>{number(m.held)}</td>
      <td>{number(m.collective)}</td>
      <td>{number(m.individual)}</td>
      <td>{number(m.postponed)}</td>
      <td>{number(m.cancelled)}</td>
      <td>{number(m.planned)}</td>
    </>
  );
  return (
    <TableScroll label={t("report.meetings.caption")}>
      <table>
        <caption>{t("report.meetings.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.columns.group")}</th>
            <th scope="col">{t("report.meetings.held")}</th>
            <th scope="col">{t("report.meetings.collective")}</th>
            <th scope="col">{t("report.meetings.individual")}</th>
            <th scope="col">{t("report.meetings.postponed")}</th>
            <th scope="col">{t("report.meetings.cancelled")}</th>
            <th scope="col">{t("report.meetings.planned")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g, i) => (
            <tr key={g.id}>
              <th scope="row">{names[i]}</th>
              {cells(g.meetings)}
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
