/** Reading CSV files back in tests (the app only writes them: app/utils/csv.server.ts). */

/**
 * RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; a line break
 * outside quotes ends a record in a spreadsheet, so anywhere else than a record's end it is an error.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      records.push([...record, field]);
      record = [];
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      throw new Error(`a line break outside quotes at ${i}`);
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error("unclosed quote");
  if (record.length || field) throw new Error("no line end after the last record");
  return records;
}
