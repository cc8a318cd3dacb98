import { type Kysely, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";

export type Found = {
  id: string;
  username: string;
  email: string | null;
  profile: string;
  status: string;
  given_name: string;
  family_name: string;
  paths: string[];
  classIds: string[];
};

/**
 * People named in a file by username or email, with the nodes they are placed on: one statement
 * for the whole file. Keys of the answer are the lowercased logins as written.
 */
export async function findByLogins(db: Kysely<DB>, tenantId: string, logins: string[]): Promise<Map<string, Found>> {
  const keys = [...new Set(logins.map((l) => l.toLowerCase()).filter(Boolean))];
  if (keys.length === 0) return new Map();
  const r = await sql<Found>`
    select u.id, u.username, lower(u.email) as email, u.profile, u.status, u.given_name, u.family_name,
      coalesce(array_agg(o.path) filter (where o.path is not null), '{}') as paths,
      coalesce(array_agg(o.id) filter (where o.kind = 'class' and r.role = 'learner' and o.archived_at is null), '{}') as "classIds"
    from users u
    left join role_assignments r on r.tenant_id = u.tenant_id and r.user_id = u.id
    left join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
    where u.tenant_id = ${tenantId} and (u.username = any(${keys}::text[]) or lower(u.email) = any(${keys}::text[]))
    group by u.tenant_id, u.id`.execute(db);
  const out = new Map<string, Found>();
  for (const f of r.rows) {
    out.set(f.username, f);
    if (f.email) out.set(f.email, f);
  }
  return out;
}
