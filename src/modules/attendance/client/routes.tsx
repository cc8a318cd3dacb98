import { type AnyRoute, createRoute, lazyRouteComponent } from "@tanstack/react-router";
import { pupilDaySlots, teacherDaySlots } from "../../school/client/day.tsx";
import { PupilAttendanceSlot, TeacherAttendanceSlot } from "./day-slot.tsx";

// the entry page shows today's lessons, and to parents the absences still to justify
pupilDaySlots.push(PupilAttendanceSlot);
teacherDaySlots.push(TeacherAttendanceSlot);

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** Attendance and school life: timetables, roll calls, absences, counts, timetable import. */
export const attendanceRoutes = (parent: AnyRoute) => [
  createRoute({
    getParentRoute: () => parent,
    path: "/attendance",
    validateSearch: (s: Record<string, unknown>) => ({ view: str(s.view), start: str(s.start) }),
    component: lazyRouteComponent(() => import("./timetable.tsx"), "TimetablePage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/attendance/roll/$lessonId/$day",
    component: lazyRouteComponent(() => import("./roll-call.tsx"), "RollCallPage"),
  }),
  createRoute({
    getParentRoute: () => parent,
    path: "/attendance/absences",
    validateSearch: (s: Record<string, unknown>) => ({ show: str(s.show) }),
    component: lazyRouteComponent(() => import("./absences.tsx"), "AbsencesPage"),
  }),
  createRoute({ getParentRoute: () => parent, path: "/attendance/counts", component: lazyRouteComponent(() => import("./counts.tsx"), "CountsPage") }),
  createRoute({ getParentRoute: () => parent, path: "/attendance/import", component: lazyRouteComponent(() => import("./import.tsx"), "TimetableImportPage") }),
];
