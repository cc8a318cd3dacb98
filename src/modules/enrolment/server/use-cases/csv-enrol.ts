import { sql } from "kysely";
import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { EMAIL_HEADERS, foldCell, LOGIN_HEADERS, readCsv } from "../../../../kernel/csv.ts";
import type { CourseRole } from "../../../../kernel/db/schema.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { upsertMember, usersUnder } from "../repo.ts";
import { checkSeats } from "./add-members.ts";

export const MAX_CSV_ROWS = 5000;

const ROLE_HEADERS = new Set(["role", "rol", "rolle", "ruolo"]);
const ROLES: Record<string, CourseRole> = {
  learner: "learner",
  student: "learner",
  apprenant: "learner",
  eleve: "learner",
  etudiant: "learner",
  alumno: "learner",
  leerling: "learner",
  lernende: "learner",
  studente: "learner",
  teacher: "teacher",
  enseignant: "teacher",
  formateur: "teacher",
  profesor: "teacher",
  docent: "teacher",
  lehrer: "teacher",
  lehrkraft: "teacher",
  docente: "teacher",
  assistant: "assistant",
  "non-editing teacher": "assistant",
  tuteur: "assistant",
  manager: "manager",
  gestionnaire: "manager",
  responsable: "manager",
  observer: "observer",
  observateur: "observer",
  parent: "observer",
  auditeur: "observer",
};

type Row = { line: number; login: string; role: string; outcome: "enrol" | "already" | "restore" | "error"; error: string | null; name: string | null };

/**
 * Enrols people listed in a CSV: a column username (or email) and an optional role (learner by
 * default). A dry run reports what each line would do; otherwise the valid lines are applied
 * and the report says what was done. People must be placed in the course's branch.
 */
export async function csvEnrol(k: Kernel, actor: Actor, courseId: string, input: { csv: string; dryRun: boolean }, locale: Locale) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  const me = actor as UserActor;
  const tenantId = me.tenant.id;
  const records = readCsv(
    input.csv,
    { maxRows: MAX_CSV_ROWS, trim: true },
    { unreadable: "enrolment.csv_unreadable", empty: "enrolment.csv_empty", tooMany: { code: "enrolment.csv_too_many", params: { maximum: MAX_CSV_ROWS } } },
  );
  const cols = records[0].map(foldCell);
  const loginCol = cols.findIndex((c) => LOGIN_HEADERS.has(c));
  const emailCol = cols.findIndex((c) => EMAIL_HEADERS.has(c));
  const roleCol = cols.findIndex((c) => ROLE_HEADERS.has(c));
  if (loginCol < 0 && emailCol < 0) throw new AppError("validation", {}, { csv: { code: "enrolment.csv_no_login" } });
  const lines = records.slice(1).map((cells, i) => ({
    line: i + 2,
    login: ((loginCol >= 0 ? cells[loginCol] : "") || (emailCol >= 0 ? cells[emailCol] : "") || "").toLowerCase(),
    role: roleCol >= 0 ? (cells[roleCol] ?? "") : "",
  }));
  const logins = [...new Set(lines.map((l) => l.login).filter(Boolean))];
  const users = logins.length
    ? await k.db
        .selectFrom("users")
        .select(["id", "username", "email", "given_name", "family_name"])
        .where("tenant_id", "=", tenantId)
        .where("status", "=", "active")
        .where((eb) => eb.or([eb("username", "in", logins), eb(sql`lower(email)`, "in", logins)]))
        .execute()
    : [];
  const byLogin = new Map<string, (typeof users)[number]>();
  for (const u of users) {
    if (u.email) byLogin.set(u.email.toLowerCase(), u);
  }
  for (const u of users) byLogin.set(u.username, u); // a username wins over someone's email
  const inBranch = await usersUnder(
    k.db,
    tenantId,
    a.course.org_path,
    users.map((u) => u.id),
  );
  const current = users.length
    ? await k.db
        .selectFrom("course_members")
        .select(["user_id", "role", "status"])
        .where("tenant_id", "=", tenantId)
        .where("course_id", "=", courseId)
        .where(
          "user_id",
          "in",
          users.map((u) => u.id),
        )
        .execute()
    : [];
  const stateOf = new Map(current.map((c) => [`${c.user_id}:${c.role}`, c.status]));
  const seen = new Set<string>();
  const rows: (Row & { userId?: string; courseRole?: CourseRole })[] = lines.map((l) => {
    const fail = (code: string) => ({ ...l, outcome: "error" as const, error: t(locale, `errors.enrolment.${code}`), name: null });
    if (!l.login) return fail("csv_missing_login");
    const u = byLogin.get(l.login);
    if (!u || !inBranch.has(u.id)) return fail("csv_unknown_person");
    const role = l.role ? ROLES[foldCell(l.role)] : "learner";
    if (!role) return fail("csv_bad_role");
    if (role !== "learner" && role !== "observer" && !a.canEdit) return fail("csv_role_not_allowed");
    const key = `${u.id}:${role}`;
    if (seen.has(key)) return fail("csv_duplicate");
    seen.add(key);
    const name = `${u.given_name} ${u.family_name}`;
    const s = stateOf.get(key);
    const outcome = s === "active" ? "already" : s ? "restore" : "enrol";
    return { ...l, role, outcome, error: null, name, userId: u.id, courseRole: role };
  });
  const todo = rows.filter((r) => r.outcome === "enrol" || r.outcome === "restore");
  const counts = { enrol: 0, already: 0, restore: 0, error: 0 };
  for (const r of rows) counts[r.outcome]++;
  let applied = false;
  if (!input.dryRun && todo.length) {
    await checkSeats(k, a, todo.filter((r) => r.courseRole === "learner").length);
    for (const r of todo) await upsertMember(k.db, tenantId, courseId, { userId: r.userId!, role: r.courseRole!, status: "active", source: "csv" });
    k.record({ tenantId, actorId: me.userId, verb: "enrolled", objectType: "course", objectId: courseId, context: { method: "csv", count: todo.length } });
    applied = true;
  }
  return { dryRun: input.dryRun, rows: rows.map(({ userId: _u, courseRole: _r, ...r }) => r), counts, applied };
}
