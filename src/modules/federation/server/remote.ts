import type { Tenant, UserActor } from "../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../kernel/errors.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import {
  type AgreementRow,
  agreementsInForce,
  getAgreement,
  guestUserId,
  hostCatalogue,
  hostCourses,
  insertGuest,
  myEnrolments,
  personName,
  platformNames,
  tenantById,
  usernameTaken,
} from "./repo.ts";

/**
 * The one door from a platform into another's data. A person signed in on their home platform
 * (B) reaches a course of the host platform (A) only through `openHost`: it checks the host's own
 * copy of the agreement (accepted, today within its dates, this course named for this right), then
 * hands back an actor of the host platform standing for the person: a federated user with no
 * organisation role, so the host's usual rules (course membership) decide the rest and nothing
 * but the courses they joined is visible to it. Every use case that crosses platforms starts here.
 */
/** enrol: learn in the course; coteach: teach it; report: the home platform's admins follow their own people in it */
export type Right = "enrol" | "coteach" | "report";

export const inForce = (a: Pick<AgreementRow, "status" | "starts_on" | "ends_on">, today = new Date().toISOString().slice(0, 10)) =>
  a.status === "accepted" && a.starts_on <= today && today <= a.ends_on;

const courseIdsFor = (a: AgreementRow, right: Right) =>
  right === "enrol" ? a.enrol_course_ids : right === "coteach" ? a.coteach_course_ids : [...a.enrol_course_ids, ...a.coteach_course_ids];

/** Who may use a right: any person of the platform may learn; teachers and admins may co-teach. */
export const mayUse = (actor: UserActor, right: Right) => (right === "coteach" ? actor.grants.some((g) => g.role === "teacher" || g.role === "admin") : true);

export type HostAccess = { agreement: AgreementRow; host: Tenant };

/** 404 unless the host grants this right on this course to the actor's platform today. */
export async function openHost(k: Kernel, actor: UserActor, agreementId: string, courseId: string, right: Right): Promise<HostAccess> {
  const mine = await getAgreement(k.db, actor.tenant.id, agreementId);
  if (mine?.side !== "grantee") throw notFound();
  const host = await tenantById(k.db, mine.grantor_tenant_id);
  if (!host) throw notFound();
  // the grantor's copy is the grantor's word: a revocation on either side changes both copies together
  const theirs = await getAgreement(k.db, host.id, agreementId);
  if (!theirs || theirs.grantee_tenant_id !== actor.tenant.id || !inForce(theirs) || !courseIdsFor(theirs, right).includes(courseId)) throw notFound();
  if (!mayUse(actor, right)) throw new AppError("forbidden");
  return { agreement: theirs, host };
}

/**
 * The host's actor for the person: their federated user there, created on first use, labelled
 * with their home platform in its username (`anna@home`) and its family name (`Martin (Home)`).
 */
export async function guestActor(k: Kernel, actor: UserActor, host: Tenant, create: boolean): Promise<UserActor | null> {
  let id = await guestUserId(k.db, host.id, actor.tenant.id, actor.userId);
  if (!id) {
    if (!create) return null;
    const [me, [home]] = await Promise.all([personName(k.db, actor.tenant.id, actor.userId), platformNames(k.db, [actor.tenant.id])]);
    if (!me) throw notFound();
    const base = `${me.username.split("@")[0]}@${actor.tenant.slug}`.slice(0, 110);
    let username = base;
    for (let n = 2; await usernameTaken(k.db, host.id, username); n++) username = `${base}.${n}`;
    id = newId();
    const guest = {
      id,
      username,
      given_name: me.given_name,
      // the family name carries the home platform too, so every page of the host that names people labels them
      family_name: `${me.family_name} (${home?.name ?? actor.tenant.slug})`,
      profile: actor.profile === "learner" ? ("learner" as const) : ("teacher" as const),
    };
    await k.db.transaction().execute((trx) => insertGuest(trx, host.id, guest, { tenantId: actor.tenant.id, userId: actor.userId }));
  }
  return { kind: "user", tenant: host, userId: id, sessionId: "", profile: actor.profile === "learner" ? "learner" : "teacher", grants: [], isOperator: false };
}

/** openHost, then the guest actor (which must exist unless `create`). */
export async function asGuest(k: Kernel, actor: UserActor, agreementId: string, courseId: string, right: Right, create = false) {
  const access = await openHost(k, actor, agreementId, courseId, right);
  const guest = await guestActor(k, actor, access.host, create);
  if (!guest) throw notFound();
  return { ...access, guest };
}

/**
 * A co-teacher of a host course, the one door of every co-teaching route: the coteach right in
 * force today for this course and the person a teacher or admin at home (openHost), and the person
 * joined the course's teaching team (their home record says so). It hands back the host's actor
 * for them, whose course role there (teacher, given when they joined) lets the host's own use
 * cases (course page, marking, grading) decide as for any teacher of the course, and nothing
 * beyond that course. A revoked or expired agreement closes every co-teaching route at once;
 * what the person did stays on the host, under their name and home platform.
 */
export async function asCoTeacher(k: Kernel, actor: UserActor, agreementId: string, courseId: string) {
  const access = await openHost(k, actor, agreementId, courseId, "coteach");
  const joined = (await myEnrolments(k.db, actor.tenant.id, actor.userId)).some((e) => e.course_id === courseId && e.role === "teacher");
  if (!joined) throw notFound();
  const guest = await guestActor(k, actor, access.host, false);
  if (!guest) throw notFound();
  return { ...access, guest };
}

/**
 * The host courses open to the actor today, right by right: each agreement in force on the home
 * side is checked against the host's copy before the host's course titles are read, for the
 * granted ids only; with the browse right, the host's catalogue for everyone. Two to four queries per agreement.
 */
export async function grantedCourses(k: Kernel, actor: UserActor) {
  const mine = await agreementsInForce(k.db, actor.tenant.id);
  const names = new Map((await platformNames(k.db, [...new Set(mine.map((a) => a.grantor_tenant_id))])).map((p) => [p.id, p.name]));
  const out: { agreementId: string; courseId: string; platform: string; title: string; summary: string; role: "learner" | "teacher" | "browse" }[] = [];
  for (const a of mine) {
    const theirs = await getAgreement(k.db, a.grantor_tenant_id, a.id);
    if (!theirs || theirs.grantee_tenant_id !== actor.tenant.id || !inForce(theirs)) continue;
    const rights = (["enrol", "coteach"] as const).filter((r) => mayUse(actor, r) && courseIdsFor(theirs, r).length);
    const courses = await hostCourses(k.db, theirs.grantor_tenant_id, [...new Set(rights.flatMap((r) => courseIdsFor(theirs, r)))]);
    const platform = names.get(a.grantor_tenant_id) ?? "";
    for (const r of rights)
      for (const c of courses)
        if (courseIdsFor(theirs, r).includes(c.id))
          out.push({ agreementId: a.id, courseId: c.id, platform, title: c.title, summary: c.summary, role: r === "enrol" ? "learner" : "teacher" });
    // browsing: the host's catalogue for everyone (its root node's published courses), titles and summaries only
    if (theirs.browse) {
      const host = await tenantById(k.db, theirs.grantor_tenant_id);
      const listed = new Set(out.filter((o) => o.agreementId === a.id).map((o) => o.courseId));
      for (const c of host ? await hostCatalogue(k.db, host.id, host.rootOrgId) : [])
        if (!listed.has(c.id)) out.push({ agreementId: a.id, courseId: c.id, platform, title: c.title, summary: c.summary, role: "browse" });
    }
  }
  return out;
}
