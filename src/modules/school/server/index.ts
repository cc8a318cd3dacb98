import { registerFileReferences } from "../../../kernel/files/index.ts";
import type { Module } from "../../../kernel/module.ts";
import { fileInVisibleEntry } from "./diary-repo.ts";
import * as m1 from "./migrations/20261124-50-school.ts";
import * as m2 from "./migrations/20261124-51-diary.ts";
import * as m3 from "./migrations/20261125-50-diary-readers.ts";
import { schoolRoutes } from "./routes.ts";

export { managesPath, staffOver, staffPaths, teachesIn } from "./access.ts";
export { localize, type Problem, readTable, readUpload, type Upload } from "./csv-file.ts";
export { findByLogins } from "./people-lookup.ts";
export { type GuardianScope, syncGuardianPlaces } from "./guardian-places.ts";
export { childrenTeachersSql } from "./relations.ts";
export { childClassIds, getClassRow, placesOf, pupilsOf } from "./repo.ts";
export { loadVisibleClass } from "./use-cases/get-class.ts";
export { loadDiaryDemo } from "./diary-demo.ts";

/**
 * School workspace: classes (organisation nodes of kind 'class'), subjects, teachers per class
 * and subject, parents linked to pupils (CSV import, emailed invitations), homework diary.
 */
export const schoolModule: Module = {
  name: "school",
  migrations: { "20261124-50-school": m1, "20261124-51-diary": m2, "20261125-50-diary-readers": m3 },
  register(app, k) {
    // a file attached to a diary entry is readable by whoever sees the entry's class
    registerFileReferences("school-diary", (db, actor, file) => fileInVisibleEntry(db, actor, file.id));
    schoolRoutes(app, k);
  },
};
