import { type Actor, authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { foldName } from "../../../directory/server/index.ts";
import { visibleOrg } from "../../../orgs/server/index.ts";
import { findByLogins, localize, managesPath, type Problem, readTable, type Upload } from "../../../school/server/index.ts";
import type { TimetableImportReport } from "../../shared/contract.ts";
import { weekdayOf } from "../../shared/week.ts";
import { readIcs } from "../ics.ts";

type Col = "class" | "subject" | "teacher" | "room" | "day" | "start" | "end" | "weeks" | "from" | "to";
const ALIASES: Record<Col, string[]> = {
  class: ["classe", "clase", "klas", "klasse", "division"],
  subject: ["matière", "code matière", "asignatura", "vak", "fach", "materia", "discipline"],
  teacher: ["enseignant", "professeur", "profesor", "docente", "docent", "leraar", "lehrer", "lehrkraft", "insegnante"],
  room: ["salle", "sala", "lokaal", "raum", "aula"],
  day: ["jour", "día", "dia", "dag", "tag", "giorno", "weekday"],
  start: ["début", "heure de début", "inicio", "begin", "beginn", "inizio", "starts"],
  end: ["fin", "heure de fin", "einde", "ende", "fine", "ends"],
  weeks: ["semaine", "semaines", "week", "semana", "woche", "settimana"],
  from: ["du", "à partir du", "desde", "vanaf", "ab", "dal"],
  to: ["au", "jusqu'au", "hasta", "tot", "bis", "al"],
};
const DAYS: Record<string, number> = {};
[
  ["lundi", "monday", "lunes", "maandag", "montag", "lunedi", "lun", "mon", "ma", "mo"],
  ["mardi", "tuesday", "martes", "dinsdag", "dienstag", "martedi", "mar", "tue", "di"],
  ["mercredi", "wednesday", "miercoles", "woensdag", "mittwoch", "mercoledi", "mer", "wed", "mie", "wo", "mi"],
  ["jeudi", "thursday", "jueves", "donderdag", "donnerstag", "giovedi", "jeu", "thu", "jue", "do", "gio"],
  ["vendredi", "friday", "viernes", "vrijdag", "freitag", "venerdi", "ven", "fri", "vie", "vr", "fr"],
  ["samedi", "saturday", "sabado", "zaterdag", "samstag", "sabato", "sam", "sat", "sab", "za", "sa"],
  ["dimanche", "sunday", "domingo", "zondag", "sonntag", "domenica", "dim", "sun", "dom", "zo", "so"],
].forEach((names, i) => {
  for (const n of names) DAYS[n] = i + 1;
  DAYS[String(i + 1)] = i + 1;
});
const TIME = /^([01]?\d|2[0-3])\s*[:hH.]\s*([0-5]\d)?$/;
const TEACHING = new Set(["teacher", "staff", "admin"]);

type Plan = {
  class_id: string;
  subject_id: string;
  teacher_id: string;
  room: string | null;
  weekday: number;
  starts_at: string;
  ends_at: string;
  weeks: "all" | "A" | "B";
  first_day: string | null;
  last_day: string | null;
};

const time = (s: string) => {
  const m = TIME.exec(s.trim());
  return m ? `${m[1]!.padStart(2, "0")}:${m[2] ?? "00"}` : null;
};
/** 2026-11-23 or 23/11/2026 */
const date = (s: string) => {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const d = iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : fr ? `${fr[3]}-${fr[2]!.padStart(2, "0")}-${fr[1]!.padStart(2, "0")}` : null;
  return d && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d) ? d : null;
};

/**
 * A timetable from a CSV (one row per weekly lesson, under a node: classes by name or code) or an
 * iCalendar file (the events of one class, recurring events expanded to one-day lessons). Subjects
 * are found by code or name, teachers by login or email (an iCalendar event's organizer, else the
 * class's only teacher of the subject). The check reports every bad row or event; the import runs
 * only when none is bad, in one statement; lessons already in the timetable are not added twice.
 */
