import { parse } from "csv-parse/sync";
import { AppError } from "./errors.ts";
import type { Locale } from "./i18n.ts";

export type CsvValue = string | number | null;

const csvCell = (v: CsvValue, locale: Locale) => {
  if (v === null) return "";
  if (typeof v === "number") return new Intl.NumberFormat(locale, { maximumFractionDigits: 4, useGrouping: false }).format(v);
  // a leading = + - @ would run as a formula in a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** CSV with semicolons and numbers in the reader's locale, UTF-8 with BOM, as spreadsheets in our locales expect. */
export const csvDocument = (rows: CsvValue[][], locale: Locale) => `\uFEFF${rows.map((r) => r.map((c) => csvCell(c, locale)).join(";")).join("\r\n")}\r\n`;

/** A header or a cell as people's CSVs are compared: accents dropped, trimmed, lower case ("Rôle " → "role"). */
export const foldCell = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();

/** Headers of a username column, folded, in our six languages. */
export const LOGIN_HEADERS = new Set([
  "username",
  "login",
  "identifiant",
  "utilisateur",
  "user",
  "nom d'utilisateur",
  "usuario",
  "gebruikersnaam",
  "benutzername",
  "utente",
]);
/** Headers of an email column, folded. */
export const EMAIL_HEADERS = new Set(["email", "e-mail", "mail", "courriel", "adresse e-mail", "correo"]);

type CsvRefusal = string | { code: string; params: Record<string, unknown> };

/**
 * The records of a CSV that a person pasted or chose, header first: BOM dropped, line endings
 * unified, empty lines skipped, the delimiter (`;`, `,` or tab) the one found most on the header
 * line. A file that does not parse, has no row after the header, or more than `maxRows` rows is
 * refused as a validation error on the `csv` field, with the caller's code for each case.
 */
export function readCsv(
  csv: string,
  o: { maxRows: number; trim: boolean },
  refuse: { unreadable: CsvRefusal; empty: CsvRefusal; tooMany: CsvRefusal },
): string[][] {
  const fail = (r: CsvRefusal) => new AppError("validation", {}, { csv: typeof r === "string" ? { code: r } : r });
  const text = csv.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const header = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  const delimiter = [";", ",", "\t"].map((d) => [d, header.split(d).length] as const).sort((x, y) => y[1] - x[1])[0][0];
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: o.trim });
  } catch {
    throw fail(refuse.unreadable);
  }
  if (records.length < 2) throw fail(refuse.empty);
  if (records.length - 1 > o.maxRows) throw fail(refuse.tooMany);
  return records;
}
