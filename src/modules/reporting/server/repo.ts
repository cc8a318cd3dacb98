import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import type { GradeLite } from "../../gradebook/server/index.ts";
import { GAP_MINUTES } from "../shared/contract.ts";

type Db = Kysely<DB>;

export type Period = { from: string | null; to: string | null; timeZone: string };

export type LearnerFigures = {
  user_id: string;
  given_name: string;
  family_name: string;
  username: string;
  funder: string | null;
  completed_at: Date | null;
  events: number;
  visits: number;
  online_seconds: number;
  sessions: number;
  present: number;
  absent: number;
  excused: number;
  present_seconds: number;
  done: number;
  total: number;
  grades: GradeLite[];
};

/**
 * Every figure of the report for a course's learners, in one query:
 * - time online: the learner's events about the course (those naming it in their context, and
 *   views of its pages), in the period, in time order; each gap between two consecutive events
 *   of at most GAP_MINUTES counts, a longer one starts a new visit and counts nothing;
 * - attendance: the course's sessions starting in the period where the learner held a seat or
 *   was recorded, with the recorded status; hours present are the sessions' lengths;
 * - completion (as of now): items with a completion rule, complete by the enrolment module's
 *   rule (isComplete: 'viewed' items once viewed or marked done, others once done);
 * - results: released grades only (what the learner has been told), totalled by the caller.
 * Period bounds are days in the platform's time zone, `to` included.
 */
export async function learnerFigures(db: Db, tid: string, courseId: string, p: Period, f: { funder?: string; userId?: string }) {
  const from = sql`coalesce((${p.from}::date)::timestamp at time zone ${p.timeZone}, '-infinity'::timestamptz)`;
  const to = sql`coalesce((${p.to}::date + 1)::timestamp at time zone ${p.timeZone}, 'infinity'::timestamptz)`;
  const pagePattern = `^/courses/${courseId}(/|$)`;
  const r = await sql<LearnerFigures>`
    with learners as (
      select m.user_id, u.given_name, u.family_name, u.username, m.completed_at, fu.funder
      from course_members m
      join users u on u.tenant_id = m.tenant_id and u.id = m.user_id
      left join funding fu on fu.tenant_id = m.tenant_id and fu.course_id = m.course_id and fu.user_id = m.user_id
      where m.tenant_id = ${tid} and m.course_id = ${courseId} and m.role = 'learner' and m.status in ('active', 'unenrolled')
        and (${f.funder ?? null}::text is null or fu.funder = ${f.funder ?? null})
        and (${f.userId ?? null}::uuid is null or m.user_id = ${f.userId ?? null})
    ),
    ev as (
      select e.actor_id, e.at - lag(e.at) over (partition by e.actor_id order by e.at, e.id) as gap
      from events e
      where e.tenant_id = ${tid} and e.actor_id in (select user_id from learners) and e.at >= ${from} and e.at < ${to}
        and (e.context->>'courseId' = ${courseId} or (e.object_type = 'page' and e.object_id ~ ${pagePattern}))
    ),
    online as (
      select actor_id as user_id, count(*)::int as events,
        (count(*) filter (where gap is null or gap > make_interval(mins => ${GAP_MINUTES})))::int as visits,
        coalesce(sum(extract(epoch from gap)) filter (where gap <= make_interval(mins => ${GAP_MINUTES})), 0)::float8 as seconds
      from ev group by actor_id
    ),
    seats as (
      select tenant_id, session_id, user_id from session_registrations where tenant_id = ${tid} and course_id = ${courseId} and status = 'approved'
      union
      select a.tenant_id, a.session_id, a.user_id from session_attendance a
        join course_sessions s on s.tenant_id = a.tenant_id and s.id = a.session_id
        where a.tenant_id = ${tid} and s.course_id = ${courseId}
    ),
    att as (
      select x.user_id, count(*)::int as sessions,
        (count(*) filter (where a.status = 'present'))::int as present,
        (count(*) filter (where a.status = 'absent'))::int as absent,
        (count(*) filter (where a.status = 'excused'))::int as excused,
        coalesce(sum(extract(epoch from s.ends_at - s.starts_at)) filter (where a.status = 'present'), 0)::float8 as present_seconds
      from seats x
      join course_sessions s on s.tenant_id = x.tenant_id and s.id = x.session_id
      left join session_attendance a on a.tenant_id = x.tenant_id and a.session_id = x.session_id and a.user_id = x.user_id
      where s.starts_at >= ${from} and s.starts_at < ${to} and x.user_id in (select user_id from learners)
      group by x.user_id
    ),
    done as (
      select p.user_id, count(*)::int as done
      from course_items i join item_progress p on p.tenant_id = i.tenant_id and p.item_id = i.id
      where i.tenant_id = ${tid} and i.course_id = ${courseId} and i.completion <> 'none' and p.user_id in (select user_id from learners)
        and case when i.completion = 'viewed' then p.viewed_at is not null or p.done_at is not null else p.done_at is not null end
      group by p.user_id
    )
    select l.user_id, l.given_name, l.family_name, l.username, l.funder, l.completed_at,
      coalesce(o.events, 0) as events, coalesce(o.visits, 0) as visits, coalesce(o.seconds, 0) as online_seconds,
      coalesce(a.sessions, 0) as sessions, coalesce(a.present, 0) as present, coalesce(a.absent, 0) as absent,
      coalesce(a.excused, 0) as excused, coalesce(a.present_seconds, 0) as present_seconds,
      coalesce(d.done, 0) as done,
      (select count(*)::int from course_items i where i.tenant_id = ${tid} and i.course_id = ${courseId} and i.completion <> 'none') as total,
      (select coalesce(json_agg(json_build_object('i', g.grade_item_id, 's', g.score, 'o', g.overridden, 'v', g.override_score, 'r', g.released)), '[]')
        from grades g where g.tenant_id = ${tid} and g.course_id = ${courseId} and g.user_id = l.user_id and g.released) as grades
    from learners l
    left join online o on o.user_id = l.user_id
    left join att a on a.user_id = l.user_id
    left join done d on d.user_id = l.user_id
    order by l.family_name collate "und-x-icu", l.given_name collate "und-x-icu", l.user_id
    limit 5000`.execute(db);
  return r.rows;
}

