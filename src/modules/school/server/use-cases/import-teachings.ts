import { type Actor, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { insertRole } from "../../../accounts/server/index.ts";
import { foldName } from "../../../directory/server/index.ts";
import { insertOrg, visibleOrg } from "../../../orgs/server/index.ts";
import type { SchoolImportReport } from "../../shared/contract.ts";
import { managesPath, rootPath } from "../access.ts";
import { localize, type Problem, readTable, type Upload } from "../csv-file.ts";
import { findByLogins } from "../people-lookup.ts";

type Col = "class" | "subject" | "subject_name" | "color" | "teacher";
const ALIASES: Record<Col, string[]> = {
  class: ["classe", "clase", "klas", "klasse", "division"],
  subject: ["matière", "code matière", "code_matiere", "subject code", "asignatura", "vak", "fach", "materia", "discipline"],
  subject_name: ["subject name", "nom matière", "libellé matière", "libellé", "nombre asignatura", "vaknaam", "fachname", "nome materia"],
  color: ["colour", "couleur", "kleur", "farbe", "colore"],
  teacher: ["enseignant", "professeur", "profesor", "docente", "docent", "leraar", "lehrer", "lehrkraft", "insegnante"],
};
const CODE = /^[A-Za-z0-9._-]{1,20}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
/** colours given to new subjects without one, in turn */
const PALETTE = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];
const TEACHING = new Set(["teacher", "staff", "admin"]);

type Plan = { line: number; classKey: string; className: string; subjectKey: string; teacherId: string | null };

/**
 * Classes, subjects and teachers of a school from a CSV (one row per class and subject, teacher
 * optional). Missing classes are created under the node, missing subjects when the row names them.
 * The dry run reports every bad row; the import runs only when none is bad, in one transaction.
 */
