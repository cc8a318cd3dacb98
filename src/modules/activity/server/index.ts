import { route } from "../../../kernel/http/route.ts";
import type { Module } from "../../../kernel/module.ts";
import { recordPageView as contract } from "../shared/contract.ts";
import { recordPageView } from "./use-cases/record-page-view.ts";

/** Usage events reported by the web client. Later issues turn the event log into xAPI and indicators. */
export const activityModule: Module = {
  name: "activity",
  migrations: {},
  register(app, k) {
    route(app, contract, async ({ actor, body }) => {
      recordPageView(k, actor, body.path);
      return { ok: true as const };
    });
  },
};