/** Funders named in a course, for the filter. */
export async function fundersOf(db: Db, tid: string, courseId: string) {
  const rows = await db
    .selectFrom("funding")
    .select("funder")
    .groupBy("funder")
    .where("tenant_id", "=", tid)
    .where("course_id", "=", courseId)
    .orderBy(sql`funder collate "und-x-icu"`)
    .execute();
  return rows.map((r) => r.funder);
}

export type ProgrammeRow = {
  id: string;
  title: string;
  completion: "all" | "count";
  required_count: number | null;
  org_path: string;
  self_enrol: boolean;
  is_member: boolean;
};

/** A programme of the platform with its node's path, and whether the person follows it. */
export async function programmeOf(db: Db, tid: string, programmeId: string, userId: string) {
  const r = await sql<ProgrammeRow>`
    select p.id, p.title, p.completion, p.required_count, o.path as org_path, p.self_enrol,
      exists (select 1 from programme_members pm where pm.tenant_id = p.tenant_id and pm.programme_id = p.id and pm.user_id = ${userId} and pm.status = 'active') as is_member
    from programmes p join orgs o on o.tenant_id = p.tenant_id and o.id = p.org_id
    where p.tenant_id = ${tid} and p.id = ${programmeId}`.execute(db);
  return r.rows[0];
}

export type ProgrammeFigures = Omit<LearnerFigures, "funder" | "completed_at" | "grades"> & {
  funder: string | null;
  /** null for a learner of a programme that has no course yet */
  course_id: string | null;
  course_title: string | null;
  position: number | null;
  member_status: string | null;
  completed_at: Date | null;
  grades: GradeLite[];
};

/**
 * The figures of `learnerFigures`, for each learner of a programme (active or since unenrolled)
 * and each of its courses, in one query: one row per learner and course, in the programme's order.
 * An event counts for a course exactly as in the course report (naming it in its context, or a
 * view of one of its pages), visits are cut per course; the funder is the programme's.
 */
