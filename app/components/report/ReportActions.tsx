import { REPORT_TABLES } from "../../../core/models/report/csv";
import { useT } from "~/utils/i18n-react";
import { CsvLink } from "./CsvLink";

/** Print the report, or download its tables as CSV files. */
export function ReportActions({ programId }: { programId: string }) {
  const { t } = useT();
  return (
    <div className="report-actions">
      <button type="button" className="button" onClick={() => window.print()}>
        {t("report.print")}
      </button>
      <nav aria-label={t("report.csv.label")}>
        <p className="report-actions-title">{t("report.csv.label")}</p>
        <ul className="report-downloads">
          {REPORT_TABLES.map((table) => (
            <li key={table}>
              <CsvLink programId={programId} table={table}>
                {t(`report.csv.tables.${table}`)}
              </CsvLink>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
