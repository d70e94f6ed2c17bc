import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "../../core/i18n";
import { REPORT_TABLES, reportTable } from "../../core/models/report";
import { programReport } from "../../core/models/report.server";
import { getLocale } from "~/utils/locale.server";
import { requireCoordinatorOf } from "~/utils/permissions.server";
import { workbookResponse } from "~/utils/xlsx.server";

/**
 * The report's tables in one workbook (.xlsx), a sheet per table, for spreadsheets that do not
 * read the CSV files as tables (French-Canadian Excel expects ";" and decimal commas): the same
 * tables as the CSV files (`reportTable`, anonymized), numbers as numbers with their format, in
 * the reader's language. Same access as the report: the program's coordinators.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  const locale = getLocale(request);
  const report = await programReport(s, program);
  return workbookResponse(
    "rapport.xlsx",
    REPORT_TABLES.map((table) => ({
      name: translate(locale, `report.csv.tables.${table}`),
      ...reportTable(report, table, locale),
    })),
  );
}
