import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261125-40-federation.ts";
import * as m2 from "./migrations/20261126-10-federation-copies.ts";
import { federationRoutes } from "./routes.ts";

export { operatorScope } from "./use-cases/support-grants.ts";
export { decideAgreement } from "./use-cases/decide-agreement.ts";
export { joinPartnerCourse, markPartnerItemDone } from "./use-cases/partner-courses.ts";
export { proposeAgreement } from "./use-cases/propose-agreement.ts";

/**
 * Federation between independent platforms: agreements (browse, enrol, copy, co-teach) proposed
 * by the granting platform and accepted by the other, cross-platform courses served through one
 * audited door (remote.ts), and support grants that let a deployment operator in for a while.
 */
export const federationModule: Module = {
  name: "federation",
  migrations: { "20261125-40-federation": m1, "20261126-10-federation-copies": m2 },
  register: (app, k) => federationRoutes(app, k),
};
