import { type Kysely, sql } from "kysely";
import { compiledOnce } from "../../../kernel/db/compiled.ts";
import type { DB, Profile } from "../../../kernel/db/schema.ts";
import { notFound } from "../../../kernel/errors.ts";
import { brandingFrom, pathIds } from "../../orgs/server/index.ts";
import type { Me } from "../shared/contract.ts";
import { partnershipRunning } from "./repo.ts";

// what /me and sign-in read of the account itself
const ACCOUNT = ["id", "username", "email", "given_name", "family_name", "profile", "locale", "password_hash", "status", "failed_logins", "locked_until"] as const;

type ChainNode = { id: string; path: string; name: string; primary_color: string | null; logo_url: string | null; archived_at: string | null };

/**
 * The person with their operator flag, their roles (node names and paths) and those nodes with
 * their ancestors, for /me; `from` is the users table, or sign-in's CTE holding its one row.
 */
function selectMe(db: Kysely<DB>, tenantId: string, from: "users" | "found" = "users") {
  const u = `${from} as u` as "users as u";
  return db
    .selectFrom(u)
    .select(ACCOUNT.map((c) => `u.${c}` as const))
    .select(sql<boolean>`exists (select 1 from deployment_operators d where d.tenant_id = u.tenant_id and d.user_id = u.id)`.as("is_operator"))
    // the roles, and the nodes they are on with those nodes' ancestors (each node's path lists them,
    // itself last), from one scan of the person's roles
    .select(
      sql<{ roles: { id: string; org_id: string; role: Profile }[]; chain: ChainNode[] }>`(select json_build_object(
        'roles', coalesce(json_agg(json_build_object('id', r.id, 'org_id', r.org_id, 'role', r.role)), '[]'),
        'chain', (select coalesce(json_agg(json_build_object(
          'id', a.id, 'path', a.path, 'name', a.name, 'primary_color', a.primary_color, 'logo_url', a.logo_url, 'archived_at', a.archived_at)), '[]')
          from orgs a where a.tenant_id = u.tenant_id
            and a.id = any (string_to_array(string_agg(trim(both '/' from o.path), '/'), '/')::uuid[])))
        from role_assignments r join orgs o on o.tenant_id = r.tenant_id and o.id = r.org_id
        where r.tenant_id = u.tenant_id and r.user_id = u.id)`.as("access"),
    )
    // a partner organisation's person (partners module's tables): which partner, and whether it is running
    .select(
      sql<{ id: string; name: string; role: "manager" | "trainer" | "learner"; live: boolean } | null>`(select json_build_object('id', p.id, 'name', p.name, 'role', pp.role,
        'live', ${partnershipRunning})
        from partner_people pp join partners p on p.tenant_id = pp.tenant_id and p.id = pp.partner_id
        where pp.tenant_id = u.tenant_id and pp.user_id = u.id)`.as("partner"),
    )
    // partner courses (federation module's tables): the person joined one, or an agreement in force
    // (this platform's copy) opens the host's catalogue, courses to learn in, or (for teachers and
    // admins) courses to co-teach
    .select(
      sql<boolean>`(exists (select 1 from federation_enrolments fe where fe.tenant_id = u.tenant_id and fe.user_id = u.id)
        or exists (select 1 from federation_agreements fa where fa.tenant_id = u.tenant_id and fa.side = 'grantee' and fa.status = 'accepted'
          and current_date between fa.starts_on and fa.ends_on
          and (fa.browse or cardinality(fa.enrol_course_ids) > 0
            or (cardinality(fa.coteach_course_ids) > 0 and exists (select 1 from role_assignments r
              where r.tenant_id = u.tenant_id and r.user_id = u.id and r.role in ('teacher', 'admin'))))))`.as("partner_courses"),
    )
    .where("u.tenant_id", "=", tenantId);
}
type MeRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectMe>["executeTakeFirst"]>>>;

type Keys<K extends string> = Record<"tenantId" | K, string>;
// /me and sign-in run on every page load and every sign-in: built and compiled once
const meById = compiledOnce((db, v: Keys<"userId">) => selectMe(db, v.tenantId).where("u.id", "=", v.userId));

/** The session sign-in opens in its one statement, kept only if the password then proves right. */
export type Opening = { sessionId: string; tokenHash: string; csrfToken: string; userAgent: string | null; ip: string; expiresAt: string };

