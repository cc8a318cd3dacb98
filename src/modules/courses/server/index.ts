import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261122-10-courses.ts";
import * as m2 from "./migrations/20261122-70-outline-version.ts";
import * as m3 from "./migrations/20261124-90-search-index-direct.ts";
import { courseRoutes } from "./routes.ts";

export { addActivityItem } from "./activity-item.ts";
export { firstSection } from "./repo.ts";
export { accessOf, canCreateCourseIn, type CourseAccess, type CourseRow, loadCourse, requireCourse } from "./access.ts";
export { applyContentChanges, type ContentChanges, type CourseContent, type CourseSettingsSource, type ContentItem, insertCourseWithContent, readContent, readSettings, writeContent } from "./content.ts";
export {
  type AssignmentSettings,
  type CarriedAssignment,
  type CarriedQuestion,
  type CarriedQuiz,
  type ExtrasHandler,
  type ExtrasTarget,
  type ItemExtras,
  type QuizSettings,
  readItemExtras,
  setItemExtras,
  withItemExtras,
  writeItemExtras,
} from "./extras.ts";
export { type ItemFileCheck, setItemFileCheck } from "./item-kinds.ts";
export { type CourseSessionsProvider, setCourseSessionsProvider } from "./use-cases/get-course-about.ts";
export { addItem } from "./use-cases/add-item.ts";
export { getCourse } from "./use-cases/get-course.ts";
export { getItem } from "./use-cases/get-item.ts";
export { listMembers } from "./use-cases/list-members.ts";
export { addSection } from "./use-cases/add-section.ts";
export { createCourse } from "./use-cases/create-course.ts";
export { updateCourse } from "./use-cases/update-course.ts";
export { updateItem } from "./use-cases/update-item.ts";

/** Courses: sections and items, course roles, catalogue, copies and templates. */
export const coursesModule: Module = {
  name: "courses",
  migrations: { "20261122-10-courses": m1, "20261122-70-outline-version": m2, "20261124-90-search-index-direct": m3 },
  register: (app, k) => courseRoutes(app, k),
};
