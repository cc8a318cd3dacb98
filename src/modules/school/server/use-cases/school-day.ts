import { sql } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { assignmentsDueSql, submissionsToGradeSql } from "../../../assignments/server/index.ts";
import { announcementsSql } from "../../../forums/server/index.ts";
import { unreadMessagesSql } from "../../../messages/server/index.ts";
import { attemptsToGradeSql, quizzesClosingSql } from "../../../quizzes/server/index.ts";
import type { DayPupil, DueItem } from "../../shared/contract.ts";
import { type EntryRow, entryQuery } from "../diary-repo.ts";
import { presentSubject } from "../present.ts";
import { presentEntry } from "../present-entry.ts";

/** Homework and course deadlines shown this many days ahead; diary entries written this many days back. */
const AHEAD = 14;
const BACK = 14;
const LATEST = 5;

type Deadline = { userId: string; courseId: string; courseTitle: string; itemId: string; title: string; kind: "assignment" | "quiz"; dueAt: string };
type TeachingRow = { classId: string; className: string; subjectId: string; code: string; subjectName: string; color: string; written: boolean };
type Row = {
  pupils: { id: string; name: string; classes: { id: string; name: string }[] }[];
  deadlines: Deadline[];
  teachings: TeachingRow[];
  to_grade: { courseId: string; courseTitle: string; itemId: string; title: string; kind: "assignment" | "quiz"; count: number }[];
  announcements: { threadId: string; title: string; forumTitle: string; at: string }[];
  unread: number;
};

const todayIso = () => new Date().toISOString().slice(0, 10);

/**
 * The school part of the home page, for every profile, in two statements whatever the number of
 * children, classes and courses: (1) the pupils concerned (myself as a pupil, my children as a
 * parent) with their classes and course deadlines, my teachings, the work I have to grade,
 * announcements and unread messages; (2) the diary entries of those pupils' classes.
 */
export async function getSchoolDay(k: Kernel, actor: Actor, today = todayIso()) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : "" });
  const t = actor.tenant.id;
  const me = actor.userId;
  const learner = actor.profile === "learner";
  const teaches = actor.grants.some((g) => g.role === "teacher");
  const paths = actor.grants.map((g) => g.path);
  const pupilIds = sql`select id from pupils`;
  const r = await sql<Row>`
    with pupils as (
      select u.id, u.given_name || ' ' || u.family_name as name from users u
      where u.tenant_id = ${t} and u.status = 'active'
        and ((${learner} and u.id = ${me})
          or u.id in (select g.child_id from school_guardians g where g.tenant_id = ${t} and g.parent_id = ${me}))
    )
    select
      (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'classes',
         (select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name) order by o.name collate "und-x-icu"), '[]')
            from role_assignments ra join orgs o on o.tenant_id = ra.tenant_id and o.id = ra.org_id and o.kind = 'class' and o.archived_at is null
            where ra.tenant_id = ${t} and ra.user_id = p.id and ra.role = 'learner'))
         order by p.name collate "und-x-icu"), '[]') from pupils p) as pupils,
      (select coalesce(json_agg(d.value), '[]') from (
         select value from json_array_elements(${assignmentsDueSql(t, pupilIds, today, AHEAD)})
         union all select value from json_array_elements(${quizzesClosingSql(t, pupilIds, today, AHEAD)})) d) as deadlines,
      ${
        teaches
          ? sql`(select coalesce(json_agg(x order by x."className" collate "und-x-icu", x."subjectName" collate "und-x-icu"), '[]') from (
              select te.class_id as "classId", o.name as "className", s.id as "subjectId", s.code, s.name as "subjectName", s.color,
                exists (select 1 from school_diary_entries e where e.tenant_id = te.tenant_id and e.class_id = te.class_id
                  and e.subject_id = te.subject_id and e.author_id = ${me} and e.created_at > ${today}::date - 7) as written
              from school_teachings te
              join orgs o on o.tenant_id = te.tenant_id and o.id = te.class_id and o.archived_at is null
              join school_subjects s on s.tenant_id = te.tenant_id and s.id = te.subject_id and s.archived_at is null
              where te.tenant_id = ${t} and te.teacher_id = ${me}) x)`
          : sql`'[]'::json`
      } as teachings,
      (select coalesce(json_agg(g.value), '[]') from (
         select value from json_array_elements(${submissionsToGradeSql(t, me)})
         union all select value from json_array_elements(${attemptsToGradeSql(t, me)})) g) as to_grade,
      ${announcementsSql(t, sql`select id from pupils union select ${me}::uuid`, paths)} as announcements,
      ${unreadMessagesSql(t, me)} as unread`.execute(k.db);
  const row = r.rows[0];
  const classIds = [...new Set(row.pupils.flatMap((p) => p.classes.map((c) => c.id)))];
  const entries: EntryRow[] = classIds.length
    ? ((await entryQuery(k.db, t)
        .where("e.class_id", "in", classIds)
        .where((eb) =>
          eb.or([
            eb.and([eb("e.due_date", ">=", today), eb("e.due_date", "<", sql<string>`${today}::date + ${AHEAD}::int`)]),
            eb("e.created_at", ">", sql<Date>`${today}::date - ${BACK}::int`),
          ]),
        )
        .orderBy("e.created_at", "desc")
        .limit(200)
        .execute()) as EntryRow[])
    : [];
  const pupils: DayPupil[] = row.pupils.map((p) => {
    const mine = entries.filter((e) => p.classes.some((c) => c.id === e.class_id));
    const homework: DueItem[] = mine
      .filter((e) => e.kind === "homework" && e.due_date! >= today)
      .map((e) => ({ kind: "homework", title: e.title, dueAt: e.due_date!, courseId: null, courseTitle: null, itemId: null, entry: presentEntry(actor, e) }));
    const deadlines: DueItem[] = row.deadlines
      .filter((d) => d.userId === p.id)
      .map((d) => ({
        kind: d.kind,
        title: d.title,
        dueAt: new Date(d.dueAt).toISOString(),
        courseId: d.courseId,
        courseTitle: d.courseTitle,
        itemId: d.itemId,
        entry: null,
      }));
    return {
      id: p.id,
      name: p.name,
      classes: p.classes,
      due: [...homework, ...deadlines].sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
      latest: mine.slice(0, LATEST).map((e) => presentEntry(actor, e)),
    };
  });
  const teaching = teaches
    ? {
        classes: [...new Map(row.teachings.map((x) => [x.classId, { id: x.classId, name: x.className }])).values()].map((c) => ({
          ...c,
          subjects: row.teachings.filter((x) => x.classId === c.id).map(subjectOf),
        })),
        toWrite: row.teachings.filter((x) => !x.written).map((x) => ({ classId: x.classId, className: x.className, subject: subjectOf(x) })),
        toGrade: row.to_grade,
      }
    : null;
  return {
    pupils,
    teaching,
    unreadMessages: row.unread,
    announcements: row.announcements.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
  };
}

const subjectOf = (x: TeachingRow) => presentSubject({ id: x.subjectId, code: x.code, name: x.subjectName, color: x.color, archived_at: null });
