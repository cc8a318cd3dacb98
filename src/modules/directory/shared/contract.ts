import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

/**
 * Bulk import of people and classes from a CSV file (UTF-8, or Excel's Windows-1252 with
 * semicolons). The file goes as multipart/form-data: a `file` part and an `orgId` field (the
 * node under which people are placed and missing classes created).
 */
export const RowError = z.object({ line: z.number().int(), column: z.string(), code: z.string(), message: z.string() });
export type RowError = z.infer<typeof RowError>;

export const ImportReport = z.object({
  fileName: z.string(),
  encoding: z.string(),
  delimiter: z.string(),
  rows: z.number().int(),
  errors: z.array(RowError),
  newClasses: z.array(z.string()),
  preview: z.array(
    z.object({
      line: z.number().int(),
      username: z.string(),
      givenName: z.string(),
      familyName: z.string(),
      profile: z.string(),
      className: z.string().nullable(),
    }),
  ),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportStatus = z.object({
  id: z.uuid(),
  status: z.enum(["running", "done", "failed"]),
  total: z.number().int(),
  done: z.number().int(),
  createdUsers: z.number().int(),
  createdClasses: z.number().int(),
  error: z.string().nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;

/**
 * What startUserImport answers (422) when any row is bad: nothing is imported and the report
 * of checkUserImport comes back in `error.details`. Empty or non-CSV files are a plain 422
 * (`import.empty_file`, `import.not_csv`, `import.no_rows`, `import.too_many_rows`).
 */
export const ImportRefused = z.object({
  error: z.object({ code: z.literal("import.has_errors"), message: z.string(), details: ImportReport }),
});
export type ImportRefused = z.infer<typeof ImportRefused>;

export const checkUserImport = defineContract({
  method: "POST",
  path: "/api/v1/imports/users/check",
  summary: "Dry run: parse and validate a CSV of people and classes, report every bad row (line, column, reason); imports nothing",
  tags: ["people"],
  response: ImportReport,
});

export const startUserImport = defineContract({
  method: "POST",
  path: "/api/v1/imports/users",
  summary: "Import a CSV of people and classes, all or nothing; refused with the report if any row is bad. Follow progress with GET /api/v1/imports/:id",
  tags: ["people"],
  response: ImportStatus,
});

export const getUserImport = defineContract({
  method: "GET",
  path: "/api/v1/imports/:id",
  summary: "Progress of an import",
  tags: ["people"],
  params: z.object({ id: z.uuid() }),
  response: ImportStatus,
});
