import type { Actor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { brandingOf } from "../../../orgs/server/index.ts";
import { themeFor } from "../../../orgs/shared/branding.ts";
import { attendanceSheet } from "../pdf.ts";
import { findCourseSession, listRegistrationRows } from "../repo.ts";
import { NOBODY } from "./list-sessions.ts";

/** The attendance sheet of a session as PDF (teachers): people holding a seat, with status and signature. */
export async function attendanceSheetPdf(k: Kernel, actor: Actor, courseId: string, sessionId: string, locale: Locale, opts: { compress?: boolean } = {}) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  const tenantId = actor.tenant!.id;
  const s = await findCourseSession(k.db, tenantId, courseId, sessionId, NOBODY);
  if (!s) throw notFound();
  const [rows, b] = await Promise.all([listRegistrationRows(k.db, tenantId, sessionId), brandingOf(k.db, tenantId, a.course.org_path)]);
  const pdf = await attendanceSheet(
    {
      platformName: b.platformName,
      color: themeFor(b.primaryColor).primary,
      courseTitle: a.course.title,
      session: { title: s.title, kind: s.kind, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), place: s.place, videoUrl: s.video_url },
      people: rows
        .filter((r) => r.status === "approved")
        .map((r) => ({ name: `${r.family_name} ${r.given_name}`, status: r.a_status, signature: r.a_signature, signedOnPaper: !!r.a_signed_on_paper })),
      generatedAt: new Date(),
    },
    locale,
    opts,
  );
  return { pdf, filename: `attendance-${s.starts_at instanceof Date ? s.starts_at.toISOString().slice(0, 10) : String(s.starts_at).slice(0, 10)}.pdf` };
}
