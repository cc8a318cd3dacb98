import { sql } from "kysely";
import { type Actor, allowed, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { managesPath, rootPath } from "../access.ts";
import { classEntries, myEntries } from "../diary-repo.ts";
import { presentEntry } from "../present-entry.ts";
import { loadVisibleClass } from "./get-class.ts";

const self = (actor: Actor) => ({ userId: actor.kind === "user" ? actor.userId : "" });

/** A class's week, for anyone who sees the class (pupils of it, their parents, its teachers, staff). */
export async function getClassDiary(k: Kernel, actor: Actor, classId: string, start: string) {
  authorize(actor, "account.self", self(actor));
  const cls = await loadVisibleClass(k, actor, classId, { diaryReader: true });
  const rows = await classEntries(k.db, actor.tenant.id, cls.id, start);
  const teaches = await k.db
    .selectFrom("school_teachings")
    .select("id")
    .where("tenant_id", "=", actor.tenant.id)
    .where("class_id", "=", cls.id)
    .where("teacher_id", "=", actor.userId)
    .executeTakeFirst();
  return { items: rows.map((r) => presentEntry(actor, r)), canWrite: !!teaches || managesPath(actor, cls.path) };
}

/** My week (pupil, parent) or planning (teacher): one statement. */
export async function getMyWeek(k: Kernel, actor: Actor, start: string) {
  authorize(actor, "account.self", self(actor));
  const rows = await myEntries(k.db, actor, start);
  return { items: rows.map((r) => presentEntry(actor, r)) };
}

export async function overloadMinutes(k: Kernel, tenantId: string) {
  const r = await k.db.selectFrom("school_settings").select("overload_minutes").where("tenant_id", "=", tenantId).executeTakeFirst();
  return r?.overload_minutes ?? 90;
}

/** Minutes of homework due each day of the week, and whether it passes the platform's threshold. */
export async function getWorkload(k: Kernel, actor: Actor, classId: string, start: string) {
  authorize(actor, "account.self", self(actor));
  const cls = await loadVisibleClass(k, actor, classId, { diaryReader: true });
  const threshold = await overloadMinutes(k, actor.tenant.id);
  const r = await sql<{ date: string; minutes: number; homework: number }>`
    select d::date::text as date,
      coalesce(sum(e.workload_minutes), 0)::int as minutes, count(e.id)::int as homework
    from generate_series(${start}::date, ${start}::date + 6, interval '1 day') d
    left join school_diary_entries e on e.tenant_id = ${actor.tenant.id} and e.class_id = ${cls.id}
      and e.kind = 'homework' and e.due_date = d::date
    group by d order by d`.execute(k.db);
  return { threshold, days: r.rows.map((d) => ({ ...d, overloaded: d.minutes > threshold })) };
}

export async function getSchoolSettings(k: Kernel, actor: Actor) {
  authorize(actor, "account.self", self(actor));
  return { overloadMinutes: await overloadMinutes(k, actor.tenant.id), canManage: allowed(actor, "org.manage", { orgPath: rootPath(actor) }) };
}

export async function updateSchoolSettings(k: Kernel, actor: Actor, input: { overloadMinutes: number }) {
  authorize(actor, "org.manage", { orgPath: actor.kind === "user" ? rootPath(actor) : undefined });
  await k.db
    .insertInto("school_settings")
    .values({ tenant_id: actor.tenant.id, overload_minutes: input.overloadMinutes })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ overload_minutes: input.overloadMinutes, updated_at: new Date() }))
    .execute();
  return { overloadMinutes: input.overloadMinutes, canManage: true };
}
