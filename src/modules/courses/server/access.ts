import { type Kysely, type Selectable, sql } from "kysely";
import { type Actor, allowed, type PartnerReach, type UserActor } from "../../../kernel/auth/actor.ts";
import { compiledOnce } from "../../../kernel/db/compiled.ts";
import type { CourseRole, CoursesTable, DB } from "../../../kernel/db/schema.ts";
import { AppError, notFound } from "../../../kernel/errors.ts";

export type CourseRow = Omit<Selectable<CoursesTable>, "search"> & { org_path: string; org_name: string };

/** A course's columns but its search vector, which no use case reads and which grows with the description. */
const COURSE_COLUMNS = [
  "c.tenant_id",
  "c.id",
  "c.org_id",
  "c.title",
  "c.summary",
  "c.description_doc",
  "c.description_html",
  "c.language",
  "c.tags",
  "c.format",
  "c.status",
  "c.is_template",
  "c.visible_from",
  "c.visible_until",
  "c.self_enrol",
  "c.enrol_key_hash",
  "c.enrol_from",
  "c.enrol_until",
  "c.capacity",
  "c.outline_version",
  "c.created_by",
  "c.created_at",
  "c.updated_at",
] as const;

/** What a person may do in a course, from their course roles and their organisation roles. */
export type CourseAccess = {
  course: CourseRow;
  roles: CourseRole[];
  /** an admin of the course's organisation branch: manages it without being a member */
  orgAdmin: boolean;
  canView: boolean;
  canEdit: boolean;
  /** see learners' progress, take attendance, manage enrolments */
  canTeach: boolean;
  isLearner: boolean;
  /** teaches through a partnership: the course, yes; the platform's people, no */
  partnerTrainer?: boolean;
};

/**
 * A course is seen in the catalogue by people placed at or under its organisation node (a course
 * on the platform's root is for everyone on the platform); it is open to its members; a draft, an
 * archived course or one outside its visibility dates only to those who run it.
 */
export function accessOf(actor: UserActor, course: CourseRow, roles: CourseRole[], now = new Date()): CourseAccess {
  if (actor.partner) return partnerAccess(actor.partner, course, roles, now);
  const orgAdmin = allowed(actor, "org.manage", { orgPath: course.org_path });
  const editor = orgAdmin || roles.includes("manager") || roles.includes("teacher");
  const teacher = editor || roles.includes("assistant");
  const live =
    course.status === "published" &&
    (!course.visible_from || new Date(course.visible_from) <= now) &&
    (!course.visible_until || new Date(course.visible_until) > now);
  const inBranch = actor.grants.some((g) => g.path.startsWith(course.org_path));
  const member = roles.length > 0;
  // a template is a starting point for those who may create courses in its branch
  const templateUser =
    course.is_template &&
    course.status !== "archived" &&
    actor.grants.some((g) => (g.role === "teacher" || g.role === "admin") && (g.path.startsWith(course.org_path) || course.org_path.startsWith(g.path)));
  return {
    course,
    roles,
    orgAdmin,
    canView: teacher || templateUser || (live && (member || inBranch)),
    canEdit: editor,
    canTeach: teacher,
    isLearner: roles.includes("learner"),
  };
}

/** A course in a partner learner's part of the catalogue: a chosen course, or one under a chosen node. */
export const inPartnerCatalogue = (reach: PartnerReach, course: { id: string; org_path: string }) =>
  reach.enrolCourses.includes(course.id) || reach.enrolPaths.some((p) => course.org_path.startsWith(p));

/**
 * A partner organisation's person reaches only what the partnership names, whatever course
 * memberships they hold: a trainer teaches (edits) exactly the chosen courses, a learner sees the
 * chosen part of the catalogue when it is live; outside it nothing, not even a course they once
 * joined (their work stays, the host still sees it).
 */
function partnerAccess(reach: PartnerReach, course: CourseRow, roles: CourseRole[], now: Date): CourseAccess {
  const teaches = reach.teach.includes(course.id);
  const live =
    course.status === "published" &&
    (!course.visible_from || new Date(course.visible_from) <= now) &&
    (!course.visible_until || new Date(course.visible_until) > now);
  const learns = !teaches && live && inPartnerCatalogue(reach, course);
  return { course, roles: teaches || learns ? roles : [], orgAdmin: false, canView: teaches || learns, canEdit: teaches, canTeach: teaches, isLearner: learns && roles.includes("learner"), partnerTrainer: teaches };
}

