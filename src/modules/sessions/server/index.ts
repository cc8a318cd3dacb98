import { setDisplayTimeZone } from "./notify.ts";
import type { Module } from "../../../kernel/module.ts";
import { setCourseSessionsProvider } from "../../courses/server/index.ts";
import * as m1 from "./migrations/20261122-50-course-sessions.ts";
import { presentSession } from "./present.ts";
import { startReminderScheduler } from "./reminders.ts";
import { listCourseSessions } from "./repo.ts";
import { sessionRoutes } from "./routes.ts";
import { actorId } from "./use-cases/list-sessions.ts";

export { loadSessionDemo } from "./demo.ts";
export { sendDueReminders } from "./reminders.ts";
export { DISPLAY_TIME_ZONE } from "./notify.ts";

/**
 * Blended learning: sessions in a course, registrations with waiting list and approval,
 * confirmation and reminder mails with calendar invitations, attendance and its PDF sheet.
 * The reminder scheduler runs in every server process (claims make that safe) but not under
 * tests, which call sendDueReminders themselves.
 */
export const sessionsModule: Module = {
  name: "sessions",
  migrations: { "20261122-50-course-sessions": m1 },
  register(app, k) {
    sessionRoutes(app, k);
    // the course's catalogue page lists its upcoming sessions (the course module checked the actor may see it)
    setCourseSessionsProvider(async (k, actor, courseId) => {
      const now = new Date();
      const rows = await listCourseSessions(k.db, actor.tenant!.id, courseId, actorId(actor));
      return rows.filter((r) => new Date(r.ends_at) >= now).map((r) => presentSession(r, now));
    });
    setDisplayTimeZone(k.config.TIME_ZONE);
    if (process.env.VITEST || !k.config.SESSION_REMINDERS) return;
    const stop = startReminderScheduler(k, (e) => app.log.error({ err: e }, "session reminders failed"));
    app.addHook("onClose", async () => stop());
  },
};
