import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { AppError } from "../../../kernel/errors.ts";

/** A file-level problem (nothing to report row by row): 422 with a message saying what to do. */
export const fileError = (code: string, params: Record<string, unknown> = {}) => new AppError(`import.${code}`, params, undefined, 422);

export const MAX_ROWS = 50_000;

export type Decoded = { text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8, UTF-16 when a BOM says so (Excel's
 * "Unicode text"), else Windows-1252 (Excel's "CSV" on Windows). Spreadsheets and other binary
 * files are refused with a hint.
 */
export function decode(data: Buffer): Decoded {
  if (data.length === 0) throw fileError("empty_file");
  // xlsx/ods (zip) and xls (OLE2) workbooks: the most common mistake
  if (data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || data.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw fileError("not_csv");
  }
  let d: Decoded;
  if (data[0] === 0xff && data[1] === 0xfe) d = { text: iconv.decode(data, "utf-16le"), encoding: "utf-16le" };
  else if (data[0] === 0xfe && data[1] === 0xff) d = { text: iconv.decode(data, "utf-16be"), encoding: "utf-16be" };
  else {
    try {
      d = { text: utf8.decode(data), encoding: "utf-8" }; // drops a leading BOM
    } catch {
      d = { text: iconv.decode(data, "win1252"), encoding: "windows-1252" };
    }
  }
  d.text = d.text.replace(/^\uFEFF/, "");
  if (d.text.includes("\u0000")) throw fileError("not_csv");
  if (d.text.trim() === "") throw fileError("empty_file");
  return d;
}

const CANDIDATES = [";", ",", "\t"] as const;

/** The delimiter is the candidate found most often on the header line (ties: `;`, then `,`, then tab). */
export function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r|\n|$/));
  let best: string = ",";
  let bestCount = 0;
  for (const c of CANDIDATES) {
    const n = header.split(c).length - 1;
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

export type CsvRecord = { line: number; cells: string[] };
export type CsvProblem = { line: number; code: string };
export type ParsedCsv = { encoding: string; delimiter: string; header: CsvRecord; records: CsvRecord[]; problems: CsvProblem[] };

/**
 * Decodes and splits a file into records with the line each starts on (header = line 1), with
 * csv-parse. Empty lines are skipped; a record with broken quoting is reported, not fatal.
 */
export function parseCsv(data: Buffer): ParsedCsv {
  const { text: raw, encoding } = decode(data);
  // one line ending everywhere, so line numbers count what an editor shows
  const text = raw.replace(/\r\n?/g, "\n");
  const delimiter = detectDelimiter(text);
  const problems: CsvProblem[] = [];
  const out = parse(text, {
    delimiter,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      problems.push({ line: err && "lines" in err ? Number(err.lines) : 0, code: "import.bad_quotes" });
      return undefined;
    },
  }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
  const records: CsvRecord[] = out
    .filter((r) => r.record.some((c) => c.trim() !== ""))
    .map((r) => {
      // info.lines is where the record ends; a quoted field may span lines
      const spans = (r.raw.replace(/^\n+/, "").replace(/\n$/, "").match(/\n/g) ?? []).length;
      return { line: r.info.lines - spans, cells: r.record };
    });
  const [header, ...rows] = records;
  if (!header) throw fileError("empty_file");
  if (rows.length === 0 && problems.length === 0) throw fileError("no_rows");
  if (rows.length > MAX_ROWS) throw fileError("too_many_rows", { max: MAX_ROWS });
  return { encoding, delimiter, header, records: rows, problems };
}

/** One cell of a CSV we write (semicolons): quoted when needed, and a leading = + - @ defused, or a spreadsheet would run it as a formula. */
export const csvCell = (s: string) => {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
