import { sql } from "kysely";
import { t } from "../../../kernel/i18n.ts";
import { layoutMail } from "../../../kernel/mail.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { eachLimit, enqueueJob, mailablePeople, notifyUsers, platformContext, registerJob } from "../../notifications/server/index.ts";
import { brandingOf } from "../../orgs/server/index.ts";
import { themeFor } from "../../orgs/shared/branding.ts";

/** What produced the grades: the course item's page the learner is sent to. */
export type ReleasedItem = { kind: "assignment" | "quiz"; courseId: string; itemId: string };

const MAIL_CHUNK = 200;
const pathOf = (i: ReleasedItem) => `/courses/${i.courseId}/${i.kind === "quiz" ? "quizzes" : "assignments"}/${i.itemId}`;

/**
 * Tells learners their grade is available (an assignment's grades released, a quiz's marks shown
 * once a person graded the essays, or at closing). The request only queues one job per 200
 * people; the job writes the in-app notifications and mails each person in their language,
 * with the course's organisation's branding. Like a submission receipt it concerns the learner's
 * own work, so it is sent whatever their forum-notification preferences.
 */
export async function notifyGradesReleased(k: Kernel, tenantId: string, item: ReleasedItem, userIds: string[]) {
  const users = [...new Set(userIds)];
  for (let i = 0; i < users.length; i += MAIL_CHUNK) await enqueueJob(k, tenantId, "grades-released", { ...item, userIds: users.slice(i, i + MAIL_CHUNK) });
}

registerJob("grades-released", async (k, tenantId, payload) => {
  const item = payload as unknown as ReleasedItem & { userIds: string[] };
  const row = await k.db
    .selectFrom("course_items as i")
    .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "i.tenant_id").onRef("c.id", "=", "i.course_id"))
    .innerJoin("orgs as o", (j) => j.onRef("o.tenant_id", "=", "c.tenant_id").onRef("o.id", "=", "c.org_id"))
    .select(["i.title", "c.title as course", "o.path"])
    .where("i.tenant_id", "=", tenantId)
    .where("i.id", "=", item.itemId)
    .where("i.course_id", "=", item.courseId)
    .executeTakeFirst();
  if (!row) return;
  // only people still in the course hear about it
  const members = await k.db
    .selectFrom("course_members")
    .select("user_id")
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", item.courseId)
    .where("status", "=", "active")
    .where("user_id", "=", sql<string>`any(${item.userIds}::uuid[])`)
    .execute();
  const to = members.map((m) => m.user_id);
  if (to.length === 0) return;
  const path = pathOf(item);
  await notifyUsers(k, tenantId, to, { kind: "grade.released", params: { item: row.title, course: row.course }, url: path });
  const [people, ctx, b] = await Promise.all([mailablePeople(k, tenantId, to), platformContext(k, tenantId), brandingOf(k.db, tenantId, row.path)]);
  const theme = themeFor(b.primaryColor);
  const brand = { platformName: b.platformName, color: theme.primary, onColor: theme.onPrimary, logoUrl: b.logoUrl };
  await eachLimit(people, 8, (p) => {
    const v = { name: p.given_name, item: row.title, course: row.course, platform: b.platformName };
    const { html, text } = layoutMail(brand, {
      title: t(p.locale, "mail.grades.title", v),
      lines: [t(p.locale, "mail.grades.hello", v), t(p.locale, item.kind === "quiz" ? "mail.grades.quizBody" : "mail.grades.assignmentBody", v)],
      action: { label: t(p.locale, "mail.grades.action"), url: `${ctx.base}${path}` },
      footer: t(p.locale, "mail.grades.footer", v),
    });
    return k.mailer.send({
      tenantId,
      to: p.email,
      subject: t(p.locale, "mail.grades.subject", v),
      html,
      text,
      headers: { "Auto-Submitted": "auto-generated" },
    });
  });
  k.record({ tenantId, actorId: null, verb: "notified", objectType: item.kind, objectId: item.itemId, context: { grades: to.length, email: people.length } });
});
