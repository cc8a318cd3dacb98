import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { visibleOrg } from "../../../orgs/server/index.ts";
import type { SchoolImportReport } from "../../shared/contract.ts";
import { localize, type Problem, readTable, type Upload } from "../csv-file.ts";
import { findByLogins } from "../people-lookup.ts";
import { linkParent } from "./link-parent.ts";

type Col = "parent" | "child";
const ALIASES: Record<Col, string[]> = {
  parent: [
    "responsable",
    "responsable légal",
    "représentant légal",
    "guardian",
    "padre",
    "madre",
    "tutor",
    "ouder",
    "voogd",
    "elternteil",
    "eltern",
    "erziehungsberechtigter",
    "genitore",
    "tutore",
  ],
  child: [
    "enfant",
    "élève",
    "eleve",
    "pupil",
    "student",
    "learner",
    "alumno",
    "hijo",
    "hija",
    "kind",
    "leerling",
    "schüler",
    "schüler:in",
    "figlio",
    "figlia",
    "alunno",
    "studente",
  ],
};

/**
 * Parent–child links from a CSV (one row per link; one parent may have several children and a
 * child several parents), people named by username or email. Parents must have the parent
 * profile; children must be pupils placed under the node. Existing links are left as they are.
 */
export async function importGuardians(k: Kernel, actor: Actor, upload: Upload, locale: Locale, apply: boolean): Promise<SchoolImportReport> {
  const org = await visibleOrg(k.db, actor, upload.orgId);
  authorize(actor, "import.run", { orgPath: org.path });
  const tid = actor.tenant.id;
  const table = readTable<Col>(upload.data, ALIASES, ["parent", "child"]);
  const problems: Problem[] = [...table.problems];
  const col = (c: Col) => table.names[c] ?? c;
  const people = await findByLogins(
    k.db,
    tid,
    table.rows.flatMap((r) => [r.get("parent"), r.get("child")]),
  );
  const seen = new Map<string, number>();
  const links: { parentId: string; childId: string; classIds: string[] }[] = [];
  const preview: SchoolImportReport["preview"] = [];
  for (const r of table.rows) {
    const before = problems.length;
    const pl = r.get("parent").toLowerCase();
    const cl = r.get("child").toLowerCase();
    if (!pl) problems.push({ line: r.line, column: col("parent"), code: "school.import.required" });
    if (!cl) problems.push({ line: r.line, column: col("child"), code: "school.import.required" });
    const parent = pl ? people.get(pl) : undefined;
    const child = cl ? people.get(cl) : undefined;
    if (pl && parent?.status !== "active") problems.push({ line: r.line, column: col("parent"), code: "school.import.person_unknown", params: { login: pl } });
    else if (parent && parent.profile !== "parent")
      problems.push({ line: r.line, column: col("parent"), code: "school.import.not_a_parent", params: { login: pl } });
    // a child outside the node is reported as unknown: the file never tells what lies elsewhere
    if (cl && (child?.status !== "active" || !child.paths.some((p) => p.startsWith(org.path))))
      problems.push({ line: r.line, column: col("child"), code: "school.import.person_unknown", params: { login: cl } });
    else if (child && child.profile !== "learner")
      problems.push({ line: r.line, column: col("child"), code: "school.import.not_a_pupil", params: { login: cl } });
    if (parent && child) {
      const key = `${parent.id}|${child.id}`;
      if (seen.has(key)) problems.push({ line: r.line, column: col("child"), code: "school.import.duplicate_row", params: { first: seen.get(key) } });
      else seen.set(key, r.line);
    }
    if (problems.length === before && parent && child) {
      links.push({ parentId: parent.id, childId: child.id, classIds: child.classIds });
      if (preview.length < 50)
        preview.push({ line: r.line, cells: [`${parent.given_name} ${parent.family_name}`, `${child.given_name} ${child.family_name}`] });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  const report: SchoolImportReport = {
    kind: "guardians",
    rows: table.rows.length,
    errors: problems.map((p) => localize(p, locale)),
    newClasses: [],
    newSubjects: [],
    preview,
    created: 0,
  };
  if (!apply) return report;
  if (problems.length) throw new AppError("school.import_has_errors", { count: problems.length }, undefined, 422, report);
  const created = await k.db.transaction().execute(async (trx) => {
    let n = 0;
    for (const l of links) n += await linkParent(trx, tid, { id: newId(), ...l });
    return n;
  });
  for (const id of new Set(links.map((l) => l.parentId))) await k.actors.changed(tid, id);
  k.record({ tenantId: tid, actorId: actor.userId, verb: "imported", objectType: "school-guardians", objectId: org.id, context: { links: created } });
  return { ...report, created };
}
