import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { upsertMember } from "./repo.ts";

type Db = Kysely<DB>;

/**
 * When a learner completes a course of a programme that enrols "first" course by course, they are
 * enrolled in the programme's next course they are not in yet.
 */
export async function advanceProgrammes(k: Kernel, tenantId: string, userId: string, courseId: string) {
  const next = await sql<{ course_id: string }>`
    select distinct on (p.id) nc.course_id
    from programme_members pm
    join programmes p on p.tenant_id = pm.tenant_id and p.id = pm.programme_id and p.enrol_into = 'first'
    join programme_courses pc on pc.tenant_id = p.tenant_id and pc.programme_id = p.id and pc.course_id = ${courseId}
    join programme_courses nc on nc.tenant_id = p.tenant_id and nc.programme_id = p.id and nc.position > pc.position
    where pm.tenant_id = ${tenantId} and pm.user_id = ${userId} and pm.status = 'active'
      and not exists (select 1 from course_members m where m.tenant_id = nc.tenant_id and m.course_id = nc.course_id
                      and m.user_id = ${userId} and m.role = 'learner' and m.status = 'active')
    order by p.id, nc.position`.execute(k.db);
  for (const n of next.rows) {
    await upsertMember(k.db, tenantId, n.course_id, { userId, role: "learner", status: "active", source: "programme" });
    k.record({ tenantId, actorId: userId, verb: "enrolled", objectType: "course", objectId: n.course_id, context: { method: "programme" } });
  }
}

/** Programmes with their courses, member counts and, for one person, their state in each course: three queries. */
export async function loadProgrammes(db: Db, tenantId: string, ids: string[], forUser: string) {
  if (ids.length === 0) return [];
  const [progs, courses, members] = await Promise.all([
    db
      .selectFrom("programmes as p")
      .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "p.tenant_id").onRef("o.id", "=", "p.org_id"))
      .selectAll("p")
      .select("o.path as org_path")
      .select((e) =>
        e
          .exists(
            e
              .selectFrom("programme_members as pm")
              .select("pm.user_id")
              .whereRef("pm.tenant_id", "=", "p.tenant_id")
              .whereRef("pm.programme_id", "=", "p.id")
              .where("pm.user_id", "=", forUser)
              .where("pm.status", "=", "active"),
          )
          .as("is_member"),
      )
      .where("p.tenant_id", "=", tenantId)
      .where("p.id", "in", ids)
      .orderBy(sql`p.title collate "und-x-icu"`)
      .execute(),
    db
      .selectFrom("programme_courses as pc")
      .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "pc.tenant_id").onRef("c.id", "=", "pc.course_id"))
      .leftJoin("course_members as m", (j) =>
        j.onRef("m.tenant_id", "=", "pc.tenant_id").onRef("m.course_id", "=", "pc.course_id").on("m.user_id", "=", forUser).on("m.role", "=", "learner"),
      )
      .select(["pc.programme_id", "pc.course_id", "pc.position", "c.title", "m.status", "m.completed_at"])
      .select(
        sql<number>`(select case when count(*) filter (where i.completion <> 'none') = 0 then 0 else
          floor(100.0 * count(*) filter (where (i.completion = 'viewed' and (ip.viewed_at is not null or ip.done_at is not null)) or (i.completion = 'done' and ip.done_at is not null))
          / count(*) filter (where i.completion <> 'none')) end
          from course_items i left join item_progress ip on ip.tenant_id = i.tenant_id and ip.item_id = i.id and ip.user_id = ${forUser}
          where i.tenant_id = pc.tenant_id and i.course_id = pc.course_id)`.as("percent"),
      )
      .where("pc.tenant_id", "=", tenantId)
      .where("pc.programme_id", "in", ids)
      .orderBy("pc.position")
      .execute(),
    db
      .selectFrom("programme_members")
      .select(["programme_id", (e) => e.fn.countAll<string>().as("n")])
      .where("tenant_id", "=", tenantId)
      .where("programme_id", "in", ids)
      .where("status", "=", "active")
      .groupBy("programme_id")
      .execute(),
  ]);
  const counts = new Map(members.map((m) => [m.programme_id, Number(m.n)]));
  return progs.map((p) => {
    const cs = courses.filter((c) => c.programme_id === p.id);
    let previousDone = true;
    const list = cs.map((c) => {
      const completed = !!c.completed_at;
      const item = {
        courseId: c.course_id,
        title: c.title,
        position: c.position,
        enrolled: c.status === "active",
        percent: completed ? 100 : Number(c.percent ?? 0),
        completed,
        locked: p.ordered && !previousDone,
      };
      previousDone = completed;
      return item;
    });
    const required = p.completion === "count" ? Math.min(p.required_count ?? list.length, list.length) : list.length;
    const done = list.filter((c) => c.completed).length;
    return {
      row: p,
      view: {
        id: p.id,
        orgId: p.org_id,
        title: p.title,
        description: p.description,
        completion: p.completion,
        requiredCount: p.required_count,
        ordered: p.ordered,
        enrolInto: p.enrol_into,
        selfEnrol: p.self_enrol,
        courses: list,
        members: counts.get(p.id) ?? 0,
        percent: required === 0 ? 0 : Math.min(100, Math.floor((done * 100) / required)),
        completed: required > 0 && done >= required,
        canManage: false,
        isMember: !!p.is_member,
        canJoin: false,
      },
    };
  });
}
