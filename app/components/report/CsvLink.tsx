import type { ReactNode } from "react";
import type { ReportTable } from "../../../core/models/report/csv";

/** A download link to one of the report's CSV files (`programs.$programId.report[.]csv.tsx`). */
export function CsvLink({
  programId,
  table,
  children,
}: {
  programId: string;
  table: ReportTable;
  children: ReactNode;
}) {
  return (
    <a href={`/programs/${programId}/report.csv?table=${table}`} download={`rapport-${table}.csv`}>
      {children}
    </a>
  );
}
