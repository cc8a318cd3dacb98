import { type Actor, authorize, type UserActor } from "../../../kernel/auth/actor.ts";
import { AppError } from "../../../kernel/errors.ts";
import { type Locale, t } from "../../../kernel/i18n.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { type OrgRow, visibleOrg } from "../../orgs/server/index.ts";
import type { ImportReport, RowError } from "../shared/contract.ts";
import { foldName } from "./columns.ts";
import { parseCsv } from "./csv.ts";
import { findClassCandidates, findTaken } from "./repo.ts";
import type { ImportRunner } from "./runner.ts";
import { type PlannedRow, type Problem, validateRows } from "./validate.ts";

export type Upload = { orgId: string; fileName: string; data: Buffer };

export type Prepared = {
  actor: UserActor;
  org: OrgRow;
  report: ImportReport;
  /** the rows to create (all of them when the report has no error) */
  rows: PlannedRow[];
  /** folded class name → existing node */
  existingClasses: Map<string, string>;
  /** classes to create, by folded name, with the spelling first met in the file */
  newClasses: { key: string; name: string }[];
};

const PREVIEW = 10;

/**
 * What both the dry run and the real run do first: authorize, parse, check every row against
 * the file and the platform (one query for taken usernames and emails, one for classes), and
 * report every problem, localized.
 */
export async function prepareImport(k: Kernel, runner: ImportRunner, actor: Actor, upload: Upload, locale: Locale): Promise<Prepared> {
  const org = await visibleOrg(k.db, actor, upload.orgId);
  authorize(actor, "import.run", { orgPath: org.path });
  if (org.archived_at) throw new AppError("validation", {}, { orgId: { code: "orgs.parent_archived" } });
  const tenantId = actor.tenant.id;
  // an import a stopped server left half done still holds its usernames: undo it first
  await runner.sweep(tenantId);

  const csv = parseCsv(upload.data);
  const v = validateRows(csv);
  const problems: Problem[] = [...v.problems];
  const col = (c: keyof typeof v.columnNames) => v.columnNames[c] ?? c;

  // clashes with people already on the platform
  const usernames = v.keys.filter((r) => r.username).map((r) => r.username!);
  const emails = v.keys.filter((r) => r.email).map((r) => r.email!);
  const taken = await findTaken(k.db, tenantId, usernames, emails);
  const takenUsernames = new Set(taken.map((r) => r.username));
  const takenEmails = new Set(taken.map((r) => r.email).filter((e): e is string => !!e));
  for (const r of v.keys) {
    if (r.username && takenUsernames.has(r.username)) problems.push({ line: r.line, column: col("username"), code: "import.username_taken" });
    if (r.email && takenEmails.has(r.email)) problems.push({ line: r.line, column: col("email"), code: "import.email_taken" });
  }

  // classes: reused when a node of that code, or a single class or group of that name, lies under the node
  const classNames = new Map<string, string>();
  for (const r of v.keys) if (r.className && !classNames.has(foldName(r.className))) classNames.set(foldName(r.className), r.className);
  const existingClasses = new Map<string, string>();
  const newClasses: { key: string; name: string }[] = [];
  const ambiguous = new Map<string, number>();
  if (classNames.size) {
    const candidates = await findClassCandidates(
      k.db,
      tenantId,
      org.path,
      [...classNames.values()].map((n) => n.toLowerCase()),
    );
    for (const [key, name] of classNames) {
      const byCode = candidates.find((c) => c.code !== null && c.code.toLowerCase() === name.toLowerCase());
      const byName = candidates.filter((c) => (c.kind === "class" || c.kind === "group") && foldName(c.name) === key);
      if (byCode) existingClasses.set(key, byCode.id);
      else if (byName.length === 1) existingClasses.set(key, byName[0].id);
      else if (byName.length > 1) ambiguous.set(key, byName.length);
      else newClasses.push({ key, name });
    }
    for (const r of v.keys) {
      const key = r.className ? foldName(r.className) : null;
      if (key && ambiguous.has(key))
        problems.push({ line: r.line, column: col("class"), code: "import.class_ambiguous", params: { name: r.className, count: ambiguous.get(key) } });
    }
  }

  const bad = new Set(problems.map((p) => p.line));
  const rows = v.rows.filter((r) => !bad.has(r.line));
  const used = new Set(rows.map((r) => r.classKey));
  problems.sort((a, b) => a.line - b.line);
  const report: ImportReport = {
    fileName: upload.fileName,
    encoding: csv.encoding,
    delimiter: csv.delimiter,
    rows: csv.records.length,
    errors: problems.map((p) => localize(p, locale)),
    newClasses: newClasses.filter((c) => used.has(c.key)).map((c) => c.name),
    preview: rows.slice(0, PREVIEW).map((r) => ({
      line: r.line,
      username: r.username,
      givenName: r.givenName,
      familyName: r.familyName,
      profile: r.profile,
      className: r.className,
    })),
  };
  return { actor, org, report, rows, existingClasses, newClasses };
}

function localize(p: Problem, locale: Locale): RowError {
  if (p.code === "import.missing_column") {
    const name = t(locale, `errors.import.columns.${p.params?.name}`);
    return { line: p.line, column: name, code: p.code, message: t(locale, "errors.import.missing_column", { name }) };
  }
  return { line: p.line, column: p.column, code: p.code, message: t(locale, `errors.${p.code}`, { column: p.column, ...p.params }) };
}