export async function importTeachings(k: Kernel, actor: Actor, upload: Upload, locale: Locale, apply: boolean): Promise<SchoolImportReport> {
  const org = await visibleOrg(k.db, actor, upload.orgId);
  authorize(actor, "import.run", { orgPath: org.path });
  if (org.archived_at) throw new AppError("validation", {}, { orgId: { code: "orgs.parent_archived" } });
  const tid = actor.tenant.id;
  const table = readTable<Col>(upload.data, ALIASES, ["class", "subject"]);
  const problems: Problem[] = [...table.problems];
  const col = (c: Col) => table.names[c] ?? c;

  const classes = await k.db
    .selectFrom("orgs")
    .select(["id", "name", "code"])
    .where("tenant_id", "=", tid)
    .where("path", "like", `${org.path}%`)
    .where("kind", "=", "class")
    .where("archived_at", "is", null)
    .execute();
  const subjects = await k.db.selectFrom("school_subjects").select(["id", "code", "name", "archived_at"]).where("tenant_id", "=", tid).execute();
  const subjectByCode = new Map(subjects.map((s) => [s.code.toLowerCase(), s]));
  const canAddSubjects = managesPath(actor, rootPath(actor));
  const teachers = await findByLogins(
    k.db,
    tid,
    table.rows.map((r) => r.get("teacher")),
  );

  const newClasses = new Map<string, string>();
  const classOf = new Map<string, string>();
  const newSubjects = new Map<string, { code: string; name: string; color: string }>();
  const seen = new Map<string, number>();
  const plans: Plan[] = [];
  for (const r of table.rows) {
    const before = problems.length;
    const className = r.get("class");
    const code = r.get("subject");
    const name = r.get("subject_name");
    const color = r.get("color");
    const login = r.get("teacher").toLowerCase();
    if (!className) problems.push({ line: r.line, column: col("class"), code: "school.import.required" });
    if (!code) problems.push({ line: r.line, column: col("subject"), code: "school.import.required" });
    else if (!CODE.test(code)) problems.push({ line: r.line, column: col("subject"), code: "school.import.subject_code" });
    if (color && !COLOR.test(color)) problems.push({ line: r.line, column: col("color"), code: "school.import.color" });
    const classKey = foldName(className);
    if (className && !classOf.has(classKey) && !newClasses.has(classKey)) {
      const byCode = classes.find((c) => c.code?.toLowerCase() === className.toLowerCase());
      const byName = classes.filter((c) => foldName(c.name) === classKey);
      if (byCode) classOf.set(classKey, byCode.id);
      else if (byName.length === 1) classOf.set(classKey, byName[0].id);
      else if (byName.length > 1)
        problems.push({ line: r.line, column: col("class"), code: "school.import.class_ambiguous", params: { name: className, count: byName.length } });
      else newClasses.set(classKey, className);
    }
    const subjectKey = code.toLowerCase();
    if (code && CODE.test(code)) {
      const s = subjectByCode.get(subjectKey);
      if (s?.archived_at) problems.push({ line: r.line, column: col("subject"), code: "school.import.subject_archived", params: { code } });
      else if (!s && !newSubjects.has(subjectKey)) {
        if (!name) problems.push({ line: r.line, column: col("subject"), code: "school.import.subject_unknown", params: { code } });
        else if (!canAddSubjects) problems.push({ line: r.line, column: col("subject"), code: "school.import.subject_not_allowed", params: { code } });
        else if (name.length > 120) problems.push({ line: r.line, column: col("subject_name"), code: "school.import.too_long", params: { max: 120 } });
        else newSubjects.set(subjectKey, { code, name, color: color && COLOR.test(color) ? color.toLowerCase() : PALETTE[newSubjects.size % PALETTE.length] });
      }
    }
    let teacherId: string | null = null;
    if (login) {
      const p = teachers.get(login);
      // someone the importer cannot see is reported exactly as someone who does not exist
      if (p?.status !== "active" || !p.paths.some((path) => managesPath(actor as UserActor, path)))
        problems.push({ line: r.line, column: col("teacher"), code: "school.import.teacher_unknown", params: { login } });
      else if (!TEACHING.has(p.profile)) problems.push({ line: r.line, column: col("teacher"), code: "school.import.not_a_teacher", params: { login } });
      else teacherId = p.id;
    }
    const key = `${classKey}|${subjectKey}|${login}`;
    if (className && code && seen.has(key))
      problems.push({ line: r.line, column: col("subject"), code: "school.import.duplicate_row", params: { first: seen.get(key) } });
    else seen.set(key, r.line);
    if (problems.length === before) plans.push({ line: r.line, classKey, className, subjectKey, teacherId });
  }

  problems.sort((a, b) => a.line - b.line);
  const report: SchoolImportReport = {
    kind: "teachings",
    rows: table.rows.length,
    errors: problems.map((p) => localize(p, locale)),
    newClasses: [...newClasses.values()],
    newSubjects: [...newSubjects.values()].map((s) => `${s.code} — ${s.name}`),
    preview: table.rows
      .filter((r) => plans.some((p) => p.line === r.line))
      .slice(0, 50)
      .map((r) => ({ line: r.line, cells: r.cells })),
    created: 0,
  };
  if (!apply) return report;
  if (problems.length) throw new AppError("school.import_has_errors", { count: problems.length }, undefined, 422, report);

  const teacherIds = new Set<string>();
  const created = await k.db.transaction().execute(async (trx) => {
    for (const [key, name] of newClasses) {
      const id = newId();
      await insertOrg(trx, tid, { id, parent_id: org.id, path: `${org.path}${id}/`, name, kind: "class", code: null, primary_color: null, logo_url: null });
      classOf.set(key, id);
    }
    const subjectIds = new Map([...subjectByCode].map(([c, s]) => [c, s.id]));
    if (newSubjects.size) {
      const values = [...newSubjects].map(([key, s]) => {
        const id = newId();
        subjectIds.set(key, id);
        return { tenant_id: tid, id, code: s.code, name: s.name, color: s.color };
      });
      await trx.insertInto("school_subjects").values(values).execute();
    }
    const rows = plans
      .filter((p) => p.teacherId)
      .map((p) => ({ tenant_id: tid, id: newId(), class_id: classOf.get(p.classKey)!, subject_id: subjectIds.get(p.subjectKey)!, teacher_id: p.teacherId! }));
    if (rows.length === 0) return 0;
    const r = await trx
      .insertInto("school_teachings")
      .values(rows)
      .onConflict((oc) => oc.columns(["tenant_id", "class_id", "subject_id", "teacher_id"]).doNothing())
      .executeTakeFirst();
    const places = new Map(rows.map((x) => [`${x.teacher_id}|${x.class_id}`, x]));
    for (const x of places.values()) {
      await insertRole(trx, tid, { id: newId(), user_id: x.teacher_id, org_id: x.class_id, role: "teacher" });
      teacherIds.add(x.teacher_id);
    }
    return Number(r.numInsertedOrUpdatedRows ?? 0n);
  });
  for (const id of teacherIds) await k.actors.changed(tid, id);
  k.record({
    tenantId: tid,
    actorId: actor.userId,
    verb: "imported",
    objectType: "school-teachings",
    objectId: org.id,
    context: { classes: newClasses.size, subjects: newSubjects.size, teachings: created },
  });
  return { ...report, created };
}
