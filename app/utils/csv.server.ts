/**
 * The one CSV writer of the app (eslint forbids csv-stringify anywhere else): UTF-8 with a
 * byte-order mark so that Excel reads the accents, Windows line ends, a cell with a line break in
 * quotes (csv-stringify stops quoting a lone \n or \r once `record_delimiter` is set, unless told),
 * and no live formula (docs/decisions/0017-response-encoding.md).
 *
 * A text cell that starts with =, +, -, @, a tab or a carriage return (or their full-width forms)
 * gets a leading apostrophe from csv-stringify's `escape_formulas`, so that a spreadsheet shows it
 * as text instead of running it (a tool titled `=HYPERLINK(…)` stays a title). Numbers must be
 * given as numbers: a negative number (-3) is left as it is and stays a number.
 */
import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number;

export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return stringify(rows as CsvCell[][], {
    bom: true,
    record_delimiter: "windows",
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}

/** A CSV download: `filename` must be plain ASCII (it goes in the header as it is). */
export function csvResponse(filename: string, rows: ReadonlyArray<ReadonlyArray<CsvCell>>) {
  return new Response(toCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
