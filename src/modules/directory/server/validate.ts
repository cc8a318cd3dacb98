import { z } from "zod";
import { PASSWORD_MIN } from "../../../kernel/auth/password.ts";
import type { Profile } from "../../../kernel/db/schema.ts";
import { USERNAME } from "../../accounts/shared/contract.ts";
import { type Column, columnOf, foldName, profileOf, REQUIRED_COLUMNS } from "./columns.ts";
import type { ParsedCsv } from "./csv.ts";

/** A problem found in the file, before it is localized: the line as in the file, the column as in its header. */
export type Problem = { line: number; column: string; code: string; params?: Record<string, unknown> };

export type PlannedRow = {
  line: number;
  username: string;
  email: string | null;
  givenName: string;
  familyName: string;
  profile: Profile;
  password: string | null;
  className: string | null;
  /** folded class name, the key classes are matched and created by */
  classKey: string | null;
};

/** What every row names, when well-formed: to check against the platform even when the row has other problems. */
export type RowKeys = { line: number; username: string | null; email: string | null; className: string | null };

export type Validated = {
  /** rows with no problem of their own (they may still clash with the platform) */
  rows: PlannedRow[];
  /** usernames and emails (lowercased, first occurrence in the file only) and class names of every row */
  keys: RowKeys[];
  problems: Problem[];
  /** header text of each known column present, to name columns in reports */
  columnNames: Partial<Record<Column, string>>;
};

const MAX = { username: 120, email: 254, name: 100, className: 200, password: 200 };
const email = z.email();

/**
 * Everything that can be checked from the file alone: the header (unknown, repeated and missing
 * columns are line-1 problems), column counts, required values, formats, and duplicates inside
 * the file. Every bad row is reported, not just the first.
 */
export function validateRows(csv: ParsedCsv): Validated {
  const problems: Problem[] = csv.problems.map((p) => ({ line: p.line, column: "", code: p.code }));
  const index: Partial<Record<Column, number>> = {};
  const columnNames: Partial<Record<Column, string>> = {};
  csv.header.cells.forEach((raw, i) => {
    const name = raw.trim();
    if (name === "") return; // an unnamed column (a trailing delimiter) is ignored
    const col = columnOf(name);
    if (!col) problems.push({ line: csv.header.line, column: name, code: "import.unknown_column" });
    else if (index[col] !== undefined)
      problems.push({ line: csv.header.line, column: name, code: "import.duplicate_column", params: { first: columnNames[col] } });
    else {
      index[col] = i;
      columnNames[col] = name;
    }
  });
  for (const col of REQUIRED_COLUMNS) {
    if (index[col] === undefined) problems.push({ line: csv.header.line, column: col, code: "import.missing_column", params: { name: col } });
  }

  const width = csv.header.cells.length;
  const rows: PlannedRow[] = [];
  const keys: RowKeys[] = [];
  const seenUsername = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  for (const rec of csv.records) {
    const { line, cells } = rec;
    // extra cells are tolerated only when empty (a trailing delimiter)
    if (cells.length < width || cells.slice(width).some((c) => c.trim() !== "")) {
      problems.push({ line, column: "", code: "import.column_count", params: { found: cells.length, expected: width } });
      continue;
    }
    const before = problems.length;
    const at = (col: Column) => (index[col] === undefined ? undefined : cells[index[col]!]);
    const bad = (col: Column, code: string, params?: Record<string, unknown>) => problems.push({ line, column: columnNames[col] ?? col, code, params });
    const text = (col: Column, max: number, required: boolean) => {
      const v = at(col);
      if (v === undefined) return null;
      const s = v.trim().replace(/\s+/g, " ");
      if (s === "") {
        if (required) bad(col, "import.required");
        return null;
      }
      if (s.length > max) {
        bad(col, "import.too_long", { max });
        return null;
      }
      return s;
    };

    const k: RowKeys = { line, username: null, email: null, className: null };
    const username = text("username", MAX.username, true)?.toLowerCase() ?? null;
    if (username !== null) {
      if (!USERNAME.test(username)) bad("username", "import.username_format");
      else if (seenUsername.has(username)) bad("username", "import.duplicate_in_file", { first: seenUsername.get(username) });
      else {
        seenUsername.set(username, line);
        k.username = username;
      }
    }
    const mail = text("email", MAX.email, false);
    if (mail !== null) {
      const key = mail.toLowerCase();
      if (!email.safeParse(mail).success) bad("email", "import.email_format");
      else if (seenEmail.has(key)) bad("email", "import.duplicate_in_file", { first: seenEmail.get(key) });
      else {
        seenEmail.set(key, line);
        k.email = key;
      }
    }
    const givenName = text("given_name", MAX.name, true);
    const familyName = text("family_name", MAX.name, true);
    const profileText = text("profile", 100, true);
    const profile = profileText === null ? undefined : profileOf(profileText);
    if (profileText !== null && !profile) bad("profile", "import.unknown_profile", { value: profileText });
    const className = text("class", MAX.className, false);
    k.className = className;
    keys.push(k);
    // passwords are taken as typed (no trimming inside), but a blank cell means "none"
    const pw = at("password");
    const password = pw === undefined || pw.trim() === "" ? null : pw;
    if (password !== null && password.length < PASSWORD_MIN) bad("password", "import.password_short", { min: PASSWORD_MIN });
    else if (password !== null && password.length > MAX.password) bad("password", "import.too_long", { max: MAX.password });

    if (problems.length > before || !username || !givenName || !familyName || !profile) continue;
    rows.push({ line, username, email: mail, givenName, familyName, profile, password, className, classKey: className ? foldName(className) : null });
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, keys, problems, columnNames };
}
