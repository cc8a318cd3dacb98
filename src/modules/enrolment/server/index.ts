import type { Kysely } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261122-40-enrolment.ts";
import * as m2 from "./migrations/20261122-60-programme-self-enrol.ts";
import { enrolmentRoutes } from "./routes.ts";
import { type SyncScope, syncRules, tenantsWithRules } from "./sync.ts";

export { itemAvailable, parseItemCondition, progressOf } from "./completion.ts";
export { afterFirstView, recordItemView } from "./use-cases/record-view.ts";
export { applyGradedCompletion } from "./graded.ts";
export { upsertMember } from "./repo.ts";
export { setDone } from "./use-cases/mark-done.ts";
export { addMembers } from "./use-cases/add-members.ts";
export { selfEnrol } from "./use-cases/self-enrol.ts";
export { updateEnrolmentSettings } from "./use-cases/enrolment-settings.ts";
export { progressTable } from "./use-cases/progress-table.ts";
export type { SyncScope } from "./sync.ts";

/** How often every platform's node rules are re-applied in full (a safety net: changes of roles sync at once). */
const RESYNC_MS = 60 * 60_000;

/**
 * Keeps node enrolment rules true after people's roles changed (grant, revoke, import): call it
 * with the people concerned, or with no scope for the whole platform. Two statements.
 */
export function syncEnrolmentRules(db: Kysely<DB>, tenantId: string, scope: SyncScope = {}) {
  return syncRules(db, tenantId, scope);
}

/** Enrolment (methods, node rules, CSV), completion and progress, programmes. */
export const enrolmentModule: Module = {
  name: "enrolment",
  migrations: { "20261122-40-enrolment": m1, "20261122-60-programme-self-enrol": m2 },
  register(app, k) {
    enrolmentRoutes(app, k);
    const timer = setInterval(async () => {
      try {
        for (const tenantId of await tenantsWithRules(k.db)) await syncRules(k.db, tenantId);
      } catch (e) {
        app.log.error({ err: e }, "enrolment rules resync failed");
      }
    }, RESYNC_MS);
    timer.unref();
    app.addHook("onClose", async () => clearInterval(timer));
  },
};
