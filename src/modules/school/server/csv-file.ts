import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError, type FieldErrors } from "../../../kernel/errors.ts";
import { type Locale, t } from "../../../kernel/i18n.ts";
import { fold, parseCsv } from "../../directory/server/index.ts";
import type { ImportRowError } from "../shared/contract.ts";

export type Upload = { orgId: string; data: Buffer };

const OrgId = z.uuid();
const MAX_BYTES = 5 * 1024 * 1024;

/** Reads the multipart form: a `file` part and an `orgId` field, in either order (as the people import). */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  const fields: FieldErrors = {};
  let data: Buffer | undefined;
  let orgId: unknown;
  if (req.isMultipart()) {
    for await (const part of req.parts()) {
      if (part.type === "file") {
        const buf = await part.toBuffer(); // always drained, or the next part never comes
        if (part.fieldname === "file" && !data) data = buf;
      } else if (part.fieldname === "orgId") orgId = part.value;
    }
  }
  if (!data) fields.file = { code: "field.required" };
  else if (data.length > MAX_BYTES) throw new AppError("payload_too_large");
  if (orgId === undefined || orgId === "") fields.orgId = { code: "field.required" };
  else if (!OrgId.safeParse(orgId).success) fields.orgId = { code: "field.format_uuid" };
  if (Object.keys(fields).length) throw new AppError("validation", {}, fields);
  return { orgId: orgId as string, data: data! };
}

export type Problem = { line: number; column: string; code: string; params?: Record<string, unknown> };

export type Table<C extends string> = {
  rows: { line: number; get(c: C): string; cells: string[] }[];
  problems: Problem[];
  /** the header's text of each column present */
  names: Partial<Record<C, string>>;
};

/**
 * Parses the file (encoding and delimiter detected as for the people import) and maps its header
 * to the known columns by their aliases in six languages: unknown, repeated and missing required
 * columns are line-1 problems.
 */
export function readTable<C extends string>(data: Buffer, aliases: Record<C, string[]>, required: C[]): Table<C> {
  const csv = parseCsv(data);
  const problems: Problem[] = csv.problems.map((p) => ({ line: p.line, column: "", code: p.code }));
  const byAlias = new Map<string, C>();
  for (const [c, list] of Object.entries(aliases) as [C, string[]][]) for (const a of [c, ...list]) byAlias.set(fold(a), c);
  const index: Partial<Record<C, number>> = {};
  const names: Partial<Record<C, string>> = {};
  csv.header.cells.forEach((raw, i) => {
    const name = raw.trim();
    if (name === "") return;
    const c = byAlias.get(fold(name));
    if (!c) problems.push({ line: csv.header.line, column: name, code: "school.import.unknown_column" });
    else if (index[c] !== undefined) problems.push({ line: csv.header.line, column: name, code: "import.duplicate_column", params: { first: names[c] } });
    else {
      index[c] = i;
      names[c] = name;
    }
  });
  for (const c of required) if (index[c] === undefined) problems.push({ line: csv.header.line, column: c, code: "school.import.missing_column" });
  const rows = csv.records.map((r) => ({
    line: r.line,
    cells: r.cells.map((x) => x.trim()),
    get: (c: C) => (index[c] === undefined ? "" : (r.cells[index[c]!] ?? "").trim()),
  }));
  return { rows, problems, names };
}

export function localize(p: Problem, locale: Locale): ImportRowError {
  return { line: p.line, column: p.column, code: p.code, message: t(locale, `errors.${p.code}`, { column: p.column, ...p.params }) };
}