export async function importTimetable(
  k: Kernel,
  actor: Actor,
  format: "csv" | "ics",
  upload: Upload,
  locale: Locale,
  apply: boolean,
): Promise<TimetableImportReport> {
  const org = await visibleOrg(k.db, actor, upload.orgId);
  authorize(actor, "import.run", { orgPath: org.path });
  if (org.archived_at) throw new AppError("validation", {}, { orgId: { code: "orgs.parent_archived" } });
  if (format === "ics" && org.kind !== "class") throw new AppError("validation", {}, { orgId: { code: "attendance.import.ics_needs_class" } });
  const tid = actor.tenant.id;
  const classes = await k.db
    .selectFrom("orgs")
    .select(["id", "name", "code"])
    .where("tenant_id", "=", tid)
    .where("path", "like", `${org.path}%`)
    .where("kind", "=", "class")
    .where("archived_at", "is", null)
    .execute();
  const subjects = await k.db.selectFrom("school_subjects").select(["id", "code", "name", "archived_at"]).where("tenant_id", "=", tid).execute();
  const subjectOf = (s: string) => subjects.find((x) => x.code.toLowerCase() === s.toLowerCase()) ?? subjects.find((x) => foldName(x.name) === foldName(s));
  const problems: Problem[] = [];
  const plans: Plan[] = [];
  const preview: { line: number; cells: string[] }[] = [];
  let rows = 0;

  const teacherCheck = (p: { status: string; profile: string; paths: string[] } | undefined) =>
    p?.status !== "active" || !p.paths.some((path) => managesPath(actor as UserActor, path))
      ? "school.import.teacher_unknown"
      : !TEACHING.has(p.profile)
        ? "school.import.not_a_teacher"
        : null;

  if (format === "csv") {
    const table = readTable<Col>(upload.data, ALIASES, ["class", "subject", "teacher", "day", "start", "end"]);
    problems.push(...table.problems);
    rows = table.rows.length;
    const col = (c: Col) => table.names[c] ?? c;
    const teachers = await findByLogins(
      k.db,
      tid,
      table.rows.map((r) => r.get("teacher")),
    );
    for (const r of table.rows) {
      const before = problems.length;
      const bad = (c: Col, code: string, params?: Record<string, unknown>) => problems.push({ line: r.line, column: col(c), code, params });
      for (const c of ["class", "subject", "teacher", "day", "start", "end"] as const) if (!r.get(c)) bad(c, "school.import.required");
      const name = r.get("class");
      const byCode = classes.find((c) => c.code?.toLowerCase() === name.toLowerCase());
      const byName = classes.filter((c) => foldName(c.name) === foldName(name));
      const cls = byCode ?? (byName.length === 1 ? byName[0] : undefined);
      if (name && !cls) bad("class", byName.length > 1 ? "school.import.class_ambiguous" : "attendance.import.class_unknown", { name, count: byName.length });
      const code = r.get("subject");
      const subject = code ? subjectOf(code) : undefined;
      if (code && (!subject || subject.archived_at)) bad("subject", "school.import.subject_unknown", { code });
      const login = r.get("teacher").toLowerCase();
      const teacher = teachers.get(login);
      const refusal = login ? teacherCheck(teacher) : null;
      if (refusal) bad("teacher", refusal, { login });
      const dayText = foldName(r.get("day")).replace(/\.$/, "");
      const weekday = DAYS[dayText];
      if (dayText && !weekday) bad("day", "attendance.import.day", { value: r.get("day") });
      const start = time(r.get("start"));
      const end = time(r.get("end"));
      if (r.get("start") && !start) bad("start", "attendance.import.time");
      if (r.get("end") && !end) bad("end", "attendance.import.time");
      if (start && end && end <= start) bad("end", "attendance.ends_before_start");
      const weeksText = r
        .get("weeks")
        .toUpperCase()
        .replace(/^(SEMAINE|WEEK|SEMANA|WOCHE|SETTIMANA)\s*/, "");
      if (!["", "A", "B"].includes(weeksText)) bad("weeks", "attendance.import.weeks");
      const from = r.get("from") ? date(r.get("from")) : null;
      const to = r.get("to") ? date(r.get("to")) : null;
      if (r.get("from") && !from) bad("from", "attendance.import.date");
      if (r.get("to") && !to) bad("to", "attendance.import.date");
      if (from && to && to < from) bad("to", "attendance.period_reversed");
      const room = r.get("room");
      if (room.length > 60) bad("room", "school.import.too_long", { max: 60 });
      if (problems.length > before) continue;
      plans.push({
        class_id: cls!.id,
        subject_id: subject!.id,
        teacher_id: teacher!.id,
        room: room || null,
        weekday: weekday!,
        starts_at: start!,
        ends_at: end!,
        weeks: (weeksText || "all") as Plan["weeks"],
        first_day: from,
        last_day: to,
      });
      if (preview.length < 50) preview.push({ line: r.line, cells: r.cells });
    }
  } else {
    const ics = readIcs(upload.data, k.config.TIME_ZONE);
    rows = ics.events;
    for (const p of ics.problems) problems.push({ line: p.index, column: "", code: p.code, params: p.params });
    const teachings = await k.db
      .selectFrom("school_teachings")
      .select(["subject_id", "teacher_id"])
      .where("tenant_id", "=", tid)
      .where("class_id", "=", org.id)
      .execute();
    const organizers = await findByLogins(
      k.db,
      tid,
      ics.lessons.map((l) => l.organizer),
    );
    const reported = new Set<number>();
    for (const l of ics.lessons) {
      const bad = (column: string, code: string, params?: Record<string, unknown>) => {
        if (!reported.has(l.index)) problems.push({ line: l.index, column, code, params });
        reported.add(l.index);
      };
      const subject = l.summary ? subjectOf(l.summary) : undefined;
      if (!subject || subject.archived_at) {
        bad("SUMMARY", "school.import.subject_unknown", { code: l.summary });
        continue;
      }
      let teacherId: string | undefined;
      if (l.organizer) {
        const o = organizers.get(l.organizer.toLowerCase());
        const refusal = teacherCheck(o);
        if (refusal) bad("ORGANIZER", refusal, { login: l.organizer });
        else teacherId = o!.id;
      } else {
        const candidates = teachings.filter((t) => t.subject_id === subject.id);
        if (candidates.length === 1) teacherId = candidates[0]!.teacher_id;
        else bad("ORGANIZER", "attendance.import.ics_teacher", { subject: subject.name, count: candidates.length });
      }
      if (!teacherId) continue;
      plans.push({
        class_id: org.id,
        subject_id: subject.id,
        teacher_id: teacherId,
        room: l.location.slice(0, 60) || null,
        weekday: weekdayOf(l.day),
        starts_at: l.startsAt,
        ends_at: l.endsAt,
        weeks: "all",
        first_day: l.day,
        last_day: l.day,
      });
      if (preview.length < 50) preview.push({ line: l.index, cells: [l.day, `${l.startsAt}–${l.endsAt}`, l.summary, l.location, l.organizer] });
    }
  }

  problems.sort((a, b) => a.line - b.line);
  const report: TimetableImportReport = { format, rows, errors: problems.map((p) => localize(p, locale)), preview, lessons: plans.length, created: 0 };
  if (!apply) return report;
  if (problems.length) throw new AppError("school.import_has_errors", { count: problems.length }, undefined, 422, report);
  if (plans.length === 0) return report;
  // by 2,000 rows (a year of expanded events can pass PostgreSQL's limit of parameters per statement)
  const created = await k.db.transaction().execute(async (trx) => {
    let n = 0;
    for (let i = 0; i < plans.length; i += 2000) {
      const r = await trx
        .insertInto("attendance_lessons")
        .values(plans.slice(i, i + 2000).map((p) => ({ ...p, tenant_id: tid, id: newId(), created_by: actor.userId })))
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      n += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    return n;
  });
  k.record({
    tenantId: tid,
    actorId: actor.userId,
    verb: "imported",
    objectType: "attendance-timetable",
    objectId: org.id,
    context: { format, lessons: created },
  });
  return { ...report, created };
}
