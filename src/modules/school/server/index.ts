import { registerFileReferences } from "../../../kernel/files/index.ts";
import type { Module } from "../../../kernel/module.ts";
import { fileInVisibleEntry } from "./diary-repo.ts";
import * as m1 from "./migrations/20261124-50-school.ts";
import * as m2 from "./migrations/20261124-51-diary.ts";
import { schoolRoutes } from "./routes.ts";

export { childrenTeachersSql } from "./relations.ts";
export { localize, type Problem, readTable } from "./csv-file.ts";

/**
 * School workspace: classes (organisation nodes of kind 'class'), subjects, teachers per class
 * and subject, parents linked to pupils (CSV import, emailed invitations), homework diary.
 */
export const schoolModule: Module = {
  name: "school",
  migrations: { "20261124-50-school": m1, "20261124-51-diary": m2 },
  register(app, k) {
    // a file attached to a diary entry is readable by whoever sees the entry's class
    registerFileReferences("school-diary", (db, actor, file) => fileInVisibleEntry(db, actor, file.id));
    schoolRoutes(app, k);
  },
};
