import type { ReactNode } from "react";
import { TableScroll } from "~/components/TableScroll";
import type { ReportGroup } from "../../../core/models/report/types";
import type { MessageKey } from "../../../core/i18n";
import { useT } from "~/utils/i18n-react";

/** One column of a per-group table: its header and what it shows of a group's figures. */
export interface TotalsColumn<T> {
  header: MessageKey;
  cell: (figures: T) => ReactNode;
}

/**
 * A table of the report with one row per group (its name as the row header), the same columns for
 * each, and the program's total in the footer (the hours, the meetings).
 */
export function GroupTotalsTable<T>({
  caption,
  columns,
  groups,
  names,
  figures,
  total,
}: {
  caption: MessageKey;
  columns: ReadonlyArray<TotalsColumn<T>>;
  groups: ReportGroup[];
  names: string[];
  figures: (group: ReportGroup) => T;
  total: T;
}) {
  const { t } = useT();
  const cells = (values: T) =>
    columns.map((column) => <td key={column.header}>{column.cell(values)}</td>);
  return (
    <TableScroll label={t(caption)}>
      <table>
        <caption>{t(caption)}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.columns.group")}</th>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {t(column.header)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g, i) => (
            <tr key={g.id}>
              <th scope="row">{names[i]}</th>
              {cells(figures(g))}
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
