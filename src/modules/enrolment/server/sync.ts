import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";

/** A UUIDv7 made in SQL (PostgreSQL 15 has no uuidv7()): 48-bit millisecond time, version and variant bits. */
const UUID7 = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;

/** Which memberships a sync looks at: some people (their roles changed), one course, or the whole platform. */
export type SyncScope = { userIds?: string[]; courseId?: string };

const scopeOf = (alias: string, s: SyncScope) =>
  sql.join(
    [
      sql`true`,
      ...(s.userIds ? [s.userIds.length ? sql`${sql.ref(`${alias}.user_id`)} in (${sql.join(s.userIds)})` : sql`false`] : []),
      ...(s.courseId ? [sql`${sql.ref(`${alias}.course_id`)} = ${s.courseId}`] : []),
    ],
    sql` and `,
  );

/**
 * Keeps node rules true: every active learner placed at or under a rule's node is an active
 * learner of the rule's course, and a learner the rules enrolled who is no longer under any of the
 * course's rule nodes is unenrolled (the row and the progress stay). Two set-based statements,
 * whatever the number of people or rules. Memberships someone else made (self, teacher, CSV) are
 * left alone; one the rules removed before comes back when the person is back under a node.
 */
export async function syncRules(db: Kysely<DB>, tenantId: string, scope: SyncScope = {}) {
  const added = await sql`
    insert into course_members (tenant_id, id, course_id, user_id, role, status, source, source_org_id)
    select distinct on (x.course_id, x.user_id) ${tenantId}::uuid, ${UUID7}, x.course_id, x.user_id, 'learner', 'active', 'org', x.org_id
    from (
      select r.course_id, ra.user_id, r.org_id
      from course_enrol_rules r
      join orgs n on n.tenant_id = r.tenant_id and n.id = r.org_id
      join orgs o on o.tenant_id = r.tenant_id and o.path like n.path || '%' and o.archived_at is null
      join role_assignments ra on ra.tenant_id = r.tenant_id and ra.org_id = o.id and ra.role = 'learner'
      join users u on u.tenant_id = ra.tenant_id and u.id = ra.user_id and u.status = 'active'
      where r.tenant_id = ${tenantId} and ${scopeOf("r", { courseId: scope.courseId })} and ${scopeOf("ra", { userIds: scope.userIds })}
    ) x
    order by x.course_id, x.user_id
    on conflict (tenant_id, course_id, user_id, role) do update set status = 'active', source = 'org', source_org_id = excluded.source_org_id, updated_at = now()
      where (course_members.status = 'unenrolled' and course_members.source = 'org') or course_members.status = 'pending'`.execute(db);
  const removed = await sql`
    update course_members m set status = 'unenrolled', updated_at = now()
    where m.tenant_id = ${tenantId} and m.source = 'org' and m.status = 'active' and m.role = 'learner'
      and ${scopeOf("m", scope)}
      and not exists (
        select 1 from course_enrol_rules r
        join orgs n on n.tenant_id = r.tenant_id and n.id = r.org_id
        join orgs o on o.tenant_id = r.tenant_id and o.path like n.path || '%' and o.archived_at is null
        join role_assignments ra on ra.tenant_id = r.tenant_id and ra.org_id = o.id and ra.role = 'learner'
        join users u on u.tenant_id = ra.tenant_id and u.id = ra.user_id and u.status = 'active'
        where r.tenant_id = m.tenant_id and r.course_id = m.course_id and ra.user_id = m.user_id)`.execute(db);
  return { enrolled: Number(added.numAffectedRows ?? 0), unenrolled: Number(removed.numAffectedRows ?? 0) };
}

/** Platforms that have node rules (for the periodic full resync). */
export async function tenantsWithRules(db: Kysely<DB>) {
  const r = await sql<{ tenant_id: string }>`select distinct tenant_id from course_enrol_rules`.execute(db);
  return r.rows.map((x) => x.tenant_id);
}
