import { sql } from "kysely";
import { type Locale, t } from "../../../kernel/i18n.ts";
import { layoutMail } from "../../../kernel/mail.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { eachLimit, enqueueJob, mailablePeople, notifyUsers, platformContext, registerJob } from "../../notifications/server/index.ts";
import { guardiansOf, markQuery } from "./repo.ts";

/**
 * Parents hear of a child's new absence and of the decision on their justification, in the app
 * and by mail in their language. Like a grade release it concerns their own child, so it is sent
 * whatever their forum-notification preferences. The request only queues a job.
 */
export async function noticeAbsences(k: Kernel, tenantId: string, markIds: string[]) {
  if (markIds.length) await enqueueJob(k, tenantId, "attendance-notice", { markIds, kind: "absence.new" });
}

export async function noticeDecision(k: Kernel, tenantId: string, markId: string) {
  await enqueueJob(k, tenantId, "attendance-notice", { markIds: [markId], kind: "absence.decided" });
}

const URL_PATH = "/attendance/absences";
const dayText = (locale: Locale, day: string) =>
  new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));

registerJob("attendance-notice", async (k, tenantId, payload) => {
  const kind = payload.kind as "absence.new" | "absence.decided";
  const marks = await markQuery(k.db, tenantId)
    .where("m.id", "=", sql<string>`any(${payload.markIds as string[]}::uuid[])`)
    .execute();
  // a mark corrected away before the job ran tells no one
  const current = marks.filter((m) => (kind === "absence.new" ? m.status === "absent" : m.justification === "accepted" || m.justification === "refused"));
  if (current.length === 0) return;
  const links = await guardiansOf(
    k.db,
    tenantId,
    current.map((m) => m.pupil_id),
  );
  const ctx = await platformContext(k, tenantId);
  const people = await mailablePeople(
    k,
    tenantId,
    links.map((g) => g.parent_id),
  );
  for (const m of current) {
    const parents = links.filter((g) => g.child_id === m.pupil_id).map((g) => g.parent_id);
    const params = { child: m.pupil_name, day: m.day, subject: m.subject_name, decision: m.justification };
    await notifyUsers(k, tenantId, parents, { kind, params, url: URL_PATH });
    await eachLimit(
      people.filter((p) => parents.includes(p.id)),
      8,
      (p) => {
        const v = {
          name: p.given_name,
          child: m.pupil_name,
          day: dayText(p.locale, m.day),
          start: m.starts_at,
          subject: m.subject_name,
          platform: ctx.brand.platformName,
        };
        const key = kind === "absence.new" ? "absent" : m.justification;
        const { html, text } = layoutMail(ctx.brand, {
          title: t(p.locale, `mail.attendance.${key}Title`, v),
          lines: [
            t(p.locale, "mail.attendance.hello", v),
            t(p.locale, `mail.attendance.${key}Body`, v),
            ...(kind === "absence.decided" && m.decision_comment ? [t(p.locale, "mail.attendance.comment", { comment: m.decision_comment })] : []),
          ],
          action: { label: t(p.locale, kind === "absence.new" ? "mail.attendance.justify" : "mail.attendance.open"), url: `${ctx.base}${URL_PATH}` },
          footer: t(p.locale, "mail.attendance.footer", v),
        });
        return k.mailer.send({
          tenantId,
          to: p.email,
          subject: t(p.locale, `mail.attendance.${key}Subject`, v),
          html,
          text,
          headers: { "Auto-Submitted": "auto-generated" },
        });
      },
    );
  }
  k.record({ tenantId, actorId: null, verb: "notified", objectType: "attendance-mark", objectId: current[0]!.id, context: { kind, marks: current.length } });
});
