import { TableScroll } from "~/components/TableScroll";
import type { ReportGroup, Role } from "../../../core/models/report/types";
import { useT } from "~/utils/i18n-react";

/** The groups: members by role, regions counted (never named), tools shared, status. */
export function GroupsTable({
  groups,
  names,
  roles,
}: {
  groups: ReportGroup[];
  names: string[];
  roles: Role[];
}) {
  const { t, number } = useT();
  return (
    <TableScroll label={t("report.groups.caption")}>
      <table>
        <caption>{t("report.groups.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.columns.group")}</th>
            {roles.map((r) => (
              <th scope="col" key={r}>
                {t(`report.roles.${r}`)}
              </th>
            ))}
            <th scope="col">{t("report.columns.regions")}</th>
            <th scope="col">{t("report.columns.toolsShared")}</th>
            <th scope="col">{t("report.columns.status")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g, i) => (
            <tr key={g.id}>
              <th scope="row">{names[i]}</th>
              {roles.map((r) => (
                <td key={r}>{number(g.composition[r])}</td>
              ))}
              <td>{number(g.regions)}</td>
              <td>{number(g.tools)}</td>
              <td>{t(`report.status.${g.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