export async function programmeFigures(db: Db, tid: string, programmeId: string, p: Period, f: { funder?: string; userId?: string }) {
  const from = sql`coalesce((${p.from}::date)::timestamp at time zone ${p.timeZone}, '-infinity'::timestamptz)`;
  const to = sql`coalesce((${p.to}::date + 1)::timestamp at time zone ${p.timeZone}, 'infinity'::timestamptz)`;
  const r = await sql<ProgrammeFigures>`
    with learners as (
      select pm.user_id, u.given_name, u.family_name, u.username, fu.funder
      from programme_members pm
      join users u on u.tenant_id = pm.tenant_id and u.id = pm.user_id
      left join programme_funding fu on fu.tenant_id = pm.tenant_id and fu.programme_id = pm.programme_id and fu.user_id = pm.user_id
      where pm.tenant_id = ${tid} and pm.programme_id = ${programmeId} and pm.status in ('active', 'unenrolled')
        and (${f.funder ?? null}::text is null or fu.funder = ${f.funder ?? null})
        and (${f.userId ?? null}::uuid is null or pm.user_id = ${f.userId ?? null})
      order by u.family_name collate "und-x-icu", u.given_name collate "und-x-icu", pm.user_id
      limit 5000
    ),
    pcs as (
      select pc.course_id, pc.position, c.title from programme_courses pc
      join courses c on c.tenant_id = pc.tenant_id and c.id = pc.course_id
      where pc.tenant_id = ${tid} and pc.programme_id = ${programmeId}
    ),
    ev as (
      select e.actor_id, pc.course_id,
        e.at - lag(e.at) over (partition by e.actor_id, pc.course_id order by e.at, e.id) as gap
      from events e
      join pcs pc on e.context->>'courseId' = pc.course_id::text
        or (e.object_type = 'page' and e.object_id ~ ('^/courses/' || pc.course_id::text || '(/|$)'))
      where e.tenant_id = ${tid} and e.actor_id in (select user_id from learners) and e.at >= ${from} and e.at < ${to}
    ),
    online as (
      select actor_id as user_id, course_id, count(*)::int as events,
        (count(*) filter (where gap is null or gap > make_interval(mins => ${GAP_MINUTES})))::int as visits,
        coalesce(sum(extract(epoch from gap)) filter (where gap <= make_interval(mins => ${GAP_MINUTES})), 0)::float8 as seconds
      from ev group by actor_id, course_id
    ),
    seats as (
      select r.tenant_id, r.session_id, r.user_id from session_registrations r
        where r.tenant_id = ${tid} and r.course_id in (select course_id from pcs) and r.status = 'approved'
      union
      select a.tenant_id, a.session_id, a.user_id from session_attendance a
        join course_sessions s on s.tenant_id = a.tenant_id and s.id = a.session_id
        where a.tenant_id = ${tid} and s.course_id in (select course_id from pcs)
    ),
    att as (
      select x.user_id, s.course_id, count(*)::int as sessions,
        (count(*) filter (where a.status = 'present'))::int as present,
        (count(*) filter (where a.status = 'absent'))::int as absent,
        (count(*) filter (where a.status = 'excused'))::int as excused,
        coalesce(sum(extract(epoch from s.ends_at - s.starts_at)) filter (where a.status = 'present'), 0)::float8 as present_seconds
      from seats x
      join course_sessions s on s.tenant_id = x.tenant_id and s.id = x.session_id
      left join session_attendance a on a.tenant_id = x.tenant_id and a.session_id = x.session_id and a.user_id = x.user_id
      where s.starts_at >= ${from} and s.starts_at < ${to} and x.user_id in (select user_id from learners)
      group by x.user_id, s.course_id
    ),
    done as (
      select p.user_id, i.course_id, count(*)::int as done
      from course_items i join item_progress p on p.tenant_id = i.tenant_id and p.item_id = i.id
      where i.tenant_id = ${tid} and i.course_id in (select course_id from pcs) and i.completion <> 'none' and p.user_id in (select user_id from learners)
        and case when i.completion = 'viewed' then p.viewed_at is not null or p.done_at is not null else p.done_at is not null end
      group by p.user_id, i.course_id
    ),
    totals as (
      select i.course_id, count(*)::int as total from course_items i
      where i.tenant_id = ${tid} and i.course_id in (select course_id from pcs) and i.completion <> 'none'
      group by i.course_id
    )
    select l.user_id, l.given_name, l.family_name, l.username, l.funder,
      pc.course_id, pc.title as course_title, pc.position, m.status as member_status, m.completed_at,
      coalesce(o.events, 0) as events, coalesce(o.visits, 0) as visits, coalesce(o.seconds, 0) as online_seconds,
      coalesce(a.sessions, 0) as sessions, coalesce(a.present, 0) as present, coalesce(a.absent, 0) as absent,
      coalesce(a.excused, 0) as excused, coalesce(a.present_seconds, 0) as present_seconds,
      coalesce(d.done, 0) as done, coalesce(tt.total, 0) as total,
      (select coalesce(json_agg(json_build_object('i', g.grade_item_id, 's', g.score, 'o', g.overridden, 'v', g.override_score, 'r', g.released)), '[]')
        from grades g where g.tenant_id = ${tid} and g.course_id = pc.course_id and g.user_id = l.user_id and g.released) as grades
    from learners l
    left join pcs pc on true
    left join course_members m on m.tenant_id = ${tid} and m.course_id = pc.course_id and m.user_id = l.user_id and m.role = 'learner'
      and m.status in ('active', 'unenrolled')
    left join online o on o.user_id = l.user_id and o.course_id = pc.course_id
    left join att a on a.user_id = l.user_id and a.course_id = pc.course_id
    left join done d on d.user_id = l.user_id and d.course_id = pc.course_id
    left join totals tt on tt.course_id = pc.course_id
    order by l.family_name collate "und-x-icu", l.given_name collate "und-x-icu", l.user_id, pc.position`.execute(db);
  return r.rows;
}

