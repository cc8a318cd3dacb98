import type { Migration } from "kysely";
import type { Module } from "../kernel/module.ts";
import * as events from "../kernel/events/migration.ts";
import * as jobs from "../kernel/jobs-migration.ts";
import * as signingKeys from "../kernel/auth/signing-keys-migration.ts";
import { accountsModule } from "../modules/accounts/server/index.ts";
import { activityModule } from "../modules/activity/server/index.ts";
import { coursesModule } from "../modules/courses/server/index.ts";
import { directoryModule } from "../modules/directory/server/index.ts";
import { enrolmentModule } from "../modules/enrolment/server/index.ts";
import { filesModule } from "../modules/files/server/index.ts";
import { orgsModule } from "../modules/orgs/server/index.ts";
import { platformsModule } from "../modules/platforms/server/index.ts";
import { quizzesModule } from "../modules/quizzes/server/index.ts";
import { qtiModule } from "../modules/qti/server/index.ts";
import { sessionsModule } from "../modules/sessions/server/index.ts";
import { groupsModule } from "../modules/groups/server/index.ts";
import { rubricsModule } from "../modules/rubrics/server/index.ts";
import { assignmentsModule } from "../modules/assignments/server/index.ts";
import { questionsModule } from "../modules/questions/server/index.ts";
import { gradebookModule } from "../modules/gradebook/server/index.ts";
import { richTextModule } from "../modules/richtext/server/index.ts";
import { notificationsModule } from "../modules/notifications/server/index.ts";
import { mailingModule } from "../modules/mailing/server/index.ts";
import { messagesModule } from "../modules/messages/server/index.ts";
import { forumsModule } from "../modules/forums/server/index.ts";
import { reviewsModule } from "../modules/reviews/server/index.ts";
import { schoolModule } from "../modules/school/server/index.ts";
import { ssoModule } from "../modules/sso/server/index.ts";
import { federationModule } from "../modules/federation/server/index.ts";
import { attendanceModule } from "../modules/attendance/server/index.ts";
import { portalModule } from "../modules/portal/server/index.ts";
import { idpModule } from "../modules/idp/server/index.ts";
import { libraryModule } from "../modules/library/server/index.ts";
import { reportingModule } from "../modules/reporting/server/index.ts";
import { partnersModule } from "../modules/partners/server/index.ts";

/** Every feature module, in registration order (platform resolution, then sessions, then features). */
export function allModules(opts: { setupCode?: string } = {}) {
  const platforms = platformsModule(opts);
  const modules: Module[] = [platforms, orgsModule, accountsModule, directoryModule, activityModule, coursesModule, richTextModule, filesModule, enrolmentModule, sessionsModule, groupsModule, rubricsModule, assignmentsModule, questionsModule, gradebookModule, quizzesModule, qtiModule, forumsModule, reviewsModule, notificationsModule, mailingModule, messagesModule, schoolModule, ssoModule, federationModule, attendanceModule, portalModule, idpModule, libraryModule, reportingModule, partnersModule];
  return { modules, platforms };
}

export function allMigrations(modules: Module[]): Record<string, Migration> {
  const all: Record<string, Migration> = Object.assign({ "20261122-05-events": events, "20261125-70-jobs": jobs, "20261125-90-signing-keys": signingKeys }, ...modules.map((m) => m.migrations));
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
}