/**
 * Sign-in's statement: the account a login names (its username, else its e-mail address; usernames
 * are unique in a platform and an address may also be someone's username, which wins) with all
 * that /me shows of it, and a session opened for it if it may sign in at all (active, with a
 * password). Sign-in then keeps the session when argon2 says yes, and deletes it on any refusal:
 * the session is never handed out before, its token being only in the answer.
 */
const signInStatement = (byEmail: boolean) =>
  compiledOnce((db, v: Keys<"login" | "sessionId" | "tokenHash" | "csrfToken" | "userAgent" | "ip" | "expiresAt">) => {
    const q = db
      // the account, read once: the session and the answer both come from it
      .with("found", (d) => {
        const named = d.selectFrom("users").select(["tenant_id", ...ACCOUNT]).where("tenant_id", "=", v.tenantId).where("status", "!=", "importing");
        return byEmail
          ? named
              .where((eb) => eb.or([eb("username", "=", v.login), eb(sql`lower(email)`, "=", v.login)]))
              .orderBy(sql`username = ${v.login}`, "desc")
              .limit(1)
          : named.where("username", "=", v.login);
      })
      .with("opened", (d) =>
        d
          .insertInto("sessions")
          .columns(["tenant_id", "id", "user_id", "token_hash", "csrf_token", "user_agent", "ip", "last_seen_at", "expires_at"])
          .expression(
            d
              .selectFrom("found")
              .select([
                "tenant_id",
                sql<string>`${v.sessionId}::uuid`.as("id"),
                "id as user_id",
                sql<string>`${v.tokenHash}::text`.as("token_hash"),
                sql<string>`${v.csrfToken}::text`.as("csrf_token"),
                sql<string | null>`${v.userAgent}::text`.as("user_agent"),
                sql<string>`${v.ip}::text`.as("ip"),
                sql<Date>`now()`.as("last_seen_at"),
                sql<Date>`${v.expiresAt}::timestamptz`.as("expires_at"),
              ])
              .where("tenant_id", "=", v.tenantId)
              .where("status", "=", "active")
              .where("password_hash", "is not", null)
              // the session commits without waiting for the disk (PostgreSQL's synchronous_commit,
              // for this transaction only): a database crash in the next fraction of a second can
              // lose it, and its person signs in again; nothing else is written here
              .where(sql<boolean>`set_config('synchronous_commit', 'off', true) = 'off'`),
          )
          .returning("id"),
      );
    // the CTEs are invisible to selectMe's types, not to the statement
    return selectMe(q as unknown as Kysely<DB>, v.tenantId, "found").select(sql<boolean>`exists (select 1 from opened)`.as("session_opened"));
  });
const signInByUsername = signInStatement(false);
const signInByLogin = signInStatement(true);

/** The person, their roles and each role's node branding (from the nodes at and above each role's): one query. */
export async function loadMe(db: Kysely<DB>, tenantId: string, userId: string, csrfToken: string): Promise<Me> {
  const [user] = await meById(db, { tenantId, userId });
  if (!user) throw notFound();
  return toMe(user, csrfToken);
}

/** Sign-in's one statement (see signInStatement): the account, what /me shows, and whether a session was opened. */
export async function findMeOpeningSession(db: Kysely<DB>, tenantId: string, login: string, opening: Opening) {
  const l = login.toLowerCase();
  return (await (l.includes("@") ? signInByLogin : signInByUsername)(db, { tenantId, login: l, ...opening }))[0];
}

export function toMe(user: MeRow, csrfToken: string): Me {
  const byId = new Map(user.access.chain.map((o) => [o.id, o]));
  // in tree order, as the nodes' paths sort
  const active = user.access.roles
    .map((r) => ({ ...r, node: byId.get(r.org_id)! }))
    .filter((r) => !r.node.archived_at)
    .sort((a, b) => (a.node.path < b.node.path ? -1 : a.node.path > b.node.path ? 1 : 0));
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    givenName: user.given_name,
    familyName: user.family_name,
    profile: user.profile,
    locale: (user.locale as Me["locale"]) ?? null,
    isOperator: user.is_operator,
    isAdmin: active.some((r) => r.role === "admin"),
    partner: user.partner ? { id: user.partner.id, name: user.partner.name, role: user.partner.role } : null,
    partnerCourses: user.partner_courses,
    grants: active.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      orgName: r.node.name,
      role: r.role,
      branding: brandingFrom(pathIds(r.node.path).map((id) => byId.get(id)!).filter(Boolean)),
    })),
    csrfToken,
  };
}