/** The programme's courses in order: the report's columns, whether or not it has learners. */
export async function programmeCourses(db: Db, tid: string, programmeId: string) {
  return db
    .selectFrom("programme_courses as pc")
    .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "pc.tenant_id").onRef("c.id", "=", "pc.course_id"))
    .select(["c.id", "c.title"])
    .where("pc.tenant_id", "=", tid)
    .where("pc.programme_id", "=", programmeId)
    .orderBy("pc.position")
    .execute();
}

/** Funders named in a programme, for the filter. */
export async function fundersOfProgramme(db: Db, tid: string, programmeId: string) {
  const rows = await db
    .selectFrom("programme_funding")
    .select("funder")
    .groupBy("funder")
    .where("tenant_id", "=", tid)
    .where("programme_id", "=", programmeId)
    .orderBy(sql`funder collate "und-x-icu"`)
    .execute();
  return rows.map((r) => r.funder);
}

/**
 * Funders and the trainings they fund, among the courses and programmes the person reports on:
 * courses under the nodes they administer or that they manage, programmes under those nodes.
 * Learners are counted as the reports list them (enrolled, active or since unenrolled).
 */
export async function fundedTrainings(db: Db, tid: string, userId: string, adminPaths: string[]) {
  const under = (col: string) =>
    adminPaths.length
      ? sql.join(
          adminPaths.map((p) => sql`${sql.ref(col)} like ${`${p}%`}`),
          sql` or `,
        )
      : sql`false`;
  const r = await sql<{ kind: "course" | "programme"; id: string; title: string; funder: string; learners: number }>`
    select * from (
    select 'course' as kind, c.id, c.title, fu.funder, count(*)::int as learners
    from funding fu
    join courses c on c.tenant_id = fu.tenant_id and c.id = fu.course_id
    join orgs o on o.tenant_id = c.tenant_id and o.id = c.org_id
    join course_members m on m.tenant_id = fu.tenant_id and m.course_id = fu.course_id and m.user_id = fu.user_id
      and m.role = 'learner' and m.status in ('active', 'unenrolled')
    where fu.tenant_id = ${tid}
      and ((${under("o.path")}) or exists (select 1 from course_members me where me.tenant_id = c.tenant_id and me.course_id = c.id
        and me.user_id = ${userId} and me.role = 'manager' and me.status = 'active'))
    group by c.id, c.title, fu.funder
    union all
    select 'programme' as kind, p.id, p.title, fu.funder, count(*)::int as learners
    from programme_funding fu
    join programmes p on p.tenant_id = fu.tenant_id and p.id = fu.programme_id
    join orgs o on o.tenant_id = p.tenant_id and o.id = p.org_id
    join programme_members pm on pm.tenant_id = fu.tenant_id and pm.programme_id = fu.programme_id and pm.user_id = fu.user_id
      and pm.status in ('active', 'unenrolled')
    where fu.tenant_id = ${tid} and (${under("o.path")})
    group by p.id, p.title, fu.funder
    ) t
    order by funder collate "und-x-icu", title collate "und-x-icu", id
    limit 2000`.execute(db);
  return r.rows;
}
