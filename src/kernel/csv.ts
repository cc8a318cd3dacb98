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