/**
 * Who may create a course on a node (or copy one into it): an admin of the node's branch, or a
 * teacher placed at the node or above it.
 */
export function canCreateCourseIn(actor: UserActor, orgPath: string): boolean {
  return allowed(actor, "org.manage", { orgPath }) || actor.grants.some((g) => g.role === "teacher" && orgPath.startsWith(g.path));
}

type Keys = Record<"tenantId" | "userId" | "courseId", string>;

/** A course with its node and the actor's active roles in it. */
function selectCourse(db: Kysely<DB>, v: Keys) {
  return db
    .selectFrom("courses as c")
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
    .select(COURSE_COLUMNS)
    .select(["o.path as org_path", "o.name as org_name"])
    .select((eb) =>
      eb
        .selectFrom("course_members as m")
        .select((e) => e.fn.coalesce(e.fn.agg<CourseRole[]>("array_agg", ["m.role"]), e.val([] as CourseRole[])).as("r"))
        .whereRef("m.tenant_id", "=", "c.tenant_id")
        .whereRef("m.course_id", "=", "c.id")
        .where("m.user_id", "=", v.userId)
        .where("m.status", "=", "active")
        // outside their enrolment dates a member has no role (still one query)
        .where((e) => e.or([e("m.starts_at", "is", null), e("m.starts_at", "<=", sql<Date>`now()`)]))
        .where((e) => e.or([e("m.ends_at", "is", null), e("m.ends_at", ">", sql<Date>`now()`)]))
        .as("roles"),
    )
    .where("c.tenant_id", "=", v.tenantId)
    .where("c.id", "=", v.courseId);
}
// both run on most course requests: built and compiled once
const courseWithRoles = compiledOnce(selectCourse);
const courseWithProgress = compiledOnce((db, v: Keys) =>
  selectCourse(db, v).select(
    sql<ItemProgressRow[]>`(select coalesce(json_agg(json_build_object('id', p.item_id, 'viewed_at', p.viewed_at, 'done_at', p.done_at, 'position_seconds', p.position_seconds)), '[]')
        from item_progress p where p.tenant_id = c.tenant_id and p.user_id = ${v.userId} and p.course_id = c.id)`.as("progress"),
  ),
);
const keys = (actor: UserActor, courseId: string): Keys => ({ tenantId: actor.tenant.id, userId: actor.userId, courseId });

function accessFrom(actor: UserActor, row: (CourseRow & { roles: CourseRole[] | null }) | undefined): CourseAccess {
  if (!row) throw notFound();
  const { roles, ...course } = row;
  const access = accessOf(actor, course, roles ?? []);
  if (!access.canView) throw notFound();
  return access;
}

/** Loads a course with the actor's active roles in it (one query); 404 when it may not be seen. */
export async function loadCourse(db: Kysely<DB>, actor: Actor, courseId: string): Promise<CourseAccess> {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  return accessFrom(actor, (await courseWithRoles(db, keys(actor, courseId)))[0]);
}

export type ItemProgressRow = { id: string; viewed_at: string | null; done_at: string | null; position_seconds: number | null };

/** The course page's loadCourse: the person's progress on the course's items comes in the same query. */
export async function loadCourseWithProgress(db: Kysely<DB>, actor: Actor, courseId: string): Promise<{ access: CourseAccess; progress: ItemProgressRow[] }> {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const [row] = await courseWithProgress(db, keys(actor, courseId));
  if (!row) throw notFound();
  const { progress, ...course } = row;
  return { access: accessFrom(actor, course), progress };
}

/** The first step of a course use case: 404 if invisible, 403 if visible but not allowed. */
export function requireCourse(a: CourseAccess, need: "view" | "edit" | "teach") {
  const ok = need === "view" ? a.canView : need === "edit" ? a.canEdit : a.canTeach;
  if (!ok) throw new AppError("forbidden");
}
