import { REPORT_TABLES } from "../../../core/models/report/csv";
import { useT } from "~/utils/i18n-react";
import { CsvLink } from "./CsvLink";

/**
 * Print the report, or download its tables: all of them in one Excel workbook
 * (`programs.$programId.report[.]xlsx.tsx`), or each as a CSV file, with a line saying which to take.
 */
export function ReportActions({ programId }: { programId: string }) {
  const { t } = useT();
  return (
    <div className="report-actions">
      <button type="button" className="button" onClick={() => window.print()}>
        {t("report.print")}
      </button>
      <nav aria-label={t("report.csv.label")}>
        <p className="report-actions-title">{t("report.csv.label")}</p>
        <a
          href={`/programs/${programId}/report.xlsx`}
          download="rapport.xlsx"
          className="report-workbook"
          aria-describedby="report-downloads-hint"
        >
          {t("report.workbook.link")}
        </a>
        <span id="report-csv-files">{t("report.csv.files")}</span>
        <ul className="report-downloads" aria-labelledby="report-csv-files">
          {REPORT_TABLES.map((table) => (
            <li key={table}>
              <CsvLink programId={programId} table={table}>
                {t(`report.csv.tables.${table}`)}
              </CsvLink>
            </li>
          ))}
        </ul>
        <p id="report-downloads-hint" className="report-downloads-hint field-hint">
          {t("report.workbook.hint")}
        </p>
      </nav>
    </div>
  );
}
