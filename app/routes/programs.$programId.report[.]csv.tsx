import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "../../core/i18n";
import { csvTable, REPORT_TABLES } from "../../core/models/report";
import { programReport } from "../../core/models/report.server";
import { reportCsvQuerySchema } from "../../core/schemas/report";
import { csvResponse } from "~/utils/csv.server";
import { getLocale } from "~/utils/locale.server";
import { requireCoordinatorOf } from "~/utils/permissions.server";

/**
 * The report's anonymized figures as CSV files (`?table=groups|meetings|hours|tools|evaluations`),
 * in the reader's language, written by the app's CSV writer (utils/csv.server.ts: Excel-ready, no
 * live formula).
 * Same access as the report: the program's coordinators.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const s = context.services;
  const { program } = await requireCoordinatorOf(s, request, params.programId);
  const locale = getLocale(request);
  const query = reportCsvQuerySchema.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  if (!query.success) {
    return new Response(
      translate(locale, "report.csv.badTable", { tables: REPORT_TABLES.join(", ") }),
      { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } },
    );
  }
  const { table } = query.data;
  const { header, rows } = csvTable(await programReport(s, program), table, locale);
  return csvResponse(`rapport-${table}.csv`, [header, ...rows]);
}
