import type { Module } from "../../../kernel/module.ts";
import * as m1 from "./migrations/20261125-91-partners.ts";
import { partnersRoutes } from "./routes.ts";

export { acceptPartnerInvitation } from "./use-cases/invitation.ts";
export { invitePartner } from "./use-cases/invite-partner.ts";
export { addPartnerPerson } from "./use-cases/my-partner.ts";

/**
 * Partners: outside organisations invited to work inside this platform with limited rights — its
 * trainers teach chosen courses, its learners enrol in a chosen part of the catalogue. What they
 * reach is loaded with each person's facts (accounts) and applied by the courses' access rules.
 */
export const partnersModule: Module = {
  name: "partners",
  migrations: { "20261125-91-partners": m1 },
  register(app, k) {
    partnersRoutes(app, k);
  },
};
