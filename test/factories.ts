import { type Insertable, sql } from "kysely";
import { hashPassword } from "../src/kernel/auth/password.ts";
import type { CourseItemsTable, CoursesTable, Profile } from "../src/kernel/db/schema.ts";
import { newId } from "../src/kernel/ids.ts";
import type { Kernel } from "../src/kernel/module.ts";
import { insertPerson } from "../src/modules/accounts/server/index.ts";
import { type ForumPostNotice, recordForumPost } from "../src/modules/notifications/server/index.ts";
import { insertOrg } from "../src/modules/orgs/server/index.ts";
import { addOperator, createPlatformRecords } from "../src/modules/platforms/server/index.ts";

export const PASSWORD = "correct horse battery";
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));

/** A platform reached at <slug>.localhost and /p/<slug>, with its admin `<slug>-admin`. */
export async function makePlatform(k: Kernel, slug: string, opts: { operator?: boolean; color?: string; hostnames?: string[]; parentId?: string } = {}) {
  const r = await createPlatformRecords(k, {
    parentId: opts.parentId ?? null,
    name: `Plateforme ${slug}`,
    slug,
    hostnames: opts.hostnames ?? [`${slug}.localhost`],
    defaultLocale: "fr",
    primaryColor: opts.color ?? null,
    admin: { username: `${slug}-admin`, email: `admin@${slug}.test`, givenName: "Ada", familyName: slug.toUpperCase(), password: PASSWORD },
  });
  if (opts.operator) await addOperator(k.db, r.tenantId, r.adminId);
  return { ...r, slug, host: `${slug}.localhost`, adminLogin: `${slug}-admin` };
}

export async function makeOrg(k: Kernel, tenantId: string, parent: { id: string; path: string }, name: string, kind = "department") {
  const id = newId();
  const path = `${parent.path}${id}/`;
  await insertOrg(k.db, tenantId, { id, parent_id: parent.id, path, name, kind, code: null, primary_color: null, logo_url: null });
  return { id, path, name };
}

export const rootOf = (p: { rootOrgId: string }) => ({ id: p.rootOrgId, path: `/${p.rootOrgId}/` });

export async function makeUser(k: Kernel, tenantId: string, orgId: string, username: string, profile: Profile = "learner", email?: string) {
  const id = await insertPerson(k.db, tenantId, {
    username,
    email: email ?? `${username}@example.test`,
    givenName: username,
    familyName: "Test",
    profile,
    orgId,
    passwordHash: await passwordHash(),
  });
  return { id, username };
}

/**
 * A course straight in the database (the courses module's own tests go through its API): its
 * members by role, then one empty section a title, in order.
 */
export async function makeCourse(
  k: Kernel,
  tenantId: string,
  course: Omit<Insertable<CoursesTable>, "tenant_id" | "id">,
  people: { managers?: string[]; teachers?: string[]; learners?: string[]; sections?: string[] } = {},
) {
  const id = newId();
  await k.db
    .insertInto("courses")
    .values({ tenant_id: tenantId, id, ...course })
    .execute();
  const members = [
    ...(people.managers ?? []).map((userId) => ({ userId, role: "manager" as const })),
    ...(people.teachers ?? []).map((userId) => ({ userId, role: "teacher" as const })),
    ...(people.learners ?? []).map((userId) => ({ userId, role: "learner" as const })),
  ];
  if (members.length)
    await k.db
      .insertInto("course_members")
      .values(members.map((m) => ({ tenant_id: tenantId, id: newId(), course_id: id, user_id: m.userId, role: m.role })))
      .execute();
  const sectionIds = (people.sections ?? []).map(() => newId());
  if (sectionIds.length)
    await k.db
      .insertInto("course_sections")
      .values(sectionIds.map((sid, position) => ({ tenant_id: tenantId, id: sid, course_id: id, position, title: people.sections![position] })))
      .execute();
  return { id, sectionIds };
}

/** Items at the end of an empty course section, in order, straight in the database; their ids. */
export async function makeItems(
  k: Kernel,
  tenantId: string,
  at: { courseId: string; sectionId: string },
  items: Omit<Insertable<CourseItemsTable>, "tenant_id" | "id" | "course_id" | "section_id" | "position">[],
) {
  const rows = items.map((item, position) => ({ tenant_id: tenantId, id: newId(), course_id: at.courseId, section_id: at.sectionId, position, ...item }));
  await k.db.insertInto("course_items").values(rows).execute();
  return rows.map((r) => r.id);
}

/** A standard forum in a course with one thread, straight in the database (the forums module's own tests go through its API). */
export async function makeCourseForum(k: Kernel, tenantId: string, courseId: string, authorId: string, title = "Forum du cours") {
  const forumId = newId();
  const threadId = newId();
  await k.db.insertInto("forums").values({ tenant_id: tenantId, id: forumId, course_id: courseId, kind: "standard", title }).execute();
  await k.db.insertInto("forum_threads").values({ tenant_id: tenantId, id: threadId, forum_id: forumId, author_id: authorId, title }).execute();
  return { forumId, threadId };
}

/** A visible post in a thread, recorded in the notification feed as the forums hook records a real post. */
export async function makeForumPost(k: Kernel, tenantId: string, post: ForumPostNotice & { authorId: string }) {
  await k.db
    .insertInto("forum_posts")
    .values({
      tenant_id: tenantId,
      id: post.postId,
      thread_id: post.threadId,
      forum_id: post.forumId,
      author_id: post.authorId,
      body_doc: JSON.stringify({ type: "doc", content: [] }),
      body_html: "",
      body_plain: post.excerpt,
      search: sql`to_tsvector('simple', ${post.excerpt})`,
    })
    .execute();
  await recordForumPost(k, tenantId, post);
}

/** A one-page PDF with a line of text, made like any PDF a person would upload. */
export async function makePdf(text: string): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4" });
  const parts: Buffer[] = [];
  doc.on("data", (c: Buffer) => parts.push(c));
  const done = new Promise<Buffer>((r) => doc.on("end", () => r(Buffer.concat(parts))));
  doc.fontSize(14).text(text);
  doc.end();
  return done;
}
