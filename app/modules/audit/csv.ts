// CSV for spreadsheets (RFC 4180): every field quoted, inner quotes doubled, CRLF line ends, and a cell
// that a spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe.
const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Rows to a CSV document with a byte-order mark, so spreadsheets read accents as UTF-8. */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
