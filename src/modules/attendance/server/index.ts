import { registerFileReferences } from "../../../kernel/files/index.ts";
import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261125-10-attendance.ts";
import "./notices.ts";
import { attendanceRoutes } from "./routes.ts";
import { fileInVisibleMark } from "./use-cases/absences.ts";

export { loadAttendanceDemo } from "./demo.ts";

/**
 * Attendance and school life (vie scolaire): timetables per class (by hand, CSV, iCalendar), roll
 * calls per lesson, absences justified by parents and decided by staff, counts and export. Built
 * on the school module's classes, subjects, teachings and parent links.
 */
export const attendanceModule: Module = {
  name: "attendance",
  migrations: { "20261125-10-attendance": m1 },
  register(app, k) {
    // a document sent with a justification is readable by whoever sees the absence
    registerFileReferences("attendance", (db, actor, file) => fileInVisibleMark(db, actor, file.id));
    attendanceRoutes(app, k);
  },
};
